"""The colours of kinds read at WCAG AA (4.5:1): in ``--print`` on any terminal, in the TUI on
each theme's surfaces, also once downgraded to a 16-colour terminal."""

from __future__ import annotations

import io
from collections.abc import Sequence

import pytest
from rich.color import Color, ColorSystem, ColorType
from rich.color_triplet import ColorTriplet
from rich.style import Style
from rich.text import Text

from timeline_explorer import kinds
from timeline_explorer.cli import print_timeline
from timeline_explorer.data import bundled_events_path, load_index
from timeline_explorer.index import Filter
from timeline_explorer.tui.themes import RGB, VGA, XTERM, contrast

from .tui.test_contrast import AA

TERMINALS = {
    "truecolor": {"TERM": "xterm-256color", "COLORTERM": "truecolor"},
    "256": {"TERM": "xterm-256color", "COLORTERM": ""},
    "xterm": {"TERM": "xterm", "COLORTERM": ""},
    "linux": {"TERM": "linux", "COLORTERM": ""},
}
THEME_SURFACES = {  # background, surface and panel of textual-dark and textual-light
    True: ("#121212", "#1e1e1e", "#242f38"),
    False: ("#e0e0e0", "#d8d8d8", "#d0d0d0"),
}


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _rgb(colour: Color, palette: Sequence[RGB]) -> RGB:
    if colour.type is ColorType.STANDARD and colour.number is not None:
        return palette[colour.number]
    triplet: ColorTriplet = colour.get_truecolor()
    return (triplet.red, triplet.green, triplet.blue)


@pytest.mark.parametrize("terminal", TERMINALS)
def test_print_colours_read_on_dark_and_light_terminals(
    terminal: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every coloured span of ``--print`` sets both its colours, at 4.5:1 or more, so it reads
    whatever the terminal's own background is."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    for name, value in TERMINALS[terminal].items():
        monkeypatch.setenv(name, value)
    out = _Terminal()
    print_timeline(load_index([str(bundled_events_path())]), Filter(), "text", out)
    palette = VGA if terminal == "linux" else XTERM
    coloured = 0
    for line in out.getvalue().splitlines():
        text = Text.from_ansi(line)
        for span in text.spans:
            style = span.style
            assert isinstance(style, Style)
            if style.color is None and style.bgcolor is None:
                continue
            words = text.plain[span.start : span.end]
            assert style.color is not None and style.bgcolor is not None, words
            ratio = contrast(_rgb(style.color, palette), _rgb(style.bgcolor, palette))
            assert ratio >= AA, f"{words!r}: {ratio:.2f}:1 on {terminal}"
            coloured += 1
    assert coloured > 30  # every entry's kind is coloured


@pytest.mark.parametrize("dark", [True, False])
@pytest.mark.parametrize("label", list(kinds.KIND_COLOURS))
def test_tui_kind_colours_read_on_every_surface(label: str, dark: bool) -> None:
    variable = kinds.theme_variable(label)
    assert variable is not None
    value = kinds.theme_variables(dark)[variable]
    colour = Color.parse(value)
    for surface in THEME_SURFACES[dark]:
        background = Color.parse(surface)
        assert contrast(_rgb(colour, []), _rgb(background, [])) >= AA, (label, surface)
    # A 16-colour terminal: the colour and the surface each become their nearest palette colour.
    low = colour.downgrade(ColorSystem.STANDARD)
    low_surface = Color.parse(THEME_SURFACES[dark][1]).downgrade(ColorSystem.STANDARD)
    assert contrast(_rgb(low, XTERM), _rgb(low_surface, XTERM)) >= AA, label


def test_kinds_are_told_apart() -> None:
    for dark in (True, False):
        values = list(kinds.theme_variables(dark).values())
        assert len(set(values)) == len(kinds.KIND_COLOURS)
    assert kinds.theme_variable("nonsense") is None
    assert kinds.terminal_colour("nonsense") == ""
