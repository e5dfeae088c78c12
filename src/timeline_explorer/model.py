"""The data model: frozen, slotted records for actors, events, statements, sources and links.

Dates are :class:`PartialDate` values that keep the precision they were written with: ``2025-09``
is a month, not the first of it. Nothing here knows about YAML, files or terminals.
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum
from typing import Literal, TypeAlias

ACTOR_KINDS = ("person", "organization", "country", "group", "other")
STATEMENT_KINDS = ("quote", "paraphrase")


class Precision(IntEnum):
    """How precisely a date was written; a less precise date sorts first at an equal start."""

    YEAR = 0
    MONTH = 1
    DAY = 2
    MINUTE = 3
    SECOND = 4


# ASCII digits only: ``\d`` alone would also take Arabic-Indic or full-width digits.
_DATE_RE = re.compile(
    r"(?P<year>[0-9]{4})"
    r"(?:-(?P<month>[0-9]{2})"
    r"(?:-(?P<day>[0-9]{2})"
    r"(?:[T ](?P<hour>[0-9]{2}):(?P<minute>[0-9]{2})(?::(?P<second>[0-9]{2}))?"
    r"(?P<tz>Z|[+-][0-9]{2}:?[0-9]{2})?)?)?)?"
)

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _day_after(year: int, month: int) -> int:
    """The ordinal of the day after the last of a month; works for December 9999 too, whose
    next day :class:`datetime.date` cannot hold."""
    return date(year, month, monthrange(year, month)[1]).toordinal() + 1


class DateError(ValueError):
    """A date that does not follow the format, or names a day that does not exist."""


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date at year, month, day, minute or second precision, as written in the data.

    ``start`` and ``end`` are seconds on a proleptic Gregorian scale (UTC when an offset was
    given, otherwise the written wall-clock time), ``end`` being exclusive.
    """

    text: str
    year: int
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    utc_offset: int | None = None  # minutes east of UTC

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM[:SS][±HH:MM|Z]``."""
        raw = text.strip()
        match = _DATE_RE.fullmatch(raw)
        if match is None:
            raise DateError(
                f"'{text}' is not a date; expected YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM"
            )
        year = int(match["year"])
        if year == 0:
            raise DateError(f"'{text}' is in year 0, which does not exist; years start at 0001")
        month = int(match["month"]) if match["month"] else None
        day = int(match["day"]) if match["day"] else None
        if month is not None and not 1 <= month <= 12:
            raise DateError(f"'{text}' has month {month}; months go from 01 to 12")
        if day is not None:
            assert month is not None
            try:
                date(year, month, day)
            except ValueError:
                raise DateError(f"'{text}' is not a day of the calendar") from None
        hour = minute = second = offset = None
        if match["hour"]:
            hour, minute = int(match["hour"]), int(match["minute"])
            second = int(match["second"]) if match["second"] else None
            if hour > 23 or minute > 59 or (second is not None and second > 59):
                raise DateError(f"'{text}' has a time of day that does not exist")
            tz = match["tz"]
            if tz:
                if tz == "Z":
                    offset = 0
                else:
                    digits = tz[1:].replace(":", "")
                    hours, minutes = int(digits[:2]), int(digits[2:])
                    if hours > 23 or minutes > 59:
                        raise DateError(f"'{text}' has a UTC offset that does not exist")
                    offset = (hours * 60 + minutes) * (1 if tz[0] == "+" else -1)
        return cls(raw, year, month, day, hour, minute, second, offset)

    # The computed values are properties over plain functions (below the class), so that the
    # hot paths (sorting, filtering) call the functions directly.

    @property
    def precision(self) -> Precision:
        """The finest unit written."""
        return _precision(self)

    @property
    def start(self) -> int:
        """Seconds at the start of the period (see the class docstring)."""
        return _start(self)

    @property
    def end(self) -> int:
        """Seconds at the end of the period, exclusive."""
        return _end(self)

    @property
    def sort_key(self) -> tuple[int, int]:
        """Start of the period, then precision (less precise first)."""
        return (_start(self), int(_precision(self)))

    @property
    def group_label(self) -> str:
        """The heading this date is grouped under: its day, or its month or year when coarser."""
        return _group_label(self)

    @property
    def group_key(self) -> tuple[int, int, int, int]:
        """Identity of the group heading (year, month, day, precision)."""
        return (self.year, self.month or 0, self.day or 0, min(int(_precision(self)), 2))

    def display(self) -> str:
        """The date at its own precision, e.g. ``2025-09``, ``2025-09-04 18:30 +02:00``."""
        out = f"{self.year:04d}"
        if self.month is not None:
            out += f"-{self.month:02d}"
        if self.day is not None:
            out += f"-{self.day:02d}"
        if self.hour is not None:
            out += f" {self.hour:02d}:{self.minute or 0:02d}"
            if self.second is not None:
                out += f":{self.second:02d}"
            if self.utc_offset is not None:
                if self.utc_offset == 0:
                    out += " UTC"
                else:
                    sign = "+" if self.utc_offset > 0 else "-"
                    hours, minutes = divmod(abs(self.utc_offset), 60)
                    out += f" {sign}{hours:02d}:{minutes:02d}"
        return out

    def __str__(self) -> str:
        return self.display()


def _precision(when: PartialDate) -> Precision:
    if when.second is not None:
        return Precision.SECOND
    if when.hour is not None:
        return Precision.MINUTE
    if when.day is not None:
        return Precision.DAY
    if when.month is not None:
        return Precision.MONTH
    return Precision.YEAR


def _start(when: PartialDate) -> int:
    days = date(when.year, when.month or 1, when.day or 1).toordinal()
    seconds = days * 86400 + (when.hour or 0) * 3600 + (when.minute or 0) * 60
    seconds += when.second or 0
    return seconds - (when.utc_offset or 0) * 60


def _end(when: PartialDate) -> int:
    precision = _precision(when)
    if precision is Precision.YEAR:
        return _day_after(when.year, 12) * 86400
    if precision is Precision.MONTH:
        assert when.month is not None
        return _day_after(when.year, when.month) * 86400
    if precision is Precision.DAY:
        return _start(when) + 86400
    if precision is Precision.MINUTE:
        return _start(when) + 60
    return _start(when) + 1


def _group_label(when: PartialDate) -> str:
    if when.day is not None:
        assert when.month is not None
        weekday = _WEEKDAYS[date(when.year, when.month, when.day).weekday()]
        return f"{when.year:04d}-{when.month:02d}-{when.day:02d} {weekday}"
    if when.month is not None:
        return f"{when.year:04d}-{when.month:02d} (month)"
    return f"{when.year:04d} (year)"


@dataclass(frozen=True, slots=True)
class Source:
    """Where the information comes from: an article, a report, a transcript."""

    id: str
    title: str
    publisher: str | None = None
    url: str | None = None
    date: PartialDate | None = None


@dataclass(frozen=True, slots=True)
class Link:
    """A typed relation from one actor to another, e.g. ``spokesperson-of``."""

    to: str
    type: str
    description: str | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    """A person, government, organisation, country or group."""

    id: str
    name: str
    kind: str = "person"
    description: str | None = None
    aliases: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened, with its participants."""

    id: str
    date: PartialDate
    title: str
    end: PartialDate | None = None
    description: str | None = None
    place: str | None = None
    actors: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    order: tuple[int, int] = field(default=(0, 0), compare=False)  # (file, line): sort ties

    @property
    def type(self) -> Literal["event"]:
        """The entry type as written in JSON output."""
        return "event"

    @property
    def kind_label(self) -> str:
        """The kind marker shown in lists."""
        return "event"


@dataclass(frozen=True, slots=True)
class Statement:
    """Words attributed to a speaker: a verbatim quote or reported speech."""

    id: str
    date: PartialDate
    speaker: str
    text: str
    kind: str = "quote"
    place: str | None = None
    context: str | None = None
    on_behalf_of: str | None = None
    mentions: tuple[str, ...] = ()
    event: str | None = None
    responds_to: str | None = None
    sources: tuple[str, ...] = ()
    language: str | None = None
    tags: tuple[str, ...] = ()
    order: tuple[int, int] = field(default=(0, 0), compare=False)

    @property
    def type(self) -> Literal["statement"]:
        """The entry type as written in JSON output."""
        return "statement"

    @property
    def kind_label(self) -> str:
        """The kind marker shown in lists: ``quote`` or ``paraphrase``."""
        return self.kind


Entry: TypeAlias = Event | Statement


def entry_sort_key(entry: Entry) -> tuple[int, int, int, int]:
    """Total order of entries: start, precision (coarser first), then file order."""
    when = entry.date
    return (_start(when), int(_precision(when)), entry.order[0], entry.order[1])


@dataclass(frozen=True, slots=True)
class Dataset:
    """Everything loaded from one or more files, validated."""

    title: str | None
    language: str | None
    sources: tuple[Source, ...]
    actors: tuple[Actor, ...]
    events: tuple[Event, ...]
    statements: tuple[Statement, ...]
    files: tuple[str, ...] = field(default=(), compare=False)
