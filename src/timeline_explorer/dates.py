"""Dates as the source gives them: partial, approximate, uncertain, or a period between two dates.

The accepted text is a subset of the Library of Congress's Extended Date/Time Format (EDTF,
ISO 8601-2, level 1), on top of the plain forms:

=============================  ==================================================================
``2025``                       a year
``2025-09``                    a month
``2025-09-04``                 a day
``2025-09-04T18:30``           a minute (``T`` or a space); ``:15`` adds seconds
``2025-09-04T18:30+02:00``     ... at a UTC offset (``Z``, ``±HH:MM`` or ``±HHMM``)
``2025-09~``                   approximate: about September 2025
``2025-09?``                   uncertain: September 2025, but the source is not sure
``2025-09%``                   both approximate and uncertain
``2025-09-04/2025-09-30``      some time in that period (each side may carry ``~ ? %``)
``2025-09-04/..``              on or after 4 September 2025 (open end)
``../2025-09-30``              on or before 30 September 2025 (open start)
=============================  ==================================================================

A period ``A/B`` runs from the start of ``A`` to the end of ``B`` and must not be empty
(``2025-09-10/2025-09`` is "from the 10th, still in September"; ``2025-10/2025-09`` is refused).
Digits are ASCII only. A qualifier follows a year, month or day, never a time of day (EDTF
does not qualify times). Other EDTF features (unspecified digits ``2025-XX``, seasons
``2025-21``, sets ``[..]``, unknown ends ``2025/``, per-part qualifiers ``?2025-09``) are refused
with a message that says what is accepted.

Every value is a :class:`EdtfDate` with the period it may fall in: ``start`` and ``end``
(exclusive) in seconds on a proleptic Gregorian scale, UTC when an offset was written and the
wall-clock time otherwise (a period with an offset on one side only is taken on the wall clock,
as written). The period is the one *written*: ``2025-09~`` is September, flagged
approximate (the flag is shown, never hidden); :meth:`EdtfDate.widened` gives a period one unit
wider on each side for approximate dates, for a check that should give them the benefit of the
doubt. Open ends reach :data:`OPEN_START` or :data:`OPEN_END`.

For lists, :meth:`EdtfDate.row_text` writes a date compactly (``1962-10-22 23:30+03``, a span
``1962-10-16 → 10-28``), and :meth:`EdtfDate.in_zone` shows a time written with an offset in UTC
or in the local zone, at the same instant.

The parser is written here: it reads 100,000 dates in about 0.7 s of CPU on a small machine,
as fast as the plain parser it extends. The ``edtf`` package from PyPI (5.0.2) took about 6 ms a
date on the same machine (more than ten minutes for 100,000 dates) and refuses times without
seconds (``2025-09-04T18:30``), so it is not used; ``bench/order_bench.py`` measures both when
``edtf`` is installed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from enum import IntEnum, IntFlag

__all__ = [
    "MONTHS",
    "OPEN_END",
    "OPEN_START",
    "DateError",
    "DatePoint",
    "EdtfDate",
    "Precision",
    "Qualifier",
    "compact_offset",
    "ordinal",
    "parse_date",
    "weekday",
]

_DAY = 86400
OPEN_START = 0
"""``start`` of a period with an open start (``../B``): before any date that can be written."""
OPEN_END = (date.max.toordinal() + 2) * _DAY
"""``end`` of a period with an open end (``A/..``): after any date that can be written."""

_MAX_LENGTH = 80
_EXPECTED = (
    "expected YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM], "
    "optionally followed by ~ (approximate), ? (uncertain) or % (both), "
    "or a period A/B, A/.. or ../B"
)
_POINT_RE = re.compile(
    r"(?P<year>[0-9]{4})"
    r"(?:-(?P<month>[0-9]{2})"
    r"(?:-(?P<day>[0-9]{2})"
    r"(?:[T ](?P<hour>[0-9]{2}):(?P<minute>[0-9]{2})(?::(?P<second>[0-9]{2}))?"
    r"(?P<tz>Z|[+-][0-9]{2}:?[0-9]{2})?)?)?)?"
    r"(?P<qual>[~?%])?"
)
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


VAGUE_STEPS = 4
"""Ranks per precision (:attr:`EdtfDate.rank`): a fact, qualified, a period, a qualified period.
A rank that is a multiple of it is a date given as a fact."""


class DateError(ValueError):
    """A date that does not follow the accepted format; the message says what was expected."""


class Precision(IntEnum):
    """The finest unit written; a less precise date sorts first at an equal start (see
    :attr:`EdtfDate.rank`)."""

    YEAR = 0
    MONTH = 1
    DAY = 2
    MINUTE = 3
    SECOND = 4


class Qualifier(IntFlag):
    """EDTF qualifiers: ``~`` approximate, ``?`` uncertain, ``%`` both."""

    NONE = 0
    APPROXIMATE = 1
    UNCERTAIN = 2


_QUALIFIER_OF = {
    None: Qualifier.NONE,
    "~": Qualifier.APPROXIMATE,
    "?": Qualifier.UNCERTAIN,
    "%": Qualifier.APPROXIMATE | Qualifier.UNCERTAIN,
}
_MARK_OF = {value: key or "" for key, value in _QUALIFIER_OF.items()}
# The qualifier values that hold each flag, so the properties below test membership (an int
# comparison in C) instead of combining flags, which builds an enum member in Python each call.
_APPROXIMATE = tuple(q for q in _MARK_OF if q & Qualifier.APPROXIMATE)
_UNCERTAIN = tuple(q for q in _MARK_OF if q & Qualifier.UNCERTAIN)


def _quoted(text: str) -> str:
    shown = text if len(text) <= 40 else text[:37] + "..."
    return f"'{shown}'"


def _month_end(year: int, month: int) -> int:
    if month == 12:
        return date(year + 1, 1, 1).toordinal() * _DAY if year < 9999 else OPEN_END - _DAY
    return date(year, month + 1, 1).toordinal() * _DAY


@dataclass(frozen=True, slots=True)
class DatePoint:
    """One written date (a year, month, day, minute or second), with its qualifiers."""

    year: int
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    utc_offset: int | None = None  # minutes east of UTC
    qualifier: Qualifier = Qualifier.NONE

    @property
    def precision(self) -> Precision:
        """The finest unit written."""
        if self.second is not None:
            return Precision.SECOND
        if self.hour is not None:
            return Precision.MINUTE
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    @property
    def start(self) -> int:
        """Seconds at the start of the written period (UTC when an offset was written)."""
        seconds = date(self.year, self.month or 1, self.day or 1).toordinal() * _DAY
        if self.hour is not None:
            seconds += self.hour * 3600 + (self.minute or 0) * 60 + (self.second or 0)
        return seconds - (self.utc_offset or 0) * 60

    @property
    def end(self) -> int:
        """Seconds at the end of the written period, exclusive."""
        precision = self.precision
        if precision is Precision.YEAR:
            return _month_end(self.year, 12)
        if precision is Precision.MONTH:
            assert self.month is not None
            return _month_end(self.year, self.month)
        if precision is Precision.DAY:
            return self.start + _DAY
        if precision is Precision.MINUTE:
            return self.start + 60
        return self.start + 1

    def edtf(self) -> str:
        """The canonical EDTF text, e.g. ``2025-09-04T18:30+02:00`` or ``2025-09~``."""
        out = f"{self.year:04d}"
        if self.month is not None:
            out += f"-{self.month:02d}"
        if self.day is not None:
            out += f"-{self.day:02d}"
        if self.hour is not None:
            out += f"T{self.hour:02d}:{self.minute or 0:02d}"
            if self.second is not None:
                out += f":{self.second:02d}"
            out += _offset_text(self.utc_offset, iso=True)
        return out + _MARK_OF[self.qualifier]

    def display(self, *, months: str = "short") -> str:
        """Human text at the written precision: ``2025``, ``Sep 2025``, ``4 Sep 2025 18:30``.

        Args:
            months: ``"short"`` (``Sep``) or ``"long"`` (``September``).
        """
        name = _month_name(self.month, months) if self.month is not None else ""
        if self.day is not None:
            out = f"{self.day} {name} {self.year:04d}"
        elif self.month is not None:
            out = f"{name} {self.year:04d}"
        else:
            out = f"{self.year:04d}"
        if self.hour is not None:
            out += f" {self.hour:02d}:{self.minute or 0:02d}"
            if self.second is not None:
                out += f":{self.second:02d}"
            out += _offset_text(self.utc_offset, iso=False)
        if self.qualifier & Qualifier.APPROXIMATE:
            out = "c. " + out
        if self.qualifier & Qualifier.UNCERTAIN:
            out += "?"
        return out

    def contains(self, other: DatePoint) -> bool:
        """Whether ``other`` as written lies in this point's written period (fields, not zones)."""
        if other.year != self.year:
            return False
        if self.month is None:
            return True
        if other.month != self.month:
            return False
        if self.day is None:
            return True
        return other.day == self.day and (self.hour is None or other.hour == self.hour)


def _month_name(month: int, months: str) -> str:
    name = MONTHS[month - 1]
    return name[:3] if months == "short" else name


def _offset_text(offset: int | None, *, iso: bool) -> str:
    if offset is None:
        return ""
    if offset == 0:
        return "Z" if iso else " UTC"
    sign = "+" if offset > 0 else "-"
    hours, minutes = divmod(abs(offset), 60)
    return f"{'' if iso else ' '}{sign}{hours:02d}:{minutes:02d}"


@dataclass(frozen=True, slots=True)
class EdtfDate:
    """A date or period as written, with the period it may fall in.

    Attributes:
        text: the text as written (surrounding blanks removed).
        start: seconds at the start of the possible period (:data:`OPEN_START` when open).
        end: seconds at its end, exclusive (:data:`OPEN_END` when open).
        precision: the coarsest unit written on either side.
        qualifiers: the union of the qualifiers written on either side.
        first: the date that opens the period (``None`` for ``../B``).
        last: the date that closes it (``None`` for ``A/..``); ``first`` itself for one date.
        interval: whether the text was a period ``A/B``, ``A/..`` or ``../B``.
    """

    text: str
    start: int
    end: int
    precision: Precision
    qualifiers: Qualifier
    first: DatePoint | None
    last: DatePoint | None
    interval: bool = False

    @classmethod
    def parse(cls, text: str) -> EdtfDate:
        """Parse the accepted subset (see the module docstring); raise :class:`DateError`."""
        return parse_date(text)

    @property
    def approximate(self) -> bool:
        """Whether ``~`` or ``%`` was written on either side."""
        return self.qualifiers in _APPROXIMATE

    @property
    def uncertain(self) -> bool:
        """Whether ``?`` or ``%`` was written on either side."""
        return self.qualifiers in _UNCERTAIN

    @property
    def exact(self) -> bool:
        """One date, without qualifiers: the source gives it as a fact at its precision."""
        return not self.interval and self.qualifiers == Qualifier.NONE

    @property
    def rank(self) -> int:
        """Where the value sorts among dates of the same start: lower comes first.

        The less precise first (``2025-09`` above ``2025-09-01``, as a heading above its
        details); at the same precision, the date the source gives as a fact first, then an
        approximate or uncertain one, then a period (``2025-09-04`` above ``2025-09-04~`` above
        ``2025-09-04/..``).
        """
        vagueness = (2 if self.interval else 0) + (1 if self.qualifiers else 0)
        return int(self.precision) * VAGUE_STEPS + vagueness

    def widened(self) -> tuple[int, int]:
        """The period, one unit of its precision wider on each approximate side.

        ``2025-09~`` gives August to October; plain and merely uncertain sides keep their
        bounds, open ends stay open.
        """
        start, end = self.start, self.end
        if self.first is not None and self.first.qualifier & Qualifier.APPROXIMATE:
            start = _shift(self.first, -1)
        if self.last is not None and self.last.qualifier & Qualifier.APPROXIMATE:
            end = _shift_end(self.last)
        return start, end

    def edtf(self) -> str:
        """The canonical EDTF text; parsing it gives the same period and qualifiers."""
        if not self.interval:
            assert self.first is not None
            return self.first.edtf()
        left = self.first.edtf() if self.first is not None else ".."
        right = self.last.edtf() if self.last is not None else ".."
        return f"{left}/{right}"

    def describe(self, *, months: str = "short") -> str:
        """Human text that claims no more than was written.

        ``Sep 2025``, ``Sep 2025?``, ``c. Sep 2025``, ``4 Sep 2025 → 30 Sep 2025``,
        ``from 4 Sep 2025``, ``until 30 Sep 2025``.

        Args:
            months: ``"short"`` (``Sep``) or ``"long"`` (``September``).
        """
        if not self.interval:
            assert self.first is not None
            return self.first.display(months=months)
        if self.last is None:
            assert self.first is not None
            return "from " + self.first.display(months=months)
        if self.first is None:
            return "until " + self.last.display(months=months)
        left = self.first.display(months=months)
        right = self.last.display(months=months)
        return f"{left} → {right}"

    def display(self) -> str:
        """Compact text for lists and exports, at the written precision and no finer.

        ``2025-09``, ``2025-09-04 18:30 +02:00``, ``c. 2025-09`` (approximate), ``2025-09?``
        (uncertain), ``2025-09-04 → 2025-09-30``, ``from 2025-09-04``, ``until 2025-09-30``.
        """
        if not self.interval:
            assert self.first is not None
            return _compact(self.first)
        if self.last is None:
            assert self.first is not None
            return "from " + _compact(self.first)
        if self.first is None:
            return "until " + _compact(self.last)
        return f"{_compact(self.first)} → {_compact(self.last)}"

    def __str__(self) -> str:
        return self.display()

    # -- the fields of the date that opens the period (the closing one for ``../B``) --------

    @property
    def anchor(self) -> DatePoint:
        """The written date the period is named by: its first side, else its last."""
        point = self.first if self.first is not None else self.last
        assert point is not None
        return point

    @property
    def year(self) -> int:
        """The year of :attr:`anchor`."""
        return self.anchor.year

    @property
    def month(self) -> int | None:
        """The month of :attr:`anchor`, if written."""
        return self.anchor.month

    @property
    def day(self) -> int | None:
        """The day of :attr:`anchor`, if written."""
        return self.anchor.day

    @property
    def hour(self) -> int | None:
        """The hour of :attr:`anchor`, if written."""
        return self.anchor.hour

    @property
    def minute(self) -> int | None:
        """The minute of :attr:`anchor`, if written."""
        return self.anchor.minute

    @property
    def second(self) -> int | None:
        """The second of :attr:`anchor`, if written."""
        return self.anchor.second

    @property
    def utc_offset(self) -> int | None:
        """The UTC offset of :attr:`anchor` in minutes east, if written."""
        return self.anchor.utc_offset

    @property
    def sort_key(self) -> tuple[int, int]:
        """Start of the period, then :attr:`rank`."""
        return (self.start, self.rank)

    def local_start(self) -> int:
        """Seconds at the start of the period on the written wall clock (offset not applied)."""
        if self.first is None:
            return self.start
        return self.first.start + (self.first.utc_offset or 0) * 60

    def in_zone(self, zone: str) -> EdtfDate:
        """The same date with its times shown in another zone.

        Only a time written with a UTC offset moves: ``"utc"`` shows it in UTC, ``"local"`` in
        the local zone of this computer (with the offset it has at that moment); anything else
        (``"as-written"``) keeps it. A date without a time or without an offset is the same in
        every zone and is returned as it is. The period (``start``, ``end``) never changes.

        Args:
            zone: ``"as-written"``, ``"utc"`` or ``"local"``.
        """
        if zone not in ("utc", "local"):
            return self
        first = _moved(self.first, zone)
        last = first if self.last is self.first else _moved(self.last, zone)
        if first is self.first and last is self.last:
            return self
        return EdtfDate(
            self.text, self.start, self.end, self.precision, self.qualifiers, first, last,
            self.interval,
        )  # fmt: skip

    def row_text(self, end: EdtfDate | None = None) -> str:
        """Compact text for a list row: ``2025-09-04``, ``1962-10-22 23:30+03``,
        ``c. 2025-09``, ``from 2025-09-04``, and a span with what its end repeats left out:
        ``1962-10-16 → 10-28``, ``1962-10-22 19:00 → 21:00``.

        Args:
            end: the entry's end (an event's ``end:``), if any.
        """
        if self.interval:
            if self.last is None:
                assert self.first is not None
                return "from " + _row_point(self.first)
            if self.first is None:
                return "until " + _row_point(self.last)
            return _row_span(self.first, self.last)
        assert self.first is not None
        if end is None:
            return _row_point(self.first)
        closing = end.last if end.last is not None else end.first
        if closing is None or end.interval:
            return f"{_row_point(self.first)} → {end.display()}"
        return _row_span(self.first, closing)


def _compact(point: DatePoint) -> str:
    """``2025-09-04 18:30 +02:00``, ``c. 2025-09``, ``2025?``: ISO-like, at its precision."""
    return _iso_like(point, _offset_text(point.utc_offset, iso=False))


def compact_offset(offset: int | None) -> str:
    """A UTC offset as short as it can be: ``Z``, ``+03``, ``-04``, ``+05:30``; ``""`` for none."""
    if offset is None:
        return ""
    if offset == 0:
        return "Z"
    hours, minutes = divmod(abs(offset), 60)
    sign = "+" if offset > 0 else "-"
    return f"{sign}{hours:02d}" + (f":{minutes:02d}" if minutes else "")


def _row_point(point: DatePoint) -> str:
    """``2025-09-04 18:30+02``, ``c. 2025-09``, ``2025?``: ISO-like, at its precision."""
    return _iso_like(point, compact_offset(point.utc_offset))


def _iso_like(point: DatePoint, offset: str) -> str:
    """The point's fields, ISO-like, then ``offset`` after a time, and its qualifiers."""
    out = f"{point.year:04d}"
    if point.month is not None:
        out += f"-{point.month:02d}"
    if point.day is not None:
        out += f"-{point.day:02d}"
    if point.hour is not None:
        out += f" {point.hour:02d}:{point.minute or 0:02d}"
        if point.second is not None:
            out += f":{point.second:02d}"
        out += offset
    if point.qualifier & Qualifier.APPROXIMATE:
        out = "c. " + out
    if point.qualifier & Qualifier.UNCERTAIN:
        out += "?"
    return out


def _row_span(first: DatePoint, last: DatePoint) -> str:
    """``1962-10-16 → 10-28``: the closing side without the fields it shares with the opening
    one (the year; the day too when both have a time in the same zone)."""
    right = _row_point(replace(last, qualifier=Qualifier.NONE))
    same_zone = first.utc_offset == last.utc_offset
    if last.year == first.year and last.month is not None:
        if (
            last.hour is not None
            and same_zone
            and (last.month, last.day) == (first.month, first.day)
        ):
            right = right.split(" ", 1)[1]
        else:
            right = right[5:]
    if last.qualifier & Qualifier.APPROXIMATE:
        right = "c. " + right
    if last.qualifier & Qualifier.UNCERTAIN:
        right += "?"
    return f"{_row_point(first)} → {right}"


_EPOCH = date(1970, 1, 1).toordinal() * _DAY


def _moved(point: DatePoint | None, zone: str) -> DatePoint | None:
    """A point written with a time and an offset, shown at another offset (same instant)."""
    if point is None or point.hour is None or point.utc_offset is None:
        return point
    instant = point.start  # UTC seconds on this module's scale
    offset = 0
    if zone == "local":
        try:
            local = datetime.fromtimestamp(instant - _EPOCH, tz=UTC).astimezone()
        except (OverflowError, OSError, ValueError):
            return point  # outside what this computer's clock can convert: as written
        delta = local.utcoffset()
        offset = int(delta.total_seconds()) // 60 if delta is not None else 0
    if offset == point.utc_offset:
        return point
    wall = instant + offset * 60
    days, seconds = divmod(wall, _DAY)
    if not 1 <= days <= date.max.toordinal():
        return point
    day = date.fromordinal(days)
    hour, rest = divmod(seconds, 3600)
    minute, second = divmod(rest, 60)
    return DatePoint(
        day.year, day.month, day.day, hour, minute,
        second if point.second is not None else None, offset, point.qualifier,
    )  # fmt: skip


def _shift(point: DatePoint, step: int) -> int:
    """Start of the unit ``step`` units away from the point's start (year, month or finer)."""
    precision = point.precision
    if precision is Precision.YEAR:
        year = point.year + step
        if year > 9999:
            return OPEN_END
        return date(max(year, 1), 1, 1).toordinal() * _DAY
    if precision is Precision.MONTH:
        assert point.month is not None
        index = point.year * 12 + point.month - 1 + step
        year, month = divmod(index, 12)
        if year < 1:
            return date(1, 1, 1).toordinal() * _DAY
        if year > 9999:
            return OPEN_END
        return date(year, month + 1, 1).toordinal() * _DAY
    unit = {Precision.DAY: _DAY, Precision.MINUTE: 60, Precision.SECOND: 1}[precision]
    return max(point.start + step * unit, OPEN_START)


def _shift_end(point: DatePoint) -> int:
    precision = point.precision
    if precision is Precision.YEAR or precision is Precision.MONTH:
        return min(_shift(point, 2), OPEN_END)
    unit = {Precision.DAY: _DAY, Precision.MINUTE: 60, Precision.SECOND: 1}[precision]
    return min(point.end + unit, OPEN_END)


def _point(part: str, text: str) -> DatePoint:
    match = _POINT_RE.fullmatch(part)
    if match is None:
        raise DateError(f"{_quoted(text)} is not a date; {_EXPECTED}")
    year = int(match["year"])
    if year == 0:
        raise DateError(f"{_quoted(text)} is in year 0, which does not exist; years start at 0001")
    month = int(match["month"]) if match["month"] else None
    day = int(match["day"]) if match["day"] else None
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"{_quoted(text)} has month {month}; months go from 01 to 12")
    if day is not None:
        assert month is not None
        try:
            date(year, month, day)
        except ValueError:
            raise DateError(f"{_quoted(text)} is not a day of the calendar") from None
    hour = minute = second = offset = None
    if match["hour"]:
        if match["qual"]:
            raise DateError(
                f"{_quoted(text)} qualifies a time of day; write ~ ? or % after a year, month "
                "or day (e.g. 2025-09-04~), or give a period such as 2025-09-04T18:00/"
                "2025-09-04T19:00"
            )
        hour, minute = int(match["hour"]), int(match["minute"])
        second = int(match["second"]) if match["second"] else None
        if hour > 23 or minute > 59 or (second is not None and second > 59):
            raise DateError(
                f"{_quoted(text)} has a time of day that does not exist; expected 00:00 to 23:59"
            )
        tz = match["tz"]
        if tz == "Z":
            offset = 0
        elif tz:
            digits = tz[1:].replace(":", "")
            hours, minutes = int(digits[:2]), int(digits[2:])
            if hours > 23 or minutes > 59:
                raise DateError(
                    f"{_quoted(text)} has a UTC offset that does not exist; expected Z or "
                    "±HH:MM up to ±23:59"
                )
            offset = (hours * 60 + minutes) * (1 if tz[0] == "+" else -1)
    return DatePoint(year, month, day, hour, minute, second, offset, _QUALIFIER_OF[match["qual"]])


def parse_date(text: str) -> EdtfDate:
    """Parse a date or period of the accepted subset (see the module docstring).

    Args:
        text: the date as written in the data.

    Raises:
        DateError: with a message that quotes the text and says what was expected.
    """
    raw = text.strip()
    if len(raw) > _MAX_LENGTH:
        raise DateError(f"{_quoted(raw)} is too long for a date; {_EXPECTED}")
    if "/" not in raw:
        point = _point(raw, raw)
        return EdtfDate(raw, point.start, point.end, point.precision, point.qualifier, point, point)
    left, _, right = raw.partition("/")
    if "/" in right:
        raise DateError(f"{_quoted(raw)} has more than one '/'; a period is A/B, A/.. or ../B")
    if not left or not right:
        raise DateError(
            f"{_quoted(raw)} has an empty side; write '..' for an open side (A/.. or ../B)"
        )
    if left == ".." and right == "..":
        raise DateError(f"{_quoted(raw)} is open on both sides; give at least one date")
    first = None if left == ".." else _point(left, raw)
    last = None if right == ".." else _point(right, raw)
    start = first.start if first is not None else OPEN_START
    end = last.end if last is not None else OPEN_END
    if first is not None and last is not None:
        if (first.utc_offset is None) != (last.utc_offset is None):
            # One side is an instant, the other a wall-clock date: take both as written.
            start = first.start + (first.utc_offset or 0) * 60
            end = last.end + (last.utc_offset or 0) * 60
        if end <= start:
            raise DateError(
                f"{_quoted(raw)} ends before it starts; write the earlier date first (A/B)"
            )
    sides = [p for p in (first, last) if p is not None]
    precision = min(p.precision for p in sides)
    qualifiers = Qualifier.NONE
    for p in sides:
        qualifiers |= p.qualifier
    return EdtfDate(raw, start, end, precision, qualifiers, first, last, True)


def ordinal(day: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``4th``, ``11th``, ``21st``..."""
    if 10 <= day % 100 <= 20:
        return f"{day}th"
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def weekday(point: DatePoint) -> str:
    """The short weekday name of a point written to the day, else an empty string."""
    if point.day is None or point.month is None:
        return ""
    return _WEEKDAYS[date(point.year, point.month, point.day).weekday()]
