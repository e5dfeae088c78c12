"""The index, held to what the screens show: roles, search over any positions, jumps, folding."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline_explorer.index import (
    ROLE_MENTIONED,
    ROLE_ON_BEHALF,
    ROLE_PARTICIPANT,
    ROLE_SPEAKER,
    Filter,
    TimelineIndex,
    normalize,
)
from timeline_explorer.loader import load_text
from timeline_explorer.model import Entry, PartialDate

DOCUMENT = """\
title: Pins
actors:
  - {id: ann, name: Ann Åström, links: [{to: org, type: member-of, description: since 2020}]}
  - {id: bob, name: Bob}
  - {id: org, name: The Organisation}
  - {id: zed, name: zed}
  - {id: cy, name: Cy}
events:
  - {id: e1, date: 2025-09-01, title: Opening, actors: [ann, bob], place: Oslo, tags: [start]}
  - {id: e3, date: 2025-09-03, title: Closing, description: «Fin» du sommet, actors: [org]}
statements:
  - {id: s2, date: 2025-09-02, speaker: ann, on_behalf_of: org, mentions: [bob, ann],
     text: "L’accord est “signé”", context: At the desk}
  - {id: s4, date: 2025-09-04, speaker: bob, text: ﬁnal words, responds_to: s2, event: e3}
  - {id: s5, date: 2025-09-05, speaker: ann, on_behalf_of: ann, text: Plain, tags: [Señal]}
  - {id: s6, date: 2025-09-05T10:00, speaker: zed, mentions: [cy, bob], text: z}
"""


@pytest.fixture(scope="module")
def index() -> TimelineIndex:
    return TimelineIndex.build(load_text(DOCUMENT))


def ids(index: TimelineIndex, positions: list[int]) -> list[str]:
    return [index.entries[p].id for p in positions]


def entry(index: TimelineIndex, entry_id: str) -> Entry:
    found = index.entry(entry_id)
    assert found is not None
    return found


def test_order_and_lookups(index: TimelineIndex) -> None:
    assert [e.id for e in index.entries] == ["e1", "s2", "e3", "s4", "s5", "s6"]
    assert index.position("e3") == 2
    assert index.position("nope") is None
    assert index.entry("nope") is None
    assert index.title == "Pins"
    assert TimelineIndex.build(load_text("actors: []\n")).title == "Timeline"
    assert index.actor_name("ann") == "Ann Åström"
    assert index.actor_name("ghost") == "ghost"


def test_sources_by_id(index: TimelineIndex) -> None:
    with_source = TimelineIndex.build(load_text("sources: [{id: paper, title: The Paper}]\n"))
    assert with_source.sources["paper"].title == "The Paper"
    assert index.sources == {}


def test_roles_of_every_kind(index: TimelineIndex) -> None:
    assert index.roles(entry(index, "e1"), "ann") == (ROLE_PARTICIPANT,)
    assert index.roles(entry(index, "e1"), "bob") == ("participant",)
    assert index.roles(entry(index, "e1"), "org") == ()
    assert index.roles(entry(index, "s2"), "ann") == (ROLE_SPEAKER, ROLE_MENTIONED)
    assert index.roles(entry(index, "s2"), "org") == (ROLE_ON_BEHALF,)
    assert index.roles(entry(index, "s2"), "bob") == ("mentioned",)
    assert index.roles(entry(index, "s5"), "ann") == ("speaker", "on behalf of")
    assert index.roles(entry(index, "s5"), "bob") == ()


def test_entry_actors_come_once_speaker_first(index: TimelineIndex) -> None:
    assert index.entry_actors(entry(index, "s2")) == ("ann", "org", "bob")
    assert index.entry_actors(entry(index, "s5")) == ("ann",)
    assert index.entry_actors(entry(index, "e1")) == ("ann", "bob")
    assert ids(index, index.actor_entries("bob")) == ["e1", "s2", "s4", "s6"]
    assert index.actor_entries("ghost") == []


def test_relations_and_co_actors(index: TimelineIndex) -> None:
    out = index.relations("ann")
    assert [(r.direction, r.type, r.other, r.description) for r in out] == [
        ("out", "member-of", "org", "since 2020")
    ]
    incoming = index.relations("org")
    assert [(r.direction, r.type, r.other, r.description) for r in incoming] == [
        ("in", "member-of", "ann", "since 2020")
    ]
    assert index.relations("ghost") == []
    # Ties in count are ordered by name, case-insensitively: "Cy" before "zed".
    assert index.co_actors("bob") == [("ann", 2), ("cy", 1), ("org", 1), ("zed", 1)]


def test_co_actors_most_shared_first_then_by_name_ignoring_case() -> None:
    shared = TimelineIndex.build(
        load_text(
            "actors: [{id: x, name: X}, {id: a1, name: Zoe}, {id: a2, name: adam},"
            " {id: a3, name: Bea}, {id: a4, name: Carl}]\n"
            "events:\n"
            "  - {id: e1, date: 2025, title: One, actors: [x, a1, a2, a3, a4]}\n"
            "  - {id: e2, date: 2025, title: Two, actors: [x, a3]}\n"
        )
    )
    assert shared.co_actors("x") == [("a3", 2), ("a2", 1), ("a4", 1), ("a1", 1)]


def test_replies_and_statements_at(index: TimelineIndex) -> None:
    assert [e.id for e in index.replies("s2")] == ["s4"]
    assert index.replies("s4") == []
    assert [e.id for e in index.statements_at("e3")] == ["s4"]
    assert index.statements_at("e1") == []


# -- search -----------------------------------------------------------------------------------


def test_search_over_the_whole_range_and_a_list_agree(index: TimelineIndex) -> None:
    everything = range(len(index.entries))
    assert index.search("ann", everything) == [0, 1, 4]
    assert index.search("ann", list(everything)) == [0, 1, 4]
    assert index.search("  BOB ", everything) == [0, 1, 3, 5]


def test_search_over_a_partial_range_gives_indexes_into_it(index: TimelineIndex) -> None:
    assert index.search("bob", range(2, 6)) == [1, 3]  # s4 and s6, at 3 and 5
    assert index.search("ann", range(1, 3)) == [0]
    assert index.search("ann", range(2, 4)) == []
    assert index.search("bob", [5, 3, 0]) == [0, 1, 2]


def test_a_match_stays_inside_one_entry_and_one_field() -> None:
    two = TimelineIndex.build(
        load_text(
            "events:\n"
            "  - {id: a1, date: 2025-01-01, title: Opening, place: Oslo}\n"
            "  - {id: q2, date: 2025-01-02, title: Other}\n"
        )
    )
    assert ids(two, two.select(Filter(text="q"))) == ["q2"]  # not a1, whose part ends before
    assert ids(two, two.select(Filter(text="a1"))) == ["a1"]  # the very first characters
    assert two.search("a1", range(2)) == [0]
    assert two.search("xx", range(2)) == []  # fields are joined by nothing searchable
    assert two.search("opening oslo", range(2)) == []
    assert two.search("os\0lo", range(2)) == [0]  # a NUL in the query is dropped


@pytest.mark.parametrize("query", ["", "   ", "\0"])
def test_an_empty_query_finds_nothing(index: TimelineIndex, query: str) -> None:
    assert index.search(query, range(len(index.entries))) == []


def test_search_in_an_empty_timeline() -> None:
    empty = TimelineIndex.build(load_text("actors: []\n"))
    assert empty.search("x", range(0)) == []


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("oslo", ["e1"]),  # place
        ("start", ["e1"]),  # tag
        ("at the desk", ["s2"]),  # context
        ('"fin"', ["e3"]),  # « » fold to a straight double quote
        ("l'accord", ["s2"]),  # ’ folds to a straight quote
        ('"signe"', ["s2"]),  # “ ” and the accent fold
        ("final", ["s4"]),  # the ligature ﬁ folds to "fi"
        ("senal", ["s5"]),
        ("astrom", ["e1", "s2", "s5"]),  # actor names are searchable, accents folded
        ("organisation", ["s2", "e3"]),
        ("s6", ["s6"]),  # ids
    ],
)
def test_search_finds_every_field_folded(
    index: TimelineIndex, query: str, found: list[str]
) -> None:
    positions = index.search(query, range(len(index.entries)))
    assert ids(index, positions) == found


@pytest.fixture
def fresh_fold_table(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fold table is built once per process: build it again for the test."""
    import timeline_explorer.index as index_module

    monkeypatch.setattr(index_module, "_FOLD", None)


FOLDS = [
    ("«Ciao»", '"ciao"'),
    ("‘a’", "'a'"),
    ("“a”", '"a"'),
    ("L’Europa è", "l'europa e"),
    ("ﬁﬂ", "fifl"),
    ("ǅemal", "džemal".replace("ž", "z")),
    ("Ａｂｃ１", "abc1"),
    ("e\u0301", "e"),
    ("\u2000x", " x"),
    ("Straße", "strasse"),
    ("ÀÉÎÕÜ", "aeiou"),
    ("ASCII Only", "ascii only"),
]


@pytest.mark.parametrize(("text", "folded"), FOLDS)
def test_normalize_folds_case_accents_quotes_and_forms(text: str, folded: str) -> None:
    assert normalize(text) == folded


@pytest.mark.usefixtures("fresh_fold_table")
def test_a_freshly_built_fold_table_folds_the_same() -> None:
    assert [normalize(text) for text, _ in FOLDS] == [folded for _, folded in FOLDS]


EDGES = [
    ("\u00a0", " "),  # no-break space: first folded character of the Latin range
    ("\u1fff", "\u1fff"),  # unassigned, last of the Latin range: kept
    ("\u2000", " "),  # en quad: first of the punctuation range
    ("\u2024", "."),  # one dot leader
    ("\u2100", "\u2100"),  # account-of: past the folded ranges, kept as written
    ("\ufb00", "ff"),  # the first ligature
    ("\ufb06", "st"),  # the last ligature
    ("\uff01", "!"),  # the first full-width form
    ("\uffee", "\u25cb"),  # the last half-width form
    ("\u0300", ""),  # a combining mark alone folds to nothing
]


@pytest.mark.usefixtures("fresh_fold_table")
def test_fold_ranges_start_and_end_where_forms_do() -> None:
    assert [normalize(text) for text, _ in EDGES] == [folded for _, folded in EDGES]


@given(st.text(alphabet=st.characters(min_codepoint=0x80, max_codepoint=0x24F)))
def test_folded_latin_text_keeps_no_combining_marks(text: str) -> None:
    assert not any(unicodedata.combining(c) for c in normalize(text))


# -- jumps and filters ------------------------------------------------------------------------


def test_first_at_or_after(index: TimelineIndex) -> None:
    everything = list(range(len(index.entries)))
    assert index.first_at_or_after(PartialDate.parse("2025"), everything) == 0
    assert index.first_at_or_after(PartialDate.parse("2025-09-01"), everything) == 0
    assert index.first_at_or_after(PartialDate.parse("2025-09-01T00:01"), everything) == 1
    assert index.first_at_or_after(PartialDate.parse("2025-09-03"), everything) == 2
    assert index.first_at_or_after(PartialDate.parse("2025-09-05T10:00"), everything) == 5
    assert index.first_at_or_after(PartialDate.parse("2025-09-05T10:01"), everything) is None
    assert index.first_at_or_after(PartialDate.parse("2025-09-03"), [0, 4, 5]) == 1
    assert index.first_at_or_after(PartialDate.parse("2025"), []) is None


def test_filter_describe_and_active(index: TimelineIndex) -> None:
    assert not Filter().active
    assert Filter(entry_type="event").active
    assert Filter(text="x").active
    assert Filter(actors=("ann",)).active
    assert Filter(date_to=PartialDate.parse("2025")).active
    full = Filter(
        actors=("ann", "ghost"),
        entry_type="statement",
        date_from=PartialDate.parse("2025-09"),
        date_to=PartialDate.parse("2025-09-04T10:00"),
        text="pace",
    )
    assert full.describe(index) == [
        "actor: Ann Åström | ghost",
        "kind: statement",
        "date: 2025-09 – 2025-09-04 10:00",
        'text: "pace"',
    ]
    assert full.describe()[0] == "actor: ann | ghost"
    assert Filter(date_from=PartialDate.parse("2025")).describe() == ["date: 2025 – …"]
    assert Filter(date_to=PartialDate.parse("2025")).describe() == ["date: … – 2025"]
    assert Filter().describe() == []


def test_select_combines_actor_kind_dates_and_text(index: TimelineIndex) -> None:
    select = index.select
    assert ids(index, select(Filter(actors=("org", "bob")))) == ["e1", "s2", "e3", "s4", "s6"]
    assert ids(index, select(Filter(actors=("org",), entry_type="event"))) == ["e3"]
    day = PartialDate.parse("2025-09-05")
    assert ids(index, select(Filter(date_from=day))) == ["s5", "s6"]
    assert ids(index, select(Filter(date_to=PartialDate.parse("2025-09-02")))) == ["e1", "s2"]
    assert ids(index, select(Filter(text="BOB", entry_type="statement"))) == ["s2", "s4", "s6"]
    assert ids(index, select(Filter(text="nothing like it"))) == []


def test_warm_up_changes_no_answer(index: TimelineIndex) -> None:
    fresh = TimelineIndex.build(load_text(DOCUMENT))
    fresh.warm_up()
    assert fresh.search("bob", range(6)) == index.search("bob", range(6))
    assert fresh.actor_entries("bob") == index.actor_entries("bob")
    assert [e.id for e in fresh.replies("s2")] == ["s4"]
    assert [r.other for r in fresh.relations("org")] == ["ann"]
