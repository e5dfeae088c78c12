"""Big files: the screen is up while a worker loads; unchanged files show their first rows at
once; a broken big file ends the app with the loader's message."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline_explorer import cache
from timeline_explorer.loader import load_paths
from timeline_explorer.tui.app import TimelineApp

from ..conftest import make_dataset
from ..ptyterm import PtyTerminal
from ..test_e2e_pty import timeline_command
from .helpers import cursor_line, settle

ROOT = Path(__file__).parent.parent.parent


@pytest.fixture()
def big(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TIMELINE_EXPLORER_CACHE", str(tmp_path / "cache"))
    out = make_dataset(tmp_path, 6000, 5)
    return out


async def wait_loaded(app: TimelineApp, pilot: object) -> None:
    for _ in range(400):
        if app.home is not None and app.home.loading_total is None:
            return
        await pilot.pause(0.05)  # type: ignore[attr-defined]
    raise AssertionError("never loaded")


async def test_worker_loads_with_the_screen_up(big: Path) -> None:
    app = TimelineApp(paths=[str(big)], use_cache=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(app, pilot)
        await settle(pilot)
        from .helpers import screen_text

        assert "6000/6000 entries" in screen_text(app)


async def test_unchanged_file_shows_first_rows_then_everything(big: Path) -> None:
    load_paths([str(big)], use_cache=True)  # the first open fills the cache
    cache.flush()
    app = TimelineApp(paths=[str(big)], use_cache=True)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(200):
            if app.home is not None:
                break
            await pilot.pause(0.01)
        await pilot.press("j", "j", "j")
        await settle(pilot)
        chosen = cursor_line(app)
        await wait_loaded(app, pilot)
        await settle(pilot)
        assert cursor_line(app).split()[-3:] == chosen.split()[-3:]  # the same entry
        assert len(app.index.entries) == 6000 if app.index else False


def test_a_broken_big_file_ends_with_the_message(big: Path) -> None:
    text = big.read_text(encoding="utf-8")
    big.write_text(text + "  - {id: s-bad, date: 2025-02-30, speaker: nobody, text: t}\n")
    term = PtyTerminal([timeline_command(), "--no-cache", str(big)], 100, 30, cwd=big.parent)
    try:
        status = term.wait_exit(timeout=60)
    finally:
        term.close()
    shown = bytes(term.raw).replace(b"\r\n", b"\n").decode()
    assert status == 1
    assert (
        "error: bad date of statement 's-bad': '2025-02-30' is not a day of the calendar" in shown
    )
    assert "names unknown speaker 'nobody'" in shown
    assert shown.rfind("\x1b[?1049l") > shown.rfind("\x1b[?1049h")  # the screen was given back


async def test_any_failure_of_the_loader_ends_the_app_with_its_message(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from timeline_explorer import session

    def broken(*_args: object, **_kwargs: object) -> object:
        raise MemoryError("out of memory while parsing")

    monkeypatch.setattr(session, "load_index", broken)
    story = tmp_path / "story.yaml"
    story.write_text("title: t\n", encoding="utf-8")
    app = TimelineApp(paths=[str(story)])
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(100):
            if app.return_code is not None:
                break
            await pilot.pause(0.05)
    assert app.return_code == 1
    assert app.load_error is not None
    report = app.load_error.report()
    assert report.startswith(f"{story}:1:1: error: could not be loaded: MemoryError: out of memory")
