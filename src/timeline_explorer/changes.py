"""What changed between two loads of the data: new, changed and removed entries and actors.

Records are matched by id. An entry or actor is *changed* when any of its fields differs (its
position in the file does not count: moving an entry is not a change). Nothing here knows about
files or terminals; a user interface shows :meth:`Changes.summary` after a reload and marks the
ids in :attr:`Changes.new_entries` and :attr:`Changes.changed_entries` until they are seen.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

from .index import TimelineIndex
from .model import Actor, Dataset, Entry, entry_sort_key

_Record = TypeVar("_Record", Actor, Entry)


@dataclass(frozen=True, slots=True)
class Changes:
    """The differences between an old and a new dataset, as ids.

    New and changed ids are in the new data's timeline order (actors: file order), removed ids
    in the old data's.
    """

    new_entries: tuple[str, ...] = ()
    changed_entries: tuple[str, ...] = ()
    removed_entries: tuple[str, ...] = ()
    new_actors: tuple[str, ...] = ()
    changed_actors: tuple[str, ...] = ()
    removed_actors: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        """True when nothing changed."""
        return not (
            self.new_entries
            or self.changed_entries
            or self.removed_entries
            or self.new_actors
            or self.changed_actors
            or self.removed_actors
        )

    @property
    def fresh_entries(self) -> frozenset[str]:
        """The ids of the entries that are new or changed: those to mark until seen."""
        return frozenset(self.new_entries) | frozenset(self.changed_entries)

    def summary(self) -> str:
        """One line for a notice, e.g. ``3 new, 1 changed, 2 removed``, or ``no changes``.

        Counts are of entries; actors follow after a semicolon when they changed too
        (``1 new; actors: 1 changed``). Zero counts are left out.
        """
        entries = _counts(self.new_entries, self.changed_entries, self.removed_entries)
        actors = _counts(self.new_actors, self.changed_actors, self.removed_actors)
        if not entries and not actors:
            return "no changes"
        parts = [entries] if entries else []
        if actors:
            parts.append(f"actors: {actors}")
        return "; ".join(parts)


def _counts(new: tuple[str, ...], changed: tuple[str, ...], removed: tuple[str, ...]) -> str:
    pairs = ((len(new), "new"), (len(changed), "changed"), (len(removed), "removed"))
    return ", ".join(f"{count} {word}" for count, word in pairs if count)


def _diff(
    old: Iterable[_Record], new: Iterable[_Record]
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(new, changed, removed) ids, matching records by id."""
    before = {record.id: record for record in old}
    added: list[str] = []
    changed: list[str] = []
    seen: set[str] = set()
    for record in new:
        seen.add(record.id)
        previous = before.get(record.id)
        if previous is None:
            added.append(record.id)
        elif previous is not record and (type(previous) is not type(record) or previous != record):
            changed.append(record.id)
    removed = tuple(key for key in before if key not in seen)
    return tuple(added), tuple(changed), removed


def _timeline(data: Dataset | TimelineIndex) -> tuple[Dataset, list[Entry]]:
    if isinstance(data, TimelineIndex):
        return data.dataset, list(data.entries)
    entries: list[Entry] = [*data.events, *data.statements]
    entries.sort(key=entry_sort_key)
    return data, entries


def compare(old: Dataset | TimelineIndex, new: Dataset | TimelineIndex) -> Changes:
    """The changes from ``old`` to ``new`` (datasets, or their indexes: no sorting again).

    Args:
        old: the data shown so far.
        new: the data just loaded.
    """
    old_data, old_entries = _timeline(old)
    new_data, new_entries = _timeline(new)
    entries = _diff(old_entries, new_entries)
    actors = _diff(old_data.actors, new_data.actors)
    return Changes(*entries, *actors)
