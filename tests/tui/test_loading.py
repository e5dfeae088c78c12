"""Big files: the screen is up while a worker loads; unchanged files show their first rows at
once; a broken big file ends the app with the loader's message."""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Any

import pytest

from timeline_explorer import cache
from timeline_explorer.loader import load_paths
from timeline_explorer.tui.app import TimelineApp

from ..conftest import make_dataset
from ..ptyterm import PtyTerminal
from ..test_e2e_pty import timeline_command
from .helpers import cursor_line, record_row_builds, screen_text, settle

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


async def wait_first_rows(app: TimelineApp, pilot: object) -> None:
    for _ in range(200):
        if app.home is not None:
            return
        await pilot.pause(0.01)  # type: ignore[attr-defined]
    raise AssertionError("no rows shown")


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
        await wait_first_rows(app, pilot)
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


def after_kind(row: str) -> str:
    """A row's role and words (its date column widens when the full data has times)."""
    return re.split(r"\b(?:event|quote|paraphrase)\b", row, maxsplit=1)[-1].strip()[:40]


async def test_an_actor_opened_on_the_first_rows_shows_everything_after_the_load(
    big: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first rows of a big file show; an actor's page opened then shows all of the actor's
    entries once the whole file is loaded, and the way back is kept."""
    from timeline_explorer import session
    from timeline_explorer.data import load_index

    load_paths([str(big)], use_cache=True)  # the first open fills the cache
    cache.flush()
    full = load_index([str(big)])
    gate = threading.Event()
    real = session.load_index

    def slow(*args: Any, **kwargs: Any) -> Any:  # the file takes its time to parse
        gate.wait(60)
        return real(*args, **kwargs)

    monkeypatch.setattr(session, "load_index", slow)
    app = TimelineApp(paths=[str(big)], use_cache=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_first_rows(app, pilot)
        await settle(pilot)
        preview = app.index
        assert preview is not None and len(preview.entries) < len(full.entries)
        actor = max(preview.actors, key=lambda a: len(full.actor_entries(a)))
        first_rows = len(preview.actor_entries(actor))
        everything = len(full.actor_entries(actor))
        assert 0 < first_rows < everything
        name = full.actors[actor].name
        await pilot.press("a", *actor, "enter")
        await settle(pilot)
        assert f"{name}  {first_rows}/{first_rows} entries" in screen_text(app)
        await pilot.press("j", "j")
        await settle(pilot)
        chosen = after_kind(cursor_line(app))

        gate.set()
        await wait_loaded(app, pilot)
        await settle(pilot)
        text = screen_text(app)
        assert f"{name}  {everything}/{everything} entries" in text
        assert after_kind(cursor_line(app)) == chosen  # the same entry is under the cursor
        shown = [line for line in text.splitlines() if line.strip()]
        assert len(shown) > 20  # the list fills the page

        await pilot.press("backspace")
        await settle(pilot)
        text = screen_text(app)
        assert "Nothing to go back to" not in text
        assert f"{len(full.entries)}/{len(full.entries)} entries" in text  # home, all loaded
        await pilot.press("right_square_bracket")  # and forward to the actor again
        await settle(pilot)
        assert f"{name}  {everything}/{everything} entries" in screen_text(app)


async def test_the_full_rows_are_built_in_the_loading_thread(
    big: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the whole file replaces its cached first rows, the list's rows (6,000 entries under
    their day headings, with the filter of the view) and the detail pane's lookups were built
    by the loading thread: the swap-in on the interface's thread only looks them up."""
    load_paths([str(big)], use_cache=True)  # the first open fills the cache
    cache.flush()
    built = record_row_builds(monkeypatch)
    app = TimelineApp(paths=[str(big)], use_cache=True, initial_filter=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        await settle(pilot)
        assert "6000/6000 entries" in screen_text(app)
        assert app.index is not None and app.index._positions is not None
        full = [name for name, count in built if count == 6000]
        assert full == ["load"], built  # once, in the loader's thread
        await pilot.press("down", "down")
        await settle(pilot)
        assert [name for name, count in built if count == 6000] == ["load"]


async def test_the_interface_takes_the_interpreter_back_quickly_while_it_runs(big: Path) -> None:
    """While the app runs, a loading thread lets go of the interpreter within 0.5 ms when the
    interface waits for it; once the app ends, the process's setting is as it was."""
    import sys

    before = sys.getswitchinterval()
    app = TimelineApp(paths=[str(big)], use_cache=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_first_rows(app, pilot)
        assert sys.getswitchinterval() == pytest.approx(0.0005)
        await wait_loaded(app, pilot)
    assert sys.getswitchinterval() == before
