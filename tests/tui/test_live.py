"""Live reload: a watched file that changes on disk is loaded again and swapped in, keeping the
place; new entries are marked until seen; a broken save keeps the last good data with a banner."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from timeline_explorer.data import load_index
from timeline_explorer.tui.app import TimelineApp
from timeline_explorer.tui.screens.load_errors import LoadErrorsScreen

from ..conftest import SMALL
from .helpers import cursor_line, record_row_builds, screen_text, settle

NEW_STATEMENT = """  - id: late-news
    date: 2025-09-07
    speaker: bob
    text: Breaking late news
"""


def live_app(path: Path, polling: bool | None = None) -> TimelineApp:
    """The app on a copy of the small story, watching it."""
    index = load_index([str(path)])
    return TimelineApp(index=index, paths=[str(path)], watch=True, polling=polling)


async def wait_for(pilot: object, check: object, seconds: float = 4.0) -> None:
    for _ in range(int(seconds / 0.05)):
        if check():  # type: ignore[operator]
            return
        await pilot.pause(0.05)  # type: ignore[attr-defined]
    raise AssertionError("the change never showed")


def copy_small(tmp_path: Path) -> Path:
    target = tmp_path / "story.yaml"
    shutil.copyfile(SMALL, target)
    return target


async def test_an_appended_entry_appears_marked_and_c_goes_to_it(tmp_path: Path) -> None:
    story = copy_small(tmp_path)
    app = live_app(story)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "6/6 entries" in screen_text(app)
        first_row = cursor_line(app)
        with story.open("a", encoding="utf-8") as out:
            out.write(NEW_STATEMENT)
        await wait_for(pilot, lambda: "7/7 entries" in screen_text(app))
        await settle(pilot)
        text = screen_text(app)
        row = next(line for line in text.splitlines() if "Breaking" in line)
        assert row.lstrip("│ ").startswith("•"), row
        assert cursor_line(app) == first_row  # the selection stayed
        await pilot.press("c")
        await settle(pilot)
        assert "Breaking" in cursor_line(app)
        row = next(line for line in screen_text(app).splitlines() if "Breaking" in line)
        assert "•" not in row  # seen: the marker is gone
        await pilot.press("c")
        await settle(pilot)
        assert any("No new or changed" in str(n.message) for n in app._notifications)


async def test_a_broken_save_keeps_the_data_and_a_fix_clears_the_banner(tmp_path: Path) -> None:
    story = copy_small(tmp_path)
    good = story.read_text(encoding="utf-8")
    app = live_app(story)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        broken = "  - id: half-saved\n    date: 2025-13-45\n    speaker: bob\n    text: x\n"
        story.write_text(good + broken, encoding="utf-8")
        await wait_for(pilot, lambda: "story.yaml:" in screen_text(app))
        text = screen_text(app)
        assert "6/6 entries" in text  # the last good data stays
        assert "La pace è possibile" in text or "anna" in text.lower()
        banner = next(line for line in text.splitlines() if "story.yaml:" in line)
        assert f"story.yaml:{good.count(chr(10)) + 2}:" in banner, banner
        await pilot.press("exclamation_mark")
        await settle(pilot)
        assert isinstance(app.screen, LoadErrorsScreen)
        assert "error" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        story.write_text(good + NEW_STATEMENT, encoding="utf-8")
        await wait_for(pilot, lambda: "7/7 entries" in screen_text(app))
        await settle(pilot)
        assert "story.yaml:" not in screen_text(app)
        await pilot.press("exclamation_mark")
        await settle(pilot)
        assert not isinstance(app.screen, LoadErrorsScreen)


async def test_an_atomic_save_by_rename_is_seen(tmp_path: Path) -> None:
    story = copy_small(tmp_path)
    app = live_app(story)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        temporary = tmp_path / ".story.yaml.swp"
        temporary.write_text(story.read_text(encoding="utf-8") + NEW_STATEMENT, encoding="utf-8")
        os.replace(temporary, story)
        await wait_for(pilot, lambda: "7/7 entries" in screen_text(app))
        assert "Breaking" in screen_text(app)


async def test_polling_sees_a_removed_entry_and_keeps_the_search(tmp_path: Path) -> None:
    story = copy_small(tmp_path)
    text = story.read_text(encoding="utf-8")
    app = live_app(story, polling=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"pace", "enter")
        await settle(pilot)
        assert 'search "pace"' in screen_text(app)
        cut = text.index("  - id: anna-again")
        saved = tmp_path / "story.yaml.new"
        saved.write_text(text[:cut], encoding="utf-8")
        os.replace(saved, story)  # whole, so that a poll never sees half a file
        await wait_for(pilot, lambda: "5/5 entries" in screen_text(app))
        assert 'search "pace"' in screen_text(app)
        notices = [str(n.message) for n in app._notifications]
        assert any("1 removed" in notice for notice in notices), notices


async def test_without_watch_nothing_reloads(tmp_path: Path) -> None:
    story = copy_small(tmp_path)
    app = TimelineApp(index=load_index([str(story)]), paths=[str(story)])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        with story.open("a", encoding="utf-8") as out:
            out.write(NEW_STATEMENT)
        await pilot.pause(1.5)
        assert "6/6 entries" in screen_text(app)


async def test_an_open_actor_page_whose_actor_is_removed_goes_home(tmp_path: Path) -> None:
    story = copy_small(tmp_path)
    good = story.read_text(encoding="utf-8")
    carla = "actors:\n  - id: carla\n    name: Carla Verdi\n    kind: person\n"
    story.write_text(good.replace("actors:\n", carla, 1), encoding="utf-8")
    app = live_app(story)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("a", *"Carla", "enter")
        await settle(pilot)
        assert "Carla Verdi" in screen_text(app).splitlines()[0]
        saved = tmp_path / "story.yaml.new"
        saved.write_text(good, encoding="utf-8")
        os.replace(saved, story)
        await wait_for(pilot, lambda: "6/6 entries" in screen_text(app))
        assert app.screen is app.home
        await pilot.press("backspace")  # the history still names her: a message, no crash
        await settle(pilot)
        assert app.screen is app.home


async def test_a_reload_builds_the_rows_in_its_own_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reload of a big file must not hold the interface: the rows of the new data are built
    in the reload's thread, and the interface only shows them."""
    built = record_row_builds(monkeypatch)
    story = copy_small(tmp_path)
    app = live_app(story)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        with story.open("a", encoding="utf-8") as out:
            out.write(NEW_STATEMENT)
        await wait_for(pilot, lambda: "7/7 entries" in screen_text(app))
        await settle(pilot)
        assert [name for name, count in built if count == 7] == ["load"], built
