"""The TUI on the bundled story, driven by keys as a user would, checked on the screen."""

from __future__ import annotations

import pytest
from textual.widgets import Input, RadioButton

from timeline_explorer.tui.screens.actor import ActorScreen
from timeline_explorer.tui.screens.entry import EntryScreen
from timeline_explorer.tui.screens.help import HelpScreen
from timeline_explorer.tui.screens.home import HomeScreen
from timeline_explorer.tui.widgets.links import Link
from timeline_explorer.tui.widgets.timeline_list import TimelineList

from .helpers import cursor_line, make_app, screen_text, settle, tab_to_link

WIDE = (120, 40)
NARROW = (80, 24)


async def test_home_shows_header_groups_and_first_entry() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Coalizione dei volenterosi e Ucraina — settembre 2025" in text
        assert "43/43 entries" in text
        assert "2025-09-04" in text  # the day of Paris heads the list
        assert "Riunione della Coalizione" in cursor_line(app)  # the story opens on Paris
        # the detail pane beside the list shows the selected entry
        assert "EVENT  2025-09-04" in text


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        (["down"], "Giorgia Meloni: ha illustrato"),
        (["j", "j", "k"], "Giorgia Meloni: ha illustrato"),
        (["end"], "Colloquio tra Donald Trump e Vladimir Putin"),
        (["G"], "Colloquio tra Donald Trump e Vladimir Putin"),
        (["end", "home"], "Riunione della Coalizione dei volenterosi"),
        (["G", "g"], "Riunione della Coalizione dei volenterosi"),
        (["pagedown"], "Collegamento di Giorgia Meloni con Donald Trump"),
        (["pagedown", "pageup"], "Riunione della Coalizione dei volenterosi"),
    ],
)
async def test_moving_keys(keys: list[str], expected: str) -> None:
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press(*keys)
        await settle(pilot)
        assert expected in cursor_line(app)


async def test_enter_opens_the_full_quote_then_the_speaker() -> None:
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        # go to Zelensky's quote from Cernobbio and open it
        assert app.index is not None
        position = app.index.position("zelensky-army-guarantee")
        assert position is not None
        await pilot.press(*"j" * position)
        assert "L’armata ucraina" in cursor_line(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)
        text = screen_text(app)
        assert "QUOTE  c. 2025-09 (month)  [it]" in text
        assert "Se l’armata è forte, l’Europa non è in pericolo. Queste sono le cose" in text
        assert "Forum economico di" in text and "Cernobbio" in text
        # Enter focuses the first link (the speaker), Enter follows it
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ActorScreen)
        text = screen_text(app)
        assert "Volodymyr Zelensky  person" in text
        assert "head of state of" in text and "Ucraina" in text


async def test_actor_page_links_both_ways_and_back_forward() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"kreml")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ActorScreen)
        text = screen_text(app)
        assert "Cremlino  organization" in text
        assert "spokesperson" in text and "Dmitrij Peskov" in text  # seen from the target
        await tab_to_link(pilot, "peskov")
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(app)
        assert "Dmitrij Peskov  person" in text
        assert "spokesperson of" in text and "Cremlino" in text  # its own link
        await pilot.press("backspace")
        await settle(pilot)
        assert "Cremlino  organization" in screen_text(app)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert "Dmitrij Peskov  person" in screen_text(app)
        await pilot.press("left_square_bracket", "left_square_bracket")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_back_restores_the_list_position() -> None:
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        for _ in range(20):
            await pilot.press("down")
        before = cursor_line(app)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter", "enter")  # follow the speaker
        await settle(pilot)
        assert isinstance(app.screen, ActorScreen)
        await pilot.press("escape")  # close the actor page
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)
        await pilot.press("backspace")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert cursor_line(app) == before


async def test_follow_a_reply_and_what_it_responds_to() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("slash", *"ci sono stati risultati", "enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(app)
        assert "responds to" in text and "a breve" in text
        await tab_to_link(pilot, "trump-will-call-putin")
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(app)
        assert "trump-will-call-putin" in text
        assert "Replies (2)" in text  # Peskov's two answers
        assert "non ci sono stati risultati preliminari" in text
        await tab_to_link(pilot, "peskov-no-results")
        await pilot.press("enter")
        await settle(pilot)
        assert "peskov-no-results" in screen_text(app)


async def test_search_highlights_and_n_moves_between_matches() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("slash", *"LEGITTIM", "enter")
        await settle(pilot)
        assert 'search "LEGITTIM": 1/2' in screen_text(app)
        assert "Cremlino: Mosca considera" in cursor_line(app)
        await pilot.press("n")
        await settle(pilot)
        assert 'search "LEGITTIM": 2/2' in screen_text(app)
        assert "Se delle truppe" in cursor_line(app)
        await pilot.press("n")
        assert "Mosca considera" in cursor_line(app)  # wraps
        await pilot.press("N")
        assert "Se delle truppe" in cursor_line(app)
        await pilot.press("escape")  # clears the highlight
        await settle(pilot)
        assert "search" not in screen_text(app).splitlines()[0]


async def test_search_ignores_accents() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("slash", *"centralita", "enter")
        await settle(pilot)
        assert "ha ribadito la" in cursor_line(app)


async def test_filter_by_actor_kind_and_dates_then_clear() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("f")
        await settle(pilot)
        await pilot.press(*"peskov", "enter")
        await settle(pilot)
        text = screen_text(app)
        assert "8/43 entries  ·  actor: Dmitrij Peskov" in text
        assert "Emmanuel Macron" not in text.split("\n", 1)[1].split("▏")[0]
        await pilot.press("f")
        await settle(pilot)
        await pilot.press("ctrl+r")  # clear all in the dialog
        await settle(pilot)
        assert "43/43 entries" in screen_text(app)
        # dates and kind
        await pilot.press("f")
        await settle(pilot)
        dialog = app.screen
        dialog.query_one("#from", Input).value = "2025-09-04"
        dialog.query_one("#entry-type").query(RadioButton)[1].value = True
        await pilot.click("#apply")
        await settle(pilot)
        assert "5/43 entries  ·  kind: event  ·  date: 2025-09-04 – …" in screen_text(app)
        await pilot.press("escape")  # Esc on the list clears the filter
        await settle(pilot)
        assert "43/43 entries" in screen_text(app)


async def test_filter_dialog_refuses_unknown_actors() -> None:
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("f", *"pescov", "enter")
        await settle(pilot)
        assert "unknown actor 'pescov'; did you mean Dmitrij Peskov (peskov)?" in screen_text(app)


async def test_jump_to_date() -> None:
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("G", "d", *"2025-09-04", "enter")
        await settle(pilot)
        assert "Riunione della Coalizione" in cursor_line(app)  # the first on the 4th
        await pilot.press("d", *"2025-13", "enter")
        await settle(pilot)
        assert "has month 13" in screen_text(app)
        await pilot.press("escape")
        await pilot.press("left_square_bracket")  # back to the position before the jump
        await settle(pilot)
        assert "Colloquio tra Donald Trump e Vladimir Putin" in cursor_line(app)


async def test_help_lists_every_key_and_closes() -> None:
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for key in ("PgUp PgDn", "Backspace  [", "Ctrl+P", "jump to a date", "quit"):
            assert key in text
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_footer_shows_the_keys_that_matter() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        footer = screen_text(app).splitlines()[-1]
        for word in ("Open", "Search", "Filter", "Date", "Actor", "Help", "Quit", "Back"):
            assert word in footer


async def test_q_quits() -> None:
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_narrow_terminal_hides_the_pane_and_wide_shows_it() -> None:
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        assert "EVENT  2025-09-04" not in screen_text(app)
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert "EVENT  2025-09-04" in screen_text(app)


async def test_command_palette_finds_actors() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Meloni")
        await pilot.pause(0.5)
        await pilot.press("down", "enter")
        await settle(pilot)
        # either the actor or one of her entries opened
        assert isinstance(app.screen, ActorScreen | EntryScreen)
        assert "Meloni" in screen_text(app)


async def test_mouse_clicks_select_open_and_follow() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        timeline = app.screen.timeline
        await pilot.click(TimelineList, offset=(20, 2))  # the row "Giorgia Meloni: ha illustrato…"
        await settle(pilot)
        assert "Giorgia Meloni: ha illustrato" in cursor_line(app)
        await pilot.click(TimelineList, offset=(20, 1))  # the row "Riunione della Coalizione…"
        await settle(pilot)
        assert "Riunione della Coalizione" in cursor_line(app)
        await pilot.click(TimelineList, offset=(20, 1))  # a click on the selected row opens it
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)
        link = next(w for w in app.screen.query(Link) if w.target.id == "trump")
        await pilot.click(link)
        await settle(pilot)
        assert isinstance(app.screen, ActorScreen)
        assert "Donald Trump  person" in screen_text(app)
        assert timeline is app.home.timeline if app.home else False


async def test_shift_tab_moves_back_through_the_links() -> None:
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("enter")  # the first entry's page
        await settle(pilot)
        await pilot.press("tab")
        first = app.focused
        await pilot.press("tab")
        assert app.focused is not first
        await pilot.press("shift+tab")
        assert app.focused is first


async def test_cli_filters_open_the_tui_filtered() -> None:
    from timeline_explorer.index import Filter

    app = make_app(initial_filter=Filter(actors=("putin",), entry_type="statement"))
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        header = screen_text(app).splitlines()[0]
        assert "9/43 entries" in header and "actor: Vladimir Putin" in header
        assert "kind: statement" in header


async def test_tab_to_the_detail_pane_and_enter_opens_the_entry() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        assert app.index is not None
        position = app.index.position("italy-no-troops")  # L'Italia tra i Paesi che…
        assert position is not None
        await pilot.press(*"j" * position)
        await settle(pilot)
        await pilot.press("tab")
        assert app.focused is not None and app.focused.id == "preview"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)
        assert "italy-no-troops" in screen_text(app)
