"""The TUI tests run as in a true-colour terminal, whatever the terminal running them says
(``TERM=xterm`` would give 16 colours); the tests of 16 colours ask for them themselves.
``story`` is a copy of the small story for the tests that write the user's files beside it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ..conftest import SMALL


@pytest.fixture(autouse=True)
def true_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLORTERM", "truecolor")


@pytest.fixture()
def story(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the small story in a temporary folder, with the user's data folder there too:
    its sidecar and settings are written there, never beside the repository's data."""
    monkeypatch.setenv("TIMELINE_EXPLORER_DATA", str(tmp_path / "user-data"))
    target = tmp_path / "story.yaml"
    shutil.copyfile(SMALL, target)
    return target
