"""Error places count lines as an editor does, whatever YAML counts as a line break."""

from __future__ import annotations

import pytest

from timeline_explorer.loader import LoadError, load_text


def places(text: str) -> list[tuple[int, int, str]]:
    with pytest.raises(LoadError) as caught:
        load_text(text, "t.yaml", fast=False)
    return [(d.line, d.column, d.source_line or "") for d in caught.value.diagnostics]


@pytest.mark.parametrize("brk", ["\x85", "\u2028", "\u2029"])
def test_yaml_only_line_breaks_do_not_shift_later_lines(brk: str) -> None:
    text = f'title: "a{brk}b{brk}c"\nactors:\n  - {{id: anna, name: Anna, kind: persn}}\n'
    assert places(text) == [(3, 34, "  - {id: anna, name: Anna, kind: persn}")]


def test_column_after_a_yaml_only_break_on_the_same_line() -> None:
    text = 'actors:\n  - {id: anna, name: "A\u2028B", kind: persn}\n'
    line, column, shown = places(text)[0]
    assert (line, column) == (2, 35)
    assert shown[column - 1 :].startswith("persn")


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_every_editor_line_ending(newline: str) -> None:
    text = newline.join(["title: t", "actors:", "  - {id: anna, name: Anna, kind: persn}", ""])
    assert places(text) == [(3, 34, "  - {id: anna, name: Anna, kind: persn}")]


def test_nesting_limit_without_anchors_matches_the_limit_with_them() -> None:
    plain = "title: " + "[" * 40 + "1" + "]" * 40 + "\n"
    anchored = "title: &a " + "[" * 40 + "1" + "]" * 40 + "\n"
    for text in (plain, anchored):
        with pytest.raises(LoadError) as caught:
            load_text(text, "t.yaml", fast=False)
        [problem] = caught.value.diagnostics
        assert problem.message == "the data is nested more than 32 levels deep"
    at_limit = "title: " + "[" * 31 + "1" + "]" * 31 + "\n"
    with pytest.raises(LoadError) as caught:
        load_text(at_limit, "t.yaml", fast=False)
    assert "nested" not in caught.value.diagnostics[0].message
