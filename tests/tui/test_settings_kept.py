"""Settings that stay: the theme, the detail pane and the time-zone mode are read at start from
``$TIMELINE_EXPLORER_CONFIG`` and written there when changed; a broken file is reported once."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline_explorer.data import load_index
from timeline_explorer.tui.app import TimelineApp
from timeline_explorer.tui.widgets.entry_preview import EntryPreview

from ..conftest import SMALL
from .helpers import settle


def app_keeping_settings() -> TimelineApp:
    return TimelineApp(index=load_index([str(SMALL)]), keep_settings=True)


async def test_theme_pane_and_zone_are_kept_for_the_next_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "settings.toml"
    monkeypatch.setenv("TIMELINE_EXPLORER_CONFIG", str(config))
    app = app_keeping_settings()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert app.current_theme.dark
        assert app.screen.query_one(EntryPreview).display
        await pilot.press("T", "p", "Z")
        await settle(pilot)
        assert not app.current_theme.dark
        assert not app.screen.query_one(EntryPreview).display
    saved = config.read_text(encoding="utf-8")
    assert 'theme = "light"' in saved and "detail_pane = false" in saved
    assert 'time_zone = "utc"' in saved
    app = app_keeping_settings()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert not app.current_theme.dark
        assert not app.screen.query_one(EntryPreview).display
        assert app.settings.time_zone == "utc"
        await pilot.press("p")
        await settle(pilot)
        assert app.screen.query_one(EntryPreview).display
    assert "detail_pane = true" in config.read_text(encoding="utf-8")


async def test_a_broken_settings_file_is_reported_and_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "settings.toml"
    config.write_text('theme = "light"\ndetail_pane = [\n', encoding="utf-8")
    monkeypatch.setenv("TIMELINE_EXPLORER_CONFIG", str(config))
    app = app_keeping_settings()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        notices = [str(n.message) for n in app._notifications]
        assert len(notices) == 1 and "settings.toml" in notices[0]
        assert app.current_theme.dark  # the defaults
        await pilot.press("T")
        await settle(pilot)
        assert not app.current_theme.dark
    assert config.read_text(encoding="utf-8").endswith("detail_pane = [\n")  # not overwritten
