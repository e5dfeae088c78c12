"""The quick text filter (``&``): keep only the entries that contain a text, as search finds it."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label


class TextFilterScreen(ModalScreen[str | None]):
    """Ask for the text; Enter keeps the entries containing it (empty: no text filter).

    Args:
        current: the text filtered on so far ("" for none).
        example: what the empty field shows: a word of the open file.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", tooltip="Close without changing the filter"),
    ]

    def __init__(self, current: str = "", example: str = "") -> None:
        super().__init__()
        self.current = current
        self.example = example

    def compose(self) -> ComposeResult:
        """A title and the field."""
        with Vertical(classes="dialog"):
            yield Label("Show only entries containing", classes="dialog-title")
            yield Label("Case and accents ignored, as in search. Empty: show all.")
            yield Input(self.current, placeholder=self.example, id="text-filter")

    def on_mount(self) -> None:
        """Type at once."""
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Apply the text."""
        event.stop()
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        """Keep the filter as it was."""
        self.dismiss(None)
