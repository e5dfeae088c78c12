"""An actor's activity over the story: a line saying the span and the busiest period, above
Textual's :class:`~textual.widgets.Sparkline` of their entries per day, week, month or year."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Sparkline, Static

from ...index import TimelineIndex
from ...overview import Histogram, actor_activity


def activity_summary(histogram: Histogram) -> str:
    """``Activity by week, 2024-12-30 – 2025-12-29 · busiest: week of 2025-09-01 (4)``.

    The busiest period counts only entries dated within one bar; entries whose possible period
    covers several bars (``2025-09~`` on a scale of days) are counted apart, never credited to
    the day their period starts on.
    """
    if not len(histogram):
        return "No dated entries."
    dated = histogram.dated
    busiest = max(range(len(dated)), key=dated.__getitem__)
    text = (
        f"Activity by {histogram.unit_label}, "
        f"{histogram.short_label(0)} – {histogram.short_label(len(histogram) - 1)}"
    )
    if dated[busiest]:
        text += f" · busiest: {histogram.label(busiest)} ({dated[busiest]:,})"
    rough = sum(histogram.started) - sum(dated)
    if rough:
        text += f" · {rough:,} spread (imprecise dates)"
    return text


class ActorActivity(Vertical):
    """An actor's entries over time, on the axis of the whole story."""

    DEFAULT_CSS = """
    ActorActivity {
        height: 2;
        padding: 0 1;
    }
    ActorActivity > .activity-label {
        height: 1;
        color: $text-muted;
    }
    ActorActivity > Sparkline {
        height: 1;
    }
    """

    def __init__(
        self,
        index: TimelineIndex,
        actor_id: str,
        *,
        span: tuple[int, int] | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """Args:
        index: The timeline.
        actor_id: Whose activity.
        span: The story's first and last day (``overview.story_span``), when already known.
        """
        super().__init__(id=id, classes=classes)
        self.index = index
        self.actor_id = actor_id
        self.span = span
        self.histogram: Histogram | None = None

    def compose(self) -> ComposeResult:
        """The summary line and the sparkline."""
        yield Static("", classes="activity-label", markup=False)
        yield Sparkline([], summary_function=max)

    def on_resize(self, event: events.Resize) -> None:
        """Bucket again for the new width."""
        self.show(event.size.width - self.styles.gutter.width)

    def show(self, width: int) -> None:
        """Fit the actor's entries to ``width`` cells and draw them."""
        if width <= 0:
            return
        histogram = actor_activity(self.index, self.actor_id, width, self.span)
        self.histogram = histogram
        self.query_one(Sparkline).data = histogram.counts
        label = Text(activity_summary(histogram), no_wrap=True, overflow="ellipsis")
        self.query_one(".activity-label", Static).update(label)
