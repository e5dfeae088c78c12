"""Several stories at once: a file given twice is said once; an actor (or a source) defined
identically in several files is one; defined differently, a located error naming both places.

Both parse paths (the strict loader and the fast path) are run on every case and must agree.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from timeline_explorer.checks import repeated_definitions, repeated_paths
from timeline_explorer.cli import main
from timeline_explorer.loader import LoadError, load_paths
from timeline_explorer.model import Actor

from .conftest import DATA

A = """\
title: A
sources:
  - {id: paper, title: The Paper}
actors:
  - {id: usa, name: United States, kind: country}
  - {id: kennedy, name: John F. Kennedy, links: [{to: usa, type: head-of-state-of}]}
events:
  - {id: a1, date: 1962-10-16, title: Crisis begins, actors: [usa, kennedy], sources: [paper]}
"""
B = """\
title: B
sources:
  - {id: paper, title: The Paper}
actors:
  - {id: usa, name: United States, kind: country}
events:
  - {id: b1, date: 1969-07-20, title: Moon landing, actors: [usa], sources: [paper]}
"""
C = """\
title: C
actors:
  - id: usa
    name: USA
    kind: organization
events:
  - {id: c1, date: 1969-07-21, title: Back home, actors: [usa]}
"""

FAST = [pytest.param(False, id="strict"), pytest.param(True, id="fast")]


@pytest.fixture
def stories(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name, text in (("a.yaml", A), ("b.yaml", B), ("c.yaml", C)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "link.yaml").symlink_to("a.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(*paths: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(["--check", *paths])
    return status, capsys.readouterr().err


# -- the same file twice -------------------------------------------------------------------------


@pytest.mark.usefixtures("stories")
@pytest.mark.parametrize(
    ("paths", "again"),
    [
        (["a.yaml", "a.yaml"], ["a.yaml"]),
        (["a.yaml", "./a.yaml"], ["./a.yaml"]),
        (["a.yaml", "sub/../a.yaml", "link.yaml"], ["sub/../a.yaml", "link.yaml"]),
        (["a.yaml", "b.yaml", "link.yaml"], ["link.yaml"]),
    ],
)
def test_a_file_given_twice_is_said_once(
    paths: list[str], again: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    status, err = check(*paths, capsys=capsys)
    assert status == 1
    expected = "".join(
        f"{path}:1:1: error: the file is given twice (first as a.yaml)\n"
        "      hint: name each file once\n"
        for path in again
    )
    count = len(again)
    assert err == expected + f"{count} error{'s' if count > 1 else ''}\n"
    assert "duplicate id" not in err


def test_a_hard_link_is_the_same_file(stories: Path) -> None:
    os.link(stories / "a.yaml", stories / "hard.yaml")
    assert repeated_paths(["a.yaml", "b.yaml", "hard.yaml", "-", "-"]) == [(2, 0)]
    assert repeated_paths(["missing.yaml", "missing.yaml"]) == [(1, 0)]


# -- shared actors and sources --------------------------------------------------------------------


@pytest.mark.usefixtures("stories")
@pytest.mark.parametrize("fast", FAST)
def test_identical_definitions_in_several_files_merge(fast: bool) -> None:
    dataset = load_paths(["a.yaml", "b.yaml"], fast=fast)
    assert [a.id for a in dataset.actors] == ["usa", "kennedy"]
    assert [s.id for s in dataset.sources] == ["paper"]
    assert dataset.actors[0] == Actor("usa", "United States", "country")
    assert [e.id for e in dataset.events] == ["a1", "b1"]


@pytest.mark.usefixtures("stories")
def test_check_says_ok_with_one_actor(capsys: pytest.CaptureFixture[str]) -> None:
    assert check("a.yaml", "b.yaml", capsys=capsys) == (
        0,
        "a.yaml, b.yaml: ok, 2 entries, 2 actors\n",
    )


@pytest.mark.usefixtures("stories")
@pytest.mark.parametrize("fast", FAST)
def test_different_definitions_are_a_located_error_naming_both(fast: bool) -> None:
    with pytest.raises(LoadError) as caught:
        load_paths(["a.yaml", "b.yaml", "c.yaml"], fast=fast)
    (diag,) = caught.value.diagnostics
    assert diag.format() == (
        "c.yaml:3:9: error: actor 'usa' is defined here and at a.yaml:5:10, differently "
        "(name, kind)\n"
        "    3 |   - id: usa\n"
        "      |         ^\n"
        "      hint: an actor defined in several files must be the same in each (then it is "
        "one); or give one of them another id"
    )


@pytest.mark.usefixtures("stories")
@pytest.mark.parametrize("fast", FAST)
def test_a_repeat_within_one_file_stays_a_duplicate(fast: bool, stories: Path) -> None:
    (stories / "d.yaml").write_text(
        B.replace("events:", "  - {id: usa, name: United States, kind: country}\nevents:")
    )
    with pytest.raises(LoadError) as caught:
        load_paths(["a.yaml", "d.yaml"], fast=fast)
    messages = [d.message for d in caught.value.diagnostics]
    assert messages == ["duplicate id 'usa': already used by actor at a.yaml:5:10"]


@pytest.mark.usefixtures("stories")
@pytest.mark.parametrize("fast", FAST)
def test_an_id_of_another_kind_stays_a_duplicate(fast: bool, stories: Path) -> None:
    (stories / "e.yaml").write_text("events:\n  - {id: usa, date: 1970, title: T}\n")
    with pytest.raises(LoadError) as caught:
        load_paths(["a.yaml", "e.yaml"], fast=fast)
    (diag,) = caught.value.diagnostics
    assert (diag.path, diag.line, diag.column) == ("e.yaml", 2, 10)
    assert diag.message == "duplicate id 'usa': already used by actor at a.yaml:5:10"


def test_repeated_definitions_reports_the_fields() -> None:
    first = Actor("usa", "United States", "country")
    files = [
        {"actor": [first]},
        {"actor": [first]},
        {"actor": [Actor("usa", "USA", "country", description="d")]},
    ]
    found = repeated_definitions(files)
    assert [(r.again, r.differs) for r in found] == [
        ((1, 0), ()),
        ((2, 0), ("name", "description")),
    ]


def test_the_bundled_story_with_another_file(capsys: pytest.CaptureFixture[str]) -> None:
    small = str(DATA / "small.yaml")
    status, err = check(small, small, capsys=capsys)
    assert status == 1
    assert err.count("error:") == 1 and "given twice" in err


def test_the_fast_path_itself_merges_and_leaves_conflicts_to_the_strict_loader() -> None:
    from timeline_explorer.fastload import load_fast

    assert load_fast([A, B]) is not None  # merged there, not by falling back
    assert load_fast([A, C]) is None  # the strict loader locates the conflict
