"""The note dialog (``e``): the user's own note on an entry or an actor, several lines long."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, TextArea

from ...safetext import one_line


class NoteScreen(ModalScreen[str | None]):
    """Edit a note; Ctrl+S saves (an empty note removes it), Esc leaves it as it was.

    Args:
        about: what the note is on, for the title (an entry's label or an actor's name).
        text: the note so far ("" for none).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True, tooltip="Save the note"),
        Binding("escape", "cancel", "Cancel", tooltip="Close without changing the note"),
    ]

    DEFAULT_CSS = """
    NoteScreen { align: center middle; }
    NoteScreen > Vertical {
        width: 80%;
        max-width: 100;
        height: auto;
        max-height: 100%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    NoteScreen #note-title { text-style: bold; }
    NoteScreen TextArea { height: 10; }
    NoteScreen .buttons { height: auto; align-horizontal: right; }
    NoteScreen.-short TextArea { height: 1fr; min-height: 3; }
    NoteScreen.-short > Vertical { height: 100%; }
    NoteScreen.-short .buttons Button { border: none; height: 1; margin-left: 1; }
    """

    def __init__(self, about: str, text: str = "") -> None:
        super().__init__()
        self.about = about
        self.text = text

    def compose(self) -> ComposeResult:
        """A title, the text and the buttons."""
        with Vertical():
            yield Label(f"Note on {one_line(self.about)}", id="note-title", markup=False)
            yield Label("Ctrl+S saves; an empty note is removed. Esc cancels.", markup=False)
            yield TextArea(self.text, id="note-text", soft_wrap=True, show_line_numbers=False)
            with Horizontal(classes="buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        """Start typing at the end of the note."""
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Save or cancel."""
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def action_save(self) -> None:
        """Close with the text typed."""
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        """Close without a change."""
        self.dismiss(None)
