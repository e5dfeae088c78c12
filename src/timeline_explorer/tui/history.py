"""Back and forward through what was visited: the timeline at a position, entries, actors."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, slots=True)
class Location:
    """A place in the app: the home timeline, an entry, or an actor, with a list cursor.

    ``cursor`` is the id of the entry under the list cursor (home and actor views): an id, not
    a position, so that the history stays right when the full data replaces the first rows.
    """

    kind: Literal["home", "entry", "actor"]
    id: str | None = None
    cursor: str | None = None

    def same_page(self, other: Location) -> bool:
        """True when both locations show the same screen (cursors may differ)."""
        return self.kind == other.kind and self.id == other.id


class History:
    """A browser-like history: going somewhere new drops what was ahead."""

    def __init__(self, first: Location) -> None:
        self._items = [first]
        self._at = 0

    @property
    def current(self) -> Location:
        """Where we are."""
        return self._items[self._at]

    def update_current(self, location: Location) -> None:
        """Remember the state of the current place (e.g. its cursor) before leaving it."""
        self._items[self._at] = location

    def go(self, location: Location) -> None:
        """Visit a new place; what was ahead is forgotten."""
        if location == self.current:
            return
        del self._items[self._at + 1 :]
        self._items.append(location)
        self._at += 1

    def back(self) -> Location | None:
        """Step back, returning the place to show, or None at the start."""
        if self._at == 0:
            return None
        self._at -= 1
        return self.current

    def forward(self) -> Location | None:
        """Step forward, returning the place to show, or None at the end."""
        if self._at + 1 >= len(self._items):
            return None
        self._at += 1
        return self.current
