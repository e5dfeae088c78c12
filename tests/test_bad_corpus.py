"""The corpus of broken files: each gives its exact message in --check, --print and the TUI.

Every ``tests/data/bad/NAME.yaml`` has ``NAME.err``, the exact text it must print on stderr.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline_explorer.cli import main

from .conftest import DATA
from .ptyterm import PtyTerminal
from .test_e2e_pty import timeline_command

BAD = DATA / "bad"
CASES = sorted(p.name for p in BAD.glob("*.yaml"))


def expected(name: str) -> str:
    return (BAD / name).with_suffix(".err").read_text(encoding="utf-8")


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 40
    assert all((BAD / n).with_suffix(".err").exists() for n in CASES)


@pytest.mark.parametrize("name", CASES)
@pytest.mark.parametrize("mode", ["--check", "--print"])
def test_bad_file_gives_its_message(
    name: str, mode: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(BAD)
    assert main([mode, name]) == 1
    out, err = capsys.readouterr()
    assert err == expected(name)
    assert out == ""
    assert "Traceback" not in err
    assert "\x1b" not in err and "\u202e" not in err  # shown as visible escapes


@pytest.mark.parametrize("name", CASES)
def test_tui_refuses_with_the_same_message(name: str) -> None:
    term = PtyTerminal([timeline_command(), name], cwd=BAD)
    try:
        status = term.wait_exit(timeout=20)
    finally:
        term.close()
    assert status == 1
    shown = bytes(term.raw).replace(b"\r\n", b"\n").decode("utf-8")
    assert expected(name) in shown
    assert b"\x1b[?1049h" not in term.raw  # refused before the screen was taken


def test_missing_unreadable_and_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    locked = tmp_path / "locked.yaml"
    locked.write_text("actors: []\n")
    locked.chmod(0)
    paths = [str(tmp_path / "missing.yaml"), str(tmp_path), str(locked)]
    assert main(["--check", *paths]) == 1
    err = capsys.readouterr().err
    assert f"{tmp_path}/missing.yaml:1:1: error: no such file" in err
    assert f"{tmp_path}:1:1: error: is a directory; expected a YAML file" in err
    import os

    if os.geteuid() != 0:  # root reads anything
        assert f"{locked}:1:1: error: cannot read the file: permission denied" in err


def test_a_bom_is_accepted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bom = tmp_path / "bom.yaml"
    bom.write_bytes(b"\xef\xbb\xbf" + (DATA / "small.yaml").read_bytes())
    assert main(["--check", str(bom)]) == 0
    assert "ok, 6 entries" in capsys.readouterr().err


def test_a_100_mb_file_is_refused_quickly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.write(b"events:\n")
        line = b"  - {id: e, date: 2025, title: " + b"x" * 1000 + b"}\n"
        for _ in range(100 * 1024):
            handle.write(line)
    assert main(["--check", str(big)]) == 1
    err = capsys.readouterr().err
    assert "error: file is too large (100.9 MiB); the limit is 64 MiB" in err
    assert "raise the limit with --max-size" in err


def test_too_many_errors_are_capped(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    many = tmp_path / "many.yaml"
    many.write_text("events:\n" + "  - {id: E, date: 2025, title: t}\n" * 3000)
    assert main(["--check", str(many)]) == 1
    err = capsys.readouterr().err
    assert err.count(": error: ") == 1000
    assert err.rstrip().endswith("1000 of 3000 errors shown")
