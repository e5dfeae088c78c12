"""The sources keys, the density bar, the activity line and the thread, as a user meets them
in the app: on the home, actor and entry pages, at 80x24 and smaller."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from timeline_explorer.citation import citation
from timeline_explorer.data import bundled_events_path, load_index
from timeline_explorer.index import Filter, TimelineIndex
from timeline_explorer.tui import app as app_module
from timeline_explorer.tui.app import TimelineApp
from timeline_explorer.tui.screens.actor import ActorScreen
from timeline_explorer.tui.screens.entry import EntryScreen
from timeline_explorer.tui.screens.home import HomeScreen
from timeline_explorer.tui.screens.thread import ThreadScreen, ThreadTree
from timeline_explorer.tui.widgets.activity import ActorActivity
from timeline_explorer.tui.widgets.density_bar import DensityBar
from timeline_explorer.tui.widgets.timeline_list import TimelineList

from ..conftest import SMALL
from .helpers import cursor_line, screen_lines, screen_text, settle

LONG_URL = (
    "https://www.example.org/news/2025/09/04/"
    "a-very-long-article-slug-about-the-summit-that-ended-without-any-agreement"
    "?utm_source=feed&utm_medium=rss#section-3"
)


class RecordingApp(TimelineApp):
    """The app, recording what reaches the clipboard and the browser."""

    CSS_PATH = str(Path(app_module.__file__).with_name("app.tcss"))

    def __init__(self, path: Path | None = None, initial_filter: Filter | None = None) -> None:
        index = load_index([str(path or bundled_events_path())])
        super().__init__(index=index, initial_filter=initial_filter)
        self.copied: list[str] = []
        self.opened: list[str] = []

    def copy_to_clipboard(self, text: str) -> None:
        self.copied.append(text)
        super().copy_to_clipboard(text)

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        self.opened.append(url)


def _flat(app: TimelineApp) -> str:
    """The screen as one line of words (wrapping and borders aside)."""
    return " ".join(" ".join(screen_lines(app)).replace("▌", " ").split())


@pytest.fixture
def long_url_file(tmp_path: Path) -> Path:
    """The small fixture, its source's URL longer than any line."""
    path = tmp_path / "long.yaml"
    text = SMALL.read_text(encoding="utf-8")
    assert 'url: "https://example.org/a"' in text
    path.write_text(text.replace("https://example.org/a", LONG_URL), encoding="utf-8")
    return path


@pytest.fixture
def no_desktop(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Linux terminal reached over SSH: no display, no $BROWSER."""
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "BROWSER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("sys.platform", "linux")


async def _wait_for_bar(app: TimelineApp) -> DensityBar:
    """The home screen's bar once its dates are read (they are, off the UI thread)."""
    await app.workers.wait_for_complete()
    bar = app.screen.query_one(DensityBar)
    for _ in range(20):
        if bar.density is not None:
            break
        await asyncio.sleep(0.05)
    assert bar.density is not None
    return bar


# -- sources -----------------------------------------------------------------------------------


async def test_y_on_home_copies_the_selected_entry_as_a_citation() -> None:
    app = RecordingApp(SMALL)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        screen.select_entry("summit")
        await pilot.press("y")
        await settle(pilot)
        entry = screen.source_entry()
        assert entry is not None
        assert app.copied == [citation(app.index, entry)]  # type: ignore[arg-type]
        assert f"Copied the citation of {entry.id} (1 source)" in _flat(app)


async def test_shift_y_and_i_on_the_entry_page_copy_the_url_and_the_id() -> None:
    app = RecordingApp(SMALL)
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        screen.select_entry("summit")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)
        await pilot.press("Y")
        await settle(pilot)
        assert app.copied == ["https://example.org/a"]
        assert "Copied the URL: https://example.org/a" in _flat(app)
        await pilot.press("i")
        await settle(pilot)
        assert app.copied[-1] == "summit"
        assert "Copied the id: summit" in _flat(app)


@pytest.mark.usefixtures("no_desktop")
async def test_o_without_a_browser_says_how_to_copy_instead() -> None:
    app = RecordingApp(SMALL)
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        screen.select_entry("summit")
        await pilot.press("o")
        await settle(pilot)
        assert app.opened == []
        assert "No browser here (over SSH?): press Y to copy the URL instead" in _flat(app)


def _url_rows(app: TimelineApp, x: int, width: int) -> str:
    """The text of the region ``x`` to ``x + width`` of every row, joined without spaces."""
    return "".join(line[x : x + width].strip() for line in screen_lines(app))


async def test_a_long_url_is_whole_and_wrapped_on_the_entry_page_at_80_columns(
    long_url_file: Path,
) -> None:
    app = RecordingApp(long_url_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        screen.select_entry("summit")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)
        lines = screen_lines(app)
        assert max(len(line) for line in lines) <= 80
        assert "…" not in "".join(line for line in lines if "example.org" in line)
        url_lines = [line for line in lines if "www.example.org" in line or "summit-that" in line]
        assert url_lines, "\n".join(lines)
        assert LONG_URL in "".join(line[18:].strip() for line in lines if line[:18].strip() == "")
        assert sum(1 for line in lines if len(line) > 70 and line[:18].strip() == "") >= 1


async def test_a_long_url_is_whole_and_wrapped_in_the_detail_pane(long_url_file: Path) -> None:
    app = RecordingApp(long_url_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        screen.select_entry("summit")
        await settle(pilot)
        preview = screen.query_one("#preview")
        region = preview.content_region
        rows = [
            line[region.x : region.right].strip()
            for line in screen_lines(app)[region.y : region.bottom]
        ]
        assert "…" not in "".join(row for row in rows if "example" in row)
        joined = "".join(row[17:].strip() if row.startswith(" ") else row for row in rows)
        assert LONG_URL in joined.replace(" ", ""), "\n".join(rows)


# -- the density bar ---------------------------------------------------------------------------


async def test_the_density_bar_shows_on_home_and_marks_the_cursor() -> None:
    app = RecordingApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        bar = await _wait_for_bar(app)
        await settle(pilot)
        assert bar.display and bar.region.height == 2
        lines = screen_lines(app)
        assert any(ch in lines[1] for ch in "▁▂▃▄▅▆▇█")
        assert "━" in lines[2] and "by day" in lines[2]
        before = bar.view
        await pilot.press("G")
        await settle(pilot)
        assert bar.view != before


async def test_v_and_keys_on_the_bar_jump_the_list_and_back_goes_back() -> None:
    app = RecordingApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        bar = await _wait_for_bar(app)
        first = cursor_line(app)
        await pilot.press("v")
        assert app.focused is bar
        await pilot.press("end", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        assert screen.timeline.has_focus  # the jump hands the keys back to the list
        moved = cursor_line(app)
        assert moved != first
        histogram = bar.histogram
        assert histogram is not None
        assert screen.timeline.selected == histogram.position_for(len(histogram) - 1)
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert cursor_line(app) == first


async def test_a_click_on_the_bar_jumps_the_list() -> None:
    app = RecordingApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        bar = await _wait_for_bar(app)
        histogram = bar.histogram
        assert histogram is not None
        busiest = max(range(len(histogram)), key=histogram.counts.__getitem__)
        x = busiest * max(1, bar.content_size.width // len(histogram))
        await pilot.click(DensityBar, offset=(x, 0))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        assert screen.timeline.selected == histogram.position_for(busiest)
        assert "2025-09" in cursor_line(app)


async def test_the_bar_follows_the_filter() -> None:
    app = RecordingApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        bar = await _wait_for_bar(app)
        all_entries = len(bar.density or ())
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        screen.apply_filter(Filter(actors=("peskov",)))
        await settle(pilot)
        bar = await _wait_for_bar(app)
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert bar.density is not None
        assert len(bar.density) == len(screen.timeline.positions) < all_entries


async def test_a_low_terminal_hides_the_bar_until_v() -> None:
    app = RecordingApp()
    async with app.run_test(size=(60, 15)) as pilot:
        await settle(pilot)
        await _wait_for_bar(app)
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        bar = screen.query_one(DensityBar)
        assert not bar.display
        rows = screen_lines(app)
        assert "Thu 4 September 2025" in rows[1]  # the list starts under the header
        await pilot.press("v")
        await settle(pilot)
        assert bar.display and app.focused is bar
        await pilot.press("escape")
        await settle(pilot)
        assert not bar.display and app.focused is screen.timeline


# -- thread and activity -----------------------------------------------------------------------


async def test_t_opens_the_thread_and_enter_follows_to_the_entry() -> None:
    app = RecordingApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        screen.select_entry("peskov-absolutely-not")
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, ThreadScreen)
        text = screen_text(app)
        assert "Thread:" in text and "▶" in text
        tree = app.screen.query_one(ThreadTree)
        assert tree.cursor_node is not None and tree.cursor_node.data == "peskov-absolutely-not"
        await pilot.press("up")  # what Peskov answers
        above = tree.cursor_node.data if tree.cursor_node else None
        assert above and above != "peskov-absolutely-not"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen) and app.screen.entry_id == above
        await pilot.press("t")  # from the entry page too
        await settle(pilot)
        assert isinstance(app.screen, ThreadScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)


async def test_t_on_an_entry_in_no_thread_says_so() -> None:
    app = RecordingApp()
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("G", "t")  # the last entry answers none and none answers it
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "trump-putin-call-announced is in no thread" in _flat(app)


async def test_t_from_the_actor_page_opens_the_thread() -> None:
    app = RecordingApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("a", *"peskov", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ActorScreen)
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, ThreadScreen)


async def test_the_actor_page_shows_the_activity_above_the_timeline() -> None:
    app = RecordingApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("a", *"macron", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ActorScreen)
        activity = screen.query_one(ActorActivity)
        timeline = screen.query_one(TimelineList)
        assert activity.display and activity.region.bottom <= timeline.region.y
        lines = screen_lines(app)
        label = lines[activity.region.y]
        assert "Activity by day" in label and "busiest: 2025-09-04 (8)" in label
        assert "█" in lines[activity.region.y + 1]


async def test_a_low_terminal_hides_the_activity() -> None:
    app = RecordingApp()
    async with app.run_test(size=(60, 15)) as pilot:
        await settle(pilot)
        await pilot.press("a", *"peskov", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ActorScreen)
        assert not app.screen.query_one(ActorActivity).display
        assert "Activity by" not in screen_text(app)


async def test_help_at_80x24_shows_every_key_on_one_screen() -> None:
    app = RecordingApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        text = screen_text(app)
        for key in ("y  Y", "i  o", "citation", "open its web link", "the thread", "overview"):
            assert key in text
        assert "quit" in text and "Esc closes this help" in text


async def test_no_screen_writes_out_the_index_on_the_ui_thread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Textual names a worker from repr() of its arguments unless it is given a description:
    # at 100,000 entries that held the UI for seconds after every load and filter.
    calls: list[int] = []

    def counted(self: TimelineIndex) -> str:
        calls.append(1)
        return "<index>"

    monkeypatch.setattr(TimelineIndex, "__repr__", counted)
    app = RecordingApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ampersand", *"putin", "enter")  # a text filter: the bar is rebuilt
        await settle(pilot)
        await pilot.press("a", *"peskov", "enter")  # an actor page with its activity
        await settle(pilot)
    assert calls == []
