"""Every pair of text and background colours the TUI writes reads at WCAG AA (4.5:1).

Screens are rendered with Pilot in the dark and the light theme; each segment with visible text
is checked as a terminal would show it: in true colour, downgraded to 16 colours (shown with the
xterm palette), and with ``NO_COLOR`` (Textual's monochrome filter). On a terminal that says it
has 16 colours (``TERM=xterm``, ``linux``) the app itself writes for 16 colours: every screen is
checked there as xterm and as the Linux console (the VGA palette) show it. Box-drawing and block
characters (borders, scroll bars) are graphics, not text, and are left out.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from rich.color import Color as RichColor
from rich.color import ColorSystem
from textual.color import Color
from textual.filter import Monochrome
from textual.geometry import Region
from textual.pilot import Pilot

from timeline_explorer.tui.app import TimelineApp
from timeline_explorer.tui.themes import RGB, VGA, XTERM, contrast
from timeline_explorer.tui.widgets.links import Link
from timeline_explorer.tui.widgets.timeline_list import TimelineList

from .helpers import make_app, settle

AA = 4.5
"""WCAG AA for text, fixed here: the test holds the app to it, whatever the app's own constant."""
THEMES = ("textual-dark", "textual-light")


def test_contrast_formula() -> None:
    assert contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21)
    assert contrast((119, 119, 119), (255, 255, 255)) == pytest.approx(4.48, abs=0.01)
    assert contrast((30, 30, 30), (30, 30, 30)) == 1


def _is_graphic(text: str) -> bool:
    return all(ch.isspace() or 0x2500 <= ord(ch) <= 0x25FF for ch in text)


def _rgb(colour: RichColor | None, default: RGB, mode: str) -> RGB:
    if colour is None or colour.is_default:
        return default
    if mode in ("16", "vga"):
        number = colour.downgrade(ColorSystem.STANDARD).number
        assert number is not None
        return (XTERM if mode == "16" else VGA)[number]
    triplet = colour.get_truecolor()
    return (triplet.red, triplet.green, triplet.blue)


def low_contrast(app: TimelineApp, mode: str, region: Region | None = None) -> Iterator[str]:
    """Every visible text segment under 4.5:1 on screen (or in ``region``), as a message."""
    variables = app.theme_variables
    background = Color.parse(variables["background"])
    fg_default = Color.parse(variables["foreground"]).rgb
    bg_default = background.rgb
    for y, strip in enumerate(app.screen._compositor.render_strips()):
        segments = list(strip)
        if mode == "mono":
            segments = Monochrome().apply(segments, background)
        x = 0
        for segment in segments:
            start, x = x, x + segment.cell_length
            if region is not None and not (
                region.y <= y < region.bottom and region.x <= start < region.right
            ):
                continue
            style = segment.style
            if style is None or _is_graphic(segment.text):
                continue
            fg = _rgb(style.color, fg_default, mode)
            bg = _rgb(style.bgcolor, bg_default, mode)
            ratio = contrast(fg, bg)
            if ratio < AA:
                yield f"{mode} row {y}: {segment.text.strip()[:30]!r} {ratio:.2f}:1 ({style})"


def check(app: TimelineApp, modes: tuple[str, ...], region: Region | None = None) -> None:
    failures = [line for mode in modes for line in low_contrast(app, mode, region)]
    assert not failures, "\n".join(failures)


async def _start(pilot: Pilot[None], theme: str) -> TimelineApp:
    app = pilot.app
    assert isinstance(app, TimelineApp)
    app.theme = theme
    await settle(pilot)
    return app


@pytest.mark.parametrize("theme", THEMES)
async def test_home_entry_and_actor_pages_read_at_aa(theme: str) -> None:
    async with make_app().run_test(size=(120, 40)) as pilot:
        app = await _start(pilot, theme)
        assert isinstance(app.focused, TimelineList)
        check(app, ("true", "mono"))
        await pilot.press("tab")  # into the preview: the list shows its unfocused cursor
        await settle(pilot)
        check(app, ("true", "mono"))
        await pilot.press("shift+tab", "enter", "tab")  # an entry page, a link focused
        await settle(pilot)
        assert isinstance(app.focused, Link)
        check(app, ("true", "mono"))
        await pilot.press("enter", "tab", "enter")  # an actor page, its first link focused
        await settle(pilot)
        assert isinstance(app.focused, Link)
        check(app, ("true", "mono"))


async def test_list_and_links_read_at_aa_in_16_colours() -> None:
    async with make_app().run_test(size=(120, 40)) as pilot:
        app = await _start(pilot, "textual-dark")
        timeline = app.screen.query_one(TimelineList)
        check(app, ("16",), timeline.region)
        await pilot.press("enter", "tab")
        await settle(pilot)
        assert isinstance(app.focused, Link)
        check(app, ("16",), app.focused.region)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("key", ["question_mark", "f"])
async def test_help_and_dialog_read_at_aa(theme: str, key: str) -> None:
    async with make_app().run_test(size=(120, 40)) as pilot:
        app = await _start(pilot, theme)
        await pilot.press(key)
        await settle(pilot)
        dialog = app.screen.query_one(".dialog")
        check(app, ("true", "mono"), dialog.region)


def _styles_at(app: TimelineApp, region: Region) -> set[str]:
    strips = app.screen._compositor.render_strips()
    found: set[str] = set()
    for y in range(region.y, region.bottom):
        x = 0
        for segment in Monochrome().apply(list(strips[y]), Color(0, 0, 0)):
            start, x = x, x + segment.cell_length
            if region.x <= start < region.right and segment.text.strip() and segment.style:
                style = segment.style
                found |= {name for name in ("reverse", "bold", "underline") if getattr(style, name)}
    return found


async def test_cursor_and_focus_show_without_colour() -> None:
    """With NO_COLOR the cursor row and a focused link are marked by reverse video."""
    async with make_app().run_test(size=(120, 40)) as pilot:
        app = await _start(pilot, "textual-dark")
        timeline = app.screen.query_one(TimelineList)
        row = timeline._ordinal_row[timeline.cursor] - round(timeline.scroll_offset.y)
        cursor = Region(timeline.region.x, timeline.region.y + row, timeline.region.width, 1)
        assert "reverse" in _styles_at(app, cursor)
        below = Region(cursor.x, cursor.y + 2, cursor.width, 1)
        assert "reverse" not in _styles_at(app, below)
        await pilot.press("enter", "tab")
        await settle(pilot)
        assert isinstance(app.focused, Link)
        assert "reverse" in _styles_at(app, app.focused.region)


async def test_first_tab_on_an_actor_page_shows_the_focus() -> None:
    async with make_app().run_test(size=(120, 40)) as pilot:
        app = await _start(pilot, "textual-dark")
        await pilot.press("enter", "tab", "enter")  # the speaker's page
        await settle(pilot)
        before = [strip.text for strip in app.screen._compositor.render_strips()]
        await pilot.press("tab")
        await settle(pilot)
        after = [strip.text for strip in app.screen._compositor.render_strips()]
        assert app.focused is not None
        region = app.focused.region
        assert before[region.y : region.bottom] != after[region.y : region.bottom]


# -- a terminal of 16 colours ---------------------------------------------------------------------

SCENES = {
    "home": [],
    "preview": ["tab"],
    "entry": ["enter", "tab"],
    "actor": ["a", *"zelen", "enter", "tab"],
    "filter": ["f"],
    "help": ["question_mark"],
    "thread": ["j", "t"],
    "palette": ["ctrl+p", *"coal"],
    "search": ["slash", *"meloni", "enter"],
}


@pytest.mark.parametrize("term", ["xterm", "linux"])
@pytest.mark.parametrize("dark", [True, False], ids=["dark", "light"])
@pytest.mark.parametrize("scene", list(SCENES))
async def test_every_screen_reads_at_aa_on_a_16_colour_terminal(
    monkeypatch: pytest.MonkeyPatch, term: str, dark: bool, scene: str
) -> None:
    monkeypatch.setenv("TERM", term)
    monkeypatch.delenv("COLORTERM", raising=False)
    app = make_app()
    assert app.sixteen
    async with app.run_test(size=(120, 40)) as pilot:
        app.theme = app.theme_name(dark=dark)
        await settle(pilot)
        await pilot.press(*SCENES[scene])
        await pilot.pause(0.4)
        check(app, ("16", "vga"))


async def test_the_header_and_key_bar_in_16_colours(monkeypatch: pytest.MonkeyPatch) -> None:
    """White on blue for the header, the key bar's keys in reverse video, in both themes."""
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("COLORTERM", raising=False)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for dark in (True, False):
            app.theme = app.theme_name(dark=dark)
            await settle(pilot)
            strips = app.screen._compositor.render_strips()
            title = next(s for s in strips[0] if s.text.strip())
            assert title.style is not None and title.style.bgcolor is not None
            assert title.style.bgcolor.downgrade(ColorSystem.STANDARD).number == 4  # blue
            assert app.theme.startswith("timeline-16-")
            bar = [s for s in strips[-1] if s.text.strip() == "^p"]
            assert bar and bar[0].style is not None and bar[0].style.reverse
            check(app, ("16", "vga"), Region(0, 0, 80, 1))
            check(app, ("16", "vga"), Region(0, 23, 80, 1))
        await pilot.press("T")  # the key switches between the 16-colour variants
        await settle(pilot)
        assert app.theme == "timeline-16-dark"


@pytest.mark.parametrize("theme", THEMES)
async def test_the_thread_reads_at_aa(theme: str) -> None:
    """The thread's dates and kinds take the theme's colours (a fixed cyan did not read on
    the light theme)."""
    async with make_app().run_test(size=(120, 40)) as pilot:
        app = await _start(pilot, theme)
        await pilot.press("j", "t")
        await settle(pilot)
        assert app.screen.query("ThreadTree")
        check(app, ("true", "mono"))
