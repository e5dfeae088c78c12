"""End to end: the installed ``timeline`` command in a real pseudo-terminal, read through pyte."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from timeline_explorer.index import TimelineIndex

from .ptyterm import PtyTerminal

DOWN = "\x1b[B"


def timeline_command() -> str:
    """The console script installed beside this Python, else on PATH."""
    beside = Path(sys.executable).parent / "timeline"
    found = str(beside) if beside.exists() else shutil.which("timeline")
    if found is None:
        pytest.skip("the timeline command is not installed")
    return found


@pytest.mark.parametrize(("cols", "rows"), [(80, 24), (120, 40)])
def test_story_opens_quote_and_actor_page(cols: int, rows: int, story_index: TimelineIndex) -> None:
    total = len(story_index.entries)
    first = story_index.entries[0]
    term = PtyTerminal([timeline_command()], cols, rows)
    try:
        screen = term.wait_for(f"{total}/{total} entries")
        assert first.date.display() in screen  # the first entry's row
        term.send("/")
        term.wait_for("Search")
        term.send("obiettivi legittimi\r")  # search: the cursor goes to Putin's quote
        term.wait_for("1/1")
        term.send("\r")  # open it
        screen = term.wait_for("quote › ")  # the entry page's breadcrumb, not the preview pane
        words = " ".join(screen.split())  # the quote wraps at the width
        assert "partiamo dal presupposto che saranno obiettivi legittimi”" in words
        term.send("\r")  # focus the first link: the speaker
        term.read(0.3)
        term.send("\r")  # follow it
        screen = term.wait_for("Vladimir Putin  person")
        assert "head of state of" in screen
        term.send("q")
        assert term.wait_exit() == 0
    finally:
        term.close()
    # the terminal is given back: alternate screen left, mouse reporting off
    assert term.raw.rfind(b"\x1b[?1049l") > term.raw.rfind(b"\x1b[?1049h")
    assert term.raw.rfind(b"\x1b[?1000l") >= term.raw.rfind(b"\x1b[?1000h")


@pytest.mark.parametrize(("cols", "rows", "share"), [(80, 24, 0.10), (120, 40, 0.50)])
def test_moving_one_row_redraws_only_what_changed(
    cols: int, rows: int, share: float, story_index: TimelineIndex
) -> None:
    total = len(story_index.entries)
    term = PtyTerminal([timeline_command()], cols, rows)
    try:
        term.wait_for(f"{total}/{total} entries")
        term.read(0.8)
        full = len(term.raw)
        sizes = []
        for _ in range(5):
            before = len(term.raw)
            term.send(DOWN)
            term.read(0.4)
            sizes.append(len(term.raw) - before)
    finally:
        term.close()
    assert all(0 < size < share * full for size in sizes), (sizes, full)
