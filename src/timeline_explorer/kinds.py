"""The kinds of entries and the colour each is shown in, declared once for every renderer.

``--print`` writes each kind as a small badge, dark text on a light colour, so that it reads
(contrast above 4.5:1) on a dark and on a light terminal alike. The TUI colours a kind with a
variable of its theme, ``$kind-<label>``, given a shade per theme: a light one on the dark
theme and a dark one on the light theme, each at least 4.5:1 against the theme's surfaces.
Pure data: no terminal or Textual imports.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class KindColour:
    """How one kind of entry is coloured.

    Attributes:
        terminal: a Rich style for plain terminal output (``--print``), with both colours.
        theme: the name of the TUI's theme variable, without ``$`` (``kind-event``).
        dark: the text colour in the TUI's dark themes.
        light: the text colour in the TUI's light themes.
    """

    terminal: str
    theme: str
    dark: str
    light: str


KIND_COLOURS: dict[str, KindColour] = {
    "event": KindColour("#000000 on #4ebf71", "kind-event", dark="#4ebf71", light="#0a3d18"),
    "quote": KindColour("#000000 on #ffc473", "kind-quote", dark="#ffc473", light="#8a2a00"),
    "paraphrase": KindColour(
        "#000000 on #e79cff", "kind-paraphrase", dark="#e79cff", light="#6b2fa0"
    ),
}
"""Every kind label an entry can have (``Entry.kind_label``), and its colours."""


def terminal_colour(kind_label: str) -> str:
    """The Rich style of a kind for plain output (empty for an unknown kind)."""
    colour = KIND_COLOURS.get(kind_label)
    return colour.terminal if colour else ""


def theme_variable(kind_label: str) -> str | None:
    """The theme variable (without ``$``) a kind is coloured with in the TUI, if any."""
    colour = KIND_COLOURS.get(kind_label)
    return colour.theme if colour else None


def theme_variables(dark: bool) -> dict[str, str]:
    """The theme variables of every kind (name without ``$`` to colour) for a dark or light
    theme: what the app adds to each theme's variables."""
    return {colour.theme: colour.dark if dark else colour.light for colour in KIND_COLOURS.values()}
