"""The tags dialog (``#``): the user's own tags on an entry, comma-separated, in the sidecar."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from ...safetext import one_line


def split_tags(text: str) -> list[str]:
    """Tags typed comma-separated: each trimmed, blank ones and repeats dropped, in order."""
    return list(dict.fromkeys(tag.strip() for tag in text.split(",") if tag.strip()))


class TagsScreen(ModalScreen[list[str] | None]):
    """Edit an entry's own tags; Enter keeps them (empty: none), Esc leaves them as they were.

    Args:
        about: what the tags are on, for the title (an entry's label).
        tags: the tags so far.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", tooltip="Close without changing the tags"),
    ]

    def __init__(self, about: str, tags: Sequence[str] = ()) -> None:
        super().__init__()
        self.about = about
        self.tags = list(tags)

    def compose(self) -> ComposeResult:
        """A title, a hint and the field."""
        with Vertical(classes="dialog"):
            yield Label(
                f"Your tags on {one_line(self.about)}", classes="dialog-title", markup=False
            )
            yield Label("Comma-separated. Enter keeps them (empty: none); Esc cancels.")
            yield Input(", ".join(self.tags), placeholder="follow-up, verified", id="tags")

    def on_mount(self) -> None:
        """Type at once, after the tags so far."""
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Keep the tags typed."""
        event.stop()
        self.dismiss(split_tags(event.value))

    def action_cancel(self) -> None:
        """Keep the tags as they were."""
        self.dismiss(None)
