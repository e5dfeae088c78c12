"""Untrusted text never becomes terminal control; hostile terminals and signals end quietly."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from timeline_explorer.loader import load_paths
from timeline_explorer.tui.app import TimelineApp
from timeline_explorer.tui.screens.list_screen import ListScreen
from timeline_explorer.tui.widgets.timeline_list import TimelineList

from .conftest import DATA, SMALL
from .hostile_walk import uncovered_fields, unsafe_in
from .ptyterm import PtyTerminal
from .test_e2e_pty import timeline_command
from .tui.helpers import cursor_line, make_app, settle

HOSTILE = DATA / "hostile.yaml"

# What the data would do if it reached a terminal raw; none of it may appear in the output.
PAYLOADS = [
    b"\x1b]0;PWNED",  # window title
    b"\x1b]52;",  # clipboard write
    b"\x1b]8;;http://evil",  # hyperlink
    b"\x1b[2J\x1b[HPWNED",  # clear screen
    b"\x1b[31mPWNED",
    b"\x1b[5m-of",
    b"\x1b[8mHIDDEN",
    b"\x1b[?1049lPWNED",  # leave the alternate screen
    b"\x1b[1APWNED",
    b"\x07PWNED",  # bell
    b"\xc2\x9b31m",  # C1 CSI
    b"\xc2\x85",  # C1 NEL
    b"\x00",
    b"\r\x1b",
    "\u202e".encode(),  # right-to-left override
    "\u2066".encode(),  # isolate
    "\u200b".encode(),  # zero width space
    "\u2067".encode(),  # isolate
    "\u3164".encode(),  # Hangul filler
    "\u2028".encode(),  # line separator
]


def assert_no_payload(raw: bytes) -> None:
    for payload in PAYLOADS:
        assert payload not in raw, payload


def run_print(*args: str) -> bytes:
    result = subprocess.run(
        [sys.executable, "-m", "timeline_explorer", "--print", *args, str(HOSTILE)],
        capture_output=True,
        timeout=60,
        check=True,
    )
    return result.stdout


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_print_shows_controls_as_visible_escapes(fmt: str) -> None:
    raw = run_print("--format", fmt)
    assert_no_payload(raw)
    assert not set(raw) & (set(range(32)) - {9, 10})  # no C0 control but tab and newline
    text = raw.decode()
    shown = {
        "text": "\\x1b]52;c;UFdORUQtQ0xJUA==\\x07",
        "markdown": "\\\\x1b\\]52;c;UFdORUQtQ0xJUA==\\\\x07",  # Markdown-escaped
    }
    assert shown[fmt] in text
    assert "u202e" in text and "u200b" in text


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
@pytest.mark.parametrize("actor", [None, "mallory", "org", "carl", "clicker"])
def test_every_format_and_filter_writes_nothing_unsafe(fmt: str, actor: str | None) -> None:
    """Every string of every record (the fixture fills each free-text field) in every format."""
    assert uncovered_fields(load_paths([str(HOSTILE)])) == set()
    options = ["--format", fmt, *(["--actor", actor] if actor else [])]
    text = run_print(*options).decode()
    assert not unsafe_in(text)
    if actor and fmt == "text":  # the summary line names the actor, made visible
        shown = {
            "mallory": "Mallory \\x1b[2J\\x1b[HPWNED-CLEAR [sic]",
            "org": "Org \\x07PWNED-BELL",
            "carl": "Carl [/]",
            "clicker": "[@click=app.quit]X[/]",
        }
        assert text.splitlines()[1].endswith(f" entries · actor: {shown[actor]}")


def test_json_escapes_controls_and_keeps_the_data() -> None:
    raw = run_print("--format", "json")
    assert_no_payload(raw)
    items = json.loads(raw)["entries"]
    data = load_paths([str(HOSTILE)])
    assert items[1]["text"] == data.statements[0].text  # nothing lost
    assert "\u2066" in items[1]["text"]


@pytest.mark.parametrize("options", [[], ["--actor", "mallory"], ["--actor", "clicker"]])
def test_coloured_print_in_a_terminal_is_safe(options: list[str]) -> None:
    command = [sys.executable, "-m", "timeline_explorer", "--print", *options, str(HOSTILE)]
    term = PtyTerminal(command, rows=200)  # tall enough to keep the summary line on screen
    try:
        assert term.wait_exit() == 0
    finally:
        term.close()
    assert b"\x1b[" in term.raw  # it is coloured
    assert_no_payload(bytes(term.raw))
    assert "\\x1b[2J\\x1b[HPWNED-CLEAR" in term.text()
    if options:  # the summary line names the actor as written, made visible
        assert (
            "actor: Mallory \\x1b[2J" in term.text()
            or "actor: [@click=app.quit]X[/]" in term.text()
        )


def test_tui_never_writes_data_as_control() -> None:
    term = PtyTerminal([timeline_command(), str(HOSTILE)], 120, 40)
    try:
        term.wait_for("3/3 entries")
        term.send("\x1b[B")  # the statement; the pane shows it
        term.wait_for("QUOTE")
        term.send("\r")  # open it
        term.wait_for("PWNED-ALT")
        term.send("\t")  # to the links
        term.read(0.3)
        term.send("\r")  # follow the speaker
        screen = term.wait_for("person")
        assert "\\x1b[2J\\x1b[HPWNED-CLEAR" in screen
        assert "x\\x1b]0;PWNED" in screen  # a link's type
        term.send("a")  # the actor picker lists names too
        term.wait_for("Go to an actor")
        term.send("\x1b")
        term.read(0.3)
        term.send("q")
        assert term.wait_exit() == 0
    finally:
        term.close()
    assert_no_payload(bytes(term.raw))


def test_error_messages_are_safe() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "timeline_explorer",
            "--check",
            str(DATA / "bad" / "escape-in-id.yaml"),
        ],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert b"\\x1b[31mputin" in result.stderr
    assert b"\x1b" not in result.stderr


# -- hostile terminals ------------------------------------------------------------------------


def _timeline(app: TimelineApp) -> TimelineList:
    """The list of the screen on top, which must be a list screen."""
    screen = app.screen
    assert isinstance(screen, ListScreen), screen
    return screen.timeline


async def test_any_size_and_resizes_keep_the_selection() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.index is not None
        position = app.index.position("italy-no-troops")  # L'Italia tra i Paesi…
        assert position is not None
        await pilot.press(*"j" * position)
        await settle(pilot)
        selected = _timeline(app).selected
        for cols, rows in [(20, 5), (300, 100), (21, 6), (100, 30), (80, 24), (40, 10)]:
            await pilot.resize_terminal(cols, rows)
            await settle(pilot)
            assert _timeline(app).selected == selected
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert "L’Italia tra i Paesi" in cursor_line(app)
        await pilot.press("enter")
        await pilot.resize_terminal(20, 5)
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert _timeline(app).selected == selected


@pytest.mark.parametrize(
    ("env", "stdin_tty", "reason"),
    [
        ({"TERM": ""}, True, "TERM is not set"),
        ({"TERM": "dumb"}, True, "TERM=dumb"),
        ({"TERM": "xterm"}, False, "standard input is not a terminal"),
    ],
)
def test_tui_refuses_without_a_usable_terminal(
    env: dict[str, str], stdin_tty: bool, reason: str
) -> None:
    if stdin_tty:
        term = PtyTerminal([timeline_command(), str(SMALL)], env=env)
        try:
            status = term.wait_exit()
        finally:
            term.close()
        output = bytes(term.raw).decode()
    else:
        result = subprocess.run(
            [timeline_command(), str(SMALL)],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            env={**os.environ, **env},
            timeout=60,
            check=False,
        )
        status, output = result.returncode, result.stderr.decode()
    assert status == 2
    assert reason in output and "use --print" in output
    assert "Traceback" not in output


def test_print_with_stdout_closed_or_full() -> None:
    closed = subprocess.run(
        f"{sys.executable} -m timeline_explorer --print >&-",
        shell=True,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert closed.returncode == 1
    assert closed.stderr == b"timeline: standard output is closed; nothing printed\n"
    if os.path.exists("/dev/full"):
        full = subprocess.run(
            f"{sys.executable} -m timeline_explorer --print > /dev/full",
            shell=True,
            capture_output=True,
            timeout=60,
            check=False,
        )
        assert full.returncode == 1
        assert full.stderr == b"timeline: cannot write the output: No space left on device\n"


@pytest.mark.parametrize("how", ["ctrl-c", "sigint", "sigterm", "sighup"])
def test_tui_ends_quietly_and_gives_the_terminal_back(how: str) -> None:
    term = PtyTerminal([timeline_command()])
    try:
        term.wait_for("43/43 entries")
        if how == "ctrl-c":
            term.send("\x03")
        else:
            sig = {"sigint": signal.SIGINT, "sigterm": signal.SIGTERM, "sighup": signal.SIGHUP}[how]
            os.kill(term.pid, sig)
        status = term.wait_exit()
    finally:
        term.close()
    assert status == 0
    raw = bytes(term.raw)
    assert b"Traceback" not in raw
    assert raw.rfind(b"\x1b[?1049l") > raw.rfind(b"\x1b[?1049h")  # alternate screen left
    assert raw.rfind(b"\x1b[?1000l") >= raw.rfind(b"\x1b[?1000h")  # mouse reporting off


def test_print_interrupted_is_quiet(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    rows = "".join(
        f"  - {{id: e{i}, date: 2025-09-04, title: Event number {i} of many}}\n"
        for i in range(60_000)
    )
    big.write_text("events:\n" + rows)
    process = subprocess.Popen(
        [sys.executable, "-m", "timeline_explorer", "--print", str(big)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    time.sleep(1.0)  # well into loading or printing
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    assert err == b""
    assert process.returncode == 130
