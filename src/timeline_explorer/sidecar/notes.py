"""The user's marks, notes and tags in memory, and the sidecar format's constants."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..index import normalize

VERSION = 1
"""The format's version, written in every sidecar."""
SUFFIX = ".notes.yaml"
"""The end of a sidecar's name: ``story.yaml`` gets ``story.notes.yaml``."""
ROOT_KEYS = ("version", "marked", "notes", "tags")


class SidecarError(Exception):
    """The sidecar was not written; the message says why and what to do."""


@dataclass(slots=True)
class Notes:
    """The marks, notes and tags of one dataset, keyed by entry and actor ids.

    ``marked`` keeps the order in which ids were marked; ``notes`` and ``tags`` keep theirs.
    """

    marked: list[str] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)
    tags: dict[str, list[str]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        """True when there is nothing to keep."""
        return not (self.marked or self.notes or self.tags)

    def is_marked(self, item_id: str) -> bool:
        """True when the id is marked."""
        return item_id in self.marked

    def toggle_mark(self, item_id: str) -> bool:
        """Mark the id, or unmark it when it was marked; returns True when it is now marked."""
        if item_id in self.marked:
            self.marked.remove(item_id)
            return False
        self.marked.append(item_id)
        return True

    def note(self, item_id: str) -> str | None:
        """The note on an id, or None."""
        return self.notes.get(item_id)

    def set_note(self, item_id: str, text: str | None) -> None:
        """Set the note on an id; an empty or blank text removes it."""
        if text is None or not text.strip():
            self.notes.pop(item_id, None)
        else:
            self.notes[item_id] = text

    def tags_of(self, item_id: str) -> list[str]:
        """The id's own tags (a copy)."""
        return list(self.tags.get(item_id, ()))

    def set_tags(self, item_id: str, tags: Iterable[str]) -> None:
        """Set the id's tags: blank ones and repeats are dropped; none removes the entry."""
        kept = list(dict.fromkeys(t.strip() for t in tags if t.strip()))
        if kept:
            self.tags[item_id] = kept
        else:
            self.tags.pop(item_id, None)

    def tagged(self, tag: str) -> frozenset[str]:
        """The ids the user gave a tag (case and accents ignored, as in search)."""
        wanted = normalize(tag.strip())
        return frozenset(
            item_id
            for item_id, tags in self.tags.items()
            if any(normalize(t) == wanted for t in tags)
        )

    def ids(self) -> list[str]:
        """Every id that has a mark, a note or tags, in file order (marks, notes, tags)."""
        return list(dict.fromkeys([*self.marked, *self.notes, *self.tags]))

    def orphans(self, ids: Iterable[str]) -> list[str]:
        """The ids with a mark, note or tags that are not among ``ids`` (those of the data).

        They stay in the sidecar: this only lists them, e.g. to show after a reload.
        """
        known = ids if isinstance(ids, set | frozenset | dict) else set(ids)
        return [item_id for item_id in self.ids() if item_id not in known]
