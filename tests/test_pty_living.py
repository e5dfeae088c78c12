"""In a real pseudo-terminal: the TUI reads its data from a pipe and its keys from the terminal,
and follows a file that grows."""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

from .conftest import SMALL
from .ptyterm import PtyTerminal
from .test_e2e_pty import timeline_command

DOWN = "\x1b[B"


def quiet_env(tmp_path: Path) -> dict[str, str]:
    """Settings and notes of this run kept in the test's directory."""
    return {
        "TIMELINE_EXPLORER_CONFIG": str(tmp_path / "settings.toml"),
        "TIMELINE_EXPLORER_DATA": str(tmp_path / "data"),
        "TIMELINE_EXPLORER_CACHE": str(tmp_path / "cache"),
    }


def test_data_from_a_pipe_keys_from_the_terminal(tmp_path: Path) -> None:
    command = f"cat {shlex.quote(str(SMALL))} | {shlex.quote(timeline_command())} -"
    term = PtyTerminal(["sh", "-c", command], 100, 24, env=quiet_env(tmp_path))
    try:
        screen = term.wait_for("6/6 entries")
        assert "A plan for the year" in screen
        term.send(DOWN)
        term.send(DOWN)
        term.read(0.5)
        term.send("\r")  # the keys reach the app: the summit's page opens
        term.wait_for("Two days of talks.")
        term.send("q")
        assert term.wait_exit() == 0
    finally:
        term.close()


def test_a_file_that_grows_is_followed(tmp_path: Path) -> None:
    story = tmp_path / "story.yaml"
    shutil.copyfile(SMALL, story)
    term = PtyTerminal([timeline_command(), str(story)], 100, 24, env=quiet_env(tmp_path))
    try:
        term.wait_for("6/6 entries")
        with story.open("a", encoding="utf-8") as out:
            out.write("  - id: late\n    date: 2025-09-07\n    speaker: bob\n    text: Late word\n")
        screen = term.wait_for("7/7 entries", timeout=10)
        assert "1 new" in screen or "Late word" in screen
        term.send("q")
        assert term.wait_exit() == 0
    finally:
        term.close()
