"""The group headings of a timeline list, which never claim more than the dates say.

An entry is grouped under its day (``Thu 4 September 2025``), month or year, or a period under
its ends; an entry placed after another by a constraint (:attr:`.order.Ordering.placed_after`)
says so when that entry's date tells more (``September 2025, after the 4th``). The order itself,
and the rule behind ``placed_after``, are in :mod:`.order`.

Use, with the result of :func:`.order.order_items` for the same entries::

    titles = headings(dates, result)  # one per entry; a new heading when it changes
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from .dates import DatePoint, EdtfDate, Precision, Qualifier, ordinal, weekday

__all__ = ["group_heading", "headings"]


class Placed(Protocol):
    """What a list of headings needs of an :class:`.order.Ordering` (which is one)."""

    @property
    def order(self) -> tuple[int, ...]:
        """The entries' indexes in list order."""

    @property
    def placed_after(self) -> tuple[int | None, ...]:
        """By index: the entry that lifted each one, if a constraint placed it."""


def _heading_point(point: DatePoint, *, with_weekday: bool = True) -> str:
    """A point at day precision at most, with long month names: ``Thu 4 September 2025``."""
    coarse = DatePoint(point.year, point.month, point.day, qualifier=point.qualifier)
    text = coarse.display(months="long")
    day = weekday(point) if with_weekday else ""
    if day:
        prefix = "c. " if point.qualifier & Qualifier.APPROXIMATE else ""
        text = f"{prefix}{day} {text.removeprefix(prefix)}"
    return text


def group_heading(date: EdtfDate, after: EdtfDate | None = None) -> str:
    """The heading for an entry's group, which never claims more than the dates say.

    An entry dated to the day or finer is grouped under its day (``Thu 4 September 2025``); a
    coarser one under its month or year (``September 2025``, ``2025``); a period under its ends
    (``from 4 September 2025``). When the entry was placed after another one (``after``, from
    :attr:`Ordering.placed_after`) whose own date falls inside the heading's period and says more,
    the heading says so: ``September 2025, after the 4th``, ``2025, after 4 September``,
    ``Thu 4 September 2025, after 18:30``. Consecutive rows with the same heading share it.

    Args:
        date: the entry's date.
        after: the date of the entry it was placed after, if any.
    """
    if date.interval:
        if date.first is None:
            assert date.last is not None
            return "until " + _heading_point(date.last)
        if date.last is None:
            return "from " + _heading_point(date.first)
        left = _heading_point(date.first, with_weekday=False)
        right = _heading_point(date.last, with_weekday=False)
        return left if left == right else f"{left} → {right}"
    point = date.first
    assert point is not None
    text = _heading_point(point)
    if after is None or after.first is None or after.first.qualifier:
        return text
    anchor = after.first
    precision = min(point.precision, Precision.DAY)
    if anchor.precision <= precision or not point.contains(anchor):
        return text
    if precision is Precision.YEAR:
        assert anchor.month is not None
        when = DatePoint(anchor.year, anchor.month, anchor.day).display(months="long")
        return f"{text}, after {when.removesuffix(f' {anchor.year:04d}')}"
    if precision is Precision.MONTH:
        assert anchor.day is not None
        return f"{text}, after the {ordinal(anchor.day)}"
    clock = anchor.display().split(f"{anchor.year:04d} ", 1)[1]
    return f"{text}, after {clock}"


def _informative(anchor: EdtfDate, date: EdtfDate) -> bool:
    """Whether ``anchor`` can tell more than ``date``'s own heading (see :func:`group_heading`)."""
    point, first = date.first, anchor.first
    if date.interval or point is None or first is None or first.qualifier:
        return False
    return first.precision > min(point.precision, Precision.DAY)


def headings(dates: Sequence[EdtfDate], ordering: Placed) -> tuple[str, ...]:
    """The group heading of every entry, by index, for a list in ``ordering.order``.

    Like :func:`group_heading`, with the entry each one was placed after; when that entry says
    no more than the entry itself (a reply dated ``2025-09`` to another reply dated
    ``2025-09``), the chain of ``placed_after`` is followed to the first entry that does (the
    speech of 4 September), so a run of undated replies shares one heading:
    ``September 2025, after the 4th``. The claim stays true: after follows after.

    Args:
        dates: the date of each entry, by index, as given to :func:`order_items`.
        ordering: the result of :func:`order_items` for those entries.
    """
    anchor_of: list[int | None] = [None] * len(dates)
    out = [""] * len(dates)
    made: dict[object, str] = {}
    for i in ordering.order:
        anchor = ordering.placed_after[i]
        if anchor is not None and not _informative(dates[anchor], dates[i]):
            anchor = anchor_of[anchor]
        anchor_of[i] = anchor
        date = dates[i]
        if anchor is None:  # the heading depends on the day (or coarser) alone: made once a day
            key: object = (_day(date.first), _day(date.last), date.interval)
        else:
            key = (date.first, date.last, date.interval, dates[anchor].first)
        heading = made.get(key)
        if heading is None:
            heading = made[key] = group_heading(date, dates[anchor] if anchor is not None else None)
        out[i] = heading
    return tuple(out)


def _day(point: DatePoint | None) -> tuple[int, int | None, int | None, int] | None:
    """What a heading shows of a point: its day (or coarser) and its qualifiers."""
    if point is None:
        return None
    return (point.year, point.month, point.day, int(point.qualifier))
