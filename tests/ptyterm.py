"""Run a command in a real pseudo-terminal and read its screen back through pyte."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import termios
import time
from collections.abc import Sequence

import pyte


class PtyTerminal:
    """A command in a pseudo-terminal of a given size, with a pyte screen of what it drew."""

    def __init__(
        self,
        argv: Sequence[str],
        cols: int = 80,
        rows: int = 24,
        env: dict[str, str] | None = None,
        cwd: str | os.PathLike[str] | None = None,
    ) -> None:
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = bytearray()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child
            os.environ.update({"TERM": "xterm-256color", "COLUMNS": str(cols), "LINES": str(rows)})
            os.environ.update(env or {})
            if cwd is not None:
                os.chdir(cwd)
            os.execvp(argv[0], list(argv))
        self.resize(cols, rows)
        self.status: int | None = None

    def resize(self, cols: int, rows: int) -> None:
        """Tell the program the terminal has a new size."""
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.screen.resize(rows, cols)
        if self.pid:
            os.kill(self.pid, signal.SIGWINCH)

    def read(self, timeout: float = 0.1) -> bytes:
        """Read what the program wrote within ``timeout`` seconds and feed the screen."""
        got = bytearray()
        end = time.monotonic() + timeout
        while True:
            left = end - time.monotonic()
            if left <= 0:
                break
            ready, _, _ = select.select([self.fd], [], [], left)
            if not ready:
                break
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            got += chunk
        self.raw += got
        self.stream.feed(bytes(got))
        return bytes(got)

    def text(self) -> str:
        """The screen as text."""
        return "\n".join(line.rstrip() for line in self.screen.display)

    def wait_for(self, needle: str, timeout: float = 20.0) -> str:
        """Read until ``needle`` shows on the screen; fail with the screen if it does not."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.read(0.1)
            if needle in self.text():
                return self.text()
        raise AssertionError(f"{needle!r} never appeared; the screen:\n{self.text()}")

    def send(self, data: str | bytes) -> None:
        """Type keys (``\\r`` is Enter, ``\\t`` Tab, ``\\x1b[B`` Down)."""
        os.write(self.fd, data.encode() if isinstance(data, str) else data)

    def wait_exit(self, timeout: float = 10.0) -> int:
        """Wait for the program to end; returns its exit status."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.read(0.05)
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
                return self.status
        self.close()
        raise AssertionError("the program did not exit")

    def close(self) -> None:
        """Stop the program if it still runs."""
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        os.close(self.fd)
