"""A two-line histogram of a view's entries over time, showing where the list is; click it or
move along it with the keys to jump.

The first line holds one bar per bucket (a day, week, month or year, the finest that fits the
width; see :mod:`timeline_explorer.overview`), ``▁`` to ``█``, an empty bucket blank. The second
line marks the part of the story the list shows with ``━`` under it and, when the bar has the
focus, the chosen bucket with ``▲``; the rest of that line names the first and last buckets, or
describes the chosen one. The marks are shapes, so they read without colour (``NO_COLOR``).
"""

from __future__ import annotations

import math
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from ...overview import Density, Histogram

BARS = "▁▂▃▄▅▆▇█"
VIEW_MARK = "━"
CURSOR_MARK = "▲"


def bar_char(value: float, highest: float) -> str:
    """The block for a bucket: blank when empty, at least ``▁`` when it holds anything."""
    if value <= 0 or highest <= 0:
        return " "
    level = math.ceil(value / highest * len(BARS)) - 1
    return BARS[min(max(level, 0), len(BARS) - 1)]


class DensityBar(Widget, can_focus=True):
    """Entries over time for a view, with the list's place marked; posts :class:`Jump`."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "density-bar--bar",
        "density-bar--view",
        "density-bar--cursor",
        "density-bar--label",
    }

    DEFAULT_CSS = """
    DensityBar {
        height: 2;
        width: 1fr;
    }
    DensityBar > .density-bar--bar { color: $primary; }
    DensityBar > .density-bar--view { color: $accent; text-style: bold; }
    DensityBar > .density-bar--cursor { text-style: reverse; }
    DensityBar > .density-bar--label { color: $text-muted; }
    DensityBar:focus { background-tint: $foreground 5%; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,h", "move(-1)", "Earlier", tooltip="Choose the previous period"),
        Binding("right,l", "move(1)", "Later", tooltip="Choose the next period"),
        Binding("pageup", "move(-10)", "Back 10", show=False, tooltip="Ten periods back"),
        Binding("pagedown", "move(10)", "On 10", show=False, tooltip="Ten periods on"),
        Binding("home", "move_to_end(0)", "First", show=False, tooltip="The first period"),
        Binding("end", "move_to_end(1)", "Last", show=False, tooltip="The last period"),
        Binding("enter", "jump", "Jump", tooltip="Move the list to the chosen period"),
    ]

    class Jump(Message):
        """The user chose a place on the bar: the list should move to ``position``."""

        def __init__(self, bar: DensityBar, position: int) -> None:
            super().__init__()
            self.bar = bar
            self.position = position  # a timeline position (index of TimelineIndex.entries)

        @property
        def control(self) -> DensityBar:
            """The bar that sent the message."""
            return self.bar

    def __init__(
        self,
        density: Density | None = None,
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """A bar for a view's dates (none yet: an empty bar until :meth:`set_density`)."""
        super().__init__(id=id, classes=classes)
        self.density = density
        self.view: tuple[int, int] | None = None  # first and last timeline position shown
        self.cursor: int | None = None  # the chosen bucket
        self._fitted: tuple[int, Histogram] | None = None

    # -- what it shows -------------------------------------------------------------------------

    def set_density(self, density: Density | None) -> None:
        """Show another view (a new filter, the full data once loaded)."""
        self.density = density
        self._fitted = None
        self.cursor = None
        self.refresh()

    def show_view(self, first: int | None, last: int | None = None) -> None:
        """Mark where the list is: the timeline positions of its first and last visible rows
        (or of the cursor alone)."""
        view = None if first is None else (first, first if last is None else last)
        if view != self.view:
            self.view = view
            if not self.has_focus:  # the next focus starts where the list is
                self.cursor = None
            self.refresh()

    @property
    def histogram(self) -> Histogram | None:
        """The view bucketed for the current width (None before a view is given)."""
        if self.density is None:
            return None
        width = max(1, self.content_size.width)
        if self._fitted is None or self._fitted[0] != width:
            self._fitted = (width, self.density.fit(width))
        return self._fitted[1]

    def _cell_width(self, histogram: Histogram) -> int:
        return max(1, self.content_size.width // max(1, len(histogram)))

    def bucket_at(self, x: int) -> int | None:
        """The bucket under a column of the bar."""
        histogram = self.histogram
        if histogram is None or not len(histogram):
            return None
        return min(max(x, 0) // self._cell_width(histogram), len(histogram) - 1)

    def view_buckets(self) -> tuple[int, int] | None:
        """The first and last bucket of the part of the story the list shows."""
        histogram = self.histogram
        if histogram is None or self.view is None:
            return None
        low, high = histogram.bucket_of(self.view[0]), histogram.bucket_of(self.view[1])
        if low is None or high is None:
            return None
        return min(low, high), max(low, high)

    # -- keys and mouse ------------------------------------------------------------------------

    def _start_cursor(self) -> int | None:
        if self.cursor is None:
            view = self.view_buckets()
            self.cursor = view[0] if view else 0
        return self.cursor

    def action_move(self, step: int) -> None:
        """Choose a bucket ``step`` buckets away from the chosen one."""
        histogram = self.histogram
        if histogram is None or not len(histogram):
            return
        start = self._start_cursor() or 0
        self.cursor = min(max(start + step, 0), len(histogram) - 1)
        self.tooltip = histogram.describe(self.cursor)
        self.refresh()

    def action_move_to_end(self, last: int) -> None:
        """Choose the first (``0``) or the last (``1``) bucket."""
        histogram = self.histogram
        if histogram is None or not len(histogram):
            return
        self.cursor = len(histogram) - 1 if last else 0
        self.refresh()

    def action_jump(self) -> None:
        """Ask for the list to move to the chosen bucket."""
        histogram = self.histogram
        if histogram is None:
            return
        bucket = self._start_cursor()
        position = histogram.position_for(bucket or 0)
        if position is not None:
            self.post_message(self.Jump(self, position))

    def on_click(self, event: events.Click) -> None:
        """A click chooses the bucket under the mouse and jumps to it."""
        event.stop()
        bucket = self.bucket_at(event.x)
        if bucket is None:
            return
        self.cursor = bucket
        self.refresh()
        self.action_jump()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """The tooltip says what the bucket under the mouse holds."""
        histogram = self.histogram
        bucket = self.bucket_at(event.x)
        if histogram is not None and bucket is not None:
            self.tooltip = histogram.describe(bucket)

    def on_focus(self, _event: events.Focus) -> None:
        """Show the chosen bucket."""
        self._start_cursor()
        self.refresh()

    def on_blur(self, _event: events.Blur) -> None:
        """Hide the chosen bucket."""
        self.refresh()

    def on_resize(self, _event: events.Resize) -> None:
        """Buckets change with the width: forget the chosen one."""
        self.cursor = None

    # -- drawing -------------------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        return self.rich_style + self.get_component_rich_style(f"density-bar--{name}", partial=True)

    def render_line(self, y: int) -> Strip:
        """Line 0: the bars; line 1: the marks and labels."""
        width = self.content_size.width
        histogram = self.histogram
        if histogram is None or not len(histogram):
            if y == 1:
                text = "no entries" if self.density is not None else ""
                return Strip([Segment(text, self._style("label"))]).adjust_cell_length(
                    width, self.rich_style
                )
            return Strip.blank(width, self.rich_style)
        if y == 0:
            return self._bars(histogram, width)
        if y == 1:
            return self._marks(histogram, width)
        return Strip.blank(width, self.rich_style)

    def _bars(self, histogram: Histogram, width: int) -> Strip:
        counts = histogram.counts
        highest = max(counts)
        cell = self._cell_width(histogram)
        view = self.view_buckets()
        cursor = self.cursor if self.has_focus else None
        plain, in_view = self._style("bar"), self._style("view")
        chosen = self._style("cursor")
        segments = []
        for bucket, value in enumerate(counts):
            style = in_view if view and view[0] <= bucket <= view[1] else plain
            if bucket == cursor:
                style = style + chosen
            segments.append(Segment(bar_char(value, highest) * cell, style))
        return Strip(Segment.simplify(segments)).adjust_cell_length(width, self.rich_style)

    def _marks(self, histogram: Histogram, width: int) -> Strip:
        cell = self._cell_width(histogram)
        marks = [" "] * width
        view = self.view_buckets()
        if view:
            for x in range(view[0] * cell, min((view[1] + 1) * cell, width)):
                marks[x] = VIEW_MARK
        cursor = self.cursor if self.has_focus else None
        if cursor is not None:
            marks[min(cursor * cell + (cell - 1) // 2, width - 1)] = CURSOR_MARK
            labels = [histogram.describe(cursor)]
        else:
            last = histogram.short_label(len(histogram) - 1)
            labels = [histogram.short_label(0), f"{last} · by {histogram.unit_label}"]
        spans = _place(marks, labels)
        label_style, view_style = self._style("label"), self._style("view")
        segments = []
        x = 0
        for start, text in spans:
            if start > x:
                segments.extend(_mark_segments(marks[x:start], view_style, self.rich_style))
            segments.append(Segment(text, label_style))
            x = start + len(text)
        segments.extend(_mark_segments(marks[x:], view_style, self.rich_style))
        return Strip(Segment.simplify(segments)).adjust_cell_length(width, self.rich_style)


def _mark_segments(marks: list[str], style: Style, blank: Style) -> list[Segment]:
    return [Segment(mark, style if mark != " " else blank) for mark in marks]


def _place(marks: list[str], labels: list[str]) -> list[tuple[int, str]]:
    """Where labels fit in the blank stretches of the mark line: the first at the left end or,
    failing that, the right; a second at the right end. Marks are never covered."""
    width = len(marks)

    def blank(start: int, end: int) -> bool:
        return start >= 0 and end <= width and all(m == " " for m in marks[start:end])

    placed: list[tuple[int, str]] = []
    taken = 0
    if labels:
        first = labels[0]
        if blank(0, len(first) + 1):
            placed.append((0, first))
            taken = len(first) + 1
        elif len(labels) == 1 and blank(width - len(first) - 1, width):
            placed.append((width - len(first), first))
        elif len(labels) == 1:  # in the longest blank stretch, shortened
            start, length = _longest_blank(marks)
            if length > 2:
                room = length - 2 if start else length - 1
                text = first if len(first) <= room else first[: room - 1] + "…"
                placed.append((start + 1 if start else 0, text))
    if len(labels) > 1:
        last = labels[1]
        start = width - len(last)
        if start > taken and blank(start - 1, width):
            placed.append((start, last))
    return placed


def _longest_blank(marks: list[str]) -> tuple[int, int]:
    """Start and length of the longest run of blanks."""
    best = (0, 0)
    start = None
    for x, mark in enumerate([*marks, "|"]):
        if mark == " ":
            start = x if start is None else start
        elif start is not None:
            if x - start > best[1]:
                best = (start, x - start)
            start = None
    return best
