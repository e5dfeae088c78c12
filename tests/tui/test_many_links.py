"""An entry with thousands of replies opens at once: its page lists the first ones and says
how many more there are."""

from __future__ import annotations

from pathlib import Path

from timeline_explorer.tui.screens.entry import EntryScreen
from timeline_explorer.tui.widgets.entry_details import LIMIT
from timeline_explorer.tui.widgets.links import Link

from .helpers import make_app, screen_text, settle

REPLIES = 5000


def many_replies(directory: Path) -> Path:
    lines = [
        "actors:",
        "  - {id: ann, name: Ann}",
        "statements:",
        "  - {id: root, date: 2025-09-04, speaker: ann, text: Root words}",
    ]
    lines += [
        f"  - {{id: r{n}, date: 2025-09-05, speaker: ann, text: reply {n}, responds_to: root}}"
        for n in range(REPLIES)
    ]
    path = directory / "many.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


async def test_an_entry_with_5000_replies_lists_the_first_and_counts_the_rest(
    tmp_path: Path,
) -> None:
    app = make_app(many_replies(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")  # the first row: the root statement
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)
        assert "Replies (5000)" in screen_text(app)
        links = [link for link in app.screen.query(Link) if link.target.kind == "entry"]
        assert len(links) == LIMIT
        assert links[0].target.id == "r0"
        await pilot.press("end")
        await settle(pilot)
        text = screen_text(app)
        assert f"… and {REPLIES - LIMIT:,} more replies, not listed here" in text
