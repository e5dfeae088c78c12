"""Dates at every precision: times and offsets, the ends of periods, display and order.

Each test here holds a behaviour a user sees (a date accepted or refused, an entry kept by ``--to``,
a heading, the order of rows), so that a change to any of them fails a test.
"""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline_explorer.cli import main
from timeline_explorer.index import Filter, TimelineIndex
from timeline_explorer.loader import LoadError, load_paths, load_text
from timeline_explorer.model import (
    DateError,
    Event,
    PartialDate,
    Precision,
    Statement,
    entry_sort_key,
)
from timeline_explorer.order import group_heading


def seconds(moment: datetime) -> int:
    """Seconds on the model's scale: day ordinal times 86400, plus the time of day, in UTC."""
    moment = moment.astimezone(UTC) if moment.tzinfo else moment
    return moment.toordinal() * 86400 + moment.hour * 3600 + moment.minute * 60 + moment.second


# -- times and offsets ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("2025-09-04T23:00", "2025-09-04 23:00"),
        ("2025-09-04T23:59", "2025-09-04 23:59"),
        ("2025-09-04T00:00", "2025-09-04 00:00"),
        ("2025-09-04T18:30:59", "2025-09-04 18:30:59"),
        ("2025-09-04T23:59:59", "2025-09-04 23:59:59"),
        ("2025-09-04T18:30:00", "2025-09-04 18:30:00"),
        ("2025-09-04T18:30+23:59", "2025-09-04 18:30 +23:59"),
        ("2025-09-04T18:30+02:59", "2025-09-04 18:30 +02:59"),
        ("2025-09-04T18:30+00:01", "2025-09-04 18:30 +00:01"),
        ("2025-09-04T18:30-00:01", "2025-09-04 18:30 -00:01"),
        ("2025-09-04T18:30-05:00", "2025-09-04 18:30 -05:00"),
        ("2025-09-04T18:30-0530", "2025-09-04 18:30 -05:30"),
        ("2025-09-04T18:30+0000", "2025-09-04 18:30 UTC"),
        ("2025-09-04T18:30-00:00", "2025-09-04 18:30 UTC"),
        ("2025-09-04 18:30:15+01:00", "2025-09-04 18:30:15 +01:00"),
    ],
)
def test_every_real_time_and_offset_is_accepted_and_shown(text: str, shown: str) -> None:
    assert PartialDate.parse(text).display() == shown


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "2025-09-04T24:00",
            "'2025-09-04T24:00' has a time of day that does not exist; expected 00:00 to 23:59",
        ),
        (
            "2025-09-04T18:60",
            "'2025-09-04T18:60' has a time of day that does not exist; expected 00:00 to 23:59",
        ),
        (
            "2025-09-04T18:30:60",
            "'2025-09-04T18:30:60' has a time of day that does not exist; expected 00:00 to 23:59",
        ),
        (
            "2025-09-04T18:30+24:00",
            "'2025-09-04T18:30+24:00' has a UTC offset that does not exist; "
            "expected Z or ±HH:MM up to ±23:59",
        ),
        (
            "2025-09-04T18:30+02:60",
            "'2025-09-04T18:30+02:60' has a UTC offset that does not exist; "
            "expected Z or ±HH:MM up to ±23:59",
        ),
        (
            "2025-09-04T18:30-02:60",
            "'2025-09-04T18:30-02:60' has a UTC offset that does not exist; "
            "expected Z or ±HH:MM up to ±23:59",
        ),
        ("2025-09-31", "'2025-09-31' is not a day of the calendar"),
        ("2025-00", "'2025-00' has month 0; months go from 01 to 12"),
        ("2025-13-01", "'2025-13-01' has month 13; months go from 01 to 12"),
        ("0000", "'0000' is in year 0, which does not exist; years start at 0001"),
        (
            "2025-09-04T18",
            "'2025-09-04T18' is not a date; expected YYYY, YYYY-MM, YYYY-MM-DD or "
            "YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM], optionally followed by ~ (approximate), "
            "? (uncertain) or % (both), or a period A/B, A/.. or ../B",
        ),
    ],
)
def test_impossible_times_offsets_and_days_are_refused(text: str, message: str) -> None:
    with pytest.raises(DateError) as caught:
        PartialDate.parse(text)
    assert str(caught.value) == message


def test_negative_offsets_are_instants_west_of_utc() -> None:
    new_york = PartialDate.parse("2025-09-04T12:00-05:00")
    utc = PartialDate.parse("2025-09-04T17:00Z")
    rome = PartialDate.parse("2025-09-04T19:00+02:00")
    assert new_york.utc_offset == -300
    assert new_york.start == utc.start == rome.start
    expected = datetime(2025, 9, 4, 12, 0, tzinfo=timezone(timedelta(hours=-5)))
    assert new_york.start == seconds(expected)
    # Noon in New York comes after 16:30 UTC, and before 17:30 UTC.
    assert PartialDate.parse("2025-09-04T16:30Z").start < new_york.start
    assert new_york.start < PartialDate.parse("2025-09-04T17:30Z").start


# -- ends of periods -----------------------------------------------------------------------

offsets = st.one_of(st.none(), st.integers(-23 * 60 - 59, 23 * 60 + 59))


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    """A valid date written at any precision, with or without an offset."""
    precision = draw(st.sampled_from(list(Precision)))
    year = draw(st.integers(1, 9999))
    text = f"{year:04d}"
    if precision >= Precision.MONTH:
        month = draw(st.integers(1, 12))
        text += f"-{month:02d}"
    if precision >= Precision.DAY:
        day = draw(st.integers(1, calendar.monthrange(year, month)[1]))
        text += f"-{day:02d}"
    if precision >= Precision.MINUTE:
        text += f"T{draw(st.integers(0, 23)):02d}:{draw(st.integers(0, 59)):02d}"
    if precision is Precision.SECOND:
        text += f":{draw(st.integers(0, 59)):02d}"
    if precision >= Precision.MINUTE:
        offset = draw(offsets)
        if offset is not None:
            sign = "+" if offset >= 0 else "-"
            text += f"{sign}{abs(offset) // 60:02d}:{abs(offset) % 60:02d}"
    parsed = PartialDate.parse(text)
    assert parsed.precision is precision
    return parsed


def expected_length(when: PartialDate) -> int:
    """The length of the period in seconds, from the calendar."""
    if when.precision is Precision.YEAR:
        return (366 if calendar.isleap(when.year) else 365) * 86400
    if when.precision is Precision.MONTH:
        assert when.month is not None
        return calendar.monthrange(when.year, when.month)[1] * 86400
    return {Precision.DAY: 86400, Precision.MINUTE: 60, Precision.SECOND: 1}[when.precision]


@given(partial_dates())
def test_every_period_starts_before_it_ends_and_lasts_its_unit(when: PartialDate) -> None:
    assert when.start < when.end
    assert when.end - when.start == expected_length(when)


@given(partial_dates())
def test_start_is_the_written_instant(when: PartialDate) -> None:
    day = (when.year, when.month or 1, when.day or 1)
    wall = datetime(*day, when.hour or 0, when.minute or 0, when.second or 0)
    assert when.start == seconds(wall) - (when.utc_offset or 0) * 60


@given(partial_dates(), partial_dates())
def test_order_is_consistent_with_the_periods(a: PartialDate, b: PartialDate) -> None:
    assert (a.sort_key < b.sort_key) == (
        a.start < b.start or (a.start == b.start and a.precision < b.precision)
    )


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("2025-09-04T18:30", 60),
        ("2025-09-04T18:30+02:00", 60),
        ("2025-09-04T18:30:15", 1),
        ("2025-09-04T18:30:15-05:00", 1),
        ("2025-09-04", 86400),
        ("2024-02", 29 * 86400),
        ("2025-02", 28 * 86400),
        ("2024", 366 * 86400),
    ],
)
def test_period_lengths(text: str, length: int) -> None:
    when = PartialDate.parse(text)
    assert when.end == when.start + length


def test_the_end_of_a_minute_is_the_start_of_the_next() -> None:
    assert PartialDate.parse("2025-09-04T18:30").end == PartialDate.parse("2025-09-04T18:31").start
    assert PartialDate.parse("2025-09-04T23:59").end == PartialDate.parse("2025-09-05").start
    assert (
        PartialDate.parse("2025-09-04T18:30:59").end == PartialDate.parse("2025-09-04T18:31").start
    )


LAST_DAY = date(9999, 12, 31).toordinal()


@pytest.mark.parametrize(
    "text",
    ["9999", "9999-12", "9999-12-31", "9999-12-31T23:59", "9999-12-31T23:59:59"],
)
def test_every_period_ending_with_year_9999_ends_after_its_last_second(text: str) -> None:
    when = PartialDate.parse(text)
    assert when.end == (LAST_DAY + 1) * 86400
    assert when.start < when.end


def test_year_9999_ends_in_a_file_and_in_every_filter(tmp_path: Path) -> None:
    data = load_text(
        "events:\n"
        "  - {id: last, date: 9999-12, end: 9999-12, title: Last}\n"
        "  - {id: first, date: 2025-09-04, end: 9999, title: First}\n"
    )
    index = TimelineIndex.build(data)
    everything = Filter(date_from=PartialDate.parse("0001"), date_to=PartialDate.parse("9999-12"))
    assert [index.entries[p].id for p in index.select(everything)] == ["first", "last"]
    only_last = Filter(date_from=PartialDate.parse("9999-12-31"))
    assert [index.entries[p].id for p in index.select(only_last)] == []
    december = Filter(date_from=PartialDate.parse("9999-12"), date_to=PartialDate.parse("9999"))
    assert [index.entries[p].id for p in index.select(december)] == ["last"]


def test_to_9999_12_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "t.yaml"
    path.write_text("events: [{id: last, date: 9999-12-31T23:59, title: The very last}]\n")
    assert main(["--print", str(path), "--from", "9999-12", "--to", "9999-12"]) == 0
    out = capsys.readouterr().out
    assert "The very last" in out
    assert "1 of 1 entries" in out


# -- digits ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "٢٠٢٥-٠٩-٠٤",  # Arabic-Indic
        "۲۰۲۵",  # extended Arabic-Indic (Persian)
        "２０２５-０９-０４",  # full-width
        "२०२५",  # Devanagari
        "2025-09-04T１８:30",
        "2025-09-04T18:30+０２:00",
    ],
)
def test_dates_take_ascii_digits_only(text: str) -> None:
    with pytest.raises(DateError, match="is not a date"):
        PartialDate.parse(text)


def test_a_date_in_other_digits_is_refused_with_a_hint() -> None:
    with pytest.raises(LoadError) as caught:
        load_text('events: [{id: e, date: "٢٠٢٥-٠٩-٠٤", title: T}]\n', "t.yaml")
    (diag,) = caught.value.diagnostics
    assert (diag.line, diag.column) == (1, 24)
    assert diag.message.startswith("bad date of event 'e': ")
    assert diag.hint == "write dates with the ASCII digits 0-9"


def test_a_day_after_december_9999_is_refused_with_a_hint() -> None:
    with pytest.raises(LoadError) as caught:
        load_text("events: [{id: e, date: 9999-12-32, title: T}]\n", "t.yaml")
    (diag,) = caught.value.diagnostics
    assert diag.message == "bad date of event 'e': '9999-12-32' is not a day of the calendar"
    assert diag.hint == "December 9999 has 31 days"


# -- display ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "name"),
    [(1, "Mon"), (2, "Tue"), (3, "Wed"), (4, "Thu"), (5, "Fri"), (6, "Sat"), (7, "Sun")],
)
def test_every_weekday_name(day: int, name: str) -> None:
    heading = f"{name} {day} September 2025"
    assert group_heading(PartialDate.parse(f"2025-09-{day:02d}")) == heading
    assert group_heading(PartialDate.parse(f"2025-09-{day:02d}T10:00")) == heading


@pytest.mark.parametrize(
    ("text", "shown", "label"),
    [
        ("0999", "0999", "0999"),
        ("0050-03", "0050-03", "March 0050"),
        ("0001-01-01", "0001-01-01", "Mon 1 January 0001"),
        ("0999-12-31T09:05", "0999-12-31 09:05", "Tue 31 December 0999"),
        ("0999-12-31T09:05:07-01:30", "0999-12-31 09:05:07 -01:30", "Tue 31 December 0999"),
    ],
)
def test_years_below_1000_keep_four_digits(text: str, shown: str, label: str) -> None:
    when = PartialDate.parse(text)
    assert when.display() == shown
    assert str(when) == shown
    assert group_heading(when) == label


@given(partial_dates())
def test_str_is_the_display(when: PartialDate) -> None:
    assert str(when) == when.display()
    assert f"{when}" == when.display()


def test_surrounding_blanks_are_dropped() -> None:
    when = PartialDate.parse("  2025-09-04 \n")
    assert when.text == "2025-09-04"
    assert when.display() == "2025-09-04"


def test_entry_types_and_kind_labels() -> None:
    day = PartialDate.parse("2025")
    event = Event("e", day, "E")
    quote = Statement("q", day, "a", "t")
    paraphrase = Statement("p", day, "a", "t", kind="paraphrase")
    assert (event.type, event.kind_label) == ("event", "event")
    assert (quote.type, quote.kind_label) == ("statement", "quote")
    assert (paraphrase.type, paraphrase.kind_label) == ("statement", "paraphrase")


# -- order of merged files -----------------------------------------------------------------


def test_equal_dates_sort_by_file_then_position() -> None:
    day = PartialDate.parse("2025-09-04")
    early_file = Event("a", day, "A", order=(0, 10))
    later_file = Event("b", day, "B", order=(1, 3))
    same_file_later = Event("c", day, "C", order=(1, 7))
    shuffled = [same_file_later, later_file, early_file]
    assert [e.id for e in sorted(shuffled, key=entry_sort_key)] == ["a", "b", "c"]
    assert entry_sort_key(early_file) == (day.start, day.rank, 0, 10)


def test_merged_files_keep_file_order_at_equal_dates(tmp_path: Path) -> None:
    first = tmp_path / "one.yaml"
    second = tmp_path / "two.yaml"
    padding = "".join(f"# line {i}\n" for i in range(8))
    first.write_text(
        "actors: [{id: a, name: A}]\n"
        + padding
        + "statements: [{id: late-line, date: 2025-09-04, speaker: a, text: t}]\n"
    )
    second.write_text(
        "events: [{id: early-line, date: 2025-09-04, title: E}]\n"
        "statements: [{id: second-file, date: 2025-09-04, speaker: a, text: t}]\n"
    )
    index = TimelineIndex.build(load_paths([str(second), str(first)]))
    assert [e.id for e in index.entries] == ["early-line", "second-file", "late-line"]
    index = TimelineIndex.build(load_paths([str(first), str(second)]))
    assert [e.id for e in index.entries] == ["late-line", "early-line", "second-file"]
