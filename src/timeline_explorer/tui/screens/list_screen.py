"""What the home and actor screens share: a timeline list with search, jump to date, the
selected entry's thread (``t``), and the keys that cite, copy and open its sources."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import Input

from ...model import Entry, PartialDate
from ...safetext import one_line
from ..history import Location
from ..messages import Jumped
from ..sources import SourceScreen
from ..widgets.timeline_list import TimelineList, zone_label
from .page import Page

LIVE_SEARCH_LIMIT = 20_000  # search as you type below this many entries; on Enter above


class SearchBar(Input):
    """The search field shown at the bottom by ``/``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close search", tooltip="Close the search field"),
    ]

    def action_close(self) -> None:
        """Hide the search field (matches stay highlighted until Esc on the list)."""
        self.display = False
        self.screen.set_focus(self.screen.query_one(TimelineList))


class ListScreen(Page, SourceScreen):
    """A screen built around a TimelineList: search, match navigation, jump to a date, and the
    source keys of :class:`..sources.SourceScreen` on the selected entry."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", "Search", tooltip="Search the text of the entries"),
        Binding("n", "next_match", "Next", show=False, tooltip="Go to the next search match"),
        Binding("N", "previous_match", "Prev", show=False, tooltip="Go to the previous match"),
        Binding("d", "jump_to_date", "Date", tooltip="Jump to the first entry at or after a date"),
        Binding("t", "thread", "Thread", show=False, tooltip="Show the reply chain of the entry"),
    ]

    @property
    def timeline(self) -> TimelineList:
        """The list on this screen."""
        return self.query_one(TimelineList)

    @property
    def cursor_id(self) -> str | None:
        """The id of the entry under the list cursor."""
        selected = self.timeline.selected
        return self.index.entries[selected].id if selected is not None else None

    def source_entry(self) -> Entry | None:
        """The entry under the list cursor (for the source keys and the thread)."""
        selected = self.timeline.selected
        return self.index.entries[selected] if selected is not None else None

    def action_thread(self) -> None:
        """Show the reply chain the selected entry belongs to."""
        from .thread import open_thread  # the thread screen: imported when first asked for

        if (entry := self._selected()) is not None:
            open_thread(self, entry)

    def select_entry(self, entry_id: str | None) -> None:
        """Put the list cursor on an entry (or the next one shown), if it is in the data."""
        position = self.index.position(entry_id) if entry_id is not None else None
        if position is not None:
            self.timeline.select_position(position)

    def restore(self, location: Location) -> None:
        """Put the list cursor back where it was."""
        self.select_entry(location.cursor)
        self.timeline.focus()

    def header_extras(self) -> list[str]:
        """The zone times are shown in (when any has an offset, or when not as written) and the
        search state, for the header."""
        timeline = self.timeline
        zone = timeline.zone
        shown = (
            [f"times {zone_label(zone)}"] if zone != "as-written" or timeline.has_offsets else []
        )
        if not timeline.search_query:
            return shown
        count = len(timeline.matches)
        number = timeline.match_number()
        where = f"{number}/{count}" if number else f"{count} matches"
        return [*shown, f'search "{timeline.search_query}": {where}']

    def update_header(self) -> None:
        """Refresh the header line."""
        raise NotImplementedError

    # -- search ------------------------------------------------------------------------------

    def action_search(self) -> None:
        """Open the search field."""
        bar = self.query_one(SearchBar)
        bar.display = True
        bar.value = self.timeline.search_query
        self.set_focus(bar)  # at once, so keys typed right after '/' land in the field

    def on_input_changed(self, event: Input.Changed) -> None:
        """Search as you type on timelines of reasonable size."""
        if isinstance(event.input, SearchBar) and len(self.timeline.positions) <= LIVE_SEARCH_LIMIT:
            self.timeline.set_query(event.value)
            self.update_header()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Search, then go to the first match at or after the cursor."""
        if not isinstance(event.input, SearchBar):
            return
        event.stop()
        timeline = self.timeline
        if event.value.strip() != timeline.search_query or not timeline.matches:
            timeline.set_query(event.value)
        event.input.display = False
        self.set_focus(timeline)
        if timeline.matches and timeline.match_number() is None:
            self._jump(lambda: timeline.next_match(1))
        elif not timeline.matches and timeline.search_query:
            self.notify(
                f'No entry contains "{one_line(timeline.search_query)}".',
                severity="warning",
                markup=False,
            )
        self.update_header()

    def action_next_match(self) -> None:
        """Go to the next match (wrapping)."""
        self._match(1)

    def action_previous_match(self) -> None:
        """Go to the previous match (wrapping)."""
        self._match(-1)

    def _match(self, direction: int) -> None:
        timeline = self.timeline
        if not timeline.search_query:
            self.notify("No search yet: press / to search.", severity="warning")
            return
        if not timeline.matches:
            self.notify(
                f'No entry contains "{one_line(timeline.search_query)}".',
                severity="warning",
                markup=False,
            )
            return
        self._jump(lambda: timeline.next_match(direction))
        self.update_header()

    def clear_search(self) -> bool:
        """Drop the search highlight; False when there was none."""
        if not self.timeline.search_query:
            return False
        self.timeline.set_query("")
        self.update_header()
        return True

    # -- jumps (recorded in the history) -----------------------------------------------------

    def _jump(self, move: Callable[[], object]) -> None:
        """Run a cursor move and record the old and the new position in the history."""
        old = self.location()
        move()
        self.post_message(Jumped(old, self.location()))

    def on_timeline_list_leapt(self, message: TimelineList.Leapt) -> None:
        """``g`` or ``G`` moved the cursor: record where it was and where it went."""
        message.stop()
        before = message.position
        if before is None:
            return
        old = dataclasses.replace(self.location(), cursor=self.index.entries[before].id)
        new = self.location()
        if old != new:
            self.post_message(Jumped(old, new))

    def action_jump_to_date(self) -> None:
        """Ask for a date and go to the first entry at or after it."""
        from ..examples import examples
        from .date_jump import DateJumpScreen

        self.app.push_screen(DateJumpScreen(examples(self.index)), self._jump_to)

    def _jump_to(self, when: PartialDate | None) -> None:
        if when is None:
            return
        timeline = self.timeline
        ordinal = self.index.first_at_or_after(when, timeline.positions)
        if ordinal is None:
            self.notify(
                f"Nothing at or after {when.display()}; showing the last entry.", markup=False
            )
            ordinal = len(timeline.positions) - 1
        if ordinal >= 0:
            self._jump(lambda: timeline.select_ordinal(ordinal, center=True))
        timeline.focus()
