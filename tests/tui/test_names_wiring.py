"""The actor picker, the palette, the filter dialog and ``/`` find names the same way."""

from __future__ import annotations

import pytest

from ..conftest import DATA
from .helpers import make_app, screen_text, settle

NAMES = DATA / "names.yaml"
SIZE = (100, 30)


@pytest.mark.parametrize("typed", ["chru", "chrus", "chrusc", "хрущев", "Хрущёв", "khrushchev"])
async def test_the_picker_finds_by_name_and_alias(typed: str) -> None:
    app = make_app(NAMES)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", *typed)
        await settle(pilot)
        assert "Nikita Chruščëv" in screen_text(app)
        assert "Antonín Dvořák" not in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert "Nikita Chruščëv  1/1 entries" in screen_text(app)


async def test_the_picker_shows_the_alias_that_found_an_actor() -> None:
    app = make_app(NAMES)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", *"mohammad")
        await settle(pilot)
        assert "محمد مصدق  person  also known as Mohammad Mosaddegh" in screen_text(app)


async def test_the_palette_finds_an_actor_by_alias() -> None:
    app = make_app(NAMES)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"Хрущёв")
        await pilot.pause(0.5)
        text = screen_text(app)
        assert "Actor: Nikita Chruščëv (Хрущёв)" in text
        assert "1962-10-26 Nikita Chruščëv: We and you ought not" in text  # and his words
        await pilot.press("enter")
        await settle(pilot)
        assert "Nikita Chruščëv  1/1 entries" in screen_text(app)


async def test_the_palette_finds_actors_across_scripts() -> None:
    app = make_app(NAMES)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"Валериан")
        await pilot.pause(0.5)
        text = screen_text(app)
        assert "Actor: Valerian Zorin" in text
        assert "Andrej Zorin" not in text


async def test_the_filter_dialog_takes_names_and_aliases_and_lists_the_ambiguous() -> None:
    app = make_app(NAMES)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f", *"zorin", "enter")
        await settle(pilot)
        text = screen_text(app)
        assert "'zorin' matches 2 actors: Andrej Zorin (zorin-a), Valerian Zorin" in text
        await pilot.press("ctrl+u", *"ZORIN-A, хрущёв, иван", "enter")
        await settle(pilot)
        assert "unknown actor 'иван'" in screen_text(app)
        await pilot.press("ctrl+u", *"ZORIN-A, хрущёв, Dvorak", "enter")
        await settle(pilot)
        text = screen_text(app)
        assert "3/4 entries  ·  actor: Andrej Zorin | Nikita Chruščëv | Antonín Dvořák" in text


async def test_search_finds_a_statement_by_the_speakers_alias() -> None:
    app = make_app(NAMES)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"Хрущёв", "enter")
        await settle(pilot)
        text = screen_text(app)
        assert 'search "Хрущёв": 1/1' in text
