"""What every page (home, entry, actor) is: a screen the history moves between.

Dialogs are not pages. The app owns the index; when it changes (the full data replaces the
first rows of a big file) the app hands it to every open page with :meth:`Page.use_index`.
"""

from __future__ import annotations

from textual.geometry import Size
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
        try:
            size = self.app.size
        except RuntimeError:  # made with no app running: the first resize gives the classes
            return
        self.update_classes(self.size_classes(size), update=False)

    def size_classes(self, size: Size) -> dict[str, bool]:
        """The breakpoint classes of a screen of this size, as Textual gives them at a resize.

        A page has them from the start: a class given once it is mounted would make Textual
        work out the styles of everything on it again before its first paint."""
        app = self.app
        horizontal = self.HORIZONTAL_BREAKPOINTS
        vertical = self.VERTICAL_BREAKPOINTS
        measured = (
            (app.HORIZONTAL_BREAKPOINTS if horizontal is None else horizontal, size.width),
            (app.VERTICAL_BREAKPOINTS if vertical is None else vertical, size.height),
        )
        classes = {name: False for breakpoints, _ in measured for _, name in breakpoints or ()}
        for breakpoints, extent in measured:
            reached = [(at, name) for at, name in breakpoints or () if extent >= at]
            if reached:
                classes[max(reached)[1]] = True
        return classes

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
