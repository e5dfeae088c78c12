"""The index: timeline order, actor views, relations, replies, filters and search."""

from __future__ import annotations

from pathlib import Path

from timeline_explorer.index import Filter, TimelineIndex, normalize
from timeline_explorer.loader import load_text
from timeline_explorer.model import PartialDate


def ids(index: TimelineIndex, positions: list[int]) -> list[str]:
    return [index.entries[p].id for p in positions]


def test_timeline_order_is_start_then_precision_then_file_order(small_index: TimelineIndex) -> None:
    assert [e.id for e in small_index.entries] == [
        "year-plan",
        "month-review",
        "summit",
        "anna-peace",
        "bob-reply",
        "anna-again",
    ]


def test_order_is_total_and_stable_for_equal_dates() -> None:
    text = (
        "actors: [{id: a, name: A}]\nstatements:\n"
        + "".join(
            f"  - {{id: s{i}, date: 2025-09-04, speaker: a, text: t{i}}}\n" for i in range(30)
        )
        + "events: [{id: e0, date: 2025-09-04, title: E}]\n"
    )
    index = TimelineIndex.build(load_text(text))
    assert [e.id for e in index.entries] == [f"s{i}" for i in range(30)] + ["e0"]


def test_actor_entries_cover_every_role(small_index: TimelineIndex) -> None:
    assert ids(small_index, small_index.actor_entries("bob")) == [
        "summit",  # participant
        "anna-peace",  # mentioned
        "bob-reply",  # speaker
    ]
    assert ids(small_index, small_index.actor_entries("ministry")) == ["month-review", "anna-peace"]
    peace = small_index.entry("anna-peace")
    assert peace is not None
    assert small_index.roles(peace, "ministry") == ("on behalf of",)
    assert small_index.roles(peace, "bob") == ("mentioned",)


def test_relations_in_both_directions(small_index: TimelineIndex) -> None:
    anna = small_index.relations("anna")
    assert [(r.direction, r.type, r.other) for r in anna] == [
        ("out", "spokesperson-of", "ministry")
    ]
    ministry = small_index.relations("ministry")
    assert [(r.direction, r.type, r.other) for r in ministry] == [
        ("in", "spokesperson-of", "anna"),
        ("in", "critic-of", "bob"),
    ]


def test_co_actors_with_counts(small_index: TimelineIndex) -> None:
    assert small_index.co_actors("anna") == [("bob", 2), ("ministry", 1)]


def test_replies(small_index: TimelineIndex) -> None:
    assert [e.id for e in small_index.replies("anna-peace")] == ["bob-reply"]
    assert [e.id for e in small_index.replies("bob-reply")] == ["anna-again"]
    assert [e.id for e in small_index.statements_at("summit")] == ["anna-peace"]


def test_filters(small_index: TimelineIndex) -> None:
    select = small_index.select
    assert ids(small_index, select(Filter(entry_type="event"))) == [
        "year-plan",
        "month-review",
        "summit",
    ]
    assert ids(small_index, select(Filter(actors=("bob",), entry_type="statement"))) == [
        "anna-peace",
        "bob-reply",
    ]
    september = Filter(date_to=PartialDate.parse("2025-09"))
    assert len(select(september)) == 6  # a partial bound covers its whole period
    fifth = Filter(date_from=PartialDate.parse("2025-09-05"))
    assert ids(small_index, select(fifth)) == ["bob-reply", "anna-again"]
    day = Filter(date_from=PartialDate.parse("2025-09-04"), date_to=PartialDate.parse("2025-09-04"))
    assert ids(small_index, select(day)) == ["summit", "anna-peace"]


def test_search_ignores_case_and_accents(small_index: TimelineIndex) -> None:
    everything = list(range(len(small_index.entries)))
    assert ids(small_index, small_index.select(Filter(text="liberta"))) == ["summit", "anna-again"]
    assert small_index.search("LIBERTÀ", everything) == [2, 5]
    assert small_index.search("bob smith", everything) == [2, 3, 4]  # names are searchable
    assert normalize("L’Europa è") == "l'europa e"


def test_first_at_or_after(small_index: TimelineIndex) -> None:
    everything = list(range(len(small_index.entries)))
    assert small_index.first_at_or_after(PartialDate.parse("2025-09-05"), everything) == 4
    assert small_index.first_at_or_after(PartialDate.parse("2025-09"), everything) == 1
    assert small_index.first_at_or_after(PartialDate.parse("2026"), everything) is None


def test_the_index_shows_itself_in_a_few_words(story_index: TimelineIndex) -> None:
    # a worker's or a traceback's description of its arguments must stay cheap at any size
    assert repr(story_index) == f"<TimelineIndex {len(story_index.entries)} entries>"


def test_the_search_text_of_a_big_timeline_is_each_entry_folded_and_built_once(
    tmp_path: Path,
) -> None:
    """The search text is folded some hundreds of entries a step: across the steps each entry's
    part is its own text folded (a search finds an entry past the first step by its words),
    and threads that ask at once (the warm-up and a search) get the one text built."""
    import threading

    from timeline_explorer.data import load_index

    from .conftest import make_dataset

    index = load_index([str(make_dataset(tmp_path, 1500, 3))])
    found: list[object] = []
    threads = [threading.Thread(target=lambda: found.append(index._search_text())) for _ in "ab"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert found[0] is found[1]
    blob, starts = index._search_text()
    assert len(starts) == len(index.entries) + 1
    for pos, entry in enumerate(index.entries):
        part = blob[starts[pos] : starts[pos + 1] - 1]
        assert part == normalize(index._haystack_text(entry)).encode("utf-8"), entry.id
    last = index.entries[-1]
    word = max(normalize(last.id).split("-"), key=len)
    assert len(index.entries) - 1 in index.search(word, range(len(index.entries)))
