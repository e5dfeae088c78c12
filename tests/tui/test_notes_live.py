"""The notes sidecar changed on disk while the app is open (an edit by hand, ``git pull``): it is
read again; a broken one is reported with its place, the marks in memory stay, and it is never
written over."""

from __future__ import annotations

import asyncio
import os
import threading
from pathlib import Path

import pytest

from timeline_explorer.tui.app import TimelineApp

from .helpers import app_on, screen_text, settle
from .test_live import wait_for


def row_with(app: TimelineApp, text: str) -> str:
    """The list row (left of the detail pane) showing ``text``."""
    rows = (line.split("▏")[0] for line in screen_text(app).splitlines()[1:])
    return next(row for row in rows if text in row)


def replace(path: Path, text: str) -> None:
    """Write a file as git does: a new file renamed over the old one."""
    temporary = path.with_name(path.name + ".lock")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


@pytest.mark.parametrize("polling", [None, True], ids=["notify", "polling"])
async def test_a_sidecar_pulled_in_is_read_again(story: Path, polling: bool | None) -> None:
    sidecar = story.with_name("story.notes.yaml")
    sidecar.write_text("version: 1\nmarked: [summit]\n", encoding="utf-8")
    app = app_on(story, watch=True, polling=polling)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        assert row_with(app, "Summit").startswith("★")
        assert not row_with(app, "Review of the month").startswith("★")
        replace(
            sidecar,
            "version: 1\nmarked: [month-review]\nnotes:\n  summit: Pulled from the desk\n",
        )
        await wait_for(pilot, lambda: row_with(app, "Review of the month").startswith("★"))
        await wait_for(pilot, lambda: "changed on disk" in screen_text(app))
        assert row_with(app, "Summit").startswith("✎")  # no longer marked, but a note now
        assert app.notes.note("summit") == "Pulled from the desk"


async def test_a_broken_sidecar_is_reported_kept_in_memory_and_not_overwritten(
    story: Path,
) -> None:
    sidecar = story.with_name("story.notes.yaml")
    sidecar.write_text("version: 1\nmarked: [summit]\n", encoding="utf-8")
    app = app_on(story, watch=True)
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await settle(pilot)
        broken = "version: 1\nmarked: [summit]\nnotes:\n  Not An Id: text\n"
        replace(sidecar, broken)
        await wait_for(pilot, lambda: "story.notes.yaml:4:" in screen_text(app))
        assert row_with(app, "Summit").startswith("★")  # the marks in memory stay
        await pilot.press("m")  # a change now is not saved over the broken file
        await wait_for(pilot, lambda: "notes not saved" in screen_text(app))
        assert sidecar.read_text(encoding="utf-8") == broken
        fixed = "version: 1\nmarked: [anna-again]\n"
        replace(sidecar, fixed)
        await wait_for(pilot, lambda: "changed on disk" in screen_text(app))
        assert app.notes.marked == ["anna-again"]
        assert not row_with(app, "Summit").startswith("★")
        await pilot.press("m")  # fixed: saving works again
        await settle(pilot)
        assert sidecar.read_text(encoding="utf-8") != fixed
        assert len(app.notes.marked) == 2


async def test_our_own_saves_are_not_read_back_as_news(story: Path) -> None:
    app = app_on(story, watch=True)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await pilot.pause(1.2)
        assert story.with_name("story.notes.yaml").exists()
        assert "changed on disk" not in screen_text(app)


async def test_the_sidecar_watcher_ends_with_the_app(story: Path) -> None:
    app = app_on(story, watch=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.notes_watcher is not None and app.notes_watcher.running
    assert not app.notes_watcher.running
    await asyncio.sleep(0.2)  # the notifier looks at its stop flag every 50 ms
    alive = [t.name for t in threading.enumerate() if t.name.startswith("file-watcher")]
    assert alive == []
