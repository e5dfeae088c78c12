"""Job-control signals: the TUI keeps working after being stopped and continued."""

from __future__ import annotations

import os
import signal
import time

import pytest

from .conftest import SMALL
from .ptyterm import PtyTerminal
from .test_e2e_pty import timeline_command


@pytest.mark.parametrize("stop", [signal.SIGSTOP, signal.SIGTSTP])
def test_keys_work_after_stop_and_continue(stop: signal.Signals) -> None:
    term = PtyTerminal([timeline_command(), str(SMALL)], cols=80, rows=24)
    try:
        term.wait_for("Small story")
        term.raw.clear()
        for _ in range(3):
            os.kill(term.pid, stop)
            time.sleep(0.3)
            os.kill(term.pid, signal.SIGCONT)
            term.read(0.5)
        if stop == signal.SIGSTOP:  # never stopped: the screen is not taken a second time
            assert b"\x1b[?1049h" not in term.raw
        term.wait_for("Small story")
        term.raw.clear()
        term.send("j")
        term.read(0.5)
        term.send("q")
        status = term.wait_exit(timeout=10)
    finally:
        term.close()
    assert status == 0
    assert b"never awaited" not in term.raw and b"Traceback" not in term.raw
    assert term.raw.rstrip().endswith(b"\x1b[?1049l") or b"\x1b[?1049l" in term.raw
