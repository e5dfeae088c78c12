"""The timeline order: constraints first, then dates, then file order; contradictions reported."""

from __future__ import annotations

import random
import subprocess
import sys
from datetime import datetime, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline_explorer.dates import VAGUE_STEPS, parse_date
from timeline_explorer.order import (
    Constraint,
    ConstraintKind,
    Item,
    Ordering,
    Problem,
    group_heading,
    headings,
    order_items,
)

PROFILE = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
ROOT = Path(__file__).resolve().parent.parent


def item(text: str, position: int, file: int = 0) -> Item:
    """An item as the loader would build it from a written date."""
    value = parse_date(text)
    return Item(value.start, value.end, value.rank, (file, position))


def key(items: list[Item], i: int) -> tuple[int, int, tuple[int, int], int]:
    """The date order of the module docstring, for checking."""
    return (items[i].start, items[i].rank, items[i].tie, i)


# -- the story the issue tells ----------------------------------------------------------------


def test_story_opens_on_the_meeting_and_replies_follow_what_they_answer() -> None:
    written = [
        ("future step one", "2025"),
        ("future step two", "2025"),
        ("Putin reply", "2025-09"),
        ("Peskov reply", "2025-09"),
        ("Peskov no results", "2025-09"),
        ("Trump words", "2025-09"),
        ("Paris meeting", "2025-09-04"),
        ("Cernobbio video", "2025-09-06"),
        ("August summit", "2025-08-15"),
    ]
    names = [name for name, _ in written]
    items = [item(text, pos) for pos, (_, text) in enumerate(written)]
    at = names.index
    constraints = [
        Constraint(at("future step one"), at("Paris meeting"), "after"),
        Constraint(at("future step two"), at("future step one"), "after"),
        Constraint(at("Putin reply"), at("Paris meeting"), "responds_to"),
        Constraint(at("Peskov reply"), at("Putin reply"), "responds_to"),
        Constraint(at("Trump words"), at("Paris meeting"), "event"),
        Constraint(at("Peskov no results"), at("Trump words"), "responds_to"),
    ]
    result = order_items(items, constraints)
    assert result.problems == ()
    assert [names[i] for i in result.order] == [
        "August summit",  # precise, earlier, free: not moved
        "Paris meeting",
        "Trump words",  # during the meeting: what follows the meeting follows it too
        "future step one",  # held back: placed after what it follows, then in file order
        "future step two",
        "Putin reply",
        "Peskov reply",
        "Peskov no results",
        "Cernobbio video",  # precise and free: stays at its date, below the reactions to the 4th
    ]
    why = {names[i]: names[a] for i, a in enumerate(result.placed_after) if a is not None}
    assert why == {
        "future step one": "Paris meeting",
        "future step two": "future step one",
        "Putin reply": "Paris meeting",
        "Peskov reply": "Putin reply",
        "Trump words": "Paris meeting",
        "Peskov no results": "Trump words",
    }
    meeting = parse_date("2025-09-04")
    assert group_heading(parse_date("2025-09"), meeting) == "September 2025, after the 4th"
    assert group_heading(parse_date("2025"), meeting) == "2025, after 4 September"
    shown = headings([parse_date(text) for _, text in written], result)
    assert [shown[i] for i in result.order] == [
        "Fri 15 August 2025",
        "Thu 4 September 2025",
        "September 2025, after the 4th",
        "2025, after 4 September",
        "2025, after 4 September",  # follows step one, which follows the 4th
        "September 2025, after the 4th",
        "September 2025, after the 4th",  # a reply to a reply: still after the 4th
        "September 2025, after the 4th",
        "Sat 6 September 2025",
    ]


def test_without_constraints_the_old_rule_holds() -> None:
    texts = ["2025-09-04", "2025-09", "2025-09-01", "2025", "2025-09-04T10:00", "2025-09-04"]
    items = [item(text, pos) for pos, text in enumerate(texts)]
    result = order_items(items)
    assert [texts[i] for i in result.order] == [
        "2025",
        "2025-09",  # less precise first at an equal start
        "2025-09-01",
        "2025-09-04",
        "2025-09-04",
        "2025-09-04T10:00",
    ]
    assert result.order[3:5] == (0, 5)  # equal dates: file order
    assert result.placed_after == (None,) * len(texts)
    assert sorted(result.order) == list(range(len(texts)))


def test_before_puts_an_entry_above_one_it_precedes() -> None:
    items = [item("2025-09-04", 0), item("2025-09", 1), item("2025-09-02", 2)]
    result = order_items(items, [Constraint(2, 1, "before")])  # the 2nd before "2025-09"
    assert result.order == (2, 1, 0)
    assert result.problems == ()


def test_precise_entries_are_not_dragged_by_a_held_entry() -> None:
    # An undated reaction to the 20th must not pull the 5th and the 10th below the 20th.
    items = [
        item("2025-09", 0),
        item("2025-09-20", 1),
        item("2025-09-05", 2),
        item("2025-09-10", 3),
        item("2025-09-25", 4),
    ]
    result = order_items(items, [Constraint(0, 1, "responds_to")])
    assert result.order == (2, 3, 1, 0, 4)
    assert result.placed_after[0] == 1


def test_file_order_breaks_ties_across_files() -> None:
    items = [item("2025-09-04", 5, file=1), item("2025-09-04", 9, file=0)]
    assert order_items(items).order == (1, 0)


# -- contradictions ---------------------------------------------------------------------------


def test_reply_dated_wholly_before_what_it_answers() -> None:
    items = [item("2025-09-04", 0), item("2025-09-03", 1), item("2025-09-04", 2)]
    result = order_items(items, [Constraint(1, 0, "responds_to"), Constraint(2, 0, "after")])
    assert result.problems == (Problem("contradiction", 1, 0, (0, 1), (0,)),)
    names = ["Paris meeting", "early reply", "same-day reply"]
    assert result.problems[0].explain(names.__getitem__) == (
        "early reply must come after Paris meeting, but its date ends before Paris meeting "
        "can have started"
    )
    assert result.position[1] > result.position[0]  # the constraint is still obeyed


def test_contradiction_through_a_chain_names_both_ends() -> None:
    items = [item("2025-09-10", 0), item("2025-09", 1), item("2025-09-05", 2)]
    constraints = [Constraint(1, 0, "responds_to"), Constraint(1, 2, "before")]
    result = order_items(items, constraints)
    assert result.problems == (Problem("contradiction", 2, 0, (0, 1, 2), (0, 1)),)
    assert "(through B)" in result.problems[0].explain("ABC".__getitem__)


def test_approximate_dates_get_the_benefit_of_the_doubt_when_asked() -> None:
    about = parse_date("2025-08~")
    speech = item("2025-09-04", 0)
    strict = Item(about.start, about.end, about.rank, (0, 1))
    lenient = Item(about.start, about.end, about.rank, (0, 1), possible=about.widened())
    reply = [Constraint(1, 0, "responds_to")]
    assert [p.kind for p in order_items([speech, strict], reply).problems] == ["contradiction"]
    result = order_items([speech, lenient], reply)
    assert result.problems == ()
    assert result.order == (0, 1)
    too_early = parse_date("2025-07~")
    early = Item(too_early.start, too_early.end, 6, (0, 1), possible=too_early.widened())
    assert order_items([speech, early], reply).problems[0].item == 1


def test_one_wrong_date_does_not_cascade() -> None:
    items = [item("2025-09-10", 0), item("2025-09-05", 1), item("2025-09-06", 2)]
    result = order_items(items, [Constraint(1, 0, "responds_to"), Constraint(2, 1, "after")])
    assert [p.item for p in result.problems] == [1]


def test_time_of_a_reply_in_the_same_day_is_no_contradiction() -> None:
    items = [item("2025-09-04T18:30", 0), item("2025-09-04", 1), item("2025-09-04T18:30", 2)]
    result = order_items(items, [Constraint(1, 0, "responds_to"), Constraint(2, 0, "after")])
    assert result.problems == ()
    # The reply dated by its day follows the speech; the entry dated to the speech's own
    # minute comes first among those after it, as its date says.
    assert result.order == (0, 2, 1)
    assert result.placed_after == (None, 0, None)


def test_cycle_through_responds_to_is_reported_and_still_ordered() -> None:
    items = [item("2025-09-04", 0), item("2025-09-05", 1), item("2025-09-06", 2), item("2025", 3)]
    items.append(item("2025-12-01", 4))
    constraints = [
        Constraint(0, 1, "after"),
        Constraint(1, 2, "responds_to"),
        Constraint(2, 0, "event"),
        Constraint(0, 3, "after"),
    ]
    result = order_items(items, constraints)
    cycles = [p for p in result.problems if p.kind == "cycle"]
    assert cycles == [Problem("cycle", 0, 1, (0, 2, 1), (2, 1, 0))]
    assert "A → C → B → A" in cycles[0].explain("ABCD".__getitem__)
    assert result.order == (3, 0, 1, 2, 4)  # after what it follows, by date, not at the bottom


def test_self_constraint_is_a_cycle() -> None:
    result = order_items([item("2025", 0)], [Constraint(0, 0, "after")])
    assert result.problems == (Problem("cycle", 0, 0, (0,), (0,)),)
    assert result.problems[0].explain(lambda i: "X") == "X must come after itself"
    assert result.order == (0,)


def test_out_of_range_constraint_is_refused() -> None:
    with pytest.raises(IndexError):
        order_items([item("2025", 0)], [Constraint(0, 3)])


def test_empty_input() -> None:
    assert order_items([]) == Ordering((), (), (), ())


# -- headings ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "after", "heading"),
    [
        ("2025-09", "2025-09-04", "September 2025, after the 4th"),
        ("2025-09", "2025-09-01T10:00", "September 2025, after the 1st"),
        ("2025-09", "2025-09-22", "September 2025, after the 22nd"),
        ("2025-09", "2025-09-13", "September 2025, after the 13th"),
        ("2025-09?", "2025-09-04", "September 2025?, after the 4th"),
        ("2025", "2025-09-04", "2025, after 4 September"),
        ("2025", "2025-09", "2025, after September"),
        ("2025-09-04", "2025-09-04T18:30", "Thu 4 September 2025, after 18:30"),
        ("2025-09-04", "2025-09-04T18:30+02:00", "Thu 4 September 2025, after 18:30 +02:00"),
        ("2025-09-04", None, "Thu 4 September 2025"),
        ("2025-09-04T20:00", "2025-09-04T18:30", "Thu 4 September 2025"),  # rows show times
        ("2025-10", "2025-09-30", "October 2025"),  # nothing to add: it is all after
        ("2025-09", "2025-09-04~", "September 2025"),  # an approximate anchor proves nothing
        ("2025-09", "2025-09", "September 2025"),
        ("2025-09", "2025-09-04/2025-09-10", "September 2025, after the 4th"),
        ("2025-09", "../2025-09-10", "September 2025"),
        ("2025-09~", "2025-09-04", "c. September 2025, after the 4th"),
        ("2025-09-04/2025-09-30", None, "4 September 2025 → 30 September 2025"),
        ("2025-09-04/..", "2025-09-05", "from Thu 4 September 2025"),
        ("../2025-09", None, "until September 2025"),
        ("2025-09-04T10:00/2025-09-04T12:00", None, "4 September 2025"),
    ],
)
def test_group_heading_never_overclaims(text: str, after: str | None, heading: str) -> None:
    anchor = parse_date(after) if after is not None else None
    assert group_heading(parse_date(text), anchor) == heading


@PROFILE
@given(
    st.sampled_from(["2025", "2025-09", "2025-09-04", "2025-09?", "2025-09%", "2025-09-04/.."]),
    st.sampled_from(
        ["2025-09-04", "2025-09-30T23:59:59-11:30", "2025-09", "2025-09-30?", "1000-12-31"]
    ),
)
def test_headings_fit_80_columns(text: str, after: str) -> None:
    heading = group_heading(parse_date(text), parse_date(after))
    assert 0 < len(heading) <= 60


# -- properties on generated documents --------------------------------------------------------

BASE = datetime(2025, 8, 25)
KINDS: tuple[ConstraintKind, ...] = ("after", "responds_to", "event", "before")


def written_around(moment: datetime, form: int, spread: int) -> str:
    """A date as a source might write it, whose period contains ``moment``."""
    day = moment.strftime("%Y-%m-%d")
    if form == 0:
        return moment.strftime("%Y")
    if form == 1:
        return moment.strftime("%Y-%m")
    if form == 2:
        return day
    if form == 3:
        return moment.strftime("%Y-%m-%dT%H:%M")
    if form == 4:
        return moment.strftime("%Y-%m") + "~?%"[spread % 3]
    if form == 5:
        before = (moment - timedelta(days=spread)).strftime("%Y-%m-%d")
        return f"{before}/{(moment + timedelta(days=spread % 3)).strftime('%Y-%m-%d')}"
    if form == 6:
        return f"{(moment - timedelta(days=spread)).strftime('%Y-%m-%d')}/.."
    return f"../{day}"


@st.composite
def documents(draw: st.DrawFn) -> tuple[list[Item], list[Constraint], list[str]]:
    """Entries with hidden true moments inside their written periods, and constraints that
    agree with those moments (so none contradicts the dates and none makes a loop)."""
    count = draw(st.integers(1, 40))
    moments = [
        BASE + timedelta(minutes=draw(st.integers(0, 6)) * 997 * draw(st.integers(0, 12)))
        for _ in range(count)
    ]
    texts = [
        written_around(moment, draw(st.integers(0, 7)), draw(st.integers(0, 20)))
        for moment in moments
    ]
    items = [item(text, pos) for pos, text in enumerate(texts)]
    pairs = draw(
        st.lists(st.tuples(st.integers(0, count - 1), st.integers(0, count - 1)), max_size=60)
    )
    constraints: list[Constraint] = []
    for a, b in pairs:
        if a == b:
            continue
        earlier, later = sorted((a, b), key=lambda i: (moments[i], i))
        kind = draw(st.sampled_from(KINDS))
        if kind == "before":
            constraints.append(Constraint(earlier, later, "before"))
        else:
            constraints.append(Constraint(later, earlier, kind))
    return items, constraints, texts


def date_class(items: list[Item], i: int) -> tuple[int, int]:
    """Where the date alone sorts an entry: start, then rank."""
    return (items[i].start, items[i].rank)


def implied(items: list[Item], constraints: list[Constraint]) -> list[tuple[int, int]]:
    """The (earlier, later) pairs the blocks of events add: what follows an event follows what
    was said during it; what an event precedes, what was said during it precedes too."""
    during: dict[int, set[int]] = {}
    for c in constraints:
        if c.kind == "event":
            during.setdefault(c.other, set()).add(c.item)
    for members in during.values():  # during something during the event is during it too
        todo = list(members)
        while todo:
            for inner in during.get(todo.pop(), ()):
                if inner not in members:
                    members.add(inner)
                    todo.append(inner)
    out = []
    for c in constraints:
        members = during.get(c.earlier, set()) - {c.earlier}
        if c.kind != "event" and c.later not in members:  # during it is not after it
            # ... and not after what was said when its own date is over
            out += [(d, c.later) for d in members if items[d].earliest < items[c.later].latest]
    return out


def reaches(edges: list[tuple[int, int]], start: int, goal: int) -> bool:
    """Whether ``goal`` can be reached from ``start`` along the edges."""
    succ: dict[int, list[int]] = {}
    for a, b in edges:
        succ.setdefault(a, []).append(b)
    seen, todo = {start}, [start]
    while todo:
        for w in succ.get(todo.pop(), ()):
            if w == goal:
                return True
            if w not in seen:
                seen.add(w)
                todo.append(w)
    return False


def check_invariants(items: list[Item], constraints: list[Constraint], result: Ordering) -> None:
    """Every property the module docstring promises of a consistent document."""
    n = len(items)
    assert sorted(result.order) == list(range(n))
    assert all(result.order[result.position[i]] == i for i in range(n))
    for c in constraints:
        assert result.position[c.later] > result.position[c.earlier], c
    written = [(c.earlier, c.later) for c in constraints]
    extra = implied(items, constraints)
    for earlier, later in extra:
        # holds, unless the later one must itself precede the earlier (then it yields)
        assert result.position[later] > result.position[earlier] or reaches(
            written + extra, later, earlier
        )
    preds: dict[int, set[int]] = {}
    for c in constraints:
        preds.setdefault(c.later, set()).add(c.earlier)
    # The class an entry sorts by: its own, or that of an entry it follows (written or
    # implied by a block), when later.
    follows = {i: set(p) for i, p in preds.items()}
    for earlier, later in extra:
        if result.position[earlier] < result.position[later]:
            follows.setdefault(later, set()).add(earlier)
    ranks = {item.rank for item in items}

    def lift(klass: tuple[int, int]) -> tuple[int, int]:
        """Lifted to a date given as a fact, an entry sorts after its approximate dates too."""
        start, rank = klass
        return (start, rank + 1) if rank % VAGUE_STEPS == 0 and rank + 1 in ranks else klass

    lifted: dict[int, tuple[int, int]] = {}
    for i in result.order:
        own = date_class(items, i)
        top = max((lifted[p] for p in follows.get(i, ())), default=own)
        lifted[i] = own if own >= top else lift(top)

    for pos, i in enumerate(result.order):
        held = any(date_class(items, j) > date_class(items, i) for j in result.order[:pos])
        if i not in preds:
            assert not held  # free entries are never pushed down
        # an entry is only ever kept below entries that start before its own period ends,
        # or that sort no later than what it follows (through something said during an
        # event, which the moments need not respect)
        assert all(
            items[j].start < items[i].end or date_class(items, j) <= lifted[i]
            for j in result.order[:pos]
        )
        if lifted[i][0] >= items[i].end:
            assert any(reaches(written + extra, a, i) for a, _ in extra)

        anchor = result.placed_after[i]
        assert (anchor is not None) == held == (lifted[i] > date_class(items, i))
        if anchor is not None:
            assert anchor in preds[i]
            # sorted as if dated like what it follows: nothing between sorts later
            start = result.position[anchor]
            assert all(lifted[j] <= lifted[i] for j in result.order[start + 1 : pos])


@PROFILE
@given(documents())
def test_consistent_documents_keep_every_constraint(
    doc: tuple[list[Item], list[Constraint], list[str]],
) -> None:
    items, constraints, _ = doc
    result = order_items(items, constraints)
    assert result.problems == ()
    check_invariants(items, constraints, result)
    assert order_items(items, constraints) == result  # deterministic


@PROFILE
@given(documents())
def test_headings_claim_after_only_for_entries_placed_by_a_constraint(
    doc: tuple[list[Item], list[Constraint], list[str]],
) -> None:
    items, constraints, texts = doc
    dates = [parse_date(text) for text in texts]
    result = order_items(items, constraints)
    shown = headings(dates, result)
    for i, heading in enumerate(shown):
        assert len(heading) <= 60
        if result.placed_after[i] is None:
            assert heading == group_heading(dates[i])
        elif ", after " in heading:
            assert heading.startswith(group_heading(dates[i]) + ", after ")


@PROFILE
@given(documents(), st.randoms(use_true_random=False))
def test_input_order_does_not_matter_only_file_order_does(
    doc: tuple[list[Item], list[Constraint], list[str]], rnd: random.Random
) -> None:
    items, constraints, _ = doc
    result = order_items(items, constraints)
    shuffled = list(range(len(items)))
    rnd.shuffle(shuffled)
    new_index = {old: new for new, old in enumerate(shuffled)}
    moved_items = [items[old] for old in shuffled]
    moved_constraints = [
        Constraint(new_index[c.item], new_index[c.other], c.kind) for c in constraints
    ]
    moved = order_items(moved_items, moved_constraints)
    assert [shuffled[i] for i in moved.order] == list(result.order)


@PROFILE
@given(documents(), st.randoms(use_true_random=False))
def test_renumbering_files_only_changes_ties(
    doc: tuple[list[Item], list[Constraint], list[str]], rnd: random.Random
) -> None:
    items, _, _ = doc
    ties = [entry.tie for entry in items]
    rnd.shuffle(ties)
    renumbered = [Item(e.start, e.end, e.rank, tie) for e, tie in zip(items, ties, strict=True)]
    before = order_items(items)
    after = order_items(renumbered)
    dates = [[(items[i].start, items[i].rank) for i in r.order] for r in (before, after)]
    assert dates[0] == dates[1]


def loop_is_real(problem: Problem, constraints: list[Constraint]) -> bool:
    """Each entry of the reported loop must follow the previous one by the named constraint."""
    chain = problem.items
    steps = list(zip(chain, chain[1:] + chain[:1], strict=True))
    return all(
        constraints[ci].earlier == a and constraints[ci].later == b
        for (a, b), ci in zip(steps, problem.constraints, strict=True)
    )


def chain_is_real(problem: Problem, items: list[Item], constraints: list[Constraint]) -> bool:
    """The contradiction's chain is made of the named constraints and its ends do conflict."""
    chain = problem.items
    ok = chain[0] == problem.other and chain[-1] == problem.item
    ok = ok and items[problem.item].latest <= items[problem.other].earliest
    return ok and all(
        constraints[ci].earlier == a and constraints[ci].later == b
        for (a, b), ci in zip(pairwise(chain), problem.constraints, strict=True)
    )


@PROFILE
@given(documents(), st.data())
def test_loops_are_reported_with_their_constraints(
    doc: tuple[list[Item], list[Constraint], list[str]], data: st.DataObject
) -> None:
    items, constraints, _ = doc
    size = data.draw(st.integers(1, min(len(items), 6)))
    loop = data.draw(st.permutations(range(len(items))))[:size]
    first = len(constraints)
    for a, b in zip(loop, loop[1:] + loop[:1], strict=True):
        kind = data.draw(st.sampled_from(KINDS))
        constraints.append(
            Constraint(a, b, "before") if kind == "before" else Constraint(b, a, kind)
        )
    result = order_items(items, constraints)
    cycles = [p for p in result.problems if p.kind == "cycle"]
    assert cycles
    assert all(loop_is_real(p, constraints) for p in cycles)
    assert any(ci >= first for p in cycles for ci in p.constraints)
    assert sorted(result.order) == list(range(len(items)))
    for p in result.problems:
        if p.kind == "contradiction":
            assert chain_is_real(p, items, constraints)


@PROFILE
@given(documents(), st.data())
def test_a_constraint_against_the_dates_is_reported(
    doc: tuple[list[Item], list[Constraint], list[str]], data: st.DataObject
) -> None:
    items, constraints, texts = doc
    wrong = [
        (x, y)
        for x in range(len(items))
        for y in range(len(items))
        if items[x].end <= items[y].start
    ]
    if not wrong:
        items.append(item("2025-08-01", len(items)))
        items.append(item("2025-12-01", len(items)))
        wrong = [(len(items) - 2, len(items) - 1)]
    x, y = data.draw(st.sampled_from(wrong))
    kind = data.draw(st.sampled_from(KINDS))
    bad = len(constraints)
    constraints.append(Constraint(y, x, "before") if kind == "before" else Constraint(x, y, kind))
    result = order_items(items, constraints)
    found = [p for p in result.problems if p.kind == "contradiction" and p.item == x]
    looped = [p for p in result.problems if p.kind == "cycle" and bad in p.constraints]
    assert found or looped, (texts, result.problems)
    for p in result.problems:
        if p.kind == "contradiction":
            assert chain_is_real(p, items, constraints)
        else:
            assert loop_is_real(p, constraints)


def test_bench_script_runs() -> None:
    out = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "order_bench.py"),
            "--entries",
            "3000",
            "--constraints",
            "900",
            "--repeat",
            "1",
            "--edtf-sample",
            "0",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    assert "order 3,000 entries, 900 constraints:" in out
    assert "parse 3,000 dates" in out


def test_an_entry_lifted_above_every_date_is_placed_once() -> None:
    # Lifted to the last day, given as a fact, the month entry sorts as an approximate date of
    # that day would: a class no entry has, above every other. Each entry is still placed once.
    texts = ["2025-09-04~", "2025-09-30", "2025-09~"]
    items = [item(text, i) for i, text in enumerate(texts)]
    result = order_items(items, [Constraint(2, 1, "after")])
    assert result.order == (0, 1, 2)
    assert result.placed_after[2] == 1
    assert not result.problems


def test_what_follows_a_day_comes_after_the_entries_of_about_that_day() -> None:
    texts = ["2025-09-04", "2025-09~", "2025-09-04~"]
    items = [item(text, i) for i, text in enumerate(texts)]
    result = order_items(items, [Constraint(1, 0, "after")])
    assert [texts[i] for i in result.order] == ["2025-09-04", "2025-09-04~", "2025-09~"]
