"""A dialog listing every error of the last load that failed (a broken save of a watched file)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ...loader import LoadError


class LoadErrorsScreen(ModalScreen[None]):
    """Every diagnostic of a failed reload, as ``--check`` prints them.

    Args:
        error: the failed load.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,exclamation_mark", "close", "Close", tooltip="Close the error list"),
    ]

    DEFAULT_CSS = """
    LoadErrorsScreen { align: center middle; }
    LoadErrorsScreen > VerticalScroll {
        width: 90%;
        height: 80%;
        border: thick $error;
        background: $surface;
        padding: 0 1;
    }
    LoadErrorsScreen #load-errors-title { text-style: bold; color: $error; }
    """

    def __init__(self, error: LoadError) -> None:
        super().__init__()
        self.error = error

    def compose(self) -> ComposeResult:
        """A title and the report (already made safe for a terminal by the loader)."""
        with VerticalScroll():
            yield Static(
                "The last save could not be loaded; the data shown is the last good one. "
                "Esc closes.",
                id="load-errors-title",
                markup=False,
            )
            yield Static(self.error.report(), id="load-errors-report", markup=False)

    def action_close(self) -> None:
        """Close the dialog."""
        self.dismiss(None)
