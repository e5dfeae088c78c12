"""Widths are terminal cells: a CJK character or an emoji takes two, and cuts never overflow."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len

from timeline_explorer.data import load_index
from timeline_explorer.plain import entry_label
from timeline_explorer.tui.text import truncate

from .helpers import make_app, screen_lines, settle

WIDE = "毛泽东说：人民，只有人民，才是创造世界历史的动力。🙂🙂"


@pytest.mark.parametrize("width", [1, 2, 3, 5, 8, 13, 40])
def test_truncate_counts_cells(width: int) -> None:
    cut = truncate(WIDE, width)
    assert cell_len(cut) <= width
    assert cut.endswith("…")
    assert cell_len(cut) >= width - 2  # nothing more than a wide character's cell is lost


def test_truncate_keeps_what_fits() -> None:
    assert truncate("毛泽东", 6) == "毛泽东"
    assert truncate("毛泽东", 5) == "毛泽…"


def story(tmp_path: Path) -> Path:
    path = tmp_path / "wide.yaml"
    path.write_text(
        f"title: {'长标题' * 20}\n"
        "actors:\n  - {id: mao, name: 毛泽东, kind: person}\n"
        f"statements:\n  - {{id: s1, date: 1949-10-01, speaker: mao, text: '{WIDE * 3}'}}\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("width", [21, 40, 70])
def test_entry_labels_fit_in_cells(tmp_path: Path, width: int) -> None:
    index = load_index([str(story(tmp_path))])
    label = entry_label(index, "s1", width)
    assert width - 2 <= cell_len(label) <= width
    assert label.startswith("毛泽东: ")


async def test_the_header_keeps_its_counts_with_a_wide_title(tmp_path: Path) -> None:
    app = make_app(story(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        header = screen_lines(app)[0]
        assert header.endswith("…  1/1 entries")  # the title gives way, the counts stay
        assert header.startswith(" 长标题长标题")
