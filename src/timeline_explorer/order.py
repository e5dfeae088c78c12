"""One total order of the timeline that respects the constraints between entries.

The rule, in the order it applies:

1. **Constraints first.** An entry never appears above an entry it must follow (``after``,
   ``responds_to``, a statement's ``event``: during an event counts as after its start), and
   never below an entry it must precede (``before``).
2. **Then the dates.** Among the entries free to move, the one whose possible period starts first
   comes first; at an equal start the less precise one first (``2025-09`` above ``2025-09-01``),
   as a heading comes above its details.
3. **Then file order** (file index, position in the file), then the index in the input, so the
   order is total and the same for the same input.

Technically this is the smallest topological order for the key *(start, precision, file order)*:
at every step the next entry is the one with the smallest key among those whose predecessors
are all placed. Consequences worth knowing:

- An entry that a constraint holds back (an undated reaction, written ``2025-09``, to a speech of
  4 September) is placed right after what holds it, at the earliest point its constraints allow,
  and before later-dated entries: it does not drag anything down with it except what must follow
  it. Such an entry is *placed by a constraint*: :attr:`Ordering.placed_after` names the entry it
  was placed after, so a list can say "after: Paris announcement".
- Precise dates are not pushed around by imprecise ones: an entry free of constraints is never
  delayed, and a constrained entry is only delayed by entries whose possible period starts before
  its own ends (anything else is a contradiction, below). So an entry dated to the day or minute
  moves at most within its own day or minute.
- Permuting the input changes only the order of entries whose keys are equal.

Contradictions are reported, never silently fixed, as :class:`Problem` values naming the items
(by index) and the constraints (by index) involved, for the loader to turn into located errors:

- ``cycle``: entries that must each follow another in a loop (``after``, ``responds_to``,
  ``event`` and ``before`` together). The loop's entries are still placed, by date, after
  everything outside the loop that they must follow.
- ``contradiction``: an entry whose whole possible period ends before (or when) the period of an
  entry it must follow starts, directly or through a chain of constraints (a reply dated wholly
  before what it answers). The period checked is :attr:`Item.possible` when given (approximate
  dates widened), else the written one. One report per entry and cause: an entry found
  contradictory passes on only its own start to what follows it, so one wrong date does not
  cascade.

Use, from a loader that knows each entry's date, place and constraints::

    dates = [parse_date(text) for text in written_dates]
    items = [Item(d.start, d.end, d.rank, (file, line), d.widened()) for ...]
    constraints = [Constraint(reply, target, "responds_to"), Constraint(s, event, "event"), ...]
    result = order_items(items, constraints)
    for problem in result.problems:   # a located error, naming both entries
        where = constraints[problem.constraints[-1]]   # the constraint on problem.item
        message = problem.explain(lambda i: ids[i])
    rows = [entries[i] for i in result.order]
    titles = headings(dates, result)  # one per entry; a new heading when it changes
    why = result.placed_after         # "after: <title of entries[why[i]]>"

Cost: one sort of integers, one pass over the entries with a heap of the released ones (runs of
unconstrained entries are placed at once), and one pass over the constrained entries to check
dates: O((n + c) log n). 100,000 entries with 30,000 constraints take about 0.4 s of CPU on a
small machine, twice a plain sort of the same entries (``bench/order_bench.py``).
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from .dates import DatePoint, EdtfDate, Precision, Qualifier, ordinal, weekday

__all__ = [
    "Constraint",
    "ConstraintKind",
    "Item",
    "Ordering",
    "Problem",
    "group_heading",
    "headings",
    "order_items",
]

ConstraintKind = Literal["after", "responds_to", "event", "before"]
_Edges = dict[int, list[tuple[int, int]]]  # entry -> (entry that must follow it, constraint)
_NO_EDGES: list[tuple[int, int]] = []


@dataclass(frozen=True, slots=True)
class Item:
    """What the order needs to know of one entry.

    Attributes:
        start: seconds at the start of the entry's possible period.
        end: seconds at its end, exclusive (greater than ``start``).
        rank: how precise the date is; higher is more precise (e.g. ``EdtfDate.rank``).
        tie: the stable tie key, e.g. (file index, position in the file).
        possible: the period checked against the constraints when it is wider than
            (``start``, ``end``): for an approximate date, ``EdtfDate.widened()``, so that a
            reply dated "about August" to a speech of 4 September is not a contradiction.
            The order itself always uses ``start``.
    """

    start: int
    end: int
    rank: int = 0
    tie: tuple[int, int] = (0, 0)
    possible: tuple[int, int] | None = None

    @property
    def earliest(self) -> int:
        """The earliest moment the entry may have happened, for the checks."""
        return self.start if self.possible is None else self.possible[0]

    @property
    def latest(self) -> int:
        """The end of the period the entry may have happened in, exclusive, for the checks."""
        return self.end if self.possible is None else self.possible[1]


@dataclass(frozen=True, slots=True)
class Constraint:
    """``item`` must come after ``other`` (or before it, when ``kind`` is ``"before"``).

    Attributes:
        item: index of the entry that carries the constraint.
        other: index of the entry it names.
        kind: ``after``, ``responds_to`` and ``event`` put ``item`` below ``other``;
            ``before`` puts it above.
    """

    item: int
    other: int
    kind: ConstraintKind = "after"

    @property
    def earlier(self) -> int:
        """The entry that must come first."""
        return self.item if self.kind == "before" else self.other

    @property
    def later(self) -> int:
        """The entry that must come second."""
        return self.other if self.kind == "before" else self.item


@dataclass(frozen=True, slots=True)
class Problem:
    """A set of constraints that cannot all hold.

    Attributes:
        kind: ``cycle`` or ``contradiction`` (see the module docstring).
        item: the entry whose constraint fails (for a contradiction, the one placed too early by
            its date; for a cycle, the loop's first entry in file order).
        other: the entry it conflicts with (the entry whose start it cannot follow; for a cycle,
            the entry ``item`` must follow in the loop).
        items: the chain from ``other`` to ``item`` (a contradiction) or the loop, each entry
            followed by the one that must follow it (a cycle, starting at ``item``).
        constraints: indices, in the input, of the constraints along that chain or loop.
    """

    kind: Literal["cycle", "contradiction"]
    item: int
    other: int
    items: tuple[int, ...]
    constraints: tuple[int, ...]

    def explain(self, name: Callable[[int], str]) -> str:
        """A sentence for an error message.

        Args:
            name: gives the name of an entry from its index (e.g. its id).
        """
        if self.kind == "cycle":
            if len(self.items) == 1:
                return f"{name(self.item)} must come after itself"
            loop = " → ".join(name(i) for i in (*self.items, self.items[0]))
            return f"these entries must each come after the one before, in a loop: {loop}"
        via = ""
        if len(self.items) > 2:
            via = " (through " + ", ".join(name(i) for i in self.items[1:-1]) + ")"
        return (
            f"{name(self.item)} must come after {name(self.other)}{via}, but its date ends "
            f"before {name(self.other)} can have started"
        )


@dataclass(frozen=True, slots=True)
class Ordering:
    """The result of :func:`order_items`.

    Attributes:
        order: item indices from top to bottom (a permutation of ``range(n)``).
        position: for each item, its place in ``order``.
        placed_after: for each item placed by a constraint rather than by its date (an entry with
            a later key is above it), the index of the entry it was placed after, else ``None``.
        problems: cycles and contradictions, in the order found.
    """

    order: tuple[int, ...]
    position: tuple[int, ...]
    placed_after: tuple[int | None, ...]
    problems: tuple[Problem, ...]


def order_items(items: Sequence[Item], constraints: Sequence[Constraint] = ()) -> Ordering:
    """Order ``items`` by the rule of the module docstring.

    Args:
        items: the entries, in input order.
        constraints: relative placements between them, by index.

    Raises:
        IndexError: a constraint names an index outside ``items``.
    """
    n = len(items)
    problems: list[Problem] = []
    by_key = _key_order(items)
    prio = [0] * n
    for p, i in enumerate(by_key):
        prio[i] = p
    succ: _Edges = {}
    indeg = [0] * n
    for ci, constraint in enumerate(constraints):
        if constraint.kind == "before":
            earlier, later = constraint.item, constraint.other
        else:
            earlier, later = constraint.other, constraint.item
        if not (0 <= earlier < n and 0 <= later < n):
            raise IndexError(f"constraint {ci} names an item outside 0..{n - 1}")
        if earlier == later:
            problems.append(Problem("cycle", later, earlier, (later,), (ci,)))
            continue
        succ.setdefault(earlier, []).append((later, ci))
        indeg[later] += 1

    placement = _place(by_key, prio, succ, indeg[:])
    if placement is None:  # a loop: report it, ignore its inner constraints and start again
        succ = _without_loops(n, succ, items, problems)
        indeg = [0] * n
        for outgoing in succ.values():
            for j, _ in outgoing:
                indeg[j] += 1
        placement = _place(by_key, prio, succ, indeg)
        assert placement is not None, "the constraints left form no loop"
    order, placed_after = placement
    position = [0] * n
    for pos, i in enumerate(order):
        position[i] = pos
    problems.extend(_contradictions(items, succ, position))
    return Ordering(tuple(order), tuple(position), tuple(placed_after), tuple(problems))


def _place(
    by_key: list[int], prio: list[int], succ: _Edges, indeg: list[int]
) -> tuple[list[int], list[int | None]] | None:
    """The smallest topological order by key, with what held each entry back; ``None`` when
    the constraints make a loop. ``indeg`` is used up."""
    n = len(by_key)
    order: list[int] = []
    append = order.append
    placed_after: list[int | None] = [None] * n
    released_by = [-1] * n
    # Entries free from the start come in key order: merge them with a heap of the released
    # ones, placing each run of free entries at once, up to the next entry that others wait for.
    free = [p for p, i in enumerate(by_key) if indeg[i] == 0]
    stops = [k for k, p in enumerate(free) if by_key[p] in succ]
    stops.append(len(free))
    free.append(n)  # sentinel, above every priority
    next_free = next_stop = 0
    heap: list[int] = []
    highest = -1
    heappop, heappush = heapq.heappop, heapq.heappush
    while len(order) < n:
        top = heap[0] if heap else n
        f = free[next_free]
        if f < top:
            while stops[next_stop] < next_free:
                next_stop += 1
            end = min(bisect_left(free, top, next_free), stops[next_stop] + 1)
            run = free[next_free:end]
            order.extend([by_key[p] for p in run])
            next_free = end
            p = run[-1]
            highest = max(highest, p)
        elif heap:
            p = heappop(heap)
            i = by_key[p]
            append(i)
            if p > highest:
                highest = p
            else:
                placed_after[i] = released_by[i]
        else:
            return None
        i = by_key[p]
        if i in succ:
            for j, _ in succ[i]:
                indeg[j] -= 1
                if indeg[j] == 0:
                    released_by[j] = i
                    heappush(heap, prio[j])
    return order, placed_after


def _key_order(items: Sequence[Item]) -> list[int]:
    """Indices sorted by (start, rank, tie, index), through one integer key per item.

    Sorting integers is several times faster than sorting tuples; ranks are few, and ties are
    usually already in input order, in which case the index stands for them.
    """
    n = len(items)
    if n == 0:
        return []
    ties = [item.tie for item in items]
    if all(a <= b for a, b in pairwise(ties)):
        tie_order: list[int] | range = range(n)
        tie_rank: list[int] | range = range(n)
    else:
        tie_order = sorted(range(n), key=ties.__getitem__)
        ranked = [0] * n
        for r, i in enumerate(tie_order):
            ranked[i] = r
        tie_rank = ranked
    rank_of = {r: k for k, r in enumerate(sorted({item.rank for item in items}))}
    span = len(rank_of)
    low = min(item.start for item in items)
    keys = [
        ((item.start - low) * span + rank_of[item.rank]) * n + tie
        for item, tie in zip(items, tie_rank, strict=True)
    ]
    keys.sort()
    return [tie_order[key % n] for key in keys]


def _without_loops(n: int, succ: _Edges, items: Sequence[Item], problems: list[Problem]) -> _Edges:
    """Report one loop per strongly connected set of entries, in file order, and return the
    constraints without those inside such a set: the loop's entries are then placed by date,
    after what they must follow outside the loop."""
    component = _components(list(succ), succ, bytearray(n))
    members: dict[int, list[int]] = {}
    for i, c in component.items():
        members.setdefault(c, []).append(i)
    loops = [nodes for nodes in members.values() if len(nodes) > 1]
    loops.sort(key=lambda nodes: min((items[i].tie, i) for i in nodes))
    problems.extend(_loop(nodes, succ, component, items) for nodes in loops)
    kept: _Edges = {}
    for i, outgoing in succ.items():
        edges = [(j, ci) for j, ci in outgoing if component.get(j) != component.get(i)]
        if edges:
            kept[i] = edges
    return kept


def _components(nodes: list[int], succ: _Edges, placed: bytearray) -> dict[int, int]:
    """Strongly connected components of the unplaced entries (iterative Tarjan)."""
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    on_stack: set[int] = set()
    stack: list[int] = []
    component: dict[int, int] = {}
    counter = 0
    for root in nodes:
        if root in index:
            continue
        work: list[tuple[int, int]] = [(root, 0)]
        while work:
            v, k = work.pop()
            if k == 0:
                index[v] = low[v] = counter
                counter += 1
                stack.append(v)
                on_stack.add(v)
            edges = succ.get(v, _NO_EDGES)
            while k < len(edges):
                w = edges[k][0]
                k += 1
                if placed[w]:
                    continue
                if w not in index:
                    work.append((v, k))
                    work.append((w, 0))
                    break
                if w in on_stack:
                    low[v] = min(low[v], index[w])
            else:
                if low[v] == index[v]:
                    while True:
                        w = stack.pop()
                        on_stack.discard(w)
                        component[w] = v
                        if w == v:
                            break
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[v])
    return component


def _loop(
    nodes: list[int],
    succ: _Edges,
    component: dict[int, int],
    items: Sequence[Item],
) -> Problem:
    """The shortest loop through the component's first entry in file order."""
    start = min(nodes, key=lambda i: (items[i].tie, i))
    comp = component[start]
    came: dict[int, tuple[int, int]] = {}
    frontier = [start]
    found = False
    while frontier and not found:
        nxt: list[int] = []
        for v in frontier:
            for w, ci in succ.get(v, _NO_EDGES):
                if component.get(w) != comp or w in came:
                    continue
                came[w] = (v, ci)
                if w == start:
                    found = True
                    break
                nxt.append(w)
            if found:
                break
        frontier = nxt
    chain: list[int] = []
    edges: list[int] = []
    v = start
    while True:
        prev, ci = came[v]
        chain.append(prev)
        edges.append(ci)
        v = prev
        if v == start:
            break
    chain.reverse()
    edges.reverse()
    # chain starts at ``start``; each entry is followed by the one that must follow it.
    return Problem("cycle", start, chain[-1], tuple(chain), tuple(edges))


def _contradictions(items: Sequence[Item], succ: _Edges, position: list[int]) -> list[Problem]:
    """Entries whose whole period ends before the earliest moment their constraints allow.

    Only entries with constraints can be in contradiction or pass a bound on, so only they are
    visited, in the order found.
    """
    waiting = {j for outgoing in succ.values() for j, _ in outgoing}
    starts = [item.earliest for item in items]
    bound: dict[int, int] = {}
    origin: dict[int, int] = {}
    via: dict[int, tuple[int, int]] = {}
    problems: list[Problem] = []
    for i in sorted(waiting.union(succ), key=position.__getitem__):
        passed = bound.get(i)
        source = i
        if passed is None:
            passed = starts[i]
        else:
            source = origin[i]
            if items[i].latest <= passed:
                chain = [i]
                edges: list[int] = []
                v = i
                while v != source:
                    v, ci = via[v]
                    chain.append(v)
                    edges.append(ci)
                chain.reverse()
                edges.reverse()
                problems.append(Problem("contradiction", i, source, tuple(chain), tuple(edges)))
                passed, source = starts[i], i
        outgoing = succ.get(i)
        if outgoing is None:
            continue
        here = position[i]
        for j, ci in outgoing:
            if passed > bound.get(j, starts[j]) and position[j] > here:
                bound[j] = passed
                origin[j] = source
                via[j] = (i, ci)
    return problems


# -- headings ---------------------------------------------------------------------------------


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


def headings(dates: Sequence[EdtfDate], ordering: Ordering) -> tuple[str, ...]:
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
    for i in ordering.order:
        anchor = ordering.placed_after[i]
        if anchor is not None and not _informative(dates[anchor], dates[i]):
            anchor = anchor_of[anchor]
        anchor_of[i] = anchor
        out[i] = group_heading(dates[i], dates[anchor] if anchor is not None else None)
    return tuple(out)
