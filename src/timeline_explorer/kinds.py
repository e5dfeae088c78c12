"""The kinds of entries and the colour each is shown in, declared once for every renderer.

``--print`` writes a terminal's own named colours (the user's palette decides the shade); the
TUI uses a variable of its theme, so that the dark and light themes each pick a readable shade.
Pure data: no terminal or Textual imports.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class KindColour:
    """How one kind of entry is coloured.

    Attributes:
        terminal: a Rich colour name for plain terminal output (``--print``).
        theme: the name of a Textual theme variable, without ``$`` (``success``).
    """

    terminal: str
    theme: str


KIND_COLOURS: dict[str, KindColour] = {
    "event": KindColour("green", "success"),
    "quote": KindColour("yellow", "warning"),
    "paraphrase": KindColour("magenta", "secondary"),
}
"""Every kind label an entry can have (``Entry.kind_label``), and its colour."""


def terminal_colour(kind_label: str) -> str:
    """The Rich colour of a kind for plain output (empty for an unknown kind)."""
    colour = KIND_COLOURS.get(kind_label)
    return colour.terminal if colour else ""


def theme_variable(kind_label: str) -> str | None:
    """The theme variable (without ``$``) a kind is coloured with in the TUI, if any."""
    colour = KIND_COLOURS.get(kind_label)
    return colour.theme if colour else None
