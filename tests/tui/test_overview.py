"""The overview widgets in a small app of their own: the density bar (clicks and keys post
``DensityBar.Jump``), an actor's activity sparkline, and the thread screen (Enter posts
``Link.Followed``). Snapshots at 80x24 and 120x40.

Update the pictures after an intended change with
``pytest tests/tui/test_overview.py --snapshot-update`` and look at the report before committing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import Sparkline, Static

from timeline_explorer.data import bundled_events_path, load_index
from timeline_explorer.index import TimelineIndex
from timeline_explorer.model import Dataset, Event, PartialDate, Statement
from timeline_explorer.overview import Density, actor_activity
from timeline_explorer.tui.screens.thread import MAX_DEPTH, ThreadScreen, ThreadTree
from timeline_explorer.tui.widgets.activity import ActorActivity
from timeline_explorer.tui.widgets.density_bar import CURSOR_MARK, VIEW_MARK, DensityBar
from timeline_explorer.tui.widgets.links import Link, Target

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
SnapCompare = Callable[..., bool]


def story() -> TimelineIndex:
    return load_index([str(bundled_events_path())])


def days_index(dates: Sequence[str]) -> TimelineIndex:
    """Events at the given dates, in that order."""
    events = tuple(
        Event(f"e{i}", PartialDate.parse(text), f"event {i}", order=(0, i))
        for i, text in enumerate(dates)
    )
    return TimelineIndex.build(Dataset(None, None, (), (), events, ()))


class Harness(App[None]):
    """A density bar (and an actor's activity) above a filler, recording what they post."""

    CSS = "#filler { height: 1fr; }"
    AUTO_FOCUS = None  # the bar shows its cursor only when a test focuses it

    def __init__(
        self,
        index: TimelineIndex,
        view: Sequence[int] | None = None,
        actor: str | None = None,
        thread: str | None = None,
    ) -> None:
        super().__init__()
        self.index = index
        self.view = view
        self.actor = actor
        self.thread = thread
        self.jumps: list[int] = []
        self.followed: list[Target] = []

    def compose(self) -> ComposeResult:
        yield Static("timeline", id="above")
        yield DensityBar(Density.build(self.index, self.view), id="bar")
        if self.actor:
            yield ActorActivity(self.index, self.actor, id="activity")
        yield Static("the list would be here", id="filler")

    def on_mount(self) -> None:
        if self.thread:
            self.push_screen(ThreadScreen(self.index, self.thread))

    def on_density_bar_jump(self, message: DensityBar.Jump) -> None:
        self.jumps.append(message.position)

    def on_link_followed(self, message: Link.Followed) -> None:
        self.followed.append(message.target)


def lines(app: App[Any]) -> list[str]:
    return [strip.text.rstrip() for strip in app.screen._compositor.render_strips()]


def bar_lines(app: Harness) -> tuple[str, str]:
    """The two lines of the bar as shown."""
    region = app.query_one(DensityBar).region
    shown = lines(app)
    return shown[region.y], shown[region.y + 1]


def first_at_or_after(index: TimelineIndex, day: date) -> int:
    """The first timeline position whose date starts on or after a day (worked out here from
    the entries, not from the bar)."""
    ordinal = day.toordinal()
    for position, entry in enumerate(index.entries):
        if entry.date.start // 86400 >= ordinal:
            return position
    return len(index.entries) - 1


# -- the density bar ---------------------------------------------------------------------------


async def test_a_click_jumps_to_the_first_entry_of_the_week_clicked() -> None:
    index = story()
    app = Harness(index)
    async with app.run_test(size=(80, 12)) as pilot:
        bar = app.query_one(DensityBar)
        histogram = bar.histogram
        assert histogram is not None and histogram.unit == "day"
        paris = next(b for b in range(len(histogram)) if histogram.label(b) == "2025-09-04")
        await pilot.click("#bar", offset=(paris, 0))
        await pilot.click("#bar", offset=(0, 0))
        await pilot.click("#bar", offset=(79, 1))  # past the last day: the last entry
    assert app.jumps == [
        first_at_or_after(index, date(2025, 9, 4)),
        first_at_or_after(index, date(2025, 9, 4)),
        len(index.entries) - 1,
    ]
    assert index.entries[app.jumps[0]].id == "paris-meeting"  # the first of 4 September


async def test_keys_choose_a_day_and_enter_jumps() -> None:
    index = days_index(["2025-09-01", "2025-09-03", "2025-09-10", "2025-09-10"])
    app = Harness(index)
    async with app.run_test(size=(80, 12)) as pilot:
        bar = app.query_one(DensityBar)
        bar.show_view(1, 1)  # the list is on 3 September
        bar.focus()
        await pilot.press("enter")  # the chosen day starts where the list is
        await pilot.press("right", "enter")  # 4 September: empty, so the next entry
        await pilot.press("left", "left", "left", "enter")  # 1 September
        await pilot.press("end", "enter")
        await pilot.press("home", "l", "l", "enter")
        await pilot.press("h", "enter")  # 2 September: empty, so the next entry
    assert app.jumps == [1, 2, 0, 2, 1, 1]


async def test_the_view_is_marked_by_shape_and_the_chosen_day_too(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    index = days_index(["2025-09-01", "2025-09-03", "2025-09-05", "2025-09-10"])
    app = Harness(index)
    async with app.run_test(size=(80, 12)) as pilot:
        bar = app.query_one(DensityBar)
        bar.show_view(1, 2)  # 3 to 5 September: days 2 to 4 of the bar
        await pilot.pause()
        bars, marks = bar_lines(app)
        histogram = bar.histogram
        assert histogram is not None and len(histogram) == 10
        cell = 80 // 10
        assert bars == "".join(("█" if n else " ") * cell for n in histogram.counts).rstrip()
        assert marks[2 * cell : 5 * cell] == VIEW_MARK * 3 * cell
        assert set(marks[: 2 * cell] + marks[5 * cell :]) <= set(" 2025-09-01·bybday0")
        assert marks.startswith("2025-09-01")
        assert marks.endswith("2025-09-10 · by day")
        bar.focus()
        await pilot.press("right", "right", "right", "right")  # 7 September
        _bars, marks = bar_lines(app)
        assert marks.index(CURSOR_MARK) == 6 * cell + (cell - 1) // 2
        assert "2025-09-07: 0 entries" in marks
        await pilot.press("left", "left", "left")  # 4 September, inside the view
        _bars, marks = bar_lines(app)
        assert marks.index(CURSOR_MARK) == 3 * cell + (cell - 1) // 2
        assert marks.count(VIEW_MARK) == 3 * cell - 1


@pytest.mark.parametrize("width", [60, 80, 120, 200, 300])
async def test_every_width_from_60_to_300_columns(width: int) -> None:
    index = story()
    app = Harness(index)
    async with app.run_test(size=(width, 8)) as pilot:
        bar = app.query_one(DensityBar)
        position = index.position("peskov-absolutely-not")
        assert position is not None
        bar.show_view(position, position)
        await pilot.pause()
        histogram = bar.histogram
        assert histogram is not None
        assert len(histogram) <= width
        bars, marks = bar_lines(app)
        cell = width // len(histogram)
        assert len(bars) <= len(histogram) * cell <= width
        bucket = histogram.bucket_of(position)
        assert bucket is not None and histogram.label(bucket) == "2025-09-04"
        assert marks[bucket * cell : (bucket + 1) * cell] == VIEW_MARK * cell
        assert bars[bucket * cell] == "█"  # the busiest day of the story


async def test_a_filtered_view_and_an_empty_one() -> None:
    index = story()
    view = index.actor_entries("putin")
    app = Harness(index, view=view)
    async with app.run_test(size=(80, 8)) as pilot:
        await pilot.click("#bar", offset=(0, 0))
        bar = app.query_one(DensityBar)
        bar.set_density(Density.build(index, []))
        await pilot.pause()
        _bars, marks = bar_lines(app)
        await pilot.click("#bar", offset=(5, 0))
    assert app.jumps == [view[0]]
    assert marks.strip() == "no entries"


# -- an actor's activity ------------------------------------------------------------------------


async def test_activity_shows_the_actor_on_the_story_axis() -> None:
    index = story()
    app = Harness(index, actor="macron")
    async with app.run_test(size=(80, 12)) as pilot:
        await pilot.pause()
        activity = app.query_one(ActorActivity)
        sparkline = activity.query_one(Sparkline)
        width = sparkline.content_size.width
        expected = actor_activity(index, "macron", activity.content_size.width)
        assert sparkline.data == expected.counts
        region = activity.region
        shown = lines(app)
        label, spark = shown[region.y], shown[region.y + 1]
        busiest = len(index.actor_entries("macron"))  # all on the day of Paris
        assert label.strip() == (
            f"Activity by day, 2025-09-04 – 2025-09-30 · busiest: 2025-09-04 ({busiest})"
        )
        assert "█" in spark and len(spark.strip()) == width
        column = spark.index("█") - sparkline.region.x
        assert expected.label(column * len(expected) // width) == "2025-09-04"


async def test_activity_does_not_credit_a_rough_date_to_its_first_day() -> None:
    index = story()
    app = Harness(index, actor="peskov")  # all eight of his entries are dated c. 2025-09
    async with app.run_test(size=(80, 12)) as pilot:
        await pilot.pause()
        activity = app.query_one(ActorActivity)
        label = lines(app)[activity.region.y].strip()
        assert label == "Activity by day, 2025-09-04 – 2025-09-30 · 8 spread (imprecise dates)"
        assert "busiest" not in label


async def test_activity_follows_the_width() -> None:
    index = story()
    app = Harness(index, actor="putin")
    async with app.run_test(size=(60, 12)) as pilot:
        narrow = app.query_one(ActorActivity).histogram
        await pilot.resize_terminal(300, 12)
        await pilot.pause()
        wide = app.query_one(ActorActivity).histogram
    assert narrow is not None and wide is not None
    assert len(narrow) <= 58 and len(wide) <= 298
    assert sum(narrow.started) == sum(wide.started) == len(index.actor_entries("putin"))


# -- the thread screen ----------------------------------------------------------------------------


async def test_the_thread_shows_the_chain_and_enter_opens_an_entry() -> None:
    index = story()
    app = Harness(index, thread="peskov-absolutely-not")
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        tree = app.screen.query_one(ThreadTree)
        assert tree.has_focus
        assert tree.cursor_node is not None
        assert tree.cursor_node.data == "peskov-absolutely-not"
        text = "\n".join(lines(app))
        order = [
            "Ventisei Paesi annunciano",  # the Paris announcement
            "reply  Cremlino:",
            "reply  Vladimir Putin:",
            "▶ c. 2025-09  quote  reply  Dmitrij Peskov:",
        ]
        at = [text.index(part) for part in order]
        assert at == sorted(at)
        await pilot.press("enter")
        await pilot.press("up", "enter")
        await pilot.press("home", "enter")
    assert app.followed == [
        Target("entry", "peskov-absolutely-not"),
        Target("entry", "peskov-rejects-idea"),
        Target("entry", "paris-announcement"),
    ]


@pytest.mark.parametrize("entry_id", ["paris-announcement", "kremlin-legitimate-targets"])
async def test_the_thread_is_reachable_from_any_entry_in_it(entry_id: str) -> None:
    index = story()
    app = Harness(index, thread=entry_id)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        tree = app.screen.query_one(ThreadTree)
        assert tree.cursor_node is not None and tree.cursor_node.data == entry_id
        assert tree.root.data == "paris-announcement"
        assert len(tree.root.children) == 18  # six words said there, twelve replies
        await pilot.press("escape")
        assert not isinstance(app.screen, ThreadScreen)


async def test_thread_labels_are_data_made_visible() -> None:
    hostile = "[bold]not markup[/bold] \x1b[2J\u202egone"
    statements = (
        Statement("first", PartialDate.parse("2025-09-01"), "x", "a question", order=(1, 0)),
        Statement(
            "second", PartialDate.parse("2025-09-02"), "x", hostile, responds_to="first",
            order=(1, 1),
        ),
    )  # fmt: skip
    index = TimelineIndex.build(Dataset(None, None, (), (), (), statements))
    app = Harness(index, thread="second")
    async with app.run_test(size=(120, 20)) as pilot:
        await pilot.pause()
        text = "\n".join(lines(app))
    assert "[bold]not markup[/bold] \\x1b[2J\\u202egone" in text


async def test_a_deep_chain_opens_at_its_last_reply() -> None:
    chain = [Statement("s0", PartialDate.parse("2025-01-01"), "x", "first", order=(1, 0))]
    for i in range(1, 3000):
        chain.append(
            Statement(
                f"s{i}", PartialDate.parse("2025-01-02"), "x", f"words {i}",
                responds_to=f"s{i - 1}", order=(1, i),
            )
        )  # fmt: skip
    index = TimelineIndex.build(Dataset(None, None, (), (), (), tuple(chain)))
    app = Harness(index, thread="s2999")
    async with app.run_test(size=(120, 24)) as pilot:
        await pilot.pause()
        tree = app.screen.query_one(ThreadTree)
        assert tree.cursor_node is not None and tree.cursor_node.data == "s2999"
        shown = lines(app)
        row = next(line for line in shown if "▶" in line)
        assert "reply to s2998  x: words 2999" in row
        assert row.index("▶") <= 4 * (MAX_DEPTH + 2)  # indented no deeper than the cap
        await pilot.press("enter")
    assert app.followed == [Target("entry", "s2999")]


# -- pictures -------------------------------------------------------------------------------------


def _peskov_in_view(pilot: Pilot[Any]) -> None:
    app = pilot.app
    assert isinstance(app, Harness)
    low, high = app.index.position("macron-announcement"), app.index.position("peskov-no-results")
    app.query_one(DensityBar).show_view(low, high)


async def _settle(pilot: Pilot[Any]) -> None:
    _peskov_in_view(pilot)
    await pilot.pause(0.2)


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_bar_and_activity(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    app = Harness(story(), actor="peskov")
    assert snap_compare(app, terminal_size=size, run_before=_settle)


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_bar_focused(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    async def focus(pilot: Pilot[Any]) -> None:
        _peskov_in_view(pilot)
        pilot.app.query_one(DensityBar).focus()
        await pilot.pause(0.2)

    app = Harness(story())
    assert snap_compare(app, terminal_size=size, press=["right", "right"], run_before=focus)


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_thread(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    async def settle(pilot: Pilot[Any]) -> None:
        await pilot.pause(0.2)

    app = Harness(story(), thread="peskov-absolutely-not")
    assert snap_compare(app, terminal_size=size, run_before=settle)
