"""The fast path (yaml-rs) gives the reference path's model, or steps aside for it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline_explorer.data import bundled_events_path
from timeline_explorer.dump import dump_yaml
from timeline_explorer.fastload import load_fast, parser_available
from timeline_explorer.loader import LoadError, load_paths, load_text

from .conftest import DATA
from .test_properties import MUTATIONS, PROFILE, _strip_none, documents

pytestmark = pytest.mark.skipif(not parser_available(), reason="yaml-rs is not installed")
ROOT = Path(__file__).parent.parent
GOOD = [bundled_events_path(), DATA / "small.yaml", DATA / "hostile.yaml"]
BAD = sorted((DATA / "bad").glob("*.yaml"))


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("gen") / "gen.yaml"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "make_dataset.py"), "3000", "--seed", "7", str(out)],
        check=True,
    )
    return out


def test_good_files_take_the_fast_path_and_give_the_same_model(generated: Path) -> None:
    for path in [*GOOD, generated]:
        text = path.read_text(encoding="utf-8")
        assert load_fast([text]) is not None or path.name == "hostile.yaml", path
        assert load_paths([str(path)], fast=True) == load_paths([str(path)], fast=False)


def test_year_dates_written_as_numbers(tmp_path: Path) -> None:
    plain = tmp_path / "plain.yaml"
    plain.write_text("actors: [{id: a, name: A}]\nevents: [{id: e, date: 2025, title: 1984}]\n")
    assert load_fast([plain.read_text()]) is not None
    fast = load_paths([str(plain)], fast=True)
    assert fast == load_paths([str(plain)], fast=False)
    assert fast.events[0].date.text == "2025" and fast.events[0].title == "1984"
    odd = "actors: [{id: a, name: A}]\nevents: [{id: e, date: 2025, title: 0x1F}]\n"
    assert load_fast([odd]) is None  # the written form would be lost
    assert load_text(odd, fast=False).events[0].title == "0x1F"


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.name)
def test_bad_files_fall_back_to_the_reference_messages(path: Path) -> None:
    try:
        text = path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, ValueError):
        text = None
    if text is not None:
        assert load_fast([text]) is None
    with pytest.raises(LoadError) as fast:
        load_paths([str(path)], fast=True)
    with pytest.raises(LoadError) as reference:
        load_paths([str(path)], fast=False)
    assert fast.value.report() == reference.value.report()


def _same_outcome(text: str) -> None:
    fast = load_fast([text])
    try:
        reference = load_text(text, "t.yaml", fast=False)
    except LoadError:
        assert fast is None
        return
    if fast is not None:
        assert load_text(text, "t.yaml", fast=True) == reference


@PROFILE
@given(documents())
def test_generated_documents(document: dict[str, Any]) -> None:
    _same_outcome(dump_yaml(_strip_none(document)))


@PROFILE
@given(
    documents(),
    st.lists(st.tuples(MUTATIONS, st.integers(0, 10**6), st.characters()), min_size=1, max_size=3),
)
def test_mutated_documents(document: dict[str, Any], mutations: list[tuple[str, int, str]]) -> None:
    text = dump_yaml(_strip_none(document))
    for _kind, where, char in mutations:
        at = where % max(len(text), 1)
        text = text[:at] + char + text[at:] if where % 2 else text[:at] + text[at + 1 :]
    _same_outcome(text)
