"""Colours that read in 16-colour terminals (``TERM=xterm``, ``linux``).

There every colour is shown as the nearest of 16, in whatever palette the terminal has: a dark
blue header turns grey, a shade of grey the same as the text. So in 16 colours the app uses
variants of its two themes whose header, key bar and panels are plain palette colours
(:func:`sixteen_colour_theme`), and a line filter, :class:`Readable16`, that looks at every pair
of text and background as the usual palettes (xterm's and the VGA one of the Linux console)
show them, and where one reads under 4.5:1 (WCAG AA) writes the text in black or bright white,
whichever reads better there. Nothing changes in 256 or true colours.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from rich.color import Color as RichColor
from rich.color import ColorSystem
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.filter import LineFilter
from textual.theme import BUILTIN_THEMES, Theme

AA = 4.5
"""The least contrast of text against its background (WCAG AA)."""

RGB = tuple[int, int, int]

XTERM: tuple[RGB, ...] = (
    (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0),
    (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
    (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0),
    (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
)  # fmt: skip
"""The 16 colours as xterm shows them."""

VGA: tuple[RGB, ...] = (
    (0, 0, 0), (170, 0, 0), (0, 170, 0), (170, 85, 0),
    (0, 0, 170), (170, 0, 170), (0, 170, 170), (170, 170, 170),
    (85, 85, 85), (255, 85, 85), (85, 255, 85), (255, 255, 85),
    (85, 85, 255), (255, 85, 255), (85, 255, 255), (255, 255, 255),
)  # fmt: skip
"""The 16 colours as the Linux console (and many others) show them."""

PALETTES = (XTERM, VGA)

BLACK = RichColor.from_rgb(0, 0, 0)
WHITE = RichColor.from_rgb(255, 255, 255)


def luminance(rgb: RGB) -> float:
    """WCAG relative luminance of an sRGB colour."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: RGB, b: RGB) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def sixteen_colours(console: Console) -> bool:
    """True when the terminal shows 16 colours (what ``TERM`` and ``COLORTERM`` say)."""
    return console.color_system in ("standard", "windows")


def number(colour: RichColor) -> int:
    """The number (0-15) of the colour a 16-colour terminal shows for ``colour``."""
    found = colour.downgrade(ColorSystem.STANDARD).number
    return found if found is not None else 0


def least_contrast(text: RichColor, back: RichColor) -> float:
    """The contrast of two colours in the palette that shows them worst."""
    a, b = number(text), number(back)
    return min(contrast(palette[a], palette[b]) for palette in PALETTES)


def _sixteen(name: str, base: str, header: str) -> Theme:
    theme = BUILTIN_THEMES[base]
    variables = {
        **theme.variables,
        "primary-background": header,  # the header: white on blue in every palette
        "footer-key-foreground": "#ffffff" if theme.dark else "#000000",
    }
    return replace(theme, name=name, variables=variables)


SIXTEEN_THEMES = {
    "textual-dark": _sixteen("timeline-16-dark", "textual-dark", "#0000aa"),
    "textual-light": _sixteen("timeline-16-light", "textual-light", "#0000aa"),
}
"""The theme used in 16 colours in place of each theme."""


def sixteen_colour_theme(name: str) -> str:
    """The name of the theme to use in 16 colours for the theme ``name`` (itself when none)."""
    theme = SIXTEEN_THEMES.get(name)
    return theme.name if theme is not None else name


def usual_theme(name: str) -> str:
    """The usual theme a 16-colour variant stands for (``name`` itself for any other)."""
    for usual, theme in SIXTEEN_THEMES.items():
        if theme.name == name:
            return usual
    return name


@lru_cache(4096)
def readable_style(style: Style, background: RichColor) -> Style:
    """``style`` with its text in black or bright white when, in 16 colours, it would read
    under 4.5:1 against its background (the colours swapped for reverse video)."""
    colour = style.color
    back = style.bgcolor if style.bgcolor is not None else background
    if colour is None or colour.is_default or back.is_default:
        return style
    text, under = (back, colour) if style.reverse else (colour, back)
    if least_contrast(text, under) >= AA:
        return style
    black, white = least_contrast(BLACK, under), least_contrast(WHITE, under)
    best = BLACK if black >= white else WHITE
    if max(black, white) < AA:  # a background shown too differently: plain white on black
        best, under = WHITE, BLACK
    if style.reverse:
        return style + Style(color=under, bgcolor=best)
    return style + Style(color=best, bgcolor=under)


class Readable16(LineFilter):
    """Every text readable in 16 colours: see :func:`readable_style`."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        """Make each segment's text read against its background."""
        back = background.rich_color
        return [
            Segment(text, readable_style(style, back) if style is not None else None, control)
            for text, style, control in segments
        ]
