"""Screens as pictures: home, details, actor and help at 80x24 and 120x40.

Update after an intended change with ``pytest tests/tui/test_snapshots.py --snapshot-update``
and look at the report before committing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from .helpers import make_app

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
SnapCompare = Callable[..., bool]


async def _settle(pilot: Pilot[Any]) -> None:
    await pilot.pause(0.2)


@pytest.mark.parametrize("size", SIZES)
def test_home(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=_settle)


@pytest.mark.parametrize("size", SIZES)
def test_details(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    keys = ["j"] * 32 + ["enter"]  # Peskov's "Assolutamente no." quote
    assert snap_compare(make_app(), terminal_size=size, press=keys, run_before=_settle)


@pytest.mark.parametrize("size", SIZES)
def test_actor(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    keys = ["a", *"peskov", "enter"]
    assert snap_compare(make_app(), terminal_size=size, press=keys, run_before=_settle)


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(), terminal_size=size, press=["question_mark"], run_before=_settle)


def test_filtered_and_searched(snap_compare: SnapCompare) -> None:
    keys = ["f", *"putin", "enter", "slash", *"truppe", "enter"]
    assert snap_compare(make_app(), terminal_size=(120, 40), press=keys, run_before=_settle)
