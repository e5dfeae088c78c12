"""The timeline's order respects after, before, responds_to and event; contradictions are located
errors on both parse paths; date filters read uncertain dates and offsets as documented."""

from __future__ import annotations

import textwrap
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_explorer.index import Filter, TimelineIndex
from timeline_explorer.loader import LoadError, bundled_events_path, load_paths, load_text
from timeline_explorer.model import PartialDate

from .dump import dump_yaml

DATES = ["2025", "2025-09", "2025-09~", "2025-09-04", "2025-09-05", "2025-09-04T18:30+02:00",
         "2025-09-04/..", "2025-09-10", "2025-10?"]  # fmt: skip


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    """A story of events and statements with random dates and random constraints."""
    count = draw(st.integers(2, 12))
    ids = [f"x{n}" for n in range(count)]
    entries = []
    for n, entry_id in enumerate(ids):
        record: dict[str, Any] = {"id": entry_id, "date": draw(st.sampled_from(DATES))}
        others = [i for i in ids if i != entry_id]
        after = draw(st.lists(st.sampled_from(others), max_size=2, unique=True))
        before = draw(st.lists(st.sampled_from(others), max_size=1, unique=True))
        if after:
            record["after"] = after
        if before:
            record["before"] = before[0]  # one id alone
        if n % 2:
            record |= {"speaker": "anna", "text": f"Words {n}."}
            events = [i for k, i in enumerate(ids) if k % 2 == 0]
            if draw(st.booleans()):
                record["event"] = draw(st.sampled_from(events))
            if draw(st.booleans()):
                record["responds_to"] = draw(st.sampled_from(others))
        else:
            record["title"] = f"Event {n}"
        entries.append(record)
    return {
        "actors": [{"id": "anna", "name": "Anna"}],
        "events": [e for e in entries if "title" in e],
        "statements": [e for e in entries if "title" not in e],
    }


def _check(index: TimelineIndex) -> None:
    position = {e.id: i for i, e in enumerate(index.entries)}
    by_id = {e.id: e for e in index.entries}
    edges: list[tuple[str, str]] = []  # (earlier, later), written and implied by events
    during: dict[str, set[str]] = {}
    for entry in index.entries:
        for target in entry.after:
            assert position[target] < position[entry.id], (entry.id, "after", target)
            edges.append((target, entry.id))
        for target in entry.before:
            assert position[target] > position[entry.id], (entry.id, "before", target)
            edges.append((entry.id, target))
        for held_by in (getattr(entry, "responds_to", None), getattr(entry, "event", None)):
            if held_by:
                assert position[held_by] < position[entry.id]
                edges.append((held_by, entry.id))
        event = getattr(entry, "event", None)
        if isinstance(event, str):
            during.setdefault(event, set()).add(entry.id)
    # What follows an event follows what was said during it (and what an event precedes, what
    # was said during it precedes), unless the dates or the written order say otherwise.
    implied = [
        (said, later)
        for earlier, later in list(edges)
        if later not in during.get(earlier, ())
        for said in during.get(earlier, ())
        if by_id[said].date.start < by_id[later].date.end
    ]
    edges += [pair for pair in implied if pair not in edges]
    for said, later in implied:
        assert position[said] < position[later] or _reaches(edges, later, said), (said, later)


def _reaches(edges: list[tuple[str, str]], start: str, goal: str) -> bool:
    todo, seen = [start], {start}
    while todo:
        here = todo.pop()
        for a, b in edges:
            if a == here and b not in seen:
                if b == goal:
                    return True
                seen.add(b)
                todo.append(b)
    return False


@settings(max_examples=150, deadline=None)
@given(documents())
def test_generated_constraints_hold_or_are_located_errors(document: dict[str, Any]) -> None:
    text = dump_yaml(document)
    try:
        dataset = load_text(text, "gen.yaml", fast=False)
    except LoadError as error:
        for diag in error.diagnostics:
            assert diag.path == "gen.yaml" and diag.line > 1 and diag.column > 1
            if "responds_to forms a cycle" in diag.message:  # replies alone, named by id
                continue
            assert "come after" in diag.message
            assert "gen.yaml:" in diag.message  # the other place is named too
        with pytest.raises(LoadError) as fast:
            load_text(text, "gen.yaml", fast=True)
        assert fast.value.report() == error.report()
        return
    index = TimelineIndex.build(dataset)
    assert sorted(e.id for e in index.entries) == sorted(e["id"] for e in [
        *document["events"], *document["statements"]])  # fmt: skip
    _check(index)
    again = TimelineIndex.build(load_text(text, "gen.yaml", fast=True))
    assert [e.id for e in again.entries] == [e.id for e in index.entries]


def test_a_reply_dated_by_month_follows_the_day_it_answers() -> None:
    dataset = load_text(
        textwrap.dedent(
            """\
            actors: [{id: anna, name: Anna}]
            events:
              - {id: speech, date: 2025-09-04, title: Speech}
              - {id: later, date: 2025-09-20, title: Later}
            statements:
              - {id: reply, date: 2025-09, speaker: anna, text: No., responds_to: speech}
              - {id: aside, date: 2025-09, speaker: anna, text: Hm.}
            """
        )
    )
    index = TimelineIndex.build(dataset)
    assert [e.id for e in index.entries] == ["aside", "speech", "reply", "later"]
    placed = index.placed_after(2)
    assert placed is not None and placed.id == "speech"
    assert index.placed_after(0) is None
    assert index.headings()[2] == "September 2025, after the 4th"
    assert index.entries[2].date.display() == "2025-09"  # never more precise than written


def test_the_bundled_story_opens_on_4_september_and_replies_follow() -> None:
    index = TimelineIndex.build(load_paths([str(bundled_events_path())]))
    assert index.entries[0].date.text.startswith("2025-09-04")
    _check(index)


# -- date filters -------------------------------------------------------------------------------

ZONES = textwrap.dedent(
    """\
    actors: [{id: anna, name: Anna}]
    statements:
      - {id: ny, date: "1962-10-22T18:00-04:00", speaker: anna, text: a}
      - {id: utc, date: "1962-10-22T20:30Z", speaker: anna, text: b}
      - {id: rome, date: "1962-10-22T19:30+01:00", speaker: anna, text: c}
      - {id: about, date: 1962-10~, speaker: anna, text: d}
      - {id: since, date: 1962-10-22/.., speaker: anna, text: e}
    """
)


def _kept(flt: Filter) -> set[str]:
    index = TimelineIndex.build(load_text(ZONES))
    return {index.entries[p].id for p in index.select(flt)}


def test_a_naive_bound_compares_with_the_written_time() -> None:
    # 18:00-04:00 is 22:00 UTC, but was written 18:00: before a naive 19:05.
    kept = _kept(Filter(date_from=PartialDate.parse("1962-10-22T19:05")))
    assert kept == {"utc", "rome"}


def test_a_bound_with_an_offset_compares_instants() -> None:
    # 21:00Z: ny is 22:00Z (kept), utc 20:30Z and rome 18:30Z are earlier.
    kept = _kept(Filter(date_from=PartialDate.parse("1962-10-22T21:00Z")))
    assert kept == {"ny"}


def test_uncertain_entries_count_from_the_start_of_their_possible_period() -> None:
    assert "about" in _kept(Filter(date_to=PartialDate.parse("1962-10-01")))
    assert "about" not in _kept(Filter(date_from=PartialDate.parse("1962-10-02")))
    since = _kept(Filter(date_from=PartialDate.parse("1962-10-22"), date_to=PartialDate.parse(
        "1962-10-22")))  # fmt: skip
    assert since == {"ny", "utc", "rome", "since"}
