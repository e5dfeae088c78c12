"""What every page (home, entry, actor) is: a screen the history moves between.

Dialogs are not pages. The app owns the index; when it changes (the full data replaces the
first rows of a big file) the app hands it to every open page with :meth:`Page.use_index`.
"""

from __future__ import annotations

from textual.screen import Screen

from ...index import TimelineIndex
from ..history import Location


class Page(Screen[None]):
    """A screen with a place in the history.

    Args:
        index: the data shown, until :meth:`use_index` replaces it.
    """

    def __init__(self, index: TimelineIndex) -> None:
        super().__init__()
        self.index = index

    def on_mount(self) -> None:
        """Catch up if the app's index changed while this page was being built."""
        current = getattr(self.app, "index", None)
        if isinstance(current, TimelineIndex) and current is not self.index:
            self.call_after_refresh(self.use_index, current)

    def location(self) -> Location:
        """Where this page is, with its list cursor (for the history)."""
        raise NotImplementedError

    def restore(self, location: Location) -> None:
        """Show the page as it was at ``location`` (e.g. its list cursor)."""

    def use_index(self, index: TimelineIndex) -> None:
        """Show the same place in new data (the full file after its first rows)."""
        raise NotImplementedError
