"""The timeline list: one ScrollView on Textual's Line API, rendering only the visible rows.

Rows are day headers and entries. Nothing is measured or mounted per row: the row table is two
integer arrays, and each visible row is rendered on demand in :meth:`TimelineList.render_line`
into a :class:`~textual.strip.Strip` kept in an LRU cache. Moving the cursor by one row repaints
just the two rows that changed.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from datetime import datetime
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...index import ROLE_MENTIONED, ROLE_ON_BEHALF, ROLE_PARTICIPANT, ROLE_SPEAKER, TimelineIndex
from ...kinds import KIND_COLOURS
from ...rows import HEADER, RowLayout, row_date
from ...safetext import one_line
from ..text import find_spans, row_text

_ROLE_LABELS = {
    ROLE_SPEAKER: "said",
    ROLE_ON_BEHALF: "for",
    ROLE_PARTICIPANT: "took part",
    ROLE_MENTIONED: "mentioned",
}
KIND_WIDTH = 10
ROLE_WIDTH = 10

_KIND_CSS = "\n".join(
    f"TimelineList > .timeline-list--{kind} {{ color: ${colour.theme}; }}"
    for kind, colour in KIND_COLOURS.items()
)


class TimelineList(ScrollView, can_focus=True):
    """A keyboard-driven list of timeline entries grouped under date headers."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor_up", "Up", show=False, tooltip="Select the previous entry"),
        Binding("down,j", "cursor_down", "Down", show=False, tooltip="Select the next entry"),
        Binding("pageup", "page_up", "Page up", show=False, tooltip="Move up one page"),
        Binding("pagedown", "page_down", "Page down", show=False, tooltip="Move down one page"),
        Binding("home,g", "first", "First", show=False, tooltip="Go to the first entry"),
        Binding("end,G", "last", "Last", show=False, tooltip="Go to the last entry"),
        Binding("enter", "open", "Open", tooltip="Open the selected entry"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "timeline-list--header",
        "timeline-list--cursor",
        "timeline-list--cursor-blurred",
        "timeline-list--date",
        *(f"timeline-list--{kind}" for kind in KIND_COLOURS),
        "timeline-list--who",
        "timeline-list--title",
        "timeline-list--participants",
        "timeline-list--role",
        "timeline-list--match",
        "timeline-list--empty",
        "timeline-list--marker",
    }

    DEFAULT_CSS = (
        """
    TimelineList {
        width: 1fr;
        height: 1fr;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
    }
    TimelineList > .timeline-list--header {
        text-style: bold;
        color: $text;
        background: $boost;
    }
    /* Colours chosen for a contrast of at least 4.5:1 in the dark and light themes, in
       16-colour terminals and with NO_COLOR: the cursor is the row in reverse video (the same
       pairs as any row, swapped), the muted columns are the foreground at 75%. */
    TimelineList > .timeline-list--cursor {
        background: $surface;
        color: $foreground;
        text-style: bold reverse;
    }
    TimelineList > .timeline-list--cursor-blurred {
        background: $surface;
        color: $foreground;
        text-style: underline;
    }
    TimelineList > .timeline-list--date { color: $foreground 75%; }
    TimelineList > .timeline-list--who { text-style: bold; }
    TimelineList > .timeline-list--title { text-style: bold; }
    TimelineList > .timeline-list--participants { color: $foreground 75%; }
    TimelineList > .timeline-list--role { color: $foreground 75%; text-style: italic; }
    TimelineList > .timeline-list--match {
        background: $foreground;
        color: $surface;
        text-style: bold underline;
    }
    TimelineList > .timeline-list--empty { color: $foreground 75%; }
    TimelineList > .timeline-list--marker { color: $warning; text-style: bold; }
    """
        + _KIND_CSS
    )

    class _EntryMessage(Message):
        """A message about the entry at ``position`` in the index."""

        def __init__(self, timeline_list: TimelineList, position: int | None) -> None:
            super().__init__()
            self.timeline_list = timeline_list
            self.position = position

        @property
        def control(self) -> TimelineList:
            """The list that sent the message."""
            return self.timeline_list

    class Highlighted(_EntryMessage):
        """The cursor moved to another entry, or to none (``position`` is None)."""

    class Leapt(_EntryMessage):
        """The cursor leapt to the first or last entry (``g``, ``G``); ``position`` is the entry
        it was on, so that the screen can record the leap in the history."""

    class Opened(_EntryMessage):
        """The user asked to open the entry at ``position``."""

        position: int

    def __init__(
        self,
        index: TimelineIndex,
        positions: Sequence[int],
        *,
        actor_roles: str | None = None,
        empty_message: str = "No entries.",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.index = index
        self.actor_roles = actor_roles
        self.empty_message = empty_message
        self.positions: Sequence[int] = ()
        self.cursor = -1  # an ordinal into positions
        self.search_query = ""
        self._matches: list[int] = []
        self._row_ordinal = array("i")
        self._ordinal_row = array("i")
        self._headers: dict[int, str] = {}
        self._cache: LRUCache[tuple[object, ...], Strip] = LRUCache(1024)
        self._date_width = 10
        self.has_offsets = False  # whether a shown entry has a time with a UTC offset
        self.set_positions(positions)

    # -- data --------------------------------------------------------------------------------

    @property
    def zone(self) -> str:
        """The zone times are shown in: the app's setting (``as-written``, ``utc``,
        ``local``), as written when there is none."""
        settings = getattr(self.app, "settings", None) if self.is_attached else None
        zone = getattr(settings, "time_zone", "as-written")
        return zone if isinstance(zone, str) else "as-written"

    def refresh_zone(self) -> None:
        """Show the times, and group the days, in the zone now chosen (same cursor)."""
        self.set_positions(self.positions, keep=self.selected)

    def use_index(self, index: TimelineIndex, positions: Sequence[int], keep: int | None) -> None:
        """Show new data (the full file after its first rows, or a reload): these positions
        of ``index``, the cursor on index position ``keep`` if shown; the search stays."""
        self.index = index
        self.set_positions(positions, keep=keep)

    def use_rows(self, index: TimelineIndex, rows: RowLayout, keep: int | None) -> None:
        """As :meth:`use_index`, with the rows built beforehand (off this thread: see
        :func:`timeline_explorer.rows.prepare`)."""
        self.index = index
        self.show_rows(rows, keep=keep)

    def set_positions(self, positions: Sequence[int], keep: int | None = None) -> None:
        """Show these index positions; keep the cursor on index position ``keep`` if shown."""
        self.show_rows(RowLayout.build(self.index, positions, self.zone), keep=keep)

    def show_rows(self, rows: RowLayout, keep: int | None = None) -> None:
        """Show these rows of the index (in the zone now chosen, or they are built again);
        keep the cursor on index position ``keep`` if shown."""
        if rows.zone != self.zone:
            rows = RowLayout.build(self.index, rows.positions, self.zone)
        positions = rows.positions
        self.positions = positions
        self._row_ordinal = rows.row_ordinal
        self._ordinal_row = rows.ordinal_row
        self._headers = rows.headers
        self._date_width = rows.date_width
        self.has_offsets = rows.has_offsets
        self._matches = []
        if self.search_query:
            self._matches = self.index.search(self.search_query, positions)
        self._cache.clear()
        self.virtual_size = Size(0, len(rows.row_ordinal))
        target = 0 if positions else -1
        if keep is not None and positions:
            target = self._ordinal_at_or_after(keep)
        self.cursor = -1
        self._move_to(target, post=True)
        self.refresh()

    def _ordinal_at_or_after(self, position: int) -> int:
        """The ordinal of index position ``position``, or of the first shown after it."""
        return min(bisect_left(self.positions, position), len(self.positions) - 1)

    @property
    def selected(self) -> int | None:
        """The index position under the cursor, or None when the list is empty."""
        if 0 <= self.cursor < len(self.positions):
            return self.positions[self.cursor]
        return None

    @property
    def matches(self) -> list[int]:
        """Ordinals of the rows that match the search query."""
        return self._matches

    def set_query(self, query: str) -> int:
        """Highlight matches of ``query``; returns how many entries match."""
        self.search_query = query.strip()
        self._matches = (
            self.index.search(self.search_query, self.positions) if self.search_query else []
        )
        self._cache.clear()
        self.refresh()
        return len(self._matches)

    def select_position(self, position: int) -> None:
        """Put the cursor on an index position (or the next one shown)."""
        if self.positions:
            self._move_to(self._ordinal_at_or_after(position), post=True, center=True)

    def select_ordinal(self, ordinal: int, *, center: bool = False) -> None:
        """Put the cursor on the n-th shown entry."""
        if self.positions:
            self._move_to(max(0, min(ordinal, len(self.positions) - 1)), post=True, center=center)

    # -- cursor ------------------------------------------------------------------------------

    def _move_to(self, ordinal: int, *, post: bool = True, center: bool = False) -> None:
        old = self.cursor
        if ordinal == old:
            return
        self.cursor = ordinal
        if old >= 0 and old < len(self._ordinal_row):
            self.refresh_line(self._ordinal_row[old])
        if ordinal >= 0:
            self.refresh_line(self._ordinal_row[ordinal])
            self._scroll_to_cursor(center)
        if post:
            self.post_message(self.Highlighted(self, self.selected))

    def _scroll_to_cursor(self, center: bool = False) -> None:
        if self.cursor < 0:
            return
        row = self._ordinal_row[self.cursor]
        top_row = row - 1 if row > 0 and self._row_ordinal[row - 1] == HEADER else row
        height = max(1, self.scrollable_content_region.height)
        scroll_y = round(self.scroll_offset.y)
        if center:
            target = max(0, top_row - height // 3)
        elif top_row < scroll_y:
            target = top_row
        elif row >= scroll_y + height:
            target = row - height + 1
        else:
            return
        self.scroll_to(y=target, animate=False, immediate=True)

    def action_cursor_up(self) -> None:
        """Select the previous entry."""
        if self.cursor > 0:
            self._move_to(self.cursor - 1)
        elif self.cursor == 0:
            self.scroll_to(y=0, animate=False, immediate=True)

    def action_cursor_down(self) -> None:
        """Select the next entry."""
        if 0 <= self.cursor < len(self.positions) - 1:
            self._move_to(self.cursor + 1)

    def _page(self, direction: int) -> None:
        if self.cursor < 0:
            return
        height = max(1, self.scrollable_content_region.height - 1)
        row = self._ordinal_row[self.cursor] + direction * height
        row = max(0, min(row, len(self._row_ordinal) - 1))
        ordinal = self._row_ordinal[row]
        if ordinal == HEADER:
            ordinal = self._row_ordinal[min(row + 1, len(self._row_ordinal) - 1)]
        self._move_to(ordinal)

    def action_page_up(self) -> None:
        """Move up one page."""
        self._page(-1)

    def action_page_down(self) -> None:
        """Move down one page."""
        self._page(1)

    def action_first(self) -> None:
        """Go to the first entry (a leap: Back returns where it was pressed)."""
        if self.positions:
            before = self.selected
            self._move_to(0)
            self.scroll_to(y=0, animate=False, immediate=True)
            self.post_message(self.Leapt(self, before))

    def action_last(self) -> None:
        """Go to the last entry (a leap: Back returns where it was pressed)."""
        if self.positions:
            before = self.selected
            self._move_to(len(self.positions) - 1)
            self.post_message(self.Leapt(self, before))

    def action_open(self) -> None:
        """Open the selected entry."""
        if self.selected is not None:
            self.post_message(self.Opened(self, self.selected))

    def next_match(self, direction: int) -> int | None:
        """Move to the next (1) or previous (-1) match, wrapping; returns its number from 1."""
        matches = self._matches  # ordinals, ascending
        if not matches:
            return None
        if direction > 0:
            number = bisect_right(matches, self.cursor)
            number = 0 if number == len(matches) else number
        else:
            number = bisect_left(matches, self.cursor) - 1
            number = len(matches) - 1 if number < 0 else number
        self._move_to(matches[number], center=True)
        return number + 1

    def match_number(self) -> int | None:
        """The 1-based number of the match under the cursor, if it is one."""
        number = bisect_left(self._matches, self.cursor)
        if number < len(self._matches) and self._matches[number] == self.cursor:
            return number + 1
        return None

    # -- events ------------------------------------------------------------------------------

    def on_mount(self) -> None:
        """Show the times in the zone of the settings (the rows were laid out as written)."""
        if self.zone != "as-written":
            self.refresh_zone()

    def on_resize(self, _event: events.Resize) -> None:
        """Re-render for the new width and keep the cursor in view."""
        self._cache.clear()
        self._scroll_to_cursor()

    def on_focus(self, _event: events.Focus) -> None:
        """Show the cursor in its focused colours."""
        self._refresh_cursor()

    def on_blur(self, _event: events.Blur) -> None:
        """Show the cursor in its unfocused colours."""
        self._refresh_cursor()

    def _refresh_cursor(self) -> None:
        if 0 <= self.cursor < len(self._ordinal_row):
            self.refresh_line(self._ordinal_row[self.cursor])

    def on_click(self, event: events.Click) -> None:
        """Select the clicked entry; a click on the selected entry opens it."""
        row = event.y + round(self.scroll_offset.y)
        if 0 <= row < len(self._row_ordinal):
            ordinal = self._row_ordinal[row]
            if ordinal == HEADER:
                return
            if ordinal == self.cursor or event.chain >= 2:
                self.action_open()
            else:
                self._move_to(ordinal)

    def refresh_markers(self) -> None:
        """Draw the rows again: the markers before them changed (new, marked, noted)."""
        self._cache.clear()
        self.refresh()

    def _marker(self, entry_id: str) -> str | None:
        """The one-cell marker the app gives an entry (``row_marker``), if any."""
        marker = getattr(self.app, "row_marker", None)
        return marker(entry_id) if callable(marker) else None

    def notify_style_update(self) -> None:
        """Theme or CSS changed: drop rendered rows."""
        super().notify_style_update()
        self._cache.clear()

    # -- rendering ---------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        """Render one visible row (a header, an entry, or blank) from the cache."""
        row = y + round(self.scroll_offset.y)
        width = self.scrollable_content_region.width
        if not self.positions:
            if y == 1:
                style = self.get_component_rich_style("timeline-list--empty")
                return Strip([Segment(f"  {self.empty_message}", style)]).adjust_cell_length(
                    width, self.rich_style
                )
            return Strip.blank(width, self.rich_style)
        if row >= len(self._row_ordinal):
            return Strip.blank(width, self.rich_style)
        ordinal = self._row_ordinal[row]
        is_cursor = ordinal == self.cursor and ordinal != HEADER
        key = (row, width, is_cursor, is_cursor and self.has_focus, self.search_query)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._render_row(row, ordinal, width, is_cursor)
            self._cache[key] = strip
        return strip

    def _render_row(self, row: int, ordinal: int, width: int, is_cursor: bool) -> Strip:
        if ordinal == HEADER:
            style = self.get_component_rich_style("timeline-list--header")
            label = f" {self._headers[row]} "
            return Strip([Segment(label, style)]).adjust_cell_length(width, self.rich_style)
        if is_cursor:
            focused = "timeline-list--cursor" if self.has_focus else "timeline-list--cursor-blurred"
            base = self.get_component_rich_style(focused)
        else:
            base = self.rich_style

        def part(name: str) -> Style:
            return base + self.get_component_rich_style(f"timeline-list--{name}", partial=True)

        entry = self.index.entries[self.positions[ordinal]]
        marker = self._marker(entry.id)
        segments = [
            Segment(marker, part("marker")) if marker else Segment(" ", base),
            Segment(row_date(entry, self._date_width, self.zone), part("date")),
            Segment("  ", base),
            Segment(entry.kind_label.ljust(KIND_WIDTH), part(entry.kind_label)),
            Segment("  ", base),
        ]
        if self.actor_roles is not None:
            roles = self.index.roles(entry, self.actor_roles)
            label = _ROLE_LABELS.get(roles[0], "") if roles else ""
            segments.append(Segment(label.ljust(ROLE_WIDTH), part("role")))
        who, text, participants = row_text(self.index, entry, width)
        if who and getattr(entry, "speaker", None) != self.actor_roles:
            # on an actor's page, the role column says "said": their name would only repeat
            segments.extend(self._highlighted(who, part("who"), part("match")))
            segments.append(Segment(": ", base))
        segments.extend(
            self._highlighted(text, part("title") if participants else base, part("match"))
        )
        if participants:
            segments.append(Segment("  ", base))
            segments.extend(self._highlighted(participants, part("participants"), part("match")))
        return Strip(segments).crop(0, width).adjust_cell_length(width, base)

    def _highlighted(self, text: str, base: Style, match_style: Style) -> list[Segment]:
        spans = find_spans(text, self.search_query) if self.search_query else []
        if not spans:
            return [Segment(text, base)]
        out = []
        last = 0
        for start, end in spans:
            out.append(Segment(text[last:start], base))
            out.append(Segment(text[start:end], match_style))
            last = end
        out.append(Segment(text[last:], base))
        return out


def zone_label(zone: str) -> str:
    """How the header names the zone times are shown in: ``as written``, ``in UTC`` or
    ``in local time (CET)``."""
    if zone == "utc":
        return "in UTC"
    if zone == "local":
        name = datetime.now().astimezone().tzname() or ""
        return f"in local time ({one_line(name)})" if name else "in local time"
    return "as written"
