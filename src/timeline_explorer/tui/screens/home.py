"""The home screen: the whole timeline, filters, and a detail pane beside it on wide terminals.

Above the list a density bar shows the entries of the view over time and where the cursor is
(``v`` focuses it; Enter or a click moves the list there). Its dates are read off the UI thread
after the first paint, again when the filter or the data change. On terminals lower than
:data:`TALL` rows the bar is hidden so the list keeps its room; ``v`` then shows it while it has
the focus.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import ClassVar

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.css.query import NoMatches
from textual.geometry import Size
from textual.timer import Timer

from ...filtering import actor_matcher
from ...index import Filter, TimelineIndex
from ...overview import Density
from ...rows import filtered_rows
from ..history import Location
from ..messages import Navigate
from ..widgets.density_bar import DensityBar
from ..widgets.entry_preview import EntryPreview
from ..widgets.header import TimelineHeader
from ..widgets.key_bar import KeyBar
from ..widgets.links import Target
from ..widgets.timeline_list import TimelineList
from .list_screen import ListScreen, SearchBar

WIDE = 100  # from this many columns, the detail pane sits beside the list
TALL = 20  # from this many rows, the density bar shows above the list
PREVIEW_DELAY = 0.08  # seconds the cursor must rest before the detail pane follows it


class HomeScreen(ListScreen):
    """Every entry in order, grouped under date headers."""

    DEFAULT_CSS = """
    HomeScreen #density {
        margin: 0 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("v", "overview", "Overview", tooltip="Entries over time: choose a period, Enter"),
        Binding("f", "filter", "Filter", tooltip="Filter by actor, kind and date range"),
        Binding("F", "clear_filter", "Clear filter", show=False, tooltip="Remove every filter"),
        Binding(
            "escape", "escape", "Clear", show=False, tooltip="Clear the search, then the filter"
        ),
    ]

    def __init__(
        self,
        index: TimelineIndex,
        initial_filter: Filter | None = None,
        loading_total: int | None = None,
    ) -> None:
        super().__init__(index)
        self.filter = initial_filter or Filter()
        self.loading_total = loading_total  # set while only the first rows are loaded
        self._preview_timer: Timer | None = None

    def size_classes(self, size: Size) -> dict[str, bool]:
        """The breakpoints' classes, and ``-wide`` when the detail pane fits beside the list."""
        return {**super().size_classes(size), "-wide": size.width >= WIDE}

    def compose(self) -> ComposeResult:
        """Header, list (and detail pane), search field, footer."""
        yield TimelineHeader(id="header")
        yield DensityBar(id="density")
        with Horizontal(id="body"):
            yield TimelineList(
                self.index,
                self.index.select(self.filter),
                id="timeline",
                empty_message="No entries match the filter. Press F to clear it.",
            )
            yield EntryPreview(self.index, id="preview")
        yield SearchBar(placeholder="Search (case and accents ignored) — Enter to go, Esc to close")
        yield KeyBar()

    def on_mount(self) -> None:
        """Lay out for the width, show the header and the first entry."""
        try:
            self.query_one(SearchBar).display = False
            self._layout(self.size.width, self.size.height)
            self.update_header()
        except NoMatches:  # the app closes as this screen comes up (a quit as a load ends)
            return
        self.timeline.focus()
        self.call_after_refresh(self._build_density)

    def on_resize(self, event: events.Resize) -> None:
        """Move the detail pane beside or away from the list."""
        with contextlib.suppress(NoMatches):  # the app closes as this screen comes up
            self._layout(event.size.width, event.size.height)

    def _layout(self, width: int, height: int) -> None:
        bar = self.query_one(DensityBar)
        bar.display = height >= TALL or bar.has_focus
        wide = width >= WIDE
        self.set_class(wide, "-wide")
        preview = self.query_one(EntryPreview)
        preview.display = wide and getattr(self.app, "detail_pane", True)
        if wide:  # after the first paint: the list is what must show at once
            self.call_after_refresh(lambda: preview.show(self.timeline.selected))

    def location(self) -> Location:
        """The home timeline at the list cursor."""
        return Location("home", cursor=self.cursor_id)

    def update_header(self) -> None:
        """Title, counts, filters and search state."""
        extras = self.filter.describe(self.index) + self.header_extras()
        if self.loading_total is not None:
            extras.append(f"loading all {self.loading_total:,} entries…")
        self.query_one(TimelineHeader).show(
            self.index.title, len(self.timeline.positions), len(self.index.entries), extras
        )

    def use_index(self, index: TimelineIndex) -> None:
        """Show the full data once loaded, keeping the selected entry."""
        entry_id = self.cursor_id
        self.index = index
        self.loading_total = None
        self.query_one(EntryPreview).use_index(index)
        keep = index.position(entry_id) if entry_id is not None else None
        self.timeline.use_rows(index, filtered_rows(index, self.filter, self.timeline.zone), keep)
        self.update_header()
        self._build_density()

    def on_timeline_list_highlighted(self, message: TimelineList.Highlighted) -> None:
        """Let the detail pane follow the cursor once it rests."""
        if self._preview_timer is not None:
            self._preview_timer.stop()
        if self.query_one(EntryPreview).display:
            position = message.position
            self._preview_timer = self.set_timer(
                PREVIEW_DELAY, lambda: self.query_one(EntryPreview).show(position)
            )
        if self.timeline.search_query:
            self.update_header()
        self.query_one(DensityBar).show_view(message.position)

    def on_entry_preview_open_requested(self, message: EntryPreview.OpenRequested) -> None:
        """Enter or a click on the detail pane opens the entry's page."""
        entry = self.index.entries[message.position]
        self.post_message(Navigate(Target("entry", entry.id)))

    def on_timeline_list_opened(self, message: TimelineList.Opened) -> None:
        """Open the entry on its own screen."""
        entry = self.index.entries[message.position]
        self.post_message(Navigate(Target("entry", entry.id)))

    # -- filters -----------------------------------------------------------------------------

    def action_filter(self) -> None:
        """Open the filter dialog."""
        from ..examples import examples
        from .filter import FilterScreen

        self.app.push_screen(
            FilterScreen(actor_matcher(self.index), self.filter, examples(self.index)),
            self.apply_filter,
        )

    def apply_filter(self, new: Filter | None) -> None:
        """Show only what the filter keeps, keeping the cursor near where it was."""
        if new is None or new == self.filter:
            return
        self.filter = new
        rows = filtered_rows(self.index, new, self.timeline.zone)
        self.timeline.show_rows(rows, keep=self.timeline.selected)
        self.update_header()
        self._build_density()

    def action_clear_filter(self) -> None:
        """Remove every filter."""
        if self.filter.active:
            self.apply_filter(Filter())
            self.notify("Filter cleared.")

    def action_escape(self) -> None:
        """Esc leaves the density bar; else clears the search highlight first, then the filter."""
        if self.query_one(DensityBar).has_focus:
            self.timeline.focus()
        elif not self.clear_search():
            self.action_clear_filter()

    # -- the density bar ---------------------------------------------------------------------

    def _build_density(self) -> None:
        """Read the dates of the view for the bar, off the UI thread."""
        self._density_worker(self.index, self.timeline.positions)

    @work(
        thread=True,
        exclusive=True,
        group="density",
        exit_on_error=False,
        description="the density bar",  # else the arguments are repr()-ed on the UI thread
    )
    def _density_worker(self, index: TimelineIndex, positions: Sequence[int]) -> None:
        density = Density.build(index, positions)
        self.app.call_from_thread(self._show_density, index, density)

    def _show_density(self, index: TimelineIndex, density: Density) -> None:
        """Show a view's dates, unless the list moved on to another view meanwhile."""
        if index is not self.index or density.positions is not self.timeline.positions:
            return
        bar = self.query_one(DensityBar)
        bar.set_density(density)
        bar.show_view(self.timeline.selected)

    def action_overview(self) -> None:
        """Focus the density bar (shown for the while on a low terminal)."""
        bar = self.query_one(DensityBar)
        bar.display = True
        bar.focus()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        """On a low terminal the bar hides again once it loses the focus."""
        if isinstance(event.widget, DensityBar) and self.size.height < TALL:
            event.widget.display = False

    def on_density_bar_jump(self, message: DensityBar.Jump) -> None:
        """Move the list to the period chosen on the bar (recorded in the history)."""
        timeline = self.timeline
        self._jump(lambda: timeline.select_position(message.position))
        timeline.focus()
