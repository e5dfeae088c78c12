"""The command line: --print in every format (golden files), filters, --check, pipes and stdin."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from timeline_explorer.cli import main
from timeline_explorer.safetext import is_unsafe

from .conftest import GOLDEN, SMALL


def run(
    *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run the installed command as a user would, in a subprocess."""
    full_env = {**os.environ, **(env or {})}
    full_env.pop("NO_COLOR", None) if env is None or "NO_COLOR" not in env else None
    return subprocess.run(
        [sys.executable, "-m", "timeline_explorer", *args],
        input=stdin,
        capture_output=True,
        env=full_env,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("args", "golden"),
    [
        ([], "small.txt"),
        (["--format", "markdown"], "small.md"),
        (["--format", "json"], "small.json"),
        (["--actor", "bob", "--kind", "statement"], "small-bob-statements.txt"),
    ],
)
def test_print_matches_golden_bytes(args: list[str], golden: str) -> None:
    result = run("--print", *args, str(SMALL))
    assert result.returncode == 0, result.stderr
    assert result.stdout == (GOLDEN / golden).read_bytes()


def test_json_entries_in_timeline_order_with_dates_as_written() -> None:
    result = run("--print", "--format", "json", str(SMALL))
    items = json.loads(result.stdout)["entries"]
    assert [i["id"] for i in items][:3] == ["year-plan", "month-review", "summit"]
    assert items[3]["date"] == "2025-09-04T18:30+02:00"
    assert items[3]["type"] == "statement" and items[3]["speaker"] == "anna"
    assert items[2]["actors"] == ["anna", "bob"]


def lines_of(capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    assert main(["--print", *args, str(SMALL)]) == 0
    return capsys.readouterr().out.splitlines()


def test_filters_on_print(capsys: pytest.CaptureFixture[str]) -> None:
    out = lines_of(capsys, "--from", "2025-09-05")
    assert out[1] == "2 of 6 entries · date: 2025-09-05 – …"
    assert sum("paraphrase  Bob Smith: He said" in line for line in out) == 1
    out = lines_of(capsys, "--to", "2025-09", "--kind", "event")
    assert out[1] == "3 of 6 entries · kind: event · date: … – 2025-09"
    out = lines_of(capsys, "--search", "LIBERTA")
    assert out[1] == '2 of 6 entries · text: "LIBERTA"'
    out = lines_of(capsys, "--actor", "ministry", "--actor", "bob")
    assert out[1].startswith("4 of 6 entries · actor: Ministero della Pace | Bob Smith")


def test_unknown_actor_and_bad_date_options(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--print", "--actor", "bobb", str(SMALL)]) == 2
    assert "unknown actor 'bobb'; did you mean Bob Smith (bob)?" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exited:
        main(["--print", "--from", "2025-02-30", str(SMALL)])
    assert exited.value.code == 2
    assert "--from: '2025-02-30' is not a day of the calendar" in capsys.readouterr().err


def test_check_reports_and_exits(tmp_path: Path) -> None:
    good = run("--check", str(SMALL))
    assert good.returncode == 0
    assert b"ok, 6 entries, 3 actors" in good.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "actors:\n  - {id: a, name: A}\nstatements:\n  - {id: s, date: 2025, speaker: b, text: t}\n"
    )
    result = run("--check", str(bad))
    assert result.returncode == 1
    assert f"{bad}:4:34: error: statement 's' names unknown speaker 'b'".encode() in result.stderr
    assert b"Traceback" not in result.stderr
    assert run("--print", str(bad)).returncode == 1


def test_stdin_and_merged_files(tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text("events: [{id: later, date: 2026-01-01, title: Later}]\n")
    result = run("--print", "-", str(extra), stdin=SMALL.read_bytes())
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode()
    assert "7 entries" in text and re.search(r"Later\n +id: later$", text.rstrip())


def test_print_into_head_ends_quietly() -> None:
    bundled = subprocess.run(
        f"{sys.executable} -m timeline_explorer --print | head -1",
        shell=True,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert bundled.stdout.decode().startswith("Coalizione dei volenterosi")
    assert bundled.stderr == b""


def test_print_does_not_import_textual() -> None:
    code = (
        "import sys, io\n"
        "from timeline_explorer import cli, index, loader, model, plain\n"
        "sys.stdout = io.StringIO()\n"
        f"cli.main(['--print', {str(SMALL)!r}])\n"
        "sys.stdout = sys.__stdout__\n"
        "print('textual' in sys.modules, any(m.startswith('textual') for m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, timeout=60, check=True
    )
    assert result.stdout.strip() == b"False False"


def _print_in_pty(env: dict[str, str]) -> bytes:
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        os.environ.update(env)
        os.execv(sys.executable, [sys.executable, "-m", "timeline_explorer", "--print", str(SMALL)])
    chunks = []
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.waitpid(pid, 0)
    return b"".join(chunks)


def test_colour_only_on_a_terminal_without_no_color() -> None:
    coloured = _print_in_pty({"TERM": "xterm-256color", "NO_COLOR": ""})
    assert b"\x1b[" in coloured
    plain = _print_in_pty({"TERM": "xterm-256color", "NO_COLOR": "1"})
    assert b"\x1b[" not in plain
    assert b"Anna Rossi" in plain
    assert b"\x1b[" not in run("--print", str(SMALL)).stdout


# -- option values and echoes ------------------------------------------------------------------


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e99", "1e12", "4097", "-1", "0", "ten"])
def test_a_bad_max_size_is_a_usage_error(value: str) -> None:
    result = run("--print", f"--max-size={value}", str(SMALL))
    assert result.returncode == 2
    err = result.stderr.decode()
    assert err.startswith("usage: timeline")
    assert f"error: argument --max-size: '{value}'" in err
    assert "Traceback" not in err and result.stdout == b""


@pytest.mark.parametrize("value", ["0.001", "4096"])
def test_a_max_size_in_range_is_taken(value: str) -> None:
    result = run("--check", "--max-size", value, str(SMALL))
    expected = 1 if value == "0.001" else 0  # 0.001 MiB is smaller than the file
    assert result.returncode == expected, result.stderr
    assert (b"file is too large" in result.stderr) == (expected == 1)


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (["--bogus\x1b[2J"], "unrecognized arguments: --bogus\\x1b[2J"),
        (["--kind", "\x1b]0;x\x07"], "invalid choice: '\\x1b]0;x\\x07'"),
        (["--format", "\x9b31m"], "invalid choice: '\\x9b31m'"),
        (["--from", "\x1b[2J"], "--from: '\\x1b[2J' is not a date"),
        (["--max-size", "\u202e9"], "--max-size: '\\u202e9'"),
    ],
)
def test_argparse_echoes_what_was_typed_made_visible(args: list[str], shown: str) -> None:
    result = run("--print", *args, str(SMALL))
    assert result.returncode == 2
    err = result.stderr.decode()
    assert shown in err
    assert not any(is_unsafe(c) for c in err)


def test_a_search_is_echoed_made_visible() -> None:
    result = run("--print", "--search", "\x1b[2J", str(SMALL))
    assert result.returncode == 0
    assert result.stdout.decode().splitlines()[1] == '0 of 6 entries · text: "\\x1b[2J"'


def test_a_file_name_cannot_forge_a_diagnostic(tmp_path: Path) -> None:
    name = tmp_path / "x\n\x1b[2Jfake.yaml:1:1: error: fake"
    name.write_text("events: [{id: e, date: 2025-13, title: T}]\n")
    result = run("--check", str(name))
    assert result.returncode == 1
    lines = result.stderr.decode().splitlines()
    assert lines[0].startswith(f"{tmp_path}/x\\n\\x1b[2Jfake.yaml:1:1: error: fake:1:")
    assert lines[-1] == "1 error"
    assert not any(line.startswith("fake.yaml") or "\x1b" in line for line in lines)
    missing = run("--check", f"{tmp_path}/gone\nforged.yaml")
    assert missing.stderr.decode().startswith(f"{tmp_path}/gone\\nforged.yaml:1:1: error:")


# -- odd encodings and closed streams -----------------------------------------------------------


@pytest.mark.parametrize(
    "env",
    [
        {"PYTHONIOENCODING": "ascii"},
        {"PYTHONIOENCODING": "latin-1"},
        {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
    ],
)
@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_print_to_a_narrow_encoding_prints_everything(env: dict[str, str], fmt: str) -> None:
    result = run("--print", "--format", fmt, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    out = result.stdout.decode("latin-1")
    assert "volenterosi" in out and "Traceback" not in out
    if fmt == "json":
        utf8 = run("--print", "--format", fmt, env={"PYTHONIOENCODING": "utf-8"}).stdout
        assert json.loads(out) == json.loads(utf8)  # valid JSON, nothing lost
    elif "latin-1" not in env.get("PYTHONIOENCODING", ""):
        assert "\\u2014" in out  # the em dash of the title, written as an escape


def test_stdin_closed_is_a_clear_usage_error() -> None:
    result = subprocess.run(
        f"{sys.executable} -m timeline_explorer --print - <&-",
        shell=True,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr == b"timeline: error: '-' reads standard input, which is closed\n"
    assert result.stdout == b""


@pytest.mark.parametrize(
    ("args", "code"),
    [(["--check", "/nonexistent/x.yaml"], 1), (["--print", "--actor", "nobody"], 2)],
)
def test_with_stderr_closed_diagnostics_never_go_to_stdout(args: list[str], code: int) -> None:
    command = " ".join([sys.executable, "-m", "timeline_explorer", *args, str(SMALL)])
    result = subprocess.run(
        f"{command} 2>&-", shell=True, capture_output=True, timeout=60, check=False
    )
    assert result.returncode == code
    assert result.stdout == b""


@pytest.mark.parametrize("redirect", ["<&-", ">&-", "<&- 2>&-"])
def test_the_tui_with_a_closed_stream_refuses_clearly(redirect: str) -> None:
    result = subprocess.run(
        f"{sys.executable} -m timeline_explorer {SMALL} {redirect}",
        shell=True,
        capture_output=True,
        timeout=60,
        check=False,
        env={**os.environ, "TERM": "xterm"},
    )
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr and result.stdout == b""
    if "2>&-" not in redirect:
        assert b"is not a terminal" in result.stderr
