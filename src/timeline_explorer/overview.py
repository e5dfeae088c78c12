"""The shape of a story: how many entries fall in each day, week, month or year, and an actor's
activity over time.

Pure Python with no terminal or Textual imports; the density bar, the activity sparkline and the
thread screen draw what this module computes.

Density
    :meth:`Density.build` reads the dates of a view (timeline positions in order) once, in O(n),
    into per-day counts; :meth:`Density.fit` then buckets them for a width in cells in
    O(days + buckets), choosing the finest unit that fits: a day, a week (from Monday), a month,
    two months, a quarter, a half-year, a year, or several years. Positions map to buckets and
    back in O(log n) and O(1).

    Days are days of the sort scale (:attr:`PartialDate.start`, UTC when an offset was written),
    so that buckets follow the timeline order: a position's bucket never decreases as the
    position grows.

    An entry whose date is coarser than a bucket (``2025-09`` when buckets are weeks) cannot be
    put in one of them. It is *spread*: it adds an equal share of one entry to each bucket its
    period covers, so that a month of imprecise entries shows as a plateau over the month, not
    as a spike on its first day. Its own place, for the position mappings, is the bucket where
    its period starts, which is where the list shows it. Each bucket also counts how many such
    entries overlap it (:attr:`Histogram.overlapping`), so that a label can say so.

    An event's ``end`` is not spread over: an event counts at its date, as it is listed.

The reply chains as trees are :mod:`.threads` (re-exported here).
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import groupby, pairwise
from typing import Literal

from .dates import EdtfDate
from .index import TimelineIndex
from .threads import (
    Relation,
    ThreadNode,
    build_thread,
    thread_children,
    thread_parent,
    thread_path,
    thread_root,
)

Unit = Literal["day", "week", "month", "year"]

MONTH_STEPS = (1, 2, 3, 6)
"""Months per bucket tried, finest first, before whole years."""

_FIRST_DAY = 1  # date.min as an ordinal
_LAST_DAY = date.max.toordinal()


def _clip_day(day: int) -> int:
    """A day number that :meth:`date.fromordinal` accepts (an offset can push year 1 to day 0,
    and the open end of year 9999 lies beyond the calendar)."""
    return min(max(day, _FIRST_DAY), _LAST_DAY)


@dataclass(frozen=True, slots=True)
class Density:
    """The dates of a view, read once: where each day starts in the view and how many entries
    cover which days.

    Build it with :meth:`build`; fit it to a width with :meth:`fit`.

    Attributes:
        positions: The view: timeline positions (indexes of ``TimelineIndex.entries``) in order.
        days: Distinct start days of the view's entries, increasing.
        first_rows: For each of ``days``, the row (index into ``positions``) of its first entry.
        periods: ``(first day, last day, count)`` of the entries: each distinct period once.
    """

    positions: Sequence[int]
    days: array[int]
    first_rows: array[int]
    periods: tuple[tuple[int, int, int], ...]

    @classmethod
    def build(cls, index: TimelineIndex, positions: Sequence[int] | None = None) -> Density:
        """Read the dates of a view in one pass.

        Args:
            index: The timeline.
            positions: Timeline positions in increasing order (a filtered view, an actor's
                entries); all entries when omitted.

        Raises:
            ValueError: The positions are not in timeline order.
        """
        if positions is None:
            positions = range(len(index.entries))
        entries = index.entries
        if isinstance(positions, range) and positions == range(len(entries)):
            dates = [entry.date for entry in entries]
        elif any(a >= b for a, b in pairwise(positions)):
            raise ValueError("positions must be in timeline order")
        else:
            dates = [entries[pos].date for pos in positions]
        texts = [when.text for when in dates]
        days = array("q")
        first_rows = array("q")
        spans: dict[str, tuple[int, int]] = {}  # date text -> (first day, last day)
        periods: dict[tuple[int, int], int] = {}
        last_start = _FIRST_DAY - 1
        row = 0
        for text, run in groupby(texts):  # the text decides the period, offset included
            size = len(list(run))
            span = spans.get(text)
            if span is None:
                when = dates[row]
                first = when.start // 86400
                if when.day is None:  # a month or a year: its days
                    span = (_clip_day(first), _clip_day((_known_end(when) - 1) // 86400))
                elif _FIRST_DAY <= first <= _LAST_DAY:  # a day, or a time within one
                    span = (first, first)
                else:
                    span = (_clip_day(first), _clip_day(first))
                spans[text] = span
            if span[0] > last_start:
                # An entry placed by a constraint (``after``) may start earlier than the one
                # above it: it stays in the day the timeline shows it in.
                days.append(span[0])
                first_rows.append(row)
                last_start = span[0]
            periods[span] = periods.get(span, 0) + size
            row += size
        return cls(
            positions,
            days,
            first_rows,
            tuple((first, last, count) for (first, last), count in periods.items()),
        )

    def __len__(self) -> int:
        """How many entries the view holds."""
        return len(self.positions)

    @property
    def span(self) -> tuple[int, int] | None:
        """First and last day covered (by a start or by a coarse period), or None when empty."""
        if not self.periods:
            return None
        return self.days[0], max(last for _first, last, _count in self.periods)

    def fit(self, width: int, span: tuple[int, int] | None = None) -> Histogram:
        """Bucket the view for ``width`` cells: the finest of day, week, 1, 2, 3 or 6 months,
        and year (or several years) that gives at most ``width`` buckets.

        Args:
            width: Cells available (at least 1).
            span: First and last day of the axis (e.g. the whole story's, to draw one actor's
                activity on the same axis); the view's own span when omitted. Entries outside it
                are clipped to its ends.
        """
        width = max(1, width)
        axis = span or self.span
        if axis is None:
            return Histogram(self, "day", 1, 0, (), (), (), (), (), array("q"), array("q"))
        first_day, last_day = _clip_day(axis[0]), _clip_day(max(axis))
        unit, step, origin = _choose_unit(first_day, last_day, width)
        count = _bucket(unit, step, origin, last_day) + 1

        def bucket(day: int) -> int:
            return min(max(_bucket(unit, step, origin, day), 0), count - 1)

        dated = [0] * count
        spread = [0.0] * (count + 1)  # difference arrays: O(periods + buckets)
        overlapping = [0] * (count + 1)
        for first, last, entries in self.periods:
            low, high = bucket(first), bucket(last)
            if low == high:
                dated[low] += entries
            else:
                share = entries / (high - low + 1)
                spread[low] += share
                spread[high + 1] -= share
                overlapping[low] += entries
                overlapping[high + 1] -= entries
        spread_total: list[float] = []
        overlap_total: list[int] = []
        running, running_overlap = 0.0, 0
        for b in range(count):
            running += spread[b]
            running_overlap += overlapping[b]
            spread_total.append(max(running, 0.0))
            overlap_total.append(running_overlap)

        day_buckets = array("q", (bucket(day) for day in self.days))
        first_row = [-1] * count
        started = [0] * count
        rows = len(self.positions)
        for i, b in enumerate(day_buckets):
            if first_row[b] < 0:
                first_row[b] = self.first_rows[i]
            nxt = self.first_rows[i + 1] if i + 1 < len(self.first_rows) else rows
            started[b] += nxt - self.first_rows[i]
        following = len(self.positions) - 1  # an empty bucket leads to the next entry
        for b in range(count - 1, -1, -1):
            if first_row[b] < 0:
                first_row[b] = following
            else:
                following = first_row[b]
        starts = tuple(_bucket_start(unit, step, origin, b) for b in range(count + 1))
        return Histogram(
            self,
            unit,
            step,
            origin,
            tuple(dated),
            tuple(spread_total),
            tuple(overlap_total),
            tuple(started),
            starts,
            day_buckets,
            array("q", first_row),
        )


def _choose_unit(first_day: int, last_day: int, width: int) -> tuple[Unit, int, int]:
    """The finest unit (and step, and origin) that fits ``width`` buckets."""
    if last_day - first_day + 1 <= width:
        return "day", 1, first_day
    monday = first_day - date.fromordinal(first_day).weekday()
    if (last_day - monday) // 7 + 1 <= width:
        return "week", 1, monday
    first, last = date.fromordinal(first_day), date.fromordinal(last_day)
    month0 = first.year * 12 + first.month - 1
    month1 = last.year * 12 + last.month - 1
    for step in MONTH_STEPS:  # aligned on the year: quarters start in January, April…
        origin = month0 - month0 % step
        if (month1 - origin) // step + 1 <= width:
            return "month", step, origin
    years = last.year - first.year + 1
    step = max(1, math.ceil(years / width))
    return "year", step, first.year


def _bucket(unit: Unit, step: int, origin: int, day: int) -> int:
    """The bucket of a day, counted from the axis origin."""
    if unit == "day":
        return day - origin
    if unit == "week":
        return (day - origin) // 7
    when = date.fromordinal(_clip_day(day))
    if unit == "month":
        return (when.year * 12 + when.month - 1 - origin) // step
    return (when.year - origin) // step


def _bucket_start(unit: Unit, step: int, origin: int, bucket: int) -> int:
    """The first day of a bucket (the day after the last bucket for ``bucket == count``)."""
    if unit == "day":
        return origin + bucket
    if unit == "week":
        return origin + 7 * bucket
    if unit == "month":
        year, month = divmod(origin + step * bucket, 12)
        return _day(year, month + 1)
    return _day(origin + step * bucket, 1)


def _day(year: int, month: int) -> int:
    """The first day of a month as an ordinal, past the calendar's end clipped to its last."""
    if year > 9999:
        return _LAST_DAY + 1
    return date(max(year, 1), month, 1).toordinal()


@dataclass(frozen=True, slots=True)
class Histogram:
    """A view's entries bucketed by day, week, month or year(s), for one width.

    Attributes:
        density: What it was fitted from.
        unit: ``day``, ``week``, ``month`` or ``year``.
        step: Units per bucket: 1, 2, 3 or 6 months (:data:`MONTH_STEPS`), or any number of
            years; 1 for days and weeks.
        origin: Where bucket 0 starts, in the unit's own count (a day ordinal for days and
            weeks, ``year * 12 + month - 1`` for months, a year for years).
        dated: Per bucket, entries whose whole period lies in it.
        spread: Per bucket, the shares of entries whose period covers several buckets.
        overlapping: Per bucket, how many such coarser-dated entries cover it.
        started: Per bucket, how many entries start in it, whatever their precision (the
            entries a jump to it passes over).
        starts: First day (ordinal) of each bucket, and the day after the last bucket.
    """

    density: Density
    unit: Unit
    step: int
    origin: int
    dated: tuple[int, ...]
    spread: tuple[float, ...]
    overlapping: tuple[int, ...]
    started: tuple[int, ...]
    starts: tuple[int, ...]
    _day_buckets: array[int]
    _first_row: array[int]

    def __len__(self) -> int:
        """How many buckets."""
        return len(self.dated)

    @property
    def counts(self) -> list[float]:
        """Per bucket, what a bar shows: the entries in it and the shares spread over it."""
        return [d + s for d, s in zip(self.dated, self.spread, strict=True)]

    def _row(self, position: int) -> int | None:
        """The row of a timeline position in the view (or of the next entry after it)."""
        positions = self.density.positions
        if not positions:
            return None
        if isinstance(positions, range) and positions.step == 1:
            row = position - positions.start
        else:
            row = bisect_left(positions, position)
        return min(max(row, 0), len(positions) - 1)

    def bucket_of(self, position: int) -> int | None:
        """The bucket where the entry at a timeline position starts (None: an empty view).

        A position outside the view gives the bucket of the next entry in it.
        """
        row = self._row(position)
        if row is None or not self._day_buckets:
            return None
        return self._day_buckets[bisect_right(self.density.first_rows, row) - 1]

    def position_for(self, bucket: int) -> int | None:
        """The timeline position to jump to for a bucket: its first entry, or the next entry
        after it when none starts in it, or the view's last entry past the end."""
        if not self.density.positions or not self._first_row:
            return None
        bucket = min(max(bucket, 0), len(self._first_row) - 1)
        return self.density.positions[self._first_row[bucket]]

    def label(self, bucket: int) -> str:
        """A bucket's name: ``2025-09-04``, ``week of 2025-09-01``, ``2025-09``, ``2025`` or
        ``2020–2024``."""
        first = date.fromordinal(_clip_day(self.starts[bucket]))
        if self.unit == "day":
            return first.isoformat()
        if self.unit == "week":
            return f"week of {first.isoformat()}"
        return self.short_label(bucket)

    def short_label(self, bucket: int) -> str:
        """A bucket's name for an axis end: like :meth:`label`, a week named by its Monday."""
        first = date.fromordinal(_clip_day(self.starts[bucket]))
        if self.unit in ("day", "week"):
            return first.isoformat()
        if self.unit == "month":
            if self.step == 3:
                return f"{first.year:04d} Q{(first.month - 1) // 3 + 1}"
            if self.step == 6:
                return f"{first.year:04d} H{(first.month - 1) // 6 + 1}"
            if self.step == 2:
                return f"{first.year:04d}-{first.month:02d}/{first.month + 1:02d}"
            return f"{first.year:04d}-{first.month:02d}"
        if self.step == 1:
            return f"{first.year:04d}"
        return f"{first.year:04d}–{min(first.year + self.step - 1, 9999):04d}"

    def describe(self, bucket: int) -> str:
        """A bucket's name and what it holds, for a tooltip or a status line."""
        if not 0 <= bucket < len(self):
            return ""
        dated = self.dated[bucket]
        text = f"{self.label(bucket)}: {dated:,} {'entry' if dated == 1 else 'entries'}"
        overlapping = self.overlapping[bucket]
        if overlapping:
            text += f", +{overlapping:,} with coarser dates"
        return text

    @property
    def unit_label(self) -> str:
        """What one bucket is: ``day``, ``week``, ``month``, ``2 months``, ``quarter``,
        ``half-year``, ``year`` or ``5 years``."""
        if self.step == 1:
            return self.unit
        if self.unit == "month":
            return {2: "2 months", 3: "quarter", 6: "half-year"}[self.step]
        return f"{self.step} years"


_LONGEST = 366 * 86400  # no date's period (a year at most) is longer


def _known_end(when: EdtfDate) -> int:
    """The end of a date's period in seconds, exclusive; an open end (``A/..``) ends with A's start.

    An announced step "from 4 September on" says nothing of how long the story runs: the
    overview keeps it on the day it starts rather than stretching the axis to the year 9999.
    """
    return when.end if when.last is not None else when.start + 1


def story_span(index: TimelineIndex) -> tuple[int, int] | None:
    """First and last day the whole story covers, or None when it is empty.

    Cheap: only the entries of the last year are read (entries are sorted by start, and no
    period is longer than a year).
    """
    entries = index.entries
    if not entries:
        return None
    last_end = _known_end(entries[-1].date)
    for entry in reversed(entries):
        when = entry.date
        if when.start + _LONGEST < last_end:
            break
        last_end = max(last_end, _known_end(when))
    return _clip_day(entries[0].date.start // 86400), _clip_day((last_end - 1) // 86400)


def actor_activity(
    index: TimelineIndex, actor_id: str, width: int, span: tuple[int, int] | None = None
) -> Histogram:
    """An actor's entries per bucket, on the axis of the whole story (so that the shape says
    *when in the story* they act).

    Args:
        index: The timeline.
        actor_id: Whose entries (speaker, on behalf of, participant or mentioned).
        width: Cells available; the whole story's span is fitted to it.
        span: The axis, when already known (:func:`story_span`).
    """
    own = Density.build(index, index.actor_entries(actor_id))
    return own.fit(width, span or story_span(index))


__all__ = [
    "MONTH_STEPS",
    "Density",
    "Histogram",
    "Relation",
    "ThreadNode",
    "Unit",
    "actor_activity",
    "build_thread",
    "story_span",
    "thread_children",
    "thread_parent",
    "thread_path",
    "thread_root",
]
