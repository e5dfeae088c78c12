"""Partial dates: parsing, precision, display and the timeline order."""

from __future__ import annotations

import pytest

from timeline_explorer.model import DateError, PartialDate, Precision
from timeline_explorer.order import group_heading


@pytest.mark.parametrize(
    ("text", "precision", "shown"),
    [
        ("2025", Precision.YEAR, "2025"),
        ("2025-09", Precision.MONTH, "2025-09"),
        ("2025-09-04", Precision.DAY, "2025-09-04"),
        ("2025-09-04T18:30", Precision.MINUTE, "2025-09-04 18:30"),
        ("2025-09-04 18:30:15", Precision.SECOND, "2025-09-04 18:30:15"),
        ("2025-09-04T18:30+02:00", Precision.MINUTE, "2025-09-04 18:30 +02:00"),
        ("2025-09-04T18:30Z", Precision.MINUTE, "2025-09-04 18:30 UTC"),
    ],
)
def test_dates_keep_their_precision(text: str, precision: Precision, shown: str) -> None:
    date = PartialDate.parse(text)
    assert date.precision is precision
    assert date.display() == shown
    assert date.text == text


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2025-02-30", "not a day of the calendar"),
        ("2025-13", "months go from 01 to 12"),
        ("0000-01-01", "year 0"),
        ("yesterday", "is not a date"),
        ("2025-9-4", "is not a date"),
        ("2025-09-04T25:00", "time of day"),
    ],
)
def test_impossible_dates_are_refused(text: str, reason: str) -> None:
    with pytest.raises(DateError, match=reason):
        PartialDate.parse(text)


def test_month_is_a_period_not_its_first_day() -> None:
    month = PartialDate.parse("2025-09")
    first = PartialDate.parse("2025-09-01")
    last = PartialDate.parse("2025-09-30")
    assert month.start == first.start
    assert month.end == last.end
    assert month.sort_key < first.sort_key  # less precise first at an equal start
    assert group_heading(month) == "September 2025"
    assert group_heading(first) == "Mon 1 September 2025"


def test_december_and_year_ends() -> None:
    assert PartialDate.parse("2025-12").end == PartialDate.parse("2026-01-01").start
    assert PartialDate.parse("2025").end == PartialDate.parse("2026").start


def test_offsets_order_by_the_instant() -> None:
    rome = PartialDate.parse("2025-09-04T18:30+02:00")
    london = PartialDate.parse("2025-09-04T17:00+00:00")
    assert rome.start < london.start  # 16:30 UTC before 17:00 UTC
