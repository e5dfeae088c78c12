"""Helpers for TUI tests: build the app on a dataset and read the screen as text."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from timeline_explorer.data import bundled_events_path, load_index
from timeline_explorer.index import Filter, TimelineIndex
from timeline_explorer.rows import RowLayout
from timeline_explorer.tui.app import TimelineApp
from timeline_explorer.tui.screens.list_screen import ListScreen
from timeline_explorer.tui.widgets.timeline_list import TimelineList


def make_app(path: Path | None = None, initial_filter: Filter | None = None) -> TimelineApp:
    """The app on a file (default: the bundled story), data loaded up front."""
    index = load_index([str(path or bundled_events_path())])
    return TimelineApp(index=index, initial_filter=initial_filter)


def app_on(path: Path, watch: bool = False, polling: bool | None = None) -> TimelineApp:
    """The app on a file, data loaded up front, its sidecar beside it (watched with ``watch``)."""
    index = load_index([str(path)])
    return TimelineApp(index=index, paths=[str(path)], watch=watch, polling=polling)


def screen_lines(app: TimelineApp) -> list[str]:
    """What the terminal shows, line by line."""
    return [strip.text.rstrip() for strip in app.screen._compositor.render_strips()]


def screen_text(app: TimelineApp) -> str:
    """What the terminal shows, as one string."""
    return "\n".join(screen_lines(app))


def cursor_line(app: TimelineApp) -> str:
    """The text of the list row under the cursor on the current screen."""
    screen = app.screen
    assert isinstance(screen, ListScreen)
    timeline = screen.query_one(TimelineList)
    row = timeline._ordinal_row[timeline.cursor] - round(timeline.scroll_offset.y)
    region = timeline.region
    return screen_lines(app)[region.y + row][region.x : region.right].strip()


async def settle(pilot: Pilot[None]) -> None:
    """Let timers and refreshes run."""
    await pilot.pause(0.15)


async def tab_to_link(pilot: Pilot[None], target_id: str, limit: int = 60) -> None:
    """Press Tab, as a user would, until the link to ``target_id`` has the focus."""
    from timeline_explorer.tui.widgets.links import Link

    for _ in range(limit):
        focused = pilot.app.focused
        if isinstance(focused, Link) and focused.target.id == target_id:
            return
        await pilot.press("tab")
    raise AssertionError(f"no link to {target_id!r} reachable with Tab")


def record_row_builds(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """From now on, each build of a list's rows is recorded: the thread that built them and
    how many entries they show."""
    built: list[tuple[str, int]] = []
    build = RowLayout.build.__func__  # type: ignore[attr-defined]

    def recording(cls: type[RowLayout], index: TimelineIndex, positions: Any, zone: str) -> Any:
        built.append((threading.current_thread().name, len(positions)))
        return build(cls, index, positions, zone)

    monkeypatch.setattr(RowLayout, "build", classmethod(recording))
    return built
