"""Every string of every record of the hostile fixture, through every screen of the TUI.

What reaches the screen is read segment by segment, as it would be written to the terminal: no
control, bidi or invisible formatting character from the data may be there, and markup in the
data (``[/]``, ``[sic]``, ``[@click=app.quit]``) shows as the characters it is.
"""

from __future__ import annotations

from textual.pilot import Pilot

from timeline_explorer.data import load_index
from timeline_explorer.tui.app import TimelineApp
from timeline_explorer.tui.screens.actor import ActorScreen
from timeline_explorer.tui.screens.entry import EntryScreen
from timeline_explorer.tui.widgets.links import Target

from ..conftest import DATA
from ..hostile_walk import strings, uncovered_fields, unsafe_in
from .helpers import screen_text, settle

HOSTILE = DATA / "hostile.yaml"
SIZE = (160, 60)


def hostile_app() -> TimelineApp:
    return TimelineApp(index=load_index([str(HOSTILE)]))


def rendered(app: TimelineApp) -> str:
    """Everything the screen (and any dialog or notice on it) would write, as text."""
    pieces: list[str] = []
    for strip in app.screen._compositor.render_strips():
        pieces.extend(segment.text for segment in strip if not segment.control)
    return "".join(pieces)


def assert_clean(app: TimelineApp, where: str) -> str:
    text = rendered(app)
    assert not unsafe_in(text), (where, unsafe_in(text))
    return screen_text(app)


def test_the_fixture_fills_every_free_text_field_of_the_model() -> None:
    index = load_index([str(HOSTILE)])
    assert uncovered_fields(index.dataset) == set()


async def walk(pilot: Pilot[None], app: TimelineApp) -> dict[str, str]:
    """Visit every screen with every record on it; returns the text of each screen."""
    assert app.index is not None
    index = app.index
    seen: dict[str, str] = {}
    await settle(pilot)
    for n in range(len(index.entries)):  # the list, with each entry in the pane beside it
        if n:
            await pilot.press("down")
        await pilot.pause(0.3)
        seen[f"home {n}"] = assert_clean(app, f"home, row {n}")
    for entry in index.entries:
        app.follow(Target("entry", entry.id))
        await pilot.pause(0.4)
        assert isinstance(app.screen, EntryScreen)
        seen[f"entry {entry.id}"] = assert_clean(app, f"entry {entry.id}")
    for actor_id in index.actors:
        app.follow(Target("actor", actor_id))
        await pilot.pause(0.4)
        assert isinstance(app.screen, ActorScreen)
        seen[f"actor {actor_id}"] = assert_clean(app, f"actor {actor_id}")
    await pilot.press("a")
    await settle(pilot)
    seen["picker"] = assert_clean(app, "actor picker")
    await pilot.press("escape", "question_mark")
    await settle(pilot)
    seen["help"] = assert_clean(app, "help")
    await pilot.press("escape")
    await pilot.press("ctrl+p")
    await settle(pilot)
    seen["palette"] = assert_clean(app, "palette")
    for query in ("mal", "carl", "ann", "click", "quote", "detto", "[", "reply"):
        await pilot.press(*query)
        await pilot.pause(0.5)
        seen[f"palette {query}"] = assert_clean(app, f"palette hits for {query!r}")
        for _ in query:
            await pilot.press("backspace")
    await pilot.press("escape")
    await settle(pilot)
    return seen


async def test_no_control_from_the_data_reaches_any_screen() -> None:
    app = hostile_app()
    async with app.run_test(size=SIZE) as pilot:
        seen = await walk(pilot, app)
        assert app.is_running
    # The payloads are on the screens, made visible, with markup as written.
    everything = "\n".join(seen.values())
    index = load_index([str(HOSTILE)])
    link = index.actors["mallory"].links[0]
    assert "x\\x1b]0;PWNED" in seen["actor mallory"]  # the link's type
    assert "Via \\x1b[?1049lPWNED-ALT [ride]" in seen["actor mallory"]  # its description
    assert link.to == "org" and "x\\x1b]0;PWNED" in seen["actor org"]  # seen from its target
    assert "boss [/]\\x9b5m" in seen["actor mallory"]
    assert "owner\\u202e" in seen["actor org"] and "LINK-DESC" in seen["actor mallory"]
    assert "Filler \\u3164\\u3164 end" in seen["actor org"]
    assert "Ali \\u2067ISO\\u2069 [@click=app.quit]X[/]" in seen["actor mallory"]  # an alias
    for owner, name, text in strings(index.dataset):
        if owner in ("Source", "Event", "Statement") and name in ("title", "publisher", "tags"):
            assert "PWNED" not in text or "PWNED" in everything


async def test_markup_in_the_data_shows_as_written_everywhere() -> None:
    app = hostile_app()
    async with app.run_test(size=SIZE) as pilot:
        seen = await walk(pilot, app)
    home = seen["home 0"] + seen["home 1"] + seen["home 2"]
    for shown in ("[b]BOLD[/b]", "Carl [/]", "[@click=app.quit]X[/]", "Ha detto [ride] che"):
        assert shown in home, shown
    assert "Mallory \\x1b[2J\\x1b[HPWNED-CLEAR [sic]" in home
    assert "Line two [ride]" in seen["entry ev"] and "[@click=app.quit]TAG[/]" in seen["entry ev"]
    assert "Ctx \\x1b[?1049lPWNED-ALT [/]" in seen["entry st"]
    assert "Ann [/b]" in seen["actor carl"] and "Carl [/]" in seen["actor carl"]
    assert "Mario Rossi [sic]" in seen["actor clicker"]
    assert "[@click=app.quit]X[/]" in seen["picker"] and "Carl [/]" in seen["picker"]
    assert "Carl [/]" in seen["palette carl"]
    assert "Mallory \\x1b[2J\\x1b[HPWNED-CLEAR [sic]" in seen["palette mal"]
    assert "[@click=app.quit]X[/]" in seen["palette click"]
    assert "Ha detto [ride]" in seen["palette detto"]


async def test_a_click_on_markup_in_the_data_does_nothing_harmful() -> None:
    app = hostile_app()
    async with app.run_test(size=SIZE) as pilot:
        app.follow(Target("actor", "clicker"))
        await settle(pilot)
        for y in range(12):  # the name, the facts and the links at the top of the page
            for x in (1, 3, 6):
                await pilot.click(offset=(x, y))
                await pilot.pause(0.05)
                assert app.is_running
        app.follow(Target("entry", "reply"))
        await settle(pilot)
        await pilot.click(offset=(30, 2))
        await settle(pilot)
        assert app.is_running
        await pilot.press("ctrl+p", *"click")  # the palette's hit for the actor
        await pilot.pause(0.5)
        assert "[@click=app.quit]X[/]" in screen_text(app)
        row = next(
            y for y, line in enumerate(screen_text(app).splitlines()) if "Actor: [@click" in line
        )
        x = screen_text(app).splitlines()[row].index("X[/]")
        await pilot.click(offset=(x, row))
        await pilot.pause(0.4)
        assert app.is_running
        assert isinstance(app.screen, ActorScreen) and app.screen.actor_id == "clicker"


async def test_a_search_for_markup_is_echoed_as_typed() -> None:
    app = hostile_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"[b]zz[/b]", "enter")
        await settle(pilot)
        text = assert_clean(app, "notice")
        assert 'No entry contains "[b]zz[/b]"' in text


async def test_the_filter_dialog_takes_and_echoes_markup_names_as_written() -> None:
    app = hostile_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f", *"[b]nobody[/b]", "enter")
        await settle(pilot)
        text = assert_clean(app, "filter error")
        assert "unknown actor '[b]nobody[/b]'" in text
        await pilot.press("ctrl+u", *"Carl [/]", "enter")
        await settle(pilot)
        text = assert_clean(app, "filtered home")
        assert "3/3 entries  ·  actor: Carl [/]" in text  # Carl is in all three
