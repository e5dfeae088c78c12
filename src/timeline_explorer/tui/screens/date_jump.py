"""The jump-to-date dialog (``d``)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from ...model import DateError, PartialDate
from ...safetext import visible
from ..examples import Examples


class DateJumpScreen(ModalScreen[PartialDate | None]):
    """Ask for a date: ``2025-09-05``, ``2025-09`` or ``2025``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", tooltip="Close without jumping"),
    ]

    def __init__(self, examples: Examples | None = None) -> None:
        """Args:
        examples: the dates the empty field shows, from the open file.
        """
        super().__init__()
        self.examples = examples or Examples()

    def compose(self) -> ComposeResult:
        """A title, the field and a place for errors."""
        shown = self.examples
        dates = [d for d in dict.fromkeys((shown.day, shown.month, shown.year)) if d]
        placeholder = (
            ", ".join(dates[:-1]) + f" or {dates[-1]}" if len(dates) > 1 else "".join(dates)
        )
        with Vertical(classes="dialog"):
            yield Label("Jump to the first entry at or after a date", classes="dialog-title")
            yield Input(placeholder=placeholder, id="date")
            yield Static("", id="date-error", classes="error", markup=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Parse the date; stay open with a message when it is not one."""
        event.stop()
        try:
            self.dismiss(PartialDate.parse(event.value))
        except DateError as exc:
            self.query_one("#date-error", Static).update(visible(str(exc)))

    def action_cancel(self) -> None:
        """Close without jumping."""
        self.dismiss(None)
