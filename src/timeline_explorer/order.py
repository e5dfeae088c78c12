"""One total order of the timeline that respects the constraints between entries.

The rule, in the order it applies:

1. **Constraints first.** An entry never appears above an entry it must follow (``after``,
   ``responds_to``, a statement's ``event``: during an event counts as after its start), and
   never below an entry it must precede (``before``).
2. **Blocks of events.** What follows an event follows what was said during it too (the
   statements whose ``event`` is that event, and what was said during those, transitively);
   what an event must precede, what was said during it precedes too. These implied constraints
   give way, silently and without touching a date, where the dates exclude them (the words
   during the event are dated after the end of the follower's period) or where the written
   constraints need the opposite (a loop only they would make).
3. **Then the dates.** Among the entries free to move, the one whose possible period starts first
   comes first. At an equal start the less precise one first (``2025-09`` above
   ``2025-09-01``), as a heading comes above its details; at an equal start and precision, the
   date given as a fact first, then an approximate or uncertain one, then a period
   (``2025-09-04`` above ``2025-09-04~`` above ``2025-09-04/..``): :attr:`Item.rank`.
4. **Lifted entries.** An entry that must follow one whose date sorts later than its own cannot
   have happened before it: it sorts as if it had that date (its *class*, start and rank), after
   the entries whose own date is of that class; lifted to a date given as a fact, it sorts as
   if it had the approximate date of the same start and precision (after ``2025-09-04~`` as
   well as ``2025-09-04``: those entries may be of that day), when there is such a class.
5. **Then file order** (file index, position in the file), then the index in the input, so the
   order is total and the same for the same input.

Technically this is the smallest topological order for the key *(class, lifted, file order)*,
where an entry's class is the latest of its own and of the classes of what it must follow: at
every step the next entry is the one with the smallest key among those whose predecessors are
all placed. Consequences worth knowing:

- An undated reaction (``2025-09~``) to the announcement of 4 September comes after the
  announcement and after everything else dated 4 September, and several of them keep their
  file order, which for a story taken from an article is the article's. Such an entry is
  *placed by a constraint*: :attr:`Ordering.placed_after` names the entry that lifted it (for a
  block, the event), so a list can say "after: Paris announcement".
- Precise dates are not pushed around by imprecise ones: an entry free of constraints is never
  delayed, and a constrained entry is only delayed by entries whose possible period starts before
  its own ends (anything else is a contradiction, below), or through what was said during an
  event it follows. So an entry dated to the day or minute moves at most within its own day or
  minute.
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
    titles = headings(dates, result)  # (module headings) one per entry; new when it changes
    why = result.placed_after         # "after: <title of entries[why[i]]>"

Cost: one sort of integers, one pass over the entries with a heap of the released ones (runs of
unconstrained entries are placed at once; a block is one node more, joined to its event, its
statements and its followers, so no pair of them is listed), and one pass over the constrained
entries to check dates: O((n + c) log n). 100,000 entries with 30,000 random constraints (a
third of them ``event``) take about 0.6 s of CPU on a small, shared machine, four times a plain
sort of the same entries (``bench/order_bench.py``).
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from .dates import VAGUE_STEPS
from .headings import group_heading, headings

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
_IMPLIED = -2  # an edge implied by constraint ``ci`` carries ``_IMPLIED - ci``; -1: none


@dataclass(frozen=True, slots=True)
class Item:
    """What the order needs to know of one entry.

    Attributes:
        start: seconds at the start of the entry's possible period.
        end: seconds at its end, exclusive (greater than ``start``).
        rank: where the entry sorts among those of the same start: lower first (e.g.
            ``EdtfDate.rank``: less precise first, then plain before qualified before periods).
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
    keys = _key_order(items)
    whys = [c.item if c.kind == "before" else c.other for c in constraints]
    succ: _Edges = {}
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

    explicit = succ
    graph, reasons = _with_blocks(items, explicit, constraints)
    placement = _place(keys, graph, reasons, whys)
    if placement is None:
        # A loop. Loops of written constraints are reported and their inner constraints set
        # aside; a loop that only the blocks of events make (an entry after an event that must
        # itself come before something said during it) is no error: those implied constraints
        # yield, and the written ones hold.
        explicit = _without_loops(n, explicit, items, problems)
        graph, reasons = _with_blocks(items, explicit, constraints)
        placement = _place(keys, graph, reasons, whys)
        if placement is None:
            graph = _without_implied_loops(n, graph)
            placement = _place(keys, graph, reasons, whys)
        assert placement is not None, "the constraints left form no loop"
    order, placed_after = placement
    position = [0] * n
    for pos, i in enumerate(order):
        position[i] = pos
    problems.extend(_contradictions(items, explicit, position))
    return Ordering(tuple(order), tuple(position), tuple(placed_after), tuple(problems))


def _with_blocks(
    items: Sequence[Item], explicit: _Edges, constraints: Sequence[Constraint]
) -> tuple[_Edges, list[int]]:
    """The written constraints plus those the blocks of events imply.

    An entry with entries during it (``event`` constraints naming it) gets a *block end*, a
    node numbered from ``n`` that follows the entry and everything during it. Every other
    constraint whose earlier side has a block also holds from the block's end: what follows an
    event follows what was said during it too; what an event must precede, what was said during
    it precedes as well (an entry during the event itself is not after it). Such an implied
    constraint yields to the dates: an entry is not put after something said during the event
    that its own date ends before (those entries get a constraint each, from the others).
    Returns the graph and, for each block end, the entry it closes.
    """
    n = len(items)
    is_event = [c.kind == "event" for c in constraints]
    during: dict[int, list[int]] = {}
    for earlier, outgoing in explicit.items():
        for later, ci in outgoing:
            if is_event[ci]:
                during.setdefault(earlier, []).append(later)
    if not during:
        return explicit, []
    end_of = {entry: n + k for k, entry in enumerate(during)}
    graph: _Edges = dict(explicit)  # the written lists are copied before the first addition
    copied: set[int] = set()

    def add(i: int, edge: tuple[int, int]) -> None:
        outgoing = graph.get(i)
        if outgoing is None:
            graph[i] = [edge]
            copied.add(i)
        elif i in copied:
            outgoing.append(edge)
        else:
            graph[i] = [*outgoing, edge]
            copied.add(i)

    inside: dict[int, set[int]] = {}
    for entry, members in during.items():
        end = end_of[entry]
        add(entry, (end, -1))
        everyone = set(members)
        todo = [m for m in members if m in during]
        while todo:  # during something during the entry is during it too
            for m in during[todo.pop()]:
                if m not in everyone:
                    everyone.add(m)
                    if m in during:
                        todo.append(m)
        everyone.discard(entry)
        inside[entry] = everyone
        for member in members:
            add(member, (end, -1))
            inner = end_of.get(member)
            if inner is not None:
                add(inner, (end, -1))
    for earlier, closing in end_of.items():
        within = inside[earlier]
        latest = max(items[m].earliest for m in within) if within else items[earlier].earliest
        for later, ci in explicit[earlier]:
            if is_event[ci] or later in within:
                continue
            ends = items[later].latest
            if latest < ends:
                add(closing, (later, _IMPLIED - ci))
            else:
                for m in within:
                    if items[m].earliest < ends:
                        add(m, (later, _IMPLIED - ci))
    return graph, list(during)


def _without_implied_loops(n: int, graph: _Edges) -> _Edges:
    """The graph without the implied constraints that close a loop.

    A block end inside a loop is taken apart: each entry it waited for is joined directly to
    each entry that waited for it, except where the two are in the loop together (there the
    implied constraint yields, and the written ones hold); a direct implied constraint inside
    a loop is dropped.
    """
    nodes = sorted({*graph, *(j for outgoing in graph.values() for j, _ in outgoing)})
    component = _components(nodes, graph, bytearray(nodes[-1] + 1 if nodes else 0))
    size: dict[int, int] = {}
    for c in component.values():
        size[c] = size.get(c, 0) + 1
    looped = {v for v in nodes if v >= n and size[component[v]] > 1}
    into: dict[int, list[int]] = {v: [] for v in looped}
    kept: _Edges = {}
    for i, outgoing in graph.items():
        edges = []
        for j, ci in outgoing:
            if j in looped:
                into[j].append(i)
            elif i not in looped and not (ci <= _IMPLIED and component[i] == component[j]):
                edges.append((j, ci))
        if edges:
            kept[i] = edges
    added: set[tuple[int, int, int]] = set()
    for v in looped:
        sources: set[int] = set()  # what v waited for, through other block ends taken apart
        todo, seen = [v], {v}
        while todo:
            for u in into[todo.pop()]:
                if u in looped:
                    if u not in seen:
                        seen.add(u)
                        todo.append(u)
                else:
                    sources.add(u)
        targets: set[tuple[int, int]] = set()  # what waited for v, likewise
        todo, seen = [v], {v}
        while todo:
            for j, ci in graph.get(todo.pop(), _NO_EDGES):
                if j in looped:
                    if j not in seen:
                        seen.add(j)
                        todo.append(j)
                else:
                    targets.add((j, ci))
        for u in sorted(sources):
            for j, ci in sorted(targets):
                if component[u] != component[j] and (u, j, ci) not in added:
                    added.add((u, j, ci))
                    kept.setdefault(u, []).append((j, ci))
    return kept


def _place(
    keys: _Keys, succ: _Edges, reasons: list[int], whys: list[int]
) -> tuple[list[int], list[int | None]] | None:
    """The smallest topological order by key, with what lifted each entry; ``None`` when the
    constraints make a loop. Nodes from ``n`` on are block ends (``reasons`` names the entry
    each one closes): never shown, they pass on as soon as they are free. An edge that stands
    for a constraint carries its index: ``whys`` gives the entry that constraint names, which is
    what an entry lifted through it was placed after.

    An entry sorts by its own class (start and rank), or by the class of an entry it must
    follow when that is later (it cannot have happened before): *lifted* to that class, it
    comes after the entries whose own date is of that class; then by file order.
    """
    n = len(keys.klass)
    indeg = [0] * (n + len(reasons))
    for outgoing in succ.values():
        for j, _ in outgoing:
            indeg[j] += 1
    klass, tie_rank, tie_order, lifts = keys.klass, keys.tie_rank, keys.tie_order, keys.lifts
    lifted = klass + [-1] * len(reasons)  # the class each node sorts by, raised by constraints
    lifted_by: list[int] = [-1] * (n + len(reasons))
    raised: list[int] = []
    order: list[int] = []
    append = order.append
    heap: list[int] = []
    heappop, heappush = heapq.heappop, heapq.heappush

    def through(end: int) -> None:
        """A block end is free: pass its class on, and free what waited only for it (other
        block ends pass on at once)."""
        stack = [end]
        while stack:
            v = stack.pop()
            mine = lifted[v]
            for j, ci in succ.get(v, _NO_EDGES):
                if mine > lifted[j]:
                    lifted[j] = mine if j >= n else lifts.get(mine, mine)
                    written = ci if ci >= 0 else _IMPLIED - ci  # -1 stays -1
                    lifted_by[j] = whys[written] if written >= 0 else v
                    raised.append(j)
                indeg[j] -= 1
                if indeg[j] == 0:
                    if j >= n:
                        stack.append(j)
                    else:
                        heappush(heap, (lifted[j] * 2 + (lifted[j] > klass[j])) * n + tie_rank[j])

    for k in range(len(reasons)):
        if indeg[n + k] == 0:
            through(n + k)
    # Entries free from the start come in key order: merge them with a heap of the released
    # ones, placing each run of free entries at once, up to the next entry that others wait for.
    released = {tie_order[v % n] for v in heap}
    free: list[int] = []
    stops: list[int] = []
    for v, i in zip(keys.values, keys.by_value, strict=True):
        if indeg[i] == 0 and i not in released:
            if i in succ:
                stops.append(len(free))
            free.append(v)
    stops.append(len(free))
    top_class = max(max(lifted, default=0), max(lifts.values(), default=0))
    end_of_all = (top_class * 2 + 2) * n
    free.append(end_of_all)  # sentinel, above every key
    next_free = next_stop = 0
    placed = 0
    while placed < n:
        top = heap[0] if heap else end_of_all
        if free[next_free] < top:
            while stops[next_stop] < next_free:
                next_stop += 1
            end = min(bisect_left(free, top, next_free), stops[next_stop] + 1)
            order.extend([tie_order[v % n] for v in free[next_free:end]])
            placed += end - next_free
            i = order[-1]
            next_free = end
        elif heap:
            i = tie_order[heappop(heap) % n]
            append(i)
            placed += 1
        else:
            return None
        edges = succ.get(i)
        if edges is None:
            continue
        mine = lifted[i]
        for j, ci in edges:
            if mine > lifted[j]:
                lifted[j] = mine if j >= n else lifts.get(mine, mine)
                written = ci if ci >= 0 else _IMPLIED - ci
                lifted_by[j] = whys[written] if written >= 0 else i
                raised.append(j)
            indeg[j] -= 1
            if indeg[j] == 0:
                if j >= n:
                    through(j)
                else:
                    heappush(heap, (lifted[j] * 2 + (lifted[j] > klass[j])) * n + tie_rank[j])
    placed_after: list[int | None] = [None] * n
    for j in raised:
        if j < n and lifted_by[j] >= 0:
            placed_after[j] = lifted_by[j]
    return order, placed_after


@dataclass(frozen=True, slots=True)
class _Keys:
    """The sort keys of the entries, as integers.

    Attributes:
        klass: for each entry, its class: start and rank in one integer (equal for equal both).
        tie_rank: for each entry, its rank by (tie, index).
        tie_order: the entries by (tie, index): ``tie_order[tie_rank[i]] == i``.
        values: ``klass[i] * 2 * n + tie_rank[i]`` of every entry, ascending (the factor 2
            leaves room, at each class, for the entries lifted to it, which come after).
        by_value: the entry of each of ``values``.
        lifts: for a class of dates given as facts, the class an entry lifted to it takes:
            that of an approximate date of the same start and precision, when there is one
            (what must follow ``2025-09-04`` but is dated ``2025-09`` comes after the entries
            dated ``2025-09-04~`` too: they may be of that day). Other classes lift to
            themselves.
    """

    klass: list[int]
    tie_rank: list[int]
    tie_order: list[int]
    values: list[int]
    by_value: list[int]
    lifts: dict[int, int]


def _key_order(items: Sequence[Item]) -> _Keys:
    """The keys (start, rank, tie, index) of the items, each as one integer.

    Sorting integers is several times faster than sorting tuples; ranks are few, and ties are
    usually already in input order, in which case the index stands for them.
    """
    n = len(items)
    if n == 0:
        return _Keys([], [], [], [], [], {})
    ties = [item.tie for item in items]
    if all(a <= b for a, b in pairwise(ties)):
        tie_order = list(range(n))
        tie_rank = tie_order
    else:
        tie_order = sorted(range(n), key=ties.__getitem__)
        tie_rank = [0] * n
        for r, i in enumerate(tie_order):
            tie_rank[i] = r
    rank_of = {r: k for k, r in enumerate(sorted({item.rank for item in items}))}
    span = len(rank_of)
    low = min(item.start for item in items)
    klass = [(item.start - low) * span + rank_of[item.rank] for item in items]
    values = [c * 2 * n + t for c, t in zip(klass, tie_rank, strict=True)]
    values.sort()
    # a fact's rank is a multiple of VAGUE_STEPS; the approximate rank of its precision is next
    vaguer = {r: rank_of.get(r + 1, k) for r, k in rank_of.items() if r % VAGUE_STEPS == 0}
    lifts = {
        c: c - rank_of[item.rank] + vaguer[item.rank]
        for c, item in zip(klass, items, strict=True)
        if item.rank in vaguer
    }
    by_value = [tie_order[v % n] for v in values]
    return _Keys(klass, tie_rank, tie_order, values, by_value, lifts)


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
