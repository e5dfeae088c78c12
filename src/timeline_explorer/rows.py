"""The rows of a timeline list: entries under the group headings of their days, worked out once
for a view so that a list on screen only looks them up.

A list shows index positions (all of them, or those a filter keeps) in the order of the index,
with a heading row wherever the group heading changes, and one date column as wide as its
widest date. :class:`RowLayout` is that table: two integer arrays from rows to ordinals (the
n-th position shown) and back, the headings by row, the date column's width. It knows nothing
of the screen, so a loading thread builds it before a new index is shown: at 100,000 entries it
is a few tenths of a second of Python that would otherwise hold the interface (and the keys
typed meanwhile) when a big file's full data or a reload is swapped in.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass

from .dates import compact_offset
from .index import Filter, TimelineIndex
from .model import Entry, Event, Precision
from .safetext import one_line

HEADER = -1
"""The ordinal of a heading row in :attr:`RowLayout.row_ordinal`."""
DATE_WIDTH_MIN = 10  # a day, ``2025-09-04``
DATE_WIDTH_MAX = 24  # a longer date (a span of two times) is cut


def row_date(entry: Entry, width: int, zone: str = "as-written") -> str:
    """An entry's date for a list row, padded to ``width`` (cut to it with ``…`` when longer):
    at its precision, with a compact UTC offset (``23:30+03``), the end of an event that lasts
    (``1962-10-16 → 10-28``), and times shown in ``zone`` (see ``EdtfDate.in_zone``)."""
    end = entry.end if isinstance(entry, Event) else None
    date = entry.date.in_zone(zone)
    text = date.row_text(end.in_zone(zone) if end is not None else None)
    if width and len(text) > width:
        text = text[: width - 1] + "…"
    return text.ljust(width)


@dataclass(frozen=True, eq=False)
class RowLayout:
    """The rows of a list of index positions: headings and entries.

    Args:
        positions: the index positions shown, in order (their ordinals are 0, 1, …).
        zone: the zone the dates are shown and grouped in (``as-written``, ``utc``, ``local``).
        row_ordinal: for each row, the ordinal of its entry, or :data:`HEADER`.
        ordinal_row: for each ordinal, its row.
        headers: the heading text of each heading row, by row.
        date_width: the width of the date column (the widest date shown, at most
            :data:`DATE_WIDTH_MAX`).
        has_offsets: whether a date shown has a UTC offset (the header then names the zone).
    """

    positions: Sequence[int]
    zone: str
    row_ordinal: array[int]
    ordinal_row: array[int]
    headers: dict[int, str]
    date_width: int
    has_offsets: bool

    @classmethod
    def build(cls, index: TimelineIndex, positions: Sequence[int], zone: str) -> RowLayout:
        """The rows of ``positions`` of ``index``, dates in ``zone``: one pass over them."""
        entries = index.entries
        row_ordinal = array("i")
        ordinal_row = array("i")
        headers: dict[int, str] = {}
        titles = index.headings(zone)
        group: str | None = None
        width = DATE_WIDTH_MIN
        offsets = False
        for ordinal, pos in enumerate(positions):
            title = titles[pos]
            if title != group:
                group = title
                headers[len(row_ordinal)] = one_line(title)
                row_ordinal.append(HEADER)
            ordinal_row.append(len(row_ordinal))
            row_ordinal.append(ordinal)
            entry = entries[pos]
            date = entry.date
            if date.utc_offset is not None:
                offsets = True
            if date.qualifiers or date.interval or (isinstance(entry, Event) and entry.end):
                width = max(width, len(row_date(entry, 0, zone)))
            elif date.precision >= Precision.MINUTE:  # 16 or 19, and the offset: made quickly
                offset = date.utc_offset
                if zone == "local" and offset is not None:
                    width = max(width, len(row_date(entry, 0, zone)))
                else:
                    shown = 0 if zone == "utc" and offset is not None else offset
                    clock = 16 if date.precision is Precision.MINUTE else 19
                    width = max(width, clock + len(compact_offset(shown)))
        return cls(
            positions,
            zone,
            row_ordinal,
            ordinal_row,
            headers,
            min(width, DATE_WIDTH_MAX),
            offsets,
        )


def filtered_rows(index: TimelineIndex, flt: Filter, zone: str) -> RowLayout:
    """The rows of what ``flt`` keeps of ``index``, dates in ``zone``: built once per index,
    filter and zone (a loading thread asks first; the list then finds them ready)."""
    return index.memo(("rows", flt, zone), lambda: RowLayout.build(index, index.select(flt), zone))


def prepare(index: TimelineIndex, flt: Filter, zone: str) -> None:
    """Build, before ``index`` is shown, what showing it needs at once: the lookups a list and
    the detail pane make (:meth:`TimelineIndex.prepare`) and the rows of the view ``flt`` keeps.
    Call it from the thread that loaded the index."""
    index.prepare(zone)
    filtered_rows(index, flt, zone)
