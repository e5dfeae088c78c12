"""The help screen (``?``): every key of the app, on one screen at 80x24 (the title and the way
out are in the frame, so every row is a key)."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..sources import HELP_KEYS

KEYS: list[tuple[str, str]] = [
    ("↑ ↓  j k", "move one row"),
    ("PgUp PgDn", "move one page"),
    ("Home End  g G", "first / last entry"),
    ("Enter", "open the selected entry, or follow the focused link"),
    ("Tab  Shift+Tab", "move between the list, the details and their links"),
    ("Backspace  [  ]", "back / forward (entries, actors, list positions)"),
    ("Esc", "close the current screen, search or filter"),
    ("a  Ctrl+P", "go to an actor / palette: find actors and entries"),
    ("/  n  N", "search (accents ignored) / next / previous match"),
    ("f  F  &", "filter / clear the filter / filter by text"),
    ("d", "jump to a date: 2025-09-05, 2025-09 or 2025"),
    ("v", "overview: entries over time; ← → and Enter jump"),
    ("t", "the thread (reply chain) of the selected entry"),
    *HELP_KEYS,
    ("m  u  U", "mark or unmark / next / previous mark"),
    ("e  E  #", "your note on the entry / on the actor / your tags"),
    ("c  !", "next new or changed entry / errors of a bad save"),
    ("T  p  Z", "theme / detail pane / time zone"),
    ("?  q", "this help / quit"),
]


class HelpScreen(ModalScreen[None]):
    """A list of every key."""

    DEFAULT_CSS = """
    HelpScreen #help {
        border-title-style: bold;
        border-title-color: $foreground;
        border-subtitle-color: $text-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "close", "Close", tooltip="Close the help"),
    ]

    def compose(self) -> ComposeResult:
        """The key table."""
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold")
        table.add_column()
        for key, does in KEYS:
            table.add_row(key, does)
        with VerticalScroll(classes="dialog", id="help") as box:
            box.border_title = "Keys"
            box.border_subtitle = "Esc closes this help"
            yield Static(table, markup=False)

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)
