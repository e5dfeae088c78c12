"""Reply chains as trees: a story's threads.

Pure Python with no terminal or Textual imports; the thread screen draws what this computes.

A thread is the tree of entries answering one another. An entry's parent is the entry it
``responds_to``, or else the event it was said at; the root is found by following parents
up, and the children of an entry are the statements said at it (for an event) that answer
nothing else, then its replies, each group in timeline order. Every entry thus has one
place in one tree, and the thread of any entry of a tree is that whole tree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .index import TimelineIndex
from .model import Entry, Event, Statement

Relation = Literal["root", "reply", "said at"]


@dataclass(frozen=True, slots=True)
class ThreadNode:
    """One entry in a thread and the entries under it.

    Attributes:
        entry: The entry.
        relation: ``root``, ``reply`` (it responds to its parent) or ``said at`` (a statement
            made at the parent event).
        children: The entries under it, statements said at it first, then replies.
        more: Children not listed because of the limits given to :func:`build_thread`.
    """

    entry: Entry
    relation: Relation
    children: tuple[ThreadNode, ...] = ()
    more: int = 0

    def walk(self) -> list[ThreadNode]:
        """This node and every node under it, depth first (the order a tree shows them)."""
        out: list[ThreadNode] = []
        stack = [self]
        while stack:
            node = stack.pop()
            out.append(node)
            stack.extend(reversed(node.children))
        return out


def thread_parent(index: TimelineIndex, entry: Entry) -> tuple[Entry, Relation] | None:
    """The entry above this one in its thread: what it responds to, else the event it was said
    at (None for a root)."""
    if not isinstance(entry, Statement):
        return None
    if entry.responds_to:
        target = index.entry(entry.responds_to)
        if target is not None:
            return target, "reply"
    if entry.event:
        event = index.entry(entry.event)
        if event is not None:
            return event, "said at"
    return None


def _lineage(index: TimelineIndex, entry: Entry) -> list[Entry]:
    """The entry, then its parents up to the thread's root (stopping before a repeat, which the
    loader never lets through)."""
    line = [entry]
    seen = {entry.id}
    while (parent := thread_parent(index, entry)) is not None:
        entry = parent[0]
        if entry.id in seen:
            break
        seen.add(entry.id)
        line.append(entry)
    return line


def thread_root(index: TimelineIndex, entry: Entry) -> Entry:
    """The entry a thread starts from: parents followed up."""
    return _lineage(index, entry)[-1]


def thread_children(index: TimelineIndex, entry: Entry) -> list[tuple[Entry, Relation]]:
    """The entries directly under one: statements said at it (an event) whose parent it is,
    then replies, each in timeline order."""
    out: list[tuple[Entry, Relation]] = []
    if isinstance(entry, Event):
        for said in index.statements_at(entry.id):
            parent = thread_parent(index, said)
            if parent is not None and parent[0].id == entry.id:
                out.append((said, "said at"))
    out.extend((reply, "reply") for reply in index.replies(entry.id))
    return out


def build_thread(
    index: TimelineIndex, entry: Entry, *, max_nodes: int = 2000, max_children: int = 200
) -> ThreadNode:
    """The whole thread an entry belongs to, as a tree from its root.

    Args:
        index: The timeline.
        entry: Any entry of the thread.
        max_nodes: At most this many nodes in all; what is left out is counted in ``more``.
        max_children: At most this many children under one node.

    The entries from the root down to ``entry`` are always in the tree, beyond the limits.
    """
    root = thread_root(index, entry)
    budget = max(1, max_nodes) - 1
    seen = {root.id}
    path = set(thread_path(index, entry))  # always shown, whatever the limits

    # Breadth first, so that a long chain or a crowded node cannot starve its neighbours.
    kids: dict[str, list[tuple[Entry, Relation]]] = {}
    more: dict[str, int] = {}
    queue = [root]
    head = 0
    while head < len(queue):
        current = queue[head]
        head += 1
        children = [c for c in thread_children(index, current) if c[0].id not in seen]
        room = max(0, min(len(children), max_children, budget))
        kept = children[:room]
        kept += [c for c in children[room:] if c[0].id in path]
        budget -= len(kept)
        more[current.id] = len(children) - len(kept)
        kids[current.id] = kept
        for child, _relation in kept:
            seen.add(child.id)
            queue.append(child)

    # Assemble bottom-up without recursion (a chain can be thousands deep).
    built: dict[str, ThreadNode] = {}
    relations: dict[str, Relation] = {root.id: "root"}
    for children in kids.values():
        for child, relation in children:
            relations[child.id] = relation
    for current in reversed(queue):
        children_nodes = tuple(built.pop(child.id) for child, _r in kids.get(current.id, []))
        built[current.id] = ThreadNode(
            current, relations[current.id], children_nodes, more.get(current.id, 0)
        )
    return built[root.id]


def thread_path(index: TimelineIndex, entry: Entry) -> list[str]:
    """Ids from the root of an entry's thread down to the entry itself."""
    return [e.id for e in reversed(_lineage(index, entry))]
