"""Tags of one's own (``#``), the Tag field of the ``f`` dialog, and notes on actors shown on
their page: what the screen shows after the keys, and what the sidecar holds."""

from __future__ import annotations

from pathlib import Path

from timeline_explorer.sidecar import Sidecar
from timeline_explorer.tui.app import TimelineApp
from timeline_explorer.tui.screens.actor import ActorScreen
from timeline_explorer.tui.screens.tags import TagsScreen, split_tags

from .helpers import app_on, cursor_line, screen_text, settle


def list_rows(app: TimelineApp) -> list[str]:
    """The list rows (left of the detail pane), without the header and the key bar."""
    return [line.split("▏")[0].strip() for line in screen_text(app).splitlines()[3:-1]]


def test_split_tags_trims_and_drops_blanks_and_repeats() -> None:
    assert split_tags(" desk ,, Follow-up,desk, ") == ["desk", "Follow-up"]
    assert split_tags("  ") == []


async def test_hash_sets_tags_shown_in_the_details_and_kept_in_the_sidecar(story: Path) -> None:
    before = story.read_bytes()
    app = app_on(story)
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(pilot)
        await pilot.press("down")
        await settle(pilot)
        assert "Review of the month" in cursor_line(app)
        await pilot.press("number_sign")
        await settle(pilot)
        assert isinstance(app.screen, TagsScreen)
        assert "Your tags on" in screen_text(app)
        await pilot.press(*"desk, follow-up ,desk", "enter")
        await settle(pilot)
        details = screen_text(app)
        assert "my tags" in details and "desk, follow-up" in details
        await pilot.press("number_sign")  # the dialog starts with the tags so far
        await settle(pilot)
        assert "desk, follow-up" in screen_text(app)
        await pilot.press("escape")  # Esc changes nothing
        await settle(pilot)
        assert app.notes.tags_of("month-review") == ["desk", "follow-up"]
    notes = Sidecar([str(story)]).load()
    assert notes.tags == {"month-review": ["desk", "follow-up"]}
    assert "month-review: [desk, follow-up]" in story.with_name("story.notes.yaml").read_text()
    assert story.read_bytes() == before
    app = app_on(story)  # kept for the next start; an empty field removes them
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(pilot)
        await pilot.press("down")
        await settle(pilot)
        assert "desk, follow-up" in screen_text(app)
        await pilot.press("number_sign", "ctrl+u", "enter")
        await settle(pilot)
        assert "my tags" not in screen_text(app)
    assert Sidecar([str(story)]).load().tags == {}


async def test_the_tag_field_of_f_keeps_the_tagged_entries(story: Path) -> None:
    sidecar = Sidecar([str(story)])
    notes = sidecar.load()
    notes.set_tags("anna-again", ["Desk"])
    sidecar.save(notes)
    app = app_on(story)
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        await pilot.click("#tag")
        await pilot.press(*"desk", "enter")
        await settle(pilot)
        header = screen_text(app).splitlines()[0]
        assert "1/6 entries" in header and "tag: desk" in header
        rows = [row for row in list_rows(app) if row and not row.startswith("Fri 5 September 2025")]
        assert len(rows) == 1 and "Libertà!" in rows[0]
        # tag one more entry, filter again (case and accents ignored), then untag it
        await pilot.press("F")
        await settle(pilot)
        await pilot.press("home", "number_sign", *"desk", "enter")
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        await pilot.click("#tag")
        await pilot.press(*"DESK", "enter")
        await settle(pilot)
        assert "2/6 entries" in screen_text(app).splitlines()[0]
        await pilot.press("number_sign", "ctrl+u", "enter")  # untag it: it leaves the list
        await settle(pilot)
        assert "1/6 entries" in screen_text(app).splitlines()[0]
        # the data's own tags count too: summit is tagged "summit" in the file
        await pilot.press("f")
        await settle(pilot)
        await pilot.click("#tag")
        await pilot.press("end", "ctrl+u", *"Summit", "enter")
        await settle(pilot)
        assert "1/6 entries" in screen_text(app).splitlines()[0]
        assert "Summit sulla libertà" in cursor_line(app)


async def test_an_actors_note_shows_on_their_page(story: Path) -> None:
    app = app_on(story)
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(pilot)
        await pilot.press("a", *"bob", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ActorScreen)
        assert "my note" not in screen_text(app)
        await pilot.press("E")
        await settle(pilot)
        await pilot.press(*"Critic since 2020", "enter", *"check <b>this</b>", "ctrl+s")
        await settle(pilot)
        lines = screen_text(app).splitlines()
        row = next(i for i, line in enumerate(lines) if "my note" in line)
        assert "Critic since 2020" in lines[row]
        assert "check <b>this</b>" in lines[row + 1]
        await pilot.press("backspace")
        await settle(pilot)
    app = app_on(story)  # kept: the page shows it at the next start
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(pilot)
        await pilot.press("a", *"bob", "enter")
        await settle(pilot)
        assert "Critic since 2020" in screen_text(app)


async def test_tags_from_the_file_are_shown_as_text_on_the_entry_page(story: Path) -> None:
    sidecar = story.with_name("story.notes.yaml")
    sidecar.write_text(
        'version: 1\ntags:\n  summit: ["\\e[2Jgone", "[b]bold[/b]"]\n', encoding="utf-8"
    )
    app = app_on(story)
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(pilot)
        await pilot.press("d", *"2025-09-04", "enter")
        await settle(pilot)
        assert "Summit sulla libertà" in cursor_line(app)
        await pilot.press("enter")  # the entry's own page
        await settle(pilot)
        text = screen_text(app)
        assert "my tags" in text and "\\x1b[2Jgone, [b]bold[/b]" in text
        await pilot.press("number_sign")  # the key works on the entry page too
        await settle(pilot)
        await pilot.press("end", *", desk", "enter")
        await settle(pilot)
        assert "\\x1b[2Jgone, [b]bold[/b], desk" in screen_text(app)
    assert Sidecar([str(story)]).load().tags == {"summit": ["\x1b[2Jgone", "[b]bold[/b]", "desk"]}
