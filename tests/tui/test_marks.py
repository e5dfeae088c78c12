"""Marks and notes in the TUI: kept in the sidecar beside the data, never in the data file; the
marked-only filter; the text filter (the ``f`` dialog and ``&``)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import RadioButton

from timeline_explorer.tui.app import TimelineApp

from .helpers import app_on, cursor_line, screen_text, settle


def row_with(app: TimelineApp, text: str) -> str:
    """The list row (left of the detail pane) showing ``text``."""
    rows = (line.split("▏")[0] for line in screen_text(app).splitlines()[1:])
    return next(row for row in rows if text in row)


async def test_marks_and_notes_survive_a_restart_and_an_edit(story: Path) -> None:
    before = story.read_bytes()
    app = app_on(story)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("down")  # "A plan for the year" -> "Review of the month"
        await settle(pilot)
        assert "Review of the month" in cursor_line(app)
        await pilot.press("m")
        await settle(pilot)
        assert row_with(app, "Review of the month").startswith("★")
        await pilot.press("down", "e")
        await settle(pilot)
        await pilot.press(*"Check", "enter", *"the figures", "ctrl+s")
        await settle(pilot)
        assert "Check" in screen_text(app)  # the detail pane shows the note
        assert row_with(app, "Summit").startswith("✎")
    sidecar = story.with_name("story.notes.yaml")
    assert sidecar.exists()
    kept = sidecar.read_text(encoding="utf-8")
    assert "month-review" in kept and "Check" in kept and "the figures" in kept
    assert story.read_bytes() == before  # the data file is never written
    # an edit of the data: an entry moved to the top, another appended
    text = story.read_text(encoding="utf-8")
    story.write_text(
        text + "  - id: later\n    date: 2026-01-01\n    speaker: bob\n    text: Later\n"
    )
    app = app_on(story)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert row_with(app, "Review of the month").startswith("★")
        assert row_with(app, "Summit").startswith("✎")
        await pilot.press("u")
        await settle(pilot)
        assert "Review of the month" in cursor_line(app)
        await pilot.press("end", "U")
        await settle(pilot)
        assert "Review of the month" in cursor_line(app)
        await pilot.press("f")
        await settle(pilot)
        await pilot.click("#marked")
        await pilot.click("#apply")
        await settle(pilot)
        header = screen_text(app).splitlines()[0]
        assert "1/7 entries" in header and "marked only" in header
        await pilot.press("m")  # unmark: the marked-only list empties
        await settle(pilot)
        assert "0/7 entries" in screen_text(app).splitlines()[0]


async def test_the_text_filter_hides_rows_and_shows_in_the_header(story: Path) -> None:
    app = app_on(story)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ampersand", *"liberta", "enter")  # accents ignored, as in search
        await settle(pilot)
        text = screen_text(app)
        assert 'text: "liberta"' in text.splitlines()[0]
        assert "Summit sulla libertà" in text and "Libertà!" in text
        assert "A plan for the year" not in text
        assert "2/6 entries" in text.splitlines()[0]
        await pilot.press("f")
        await settle(pilot)
        await pilot.click(app.screen.query(RadioButton)[1])  # events only
        await pilot.click("#apply")
        await settle(pilot)
        text = screen_text(app)
        assert "1/6 entries" in text.splitlines()[0] and 'text: "liberta"' in text
        await pilot.press("ampersand", "ctrl+a", "ctrl+k", "enter")
        await settle(pilot)
        assert "3/6 entries" in screen_text(app).splitlines()[0]  # the kind filter stays
