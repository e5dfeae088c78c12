"""``timeline serve``: checks the files first, serves on localhost, warns on another address,
stops cleanly on Ctrl-C. (The browser itself is driven in test_browser.py.)"""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from timeline_explorer.cli import build_parser, main
from timeline_explorer.serve import app_command, is_loopback

pytest.importorskip("textual_serve", reason="textual-serve is not installed")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "timeline_explorer", "serve", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def wait_for_page(port: int, server: subprocess.Popen[bytes]) -> str:
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                return str(response.read().decode())
        except OSError:
            assert server.poll() is None and time.monotonic() < deadline, "did not start"
            time.sleep(0.2)


@pytest.mark.parametrize(("host", "warns"), [("127.0.0.1", False), ("0.0.0.0", True)])
def test_serves_and_stops_cleanly_on_ctrl_c(host: str, warns: bool) -> None:
    port = free_port()
    server = start("--host", host, "--port", str(port))
    try:
        page = wait_for_page(port, server)
        assert "textual-terminal" in page
    finally:
        server.send_signal(signal.SIGINT)
        out, err = server.communicate(timeout=30)
    assert server.returncode == 0
    assert b"Traceback" not in out + err
    assert (b"no authentication" in err) is warns
    assert f"127.0.0.1:{port}".encode() in out or warns


def test_bad_file_is_reported_before_serving(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("events: [{id: e, date: 2025-13, title: T}]\n")
    result = subprocess.run(
        [sys.executable, "-m", "timeline_explorer", "serve", "--port", str(free_port()), str(bad)],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert b"bad.yaml:1:" in result.stderr and b"Traceback" not in result.stderr


def test_serve_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stdin:
        main(["serve", "-"])
    assert stdin.value.code == 2
    with pytest.raises(SystemExit):
        main(["serve", "--port", "70000"])
    assert "between 1 and 65535" in capsys.readouterr().err


def test_help_lists_formats_detail_and_serve() -> None:
    text = build_parser().format_help()
    for word in ("html", "timelinejs", "--detail", "timeline serve"):
        assert word in text


def test_loopback_and_app_command() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.2")
    assert not is_loopback("example.org")
    command = app_command(["/data/a file.yaml"], use_cache=True)
    assert command.endswith("--app -- '/data/a file.yaml'")


def test_a_port_in_use_is_one_line_not_a_traceback() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "timeline_explorer", "serve", "--port", str(port)],
            capture_output=True,
            timeout=60,
            check=False,
        )
    assert result.returncode == 2
    assert f"cannot serve on 127.0.0.1:{port}".encode() in result.stderr
    assert b"Traceback" not in result.stderr + result.stdout
