"""The entry screen: one entry's full details, every actor and entry in it a link."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType

from ...index import TimelineIndex
from ..history import Location
from ..widgets.entry_details import EntryDetails
from ..widgets.header import TimelineHeader
from ..widgets.key_bar import KeyBar
from .page import Page


class EntryScreen(Page):
    """Full details of one entry."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.go_back", "Close", tooltip="Close the entry (go back)"),
    ]

    def __init__(self, index: TimelineIndex, entry_id: str) -> None:
        super().__init__(index)
        self.entry_id = entry_id

    def compose(self) -> ComposeResult:
        """Header, details, footer."""
        yield TimelineHeader(id="header")
        yield EntryDetails(self.index, id="details")
        yield KeyBar()

    def on_mount(self) -> None:
        """Fill in the entry and focus its first link."""
        position = self.index.position(self.entry_id)
        entry = self.index.entries[position] if position is not None else None
        parts = [entry.kind_label, entry.date.display()] if entry else []
        self.query_one(TimelineHeader).show_path([*parts, self.entry_id])
        details = self.query_one(EntryDetails)
        details.show(position)
        details.focus()

    def location(self) -> Location:
        """This entry."""
        return Location("entry", self.entry_id)

    def restore(self, location: Location) -> None:
        """Nothing to restore: the entry shows from the top."""

    def use_index(self, index: TimelineIndex) -> None:
        """Show this entry as the full data has it (its replies and links may be more)."""
        self.index = index
        self.query_one(EntryDetails).use_index(index, index.position(self.entry_id))
