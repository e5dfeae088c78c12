"""80 columns and small terminals: what a user sees at 120x40, 80x24 and down to 60x15.

The header keeps its counts and date range, the key bar shows whole keys, the filter dialog's
buttons can be reached, an actor's own statements show their words, the dialogs' examples come
from the open file, the palette says what it finds, a search highlights names too, ``g`` and
``G`` are steps Back can undo, and the detail pane's links take the focus.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rich.style import Style
from textual.app import App, ComposeResult
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Button, Input

from timeline_explorer import kinds
from timeline_explorer.data import load_index
from timeline_explorer.index import Filter
from timeline_explorer.model import PartialDate
from timeline_explorer.tui.app import PALETTE_PROMPT, TimelineApp
from timeline_explorer.tui.screens.actor import ActorScreen
from timeline_explorer.tui.screens.date_jump import DateJumpScreen
from timeline_explorer.tui.screens.filter import FilterScreen
from timeline_explorer.tui.widgets.entry_preview import EntryPreview
from timeline_explorer.tui.widgets.timeline_list import TimelineList

from ..conftest import DATA
from .helpers import cursor_line, make_app, screen_lines, screen_text, settle

WIDE = (120, 40)
NARROW = (80, 24)
SMALL = (60, 15)
SIZES = [pytest.param(NARROW, id="80x24"), pytest.param(SMALL, id="60x15")]
SnapCompare = Callable[..., bool]


def styled_text(
    app: App[Any], row: int, test: Callable[[Style], bool], columns: range | None = None
) -> str:
    """The characters of a screen row (in ``columns``) whose style passes ``test``."""
    strip = app.screen._compositor.render_strips()[row]
    out = []
    x = 0
    for segment in strip:
        start, x = x, x + segment.cell_length
        inside = columns is None or start in columns
        if inside and segment.style is not None and test(segment.style):
            out.append(segment.text)
    return "".join(out)


# -- the header and the key bar ------------------------------------------------------------


FILTER = Filter(
    ("meloni", "macron"),
    "statement",
    PartialDate.parse("2025-09-04"),
    PartialDate.parse("2025-09-05"),
)


@pytest.mark.parametrize("size", SIZES)
async def test_the_header_keeps_counts_and_date_range(size: tuple[int, int]) -> None:
    app = make_app(initial_filter=FILTER)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        header = screen_lines(app)[0]
        shown = len(app.screen.query_one(TimelineList).positions)
        assert f"{shown}/43 entries" in header
        assert "2025-09-04 – 2025-09-05" in header
        assert "Giorg" in header  # the actors, shortened, still there


@pytest.mark.parametrize("size", [pytest.param(WIDE, id="120x40"), *SIZES])
@pytest.mark.parametrize("keys", [[], ["enter"], ["a", *"zelen", "enter"]])
async def test_the_key_bar_shows_whole_keys(size: tuple[int, int], keys: list[str]) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)
        bar = screen_lines(app)[-1]
        assert bar.endswith(" ^p  Palette")
        assert " ?  Help " in bar
        keys_shown = re.findall(r" (\S+)  (\S[^ ]*(?: [^ ]+)*?)(?=  |$)", bar)
        assert keys_shown and all(label for _key, label in keys_shown)
        assert "…" not in bar


# -- the filter dialog at 60x15 ----------------------------------------------------------------


async def test_the_filter_dialogs_buttons_are_reachable_at_60x15() -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, FilterScreen)
        for _ in range(12):
            if isinstance(app.focused, Button) and app.focused.id == "apply":
                break
            await pilot.press("tab")
        await settle(pilot)
        apply = app.screen.query_one("#apply", Button)
        assert app.focused is apply
        assert 0 <= apply.region.y < SMALL[1] and apply.region.height == 1
        line = screen_lines(app)[apply.region.y]
        assert "Apply" in line and "Clear all" in line and "Cancel" in line
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, FilterScreen)


def test_snapshot_filter_dialog_60x15(snap_compare: SnapCompare) -> None:
    assert snap_compare(make_app(), terminal_size=SMALL, press=["f"], run_before=_pause)


def test_snapshot_filtered_header_80x24(snap_compare: SnapCompare) -> None:
    app = make_app(initial_filter=FILTER)
    assert snap_compare(app, terminal_size=NARROW, run_before=_pause)


async def _pause(pilot: Pilot[Any]) -> None:
    await pilot.pause(0.2)


# -- an actor's page ----------------------------------------------------------------------------


async def test_an_actors_own_statements_show_their_words_at_80_columns() -> None:
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("a", *"zelen", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ActorScreen)
        text = screen_text(app)
        assert "said      L’armata ucraina è un’armata grande" in text
        assert "Volodymyr Zelen…:" not in text
        assert "mentioned Donald Trump: a breve" in text  # others' statements name them


# -- examples from the open file ------------------------------------------------------------------


async def test_the_dialogs_examples_come_from_the_open_file() -> None:
    app = make_app(DATA / "small.yaml")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        actors = app.screen.query_one("#actors", Input).placeholder
        assert re.fullmatch(
            r"(anna|bob|ministry), (Anna Rossi|Bob Smith|Ministero della Pace)", actors
        )
        assert app.screen.query_one("#from", Input).placeholder == "2025-09"
        assert app.screen.query_one("#to", Input).placeholder == "2025-09-04"
        assert "putin" not in screen_text(app)
        await pilot.press("escape", "d")
        await settle(pilot)
        assert isinstance(app.screen, DateJumpScreen)
        assert app.screen.query_one(Input).placeholder == "2025-09-04, 2025-09 or 2025"
        assert "2025-09-04, 2025-09 or 2025" in screen_text(app)
        await pilot.press("escape", "ampersand")
        await settle(pilot)
        word = app.screen.query_one(Input).placeholder
        assert word and word in (DATA / "small.yaml").read_text(encoding="utf-8").lower()


# -- the palette --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "size", [pytest.param(NARROW, id="80x24"), pytest.param(SMALL, id="60x15")]
)
async def test_the_palette_says_what_it_finds_and_hits_do_not_wrap(size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        text = screen_text(app)
        assert PALETTE_PROMPT in text and "Search for commands" not in text
        await pilot.press(*"coal")
        await pilot.pause(0.6)
        lines = screen_lines(app)
        hits = [i for i, line in enumerate(lines[:-2]) if re.match(r"  (c\. )?2025-09", line)]
        assert len(hits) >= 2
        for i in hits:  # a hit's label, then its help line (kind · id), never a wrapped word
            if "▁" in lines[i + 1]:
                continue  # the palette's bottom edge
            assert re.match(r"\s*(event|quote|paraphrase) · [a-z0-9-]+\s*[▁-█]*$", lines[i + 1])


# -- search highlight, g and G, links -------------------------------------------------------


async def test_search_highlights_the_speakers_name() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"meloni", "enter")
        await settle(pilot)
        timeline = app.screen.query_one(TimelineList)
        rows = [
            y
            for y, line in enumerate(screen_lines(app))
            if "Giorgia Meloni:" in line[timeline.region.x : timeline.region.right]
        ]
        assert rows
        for y in rows:
            marked = styled_text(app, y, lambda s: bool(s.underline))
            assert "Meloni" in marked


@pytest.mark.parametrize(
    ("before", "leap"),
    [(["j", "j", "j"], "G"), (["G", "k", "k"], "g"), (["j", "j"], "end"), (["G", "k"], "home")],
)
async def test_back_returns_where_g_was_pressed(before: list[str], leap: str) -> None:
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press(*before)
        await settle(pilot)
        where = cursor_line(app)
        await pilot.press(leap)
        await settle(pilot)
        assert cursor_line(app) != where
        await pilot.press("backspace")
        await settle(pilot)
        assert cursor_line(app) == where
        await pilot.press("right_square_bracket")  # and forward again
        await settle(pilot)
        assert cursor_line(app) != where


STORY = """\
title: Heads
actors:
  - {id: usa, name: United States, kind: country}
  - id: pres
    name: The President
    links:
      - {to: usa, type: superintendentship-of}
      - {to: usa, type: head-of-state-of}
events:
  - {id: inauguration, date: 2025-01-20, title: Inauguration, actors: [pres, usa]}
"""


async def test_a_link_label_and_its_value_are_parted(tmp_path: Path) -> None:
    path = tmp_path / "heads.yaml"
    path.write_text(STORY, encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("a", *"president", "enter")
        await settle(pilot)
        text = screen_text(app)
        assert "head of state of United States" in text
        assert re.search(r"superintendent\S*… United States", text)


_SCROLL_BAR = str.maketrans("", "", "▁▂▃▄▅▆▇█")


def reversed_text(app: TimelineApp, top: int, bottom: int, columns: range) -> str:
    """The text drawn in reverse video (a focused link) between these rows, without the
    scroll bar's thumb (also drawn in reverse)."""
    shown = (styled_text(app, y, lambda s: bool(s.reverse), columns) for y in range(top, bottom))
    return " ".join(t.translate(_SCROLL_BAR).strip() for t in shown if t.strip()).strip()


async def test_tab_into_the_detail_pane_focuses_a_link() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("tab")
        await settle(pilot)
        preview = app.screen.query_one(EntryPreview)
        assert app.focused is preview
        region = preview.region
        columns = range(region.x, region.right)

        def focused_text() -> str:
            return reversed_text(app, region.y, region.bottom, columns)

        # the entry's own page, first (the pane's scroll bar may sit beside it)
        assert focused_text().startswith("EVENT  2025-09-04")
        await pilot.press("down")
        await settle(pilot)
        assert focused_text().startswith("took part") and "Coalizione" in focused_text()
        await pilot.press("down")
        await settle(pilot)
        assert "Emmanuel Macron" in focused_text()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ActorScreen)
        assert screen_lines(app)[0].strip().startswith("Emmanuel Macron")
        await pilot.press("escape")  # back home, the focus on the list: no link shown
        await settle(pilot)
        assert app.focused is not preview
        assert focused_text() == ""


# -- the list's own styles ------------------------------------------------------------------------


class _BareApp(App[None]):
    """The list alone, without the app's stylesheet (with the kinds' colours it declares)."""

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return kinds.theme_variables(self.current_theme.dark)

    def compose(self) -> ComposeResult:
        index = load_index([str(DATA / "small.yaml")])
        yield TimelineList(index, range(len(index.entries)))


async def test_the_list_styles_itself_without_the_apps_stylesheet() -> None:
    app = _BareApp()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause(0.1)
        timeline = app.query_one(TimelineList)
        timeline.focus()
        await pilot.pause(0.1)
        row = timeline._ordinal_row[timeline.cursor]
        assert styled_text(app, row, lambda s: bool(s.reverse)).strip()
        assert not styled_text(app, row + 2, lambda s: bool(s.reverse)).strip()


def test_the_app_stylesheet_leaves_the_list_to_its_widget() -> None:
    from timeline_explorer.tui import app as app_module

    css = (Path(app_module.__file__).parent / "app.tcss").read_text(encoding="utf-8")
    assert "TimelineList" not in css
    assert TimelineApp.CSS_PATH == "app.tcss"


async def test_the_detail_panes_links_scroll_into_view() -> None:
    app = make_app()
    async with app.run_test(size=(120, 12)) as pilot:
        await settle(pilot)
        preview = app.screen.query_one(EntryPreview)
        region = preview.region
        columns = range(region.x, region.right)

        def focused_text() -> str:
            return reversed_text(app, region.y, region.bottom, columns)

        await pilot.press("tab", "down", "down")  # the heading, then the two actors, below
        await settle(pilot)
        assert app.focused is preview and preview.scroll_offset.y > 0
        assert focused_text().startswith("took part") and "Emmanuel Macron" in focused_text()
        await pilot.press("up", "up")  # the heading again, at the top
        await settle(pilot)
        assert preview.scroll_offset.y == 0
        assert focused_text() == "EVENT  2025-09-04"
