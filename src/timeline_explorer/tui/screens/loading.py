"""The loading screen: the UI is up at once while a worker reads a large file."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Label

from ...safetext import one_line


class LoadingScreen(Screen[None]):
    """A title and a progress bar (bytes parsed of the file size)."""

    def __init__(self, what: str) -> None:
        super().__init__()
        self.what = what

    def compose(self) -> ComposeResult:
        """Title and bar."""
        from textual.widgets import ProgressBar  # not imported by a start that needs no bar

        with Vertical(classes="dialog", id="loading"):
            yield Label(f"Loading {one_line(self.what)}…", classes="dialog-title", markup=False)
            yield ProgressBar(total=100, show_eta=False, id="progress")

    def set_progress(self, done: int, total: int) -> None:
        """Show how much is read; a total of 1 means 'working, amount unknown'."""
        from textual.widgets import ProgressBar

        bar = self.query_one(ProgressBar)
        if total <= 1 and done == 0:
            bar.update(total=None)  # the fast parser reports no progress of its own
        else:
            bar.update(total=max(total, 1), progress=done)
