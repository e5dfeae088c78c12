"""The overview core: entries bucketed over time, positions to buckets and back, an actor's
activity, and reply threads."""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_explorer.data import bundled_events_path
from timeline_explorer.index import Filter, TimelineIndex
from timeline_explorer.model import Dataset, Entry, Event, PartialDate, Statement
from timeline_explorer.overview import (
    Density,
    actor_activity,
    build_thread,
    story_span,
    thread_path,
    thread_root,
)


def make_index(dates: list[str], statements: Sequence[Statement] = ()) -> TimelineIndex:
    """Events at the given dates (ids e0, e1, … in the order given), plus statements."""
    events = tuple(
        Event(f"e{i}", PartialDate.parse(text), f"event {i}", order=(0, i))
        for i, text in enumerate(dates)
    )
    return TimelineIndex.build(Dataset(None, None, (), (), events, tuple(statements)))


def day(text: str) -> int:
    return date.fromisoformat(text).toordinal()


def said(
    id: str, when: str, *, responds_to: str | None = None, event: str | None = None, line: int = 0
) -> Statement:
    return Statement(
        id,
        PartialDate.parse(when),
        "someone",
        f"words of {id}",
        responds_to=responds_to,
        event=event,
        order=(1, line),
    )


# -- choosing the unit -----------------------------------------------------------------------


def test_ten_days_fit_as_days_and_counts_are_exact() -> None:
    index = make_index(["2025-09-01", "2025-09-01", "2025-09-04", "2025-09-10T12:00"])
    histogram = Density.build(index).fit(80)
    assert histogram.unit == "day"
    assert len(histogram) == 10
    assert histogram.counts == [2, 0, 0, 1, 0, 0, 0, 0, 0, 1]
    assert histogram.label(3) == "2025-09-04"


@pytest.mark.parametrize(
    ("width", "unit", "first_label", "buckets"),
    [
        (120, "day", "2025-06-02", 100),
        (60, "week", "week of 2025-06-02", 15),
        (10, "month", "2025-06", 4),
        (3, "2 months", "2025-05/06", 3),
        (2, "quarter", "2025 Q2", 2),
        (1, "year", "2025", 1),
    ],
)
def test_the_finest_unit_that_fits_the_width(
    width: int, unit: str, first_label: str, buckets: int
) -> None:
    first = date(2025, 6, 2)  # a Monday
    last = date.fromordinal(first.toordinal() + 99)  # 9 September
    index = make_index([first.isoformat(), last.isoformat()])
    histogram = Density.build(index).fit(width)
    assert (histogram.unit_label, len(histogram)) == (unit, buckets)
    assert histogram.label(0) == first_label
    assert histogram.bucket_of(1) == buckets - 1
    assert len(histogram) <= width
    assert sum(histogram.counts) == 2


def test_weeks_start_on_monday() -> None:
    index = make_index(["2025-09-03", "2025-11-30"])  # a Wednesday, a Sunday
    histogram = Density.build(index).fit(20)
    assert histogram.unit == "week"
    assert histogram.label(0) == "week of 2025-09-01"
    assert histogram.bucket_of(1) == len(histogram) - 1
    assert histogram.label(len(histogram) - 1) == "week of 2025-11-24"


def test_centuries_fit_in_steps_of_years() -> None:
    index = make_index(["1000", "1500-06-01", "1999-12-31"])
    histogram = Density.build(index).fit(60)
    assert histogram.unit == "year"
    assert histogram.step == 17  # 1,000 years in at most 60 buckets
    assert len(histogram) <= 60
    assert histogram.label(0) == "1000–1016"
    assert histogram.unit_label == "17 years"
    assert sum(histogram.counts) == pytest.approx(3)


def test_the_ends_of_the_calendar_do_not_break_it() -> None:
    index = make_index(["0001-01-01T00:30+01:00", "9999", "9999-12-31T23:59-05:00"])
    for width in (1, 60, 300):
        histogram = Density.build(index).fit(width)
        assert len(histogram) <= width
        assert histogram.bucket_of(0) == 0
        assert histogram.bucket_of(2) == len(histogram) - 1
        assert sum(histogram.counts) == pytest.approx(3)


def test_an_empty_view() -> None:
    index = make_index(["2025-09-01"])
    histogram = Density.build(index, []).fit(80)
    assert len(histogram) == 0
    assert histogram.bucket_of(0) is None
    assert histogram.position_for(0) is None


def test_positions_out_of_order_are_refused() -> None:
    index = make_index(["2025-09-01", "2025-10-01"])
    with pytest.raises(ValueError, match="timeline order"):
        Density.build(index, [1, 0])


# -- imprecise dates -------------------------------------------------------------------------


def test_a_month_is_spread_over_its_weeks_and_placed_where_it_starts() -> None:
    index = make_index(["2025-08-04", "2025-09", "2025-10-26"])
    histogram = Density.build(index).fit(20)
    assert histogram.unit == "week"
    covered = [b for b in range(len(histogram)) if histogram.overlapping[b]]
    september = date(2025, 9, 1)
    assert histogram.label(covered[0]) == "week of 2025-09-01"
    assert histogram.label(covered[-1]) == "week of 2025-09-29"
    assert all(histogram.spread[b] == pytest.approx(1 / len(covered)) for b in covered)
    assert sum(histogram.spread) == pytest.approx(1)
    assert sum(histogram.dated) == 2
    # In the list the month sits where it starts: its bucket is the one holding 1 September.
    assert histogram.bucket_of(1) == (september.toordinal() - day("2025-08-04")) // 7
    assert "+1 with coarser dates" in histogram.describe(covered[1])


def test_a_month_fits_in_a_month_bucket() -> None:
    index = make_index(["2023-01-05", "2025-09"])
    histogram = Density.build(index).fit(40)
    assert histogram.unit == "month"
    assert histogram.dated[-1] == 1
    assert sum(histogram.overlapping) == 0


def test_a_time_with_an_offset_counts_on_the_day_of_the_sort_scale() -> None:
    # 00:30 at +02:00 is 22:30 UTC the day before: it sorts among that day's entries.
    index = make_index(["2025-09-03T23:00", "2025-09-04T00:30+02:00", "2025-09-04T08:00"])
    histogram = Density.build(index).fit(80)
    assert histogram.unit == "day"
    assert [histogram.bucket_of(p) for p in range(3)] == [0, 0, 1]


# -- positions to buckets and back -------------------------------------------------------------


def test_jumps_go_to_the_first_entry_of_a_bucket_or_the_next_one() -> None:
    index = make_index(["2025-09-01", "2025-09-01", "2025-09-05", "2025-09-08"])
    histogram = Density.build(index).fit(80)
    assert [histogram.position_for(b) for b in range(len(histogram))] == [0, 2, 2, 2, 2, 3, 3, 3]
    assert histogram.started == (2, 0, 0, 0, 1, 0, 0, 1)


def test_a_filtered_view_maps_to_its_own_positions() -> None:
    index = make_index(["2025-09-01", "2025-09-02", "2025-09-03", "2025-09-20", "2025-09-21"])
    view = [0, 2, 4]
    histogram = Density.build(index, view).fit(80)
    assert histogram.bucket_of(2) == 2
    assert histogram.bucket_of(3) == 20  # not in the view: the next entry that is
    assert histogram.position_for(5) == 4
    assert all(histogram.position_for(b) in view for b in range(len(histogram)))


def test_a_view_of_a_filter_on_the_story(story_index: TimelineIndex) -> None:
    view = story_index.select(Filter(actors=("putin",)))
    histogram = Density.build(story_index, view).fit(80)
    assert sum(histogram.started) == len(view)
    assert sum(histogram.counts) == pytest.approx(len(view))


def _date_text(year: int, month: int, mday: int, precision: int) -> str:
    full = f"{year:04d}-{month:02d}-{mday:02d}"
    return full[: (4, 7, 10)[precision]]


dates = st.builds(
    _date_text, st.integers(1990, 2030), st.integers(1, 12), st.integers(1, 28), st.integers(0, 2)
)


@settings(max_examples=60, deadline=None)
@given(st.lists(dates, min_size=1, max_size=40), st.integers(1, 300), st.data())
def test_mapping_properties(texts: list[str], width: int, data: st.DataObject) -> None:
    index = make_index(texts)
    count = len(index.entries)
    view = sorted(data.draw(st.sets(st.integers(0, count - 1), min_size=1)))
    histogram = Density.build(index, view).fit(width)
    assert 1 <= len(histogram) <= width
    assert sum(histogram.counts) == pytest.approx(len(view))
    assert sum(histogram.started) == len(view)
    buckets = [b for p in view if (b := histogram.bucket_of(p)) is not None]
    assert buckets == sorted(buckets) and len(buckets) == len(view)  # monotonic in position
    jumps = [j for b in range(len(histogram)) if (j := histogram.position_for(b)) is not None]
    assert jumps == sorted(jumps) and len(jumps) == len(histogram)  # monotonic in bucket
    for position, bucket in zip(view, buckets, strict=True):
        target = histogram.position_for(bucket)
        assert target is not None and target <= position
        assert histogram.bucket_of(target) == bucket  # a bucket's jump lands in it
    for bucket in range(len(histogram)):
        landed = histogram.bucket_of(jumps[bucket])
        assert landed is not None
        assert landed >= bucket or jumps[bucket] == view[-1]


def test_build_once_then_fit_and_query_cheaply() -> None:
    """100,000 entries: one pass to build, then fits and queries that do not read them."""
    texts = []
    for i in range(100_000):
        when = date.fromordinal(day("2020-01-01") + i // 40)
        texts.append(when.isoformat() if i % 10 else f"{when.year}-{when.month:02d}")
    index = make_index(texts)
    started = time.perf_counter()
    density = Density.build(index)
    built = time.perf_counter() - started
    started = time.perf_counter()
    for width in (60, 80, 120, 300):
        histogram = density.fit(width)
    fitted = (time.perf_counter() - started) / 4
    started = time.perf_counter()
    for position in range(0, 100_000, 10):
        histogram.bucket_of(position)
    queried = (time.perf_counter() - started) / 10_000
    assert (histogram.unit, len(histogram)) == ("month", 83)  # 2,500 days
    assert sum(histogram.counts) == pytest.approx(100_000)
    # Generous bounds (the machine may be busy): about 0.06 s, 0.005 s and 1 µs here.
    assert built < 2.0
    assert fitted < 0.2
    assert queried < 0.000_1


# -- an actor's activity ------------------------------------------------------------------------


def test_actor_activity_is_on_the_story_axis(story_index: TimelineIndex) -> None:
    whole = Density.build(story_index).fit(80)
    histogram = actor_activity(story_index, "peskov", 80)
    assert (histogram.unit, len(histogram), histogram.starts) == (
        whole.unit,
        len(whole),
        whole.starts,
    )
    assert sum(histogram.started) == len(story_index.actor_entries("peskov"))
    assert actor_activity(story_index, "nobody", 80).counts == [0] * len(whole)


def test_story_span_reads_only_the_end(story_index: TimelineIndex) -> None:
    assert story_span(story_index) == Density.build(story_index).span
    index = make_index(["2024-03-01", "2025", "2025-06-01"])
    assert story_span(index) == (day("2024-03-01"), day("2025-12-31"))
    assert story_span(make_index([])) is None


# -- threads -------------------------------------------------------------------------------------


def _story_yaml() -> dict[str, list[dict[str, object]]]:
    return yaml.safe_load(Path(bundled_events_path()).read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_the_story_thread_paris_kremlin_putin_peskov(story_index: TimelineIndex) -> None:
    raw = _story_yaml()
    answers = [s["id"] for s in raw["statements"] if s.get("responds_to") == "paris-announcement"]
    said_there = [
        s["id"]
        for s in raw["statements"]
        if s.get("event") == "paris-announcement" and not s.get("responds_to")
    ]
    peskov = story_index.entry("peskov-absolutely-not")
    assert peskov is not None
    tree = build_thread(story_index, peskov)
    assert tree.entry.id == "paris-announcement"
    assert tree.relation == "root"
    replies = [n.entry for n in tree.children if n.relation == "reply"]
    assert [e.id for e in replies] == answers
    assert [e.speaker for e in replies if isinstance(e, Statement)] == [
        "kremlin",
        *["putin"] * 5,
        *["peskov"] * 6,
    ]
    assert [n.entry.id for n in tree.children if n.relation == "said at"] == said_there
    assert all(not n.children for n in tree.children)


def test_every_entry_of_the_thread_opens_the_same_tree(story_index: TimelineIndex) -> None:
    root = story_index.entry("paris-announcement")
    assert root is not None
    ids = [node.entry.id for node in build_thread(story_index, root).walk()]
    for entry_id in ids:
        entry = story_index.entry(entry_id)
        assert entry is not None
        assert [n.entry.id for n in build_thread(story_index, entry).walk()] == ids
        assert thread_path(story_index, entry)[0] == "paris-announcement"
        assert thread_path(story_index, entry)[-1] == entry_id


def test_a_reply_hangs_under_what_it_answers_not_where_that_was_said(
    story_index: TimelineIndex,
) -> None:
    meeting = story_index.entry("paris-meeting")
    assert meeting is not None
    tree = build_thread(story_index, meeting)
    direct = {n.entry.id: n for n in tree.children}
    assert direct["trump-will-call-putin"].relation == "said at"  # said at the meeting
    assert "peskov-no-results" not in direct  # it answers Trump, not the meeting
    under_trump = {n.entry.id: n.relation for n in direct["trump-will-call-putin"].children}
    assert under_trump["peskov-no-results"] == "reply"


def test_an_entry_alone_is_its_own_thread(story_index: TimelineIndex) -> None:
    lone = story_index.entry("trump-seven-wars")
    assert lone is not None
    tree = build_thread(story_index, lone)
    assert (tree.entry.id, tree.children) == ("trump-seven-wars", ())


def test_a_cycle_cannot_loop() -> None:
    # The loader refuses cycles; an index built by hand can still hold one.
    statements = [
        said("a", "2025-09-01", responds_to="b", line=1),
        said("b", "2025-09-02", responds_to="c", line=2),
        said("c", "2025-09-03", responds_to="a", line=3),
    ]
    index = make_index([], statements)
    entry = index.entry("a")
    assert entry is not None
    assert thread_root(index, entry).id in {"a", "b", "c"}
    ids = [n.entry.id for n in build_thread(index, entry).walk()]
    assert sorted(ids) == ["a", "b", "c"]


def test_a_long_chain_and_a_crowded_entry_are_bounded() -> None:
    chain: list[Statement] = [said("s0", "2025-01-01", line=0)]
    for i in range(1, 5000):
        chain.append(said(f"s{i}", "2025-01-01", responds_to=f"s{i - 1}", line=i))
    crowd = [said(f"r{i}", "2025-02-01", responds_to="s0", line=10_000 + i) for i in range(300)]
    index = make_index([], [*chain, *crowd])
    last: Entry | None = index.entry("s4999")
    assert last is not None
    tree = build_thread(index, last, max_nodes=6000, max_children=200)
    assert tree.entry.id == "s0"
    assert len(tree.children) == 200
    assert tree.more == 101  # the chain's next link and 300 replies, 200 shown
    deep = build_thread(index, last, max_nodes=100_000, max_children=1000)
    assert len(deep.walk()) == 5300
    first = index.entry("s0")
    assert first is not None
    assert len(build_thread(index, first, max_nodes=50).walk()) == 50
    # The way down to the entry asked for is always there, beyond the limit.
    small = [n.entry.id for n in build_thread(index, last, max_nodes=50).walk()]
    assert "s4999" in small
    assert set(thread_path(index, last)) <= set(small)
