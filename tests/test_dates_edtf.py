"""EDTF dates: the accepted subset, the possible period, the honest display and the errors."""

from __future__ import annotations

import calendar
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from timeline_explorer.dates import (
    OPEN_END,
    OPEN_START,
    DateError,
    EdtfDate,
    Precision,
    Qualifier,
    parse_date,
)

PROFILE = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
DAY = 86400


def seconds(*fields: int, offset_minutes: int | None = None) -> int:
    """Seconds on the scale the module promises, computed independently with datetime."""
    moment = datetime(*fields)  # type: ignore[arg-type]
    if offset_minutes is not None:
        moment = moment.replace(tzinfo=timezone(timedelta(minutes=offset_minutes)))
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    epoch = datetime(1, 1, 1)
    return int((moment - epoch).total_seconds()) + DAY  # date(1, 1, 1) is ordinal 1


@pytest.mark.parametrize(
    ("text", "shown", "precision", "qualifiers", "start", "end"),
    [
        ("2025", "2025", Precision.YEAR, Qualifier.NONE, (2025, 1, 1), (2026, 1, 1)),
        ("2025-09", "Sep 2025", Precision.MONTH, Qualifier.NONE, (2025, 9, 1), (2025, 10, 1)),
        ("2025-12", "Dec 2025", Precision.MONTH, Qualifier.NONE, (2025, 12, 1), (2026, 1, 1)),
        (
            "2025-09?",
            "Sep 2025?",
            Precision.MONTH,
            Qualifier.UNCERTAIN,
            (2025, 9, 1),
            (2025, 10, 1),
        ),
        (
            "2025-09~",
            "c. Sep 2025",
            Precision.MONTH,
            Qualifier.APPROXIMATE,
            (2025, 9, 1),
            (2025, 10, 1),
        ),
        (
            "2025-09%",
            "c. Sep 2025?",
            Precision.MONTH,
            Qualifier.APPROXIMATE | Qualifier.UNCERTAIN,
            (2025, 9, 1),
            (2025, 10, 1),
        ),
        ("2024-02-29", "29 Feb 2024", Precision.DAY, Qualifier.NONE, (2024, 2, 29), (2024, 3, 1)),
        ("2025?", "2025?", Precision.YEAR, Qualifier.UNCERTAIN, (2025, 1, 1), (2026, 1, 1)),
        (
            "2025-09-04T18:30",
            "4 Sep 2025 18:30",
            Precision.MINUTE,
            Qualifier.NONE,
            (2025, 9, 4, 18, 30),
            (2025, 9, 4, 18, 31),
        ),
        (
            "2025-09-04 18:30:15",
            "4 Sep 2025 18:30:15",
            Precision.SECOND,
            Qualifier.NONE,
            (2025, 9, 4, 18, 30, 15),
            (2025, 9, 4, 18, 30, 16),
        ),
        (
            "2025-09-04/2025-09-30",
            "4 Sep 2025 → 30 Sep 2025",
            Precision.DAY,
            Qualifier.NONE,
            (2025, 9, 4),
            (2025, 10, 1),
        ),
        (
            "2025-09/2025-10-02?",
            "Sep 2025 → 2 Oct 2025?",
            Precision.MONTH,
            Qualifier.UNCERTAIN,
            (2025, 9, 1),
            (2025, 10, 3),
        ),
    ],
)
def test_accepted_forms(
    text: str,
    shown: str,
    precision: Precision,
    qualifiers: Qualifier,
    start: tuple[int, ...],
    end: tuple[int, ...],
) -> None:
    value = parse_date(text)
    assert value.text == text
    assert value.describe() == shown
    assert value.precision is precision
    assert value.qualifiers == qualifiers
    assert value.start == seconds(*start)
    assert value.end == seconds(*end)


def test_offsets_give_instants_and_show_as_written() -> None:
    rome = parse_date("2025-09-04T18:30+02:00")
    london = parse_date("2025-09-04T17:00Z")
    compact = parse_date("2025-09-04T12:30-0400")
    assert rome.start == seconds(2025, 9, 4, 18, 30, offset_minutes=120)
    assert rome.start < london.start  # 16:30 UTC before 17:00 UTC
    assert compact.start == seconds(2025, 9, 4, 16, 30)
    assert rome.describe() == "4 Sep 2025 18:30 +02:00"
    assert london.describe() == "4 Sep 2025 17:00 UTC"
    assert compact.edtf() == "2025-09-04T12:30-04:00"


def test_period_with_an_offset_on_one_side_is_read_as_written() -> None:
    evening = parse_date("2025-09-04T23:00-05:00/2025-09-04")
    assert (evening.start, evening.end) == (seconds(2025, 9, 4, 23), seconds(2025, 9, 5))
    both = parse_date("2025-09-04T23:00-05:00/2025-09-05T07:00+02:00")
    assert (both.start, both.end) == (seconds(2025, 9, 5, 4), seconds(2025, 9, 5, 5, 1))
    with pytest.raises(DateError, match="ends before it starts"):
        parse_date("2025-09-04T23:00-05:00/2025-09-04T22:00")
    # a period may end in a coarser unit that contains its start: "from the 10th, in September"
    tenth = parse_date("2025-09-10/2025-09")
    assert (tenth.start, tenth.end) == (seconds(2025, 9, 10), seconds(2025, 10, 1))


def test_open_periods() -> None:
    since = parse_date("2025-09-04/..")
    until = parse_date("../2025-09")
    assert since.describe() == "from 4 Sep 2025"
    assert (since.start, since.end) == (seconds(2025, 9, 4), OPEN_END)
    assert until.describe() == "until Sep 2025"
    assert (until.start, until.end) == (OPEN_START, seconds(2025, 10, 1))
    assert since.interval and until.interval
    assert since.first is not None and since.last is None
    assert until.first is None and until.last is not None
    assert parse_date("9999/..").end > parse_date("9999-12-31T23:59-12:00").end


def test_long_months_for_headings() -> None:
    assert parse_date("2025-09~").describe(months="long") == "c. September 2025"


def test_rank_puts_plain_dates_above_qualified_and_periods() -> None:
    # Lower rank comes first at an equal start.
    day = parse_date("2025-09-04").rank
    assert day < parse_date("2025-09-04?").rank == parse_date("2025-09-04~").rank
    assert parse_date("2025-09-04?").rank < parse_date("2025-09-04/2025-09-05").rank
    assert parse_date("2025-09-04/2025-09-05").rank < parse_date("2025-09-04~/..").rank
    assert parse_date("2025-09").rank < parse_date("2025-09~").rank < day
    assert parse_date("2025-09-04T10:00").rank > day
    assert parse_date("2025-09-04").exact
    assert not parse_date("2025-09-04~").exact


def test_widened_gives_approximate_dates_one_unit_more() -> None:
    about = parse_date("2025-09~")
    assert about.widened() == (seconds(2025, 8, 1), seconds(2025, 11, 1))
    assert about.approximate and not about.uncertain
    maybe = parse_date("2025-09?")
    assert maybe.widened() == (maybe.start, maybe.end)
    assert parse_date("2025-12-31~").widened() == (seconds(2025, 12, 30), seconds(2026, 1, 2))
    assert parse_date("2025~/2026").widened() == (seconds(2024, 1, 1), seconds(2027, 1, 1))
    assert parse_date("9999~").widened() == (seconds(9998, 1, 1), OPEN_END)
    assert parse_date("0001-01~").widened() == (seconds(1, 1, 1), seconds(1, 3, 1))
    assert parse_date("9999").end == parse_date("9999-12-31").end


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2025-02-30", "not a day of the calendar"),
        ("2025-13", "months go from 01 to 12"),
        ("0000-01-01", "year 0"),
        ("yesterday", "expected YYYY, YYYY-MM, YYYY-MM-DD"),
        ("2025-9-4", "is not a date"),
        ("2025-09-04T25:00", "time of day that does not exist"),
        ("2025-09-04T10:00+24:00", "UTC offset that does not exist"),
        ("2025-09-04T18:30~", "qualifies a time of day"),
        ("٢٠٢٥-٠٩", "is not a date"),  # Arabic-Indic digits: ASCII only
        ("２０２５", "is not a date"),
        ("2025-10/2025-09", "ends before it starts"),
        ("2025-09-05/2025-09-04", "ends before it starts"),
        ("2025-09-04T10:00Z/2025-09-04T09:59Z", "ends before it starts"),
        ("2025/2026/2027", "more than one '/'"),
        ("2025/", "write '..' for an open side"),
        ("/2025", "write '..' for an open side"),
        ("../..", "open on both sides"),
        ("2025-XX", "is not a date"),
        ("~2025", "is not a date"),
        ("2025-21", "months go from 01 to 12"),
        ("2" * 200, "too long"),
    ],
)
def test_refused_with_what_was_expected(text: str, reason: str) -> None:
    with pytest.raises(DateError, match=reason) as caught:
        parse_date(text)
    assert isinstance(caught.value, ValueError)
    assert len(str(caught.value)) < 400


def test_value_is_frozen_and_slotted() -> None:
    value = EdtfDate.parse("2025-09")
    with pytest.raises(AttributeError):
        value.start = 0  # type: ignore[misc]
    assert not hasattr(value, "__dict__")


# -- properties -------------------------------------------------------------------------------


@st.composite
def points(draw: st.DrawFn, *, qualified: bool = True) -> str:
    """A canonical EDTF date at a random precision."""
    year = draw(st.integers(1, 9999))
    precision = draw(st.integers(0, 4))
    text = f"{year:04d}"
    if precision >= 1:
        month = draw(st.integers(1, 12))
        text += f"-{month:02d}"
    if precision >= 2:
        day = draw(st.integers(1, calendar.monthrange(year, month)[1]))
        text += f"-{day:02d}"
    if precision >= 3:
        text += f"T{draw(st.integers(0, 23)):02d}:{draw(st.integers(0, 59)):02d}"
        if precision == 4:
            text += f":{draw(st.integers(0, 59)):02d}"
        offset = draw(st.sampled_from(["", "Z", "+02:00", "-04:30", "+14:00"]))
        text += offset
    elif qualified:
        text += draw(st.sampled_from(["", "", "~", "?", "%"]))
    return text


@PROFILE
@example("9999~")
@example("0001~")
@example("9999-12%")
@given(points())
def test_one_date_round_trips_and_has_a_period(text: str) -> None:
    value = parse_date(text)
    assert value.start < value.end
    assert value.text == text
    assert value.edtf() == text
    again = parse_date(value.edtf())
    assert (again.start, again.end, again.qualifiers) == (value.start, value.end, value.qualifiers)
    assert again == value
    widened = value.widened()
    assert widened[0] <= value.start < value.end <= widened[1]


@PROFILE
@given(points())
def test_display_never_claims_more_than_written(text: str) -> None:
    value = parse_date(text)
    shown = value.describe()
    words = [word for word in shown.split() if word[0] not in "+-"]  # an offset is no claim
    numbers = [
        part for part in " ".join(words).replace(":", " ").split() if part.strip("?").isdigit()
    ]
    # year; + day; + hour and minute; + seconds. Months are names, offsets are signed.
    expected = {
        Precision.YEAR: 1,
        Precision.MONTH: 1,
        Precision.DAY: 2,
        Precision.MINUTE: 4,
        Precision.SECOND: 5,
    }[value.precision]
    assert len(numbers) == expected, shown
    assert shown.startswith("c. ") == value.approximate
    assert shown.endswith("?") == value.uncertain


@PROFILE
@given(points(), points())
def test_interval_is_ordered_or_refused(left: str, right: str) -> None:
    a, b = parse_date(left), parse_date(right)
    assert a.first is not None and b.first is not None
    text = f"{left}/{right}"
    offsets = (a.first.utc_offset, b.first.utc_offset)
    if (offsets[0] is None) != (offsets[1] is None):  # an instant and a wall-clock date
        start, end = a.start + 60 * (offsets[0] or 0), b.end + 60 * (offsets[1] or 0)
    else:
        start, end = a.start, b.end
    if end <= start:
        with pytest.raises(DateError, match="ends before it starts"):
            parse_date(text)
        return
    value = parse_date(text)
    assert (value.start, value.end) == (start, end)
    assert value.start < value.end
    assert value.precision == min(a.precision, b.precision)
    assert value.qualifiers == a.qualifiers | b.qualifiers
    assert value.edtf() == text
    assert value.describe() == f"{a.describe()} → {b.describe()}"


@PROFILE
@given(points())
def test_open_sides(text: str) -> None:
    point = parse_date(text)
    since, until = parse_date(f"{text}/.."), parse_date(f"../{text}")
    assert (since.start, since.end) == (point.start, OPEN_END)
    assert (until.start, until.end) == (OPEN_START, point.end)
    assert since.start < since.end and until.start < until.end


@PROFILE
@given(st.text(max_size=30))
def test_any_text_parses_or_says_what_was_expected(text: str) -> None:
    try:
        value = parse_date(text)
    except DateError as error:
        assert "'" in str(error)
        return
    assert value.start < value.end
    assert all(ch.isascii() for ch in value.text)
