"""Navigation requests that pages and widgets send up to the app, which owns the history.

Nothing below the app calls it: a page posts one of these messages and the app handles it
(``on_navigate``, ``on_jumped``, ``on_go_back``).
"""

from __future__ import annotations

from textual.message import Message

from .history import Location
from .widgets.links import Target


class Navigate(Message):
    """Go to an actor or an entry, recording it in the history."""

    def __init__(self, target: Target) -> None:
        super().__init__()
        self.target = target


class Jumped(Message):
    """The cursor jumped within a page (a search match, a date): both places go in the history."""

    def __init__(self, old: Location, new: Location) -> None:
        super().__init__()
        self.old = old
        self.new = new


class GoBack(Message):
    """Go back to the previous place visited."""
