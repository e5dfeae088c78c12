"""A command in a real pseudo-terminal: what it writes, when, and keys sent to it.

The one harness of the project for programs in a terminal: the benchmarks time text and key
answers with it, and the tests (``tests/ptyterm.py``) add a screen emulator on top. It needs
only the standard library, so the benchmarks run without the test extras.
"""

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
from pathlib import Path
from typing import TypedDict


class PtyPlace(TypedDict, total=False):
    """Where a command runs, beside its size: ``env`` and ``cwd`` of :class:`PtyProcess`."""

    env: dict[str, str] | None
    cwd: str | os.PathLike[str] | None


class PtyProcess:
    """Run a command in a pseudo-terminal of a given size and collect what it writes.

    Args:
        argv: the command and its arguments.
        cols: terminal width in cells.
        rows: terminal height in lines.
        env: variables set in the child on top of this process's (``TERM`` defaults to
            ``xterm-256color``, ``COLUMNS`` and ``LINES`` to the size).
        cwd: the child's working directory.
    """

    def __init__(
        self,
        argv: Sequence[str],
        cols: int = 80,
        rows: int = 24,
        env: dict[str, str] | None = None,
        cwd: str | os.PathLike[str] | None = None,
    ) -> None:
        self.out = bytearray()
        self.ended = False  # the program closed its side: nothing more will come
        self.status: int | None = None
        self.started = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child
            try:
                os.environ.update(
                    {"TERM": "xterm-256color", "COLUMNS": str(cols), "LINES": str(rows)}
                )
                os.environ.update(env or {})
                if cwd is not None:
                    os.chdir(cwd)
                os.execvp(argv[0], list(argv))
            finally:
                os._exit(127)
        self.resize(cols, rows)

    # -- what the program writes ---------------------------------------------------------------

    def received(self, chunk: bytes) -> None:
        """Called with every chunk read; subclasses feed a screen emulator here."""
        self.out += chunk

    def _read_chunk(self) -> bytes:
        try:
            chunk = os.read(self.fd, 1 << 16)
        except OSError:  # the program has ended and closed its side
            chunk = b""
        if chunk:
            self.received(chunk)
        else:
            self.ended = True
        return chunk

    def read(self, timeout: float = 0.1) -> bytes:
        """Whatever arrives within ``timeout`` seconds."""
        got = bytearray()
        end = time.perf_counter() + timeout
        while (left := end - time.perf_counter()) > 0:
            ready, _, _ = select.select([self.fd], [], [], left)
            if not ready:
                break
            chunk = self._read_chunk()
            if not chunk:
                break
            got += chunk
        return bytes(got)

    def wait_output(self, *needles: bytes, limit: float = 120, since: int = 0) -> float:
        """Seconds from the start until one of ``needles`` was written (after byte ``since``).

        Raises:
            RuntimeError: none of them came within ``limit`` seconds, or the program ended.
        """
        end = time.perf_counter() + limit
        while time.perf_counter() < end:
            if any(n in self.out[since:] for n in needles):
                return time.perf_counter() - self.started
            if self.ended:
                break
            self.read(0.005)
        tail = bytes(self.out[-400:])
        raise RuntimeError(f"{needles!r} never appeared; the last bytes: {tail!r}")

    def settle(self, quiet: float = 0.3, limit: float = 30) -> bytes:
        """Read until nothing arrives for ``quiet`` seconds."""
        got = bytearray()
        end = time.perf_counter() + limit
        while time.perf_counter() < end:
            chunk = self.read(quiet)
            if not chunk:
                break
            got += chunk
        return bytes(got)

    # -- keys ------------------------------------------------------------------------------------

    def send(self, data: str | bytes) -> None:
        """Type keys (``\\r`` is Enter, ``\\t`` Tab, ``\\x1b[B`` Down)."""
        os.write(self.fd, data.encode() if isinstance(data, str) else data)

    def key(
        self, data: bytes, quiet: float = 0.15, before: float = 0.1
    ) -> tuple[float, float, int]:
        """Send a key once the screen is still for ``before`` seconds.

        Returns:
            Seconds to the first byte of the answer, seconds until nothing came for ``quiet``
            seconds (the screen settled), and the bytes written in between.
        """
        if before:
            self.settle(before)
        sent = time.perf_counter()
        self.send(data)
        first: float | None = None
        last = sent
        written = 0
        while True:
            ready, _, _ = select.select([self.fd], [], [], quiet if first else 2)
            if not ready:
                break
            chunk = self._read_chunk()
            if not chunk:
                break
            last = time.perf_counter()
            first = first or last
            written += len(chunk)
        return ((first or last) - sent, last - sent, written)

    # -- the process -----------------------------------------------------------------------------

    def resize(self, cols: int, rows: int) -> None:
        """Tell the program the terminal has a new size."""
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        if self.pid:
            os.kill(self.pid, signal.SIGWINCH)

    def rss_kb(self) -> int:
        """Resident memory of the program now, in KiB (0 once it has ended)."""
        try:
            status = Path(f"/proc/{self.pid}/status").read_text()
        except OSError:
            return 0
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        return 0

    def wait_exit(self, timeout: float = 10.0) -> int:
        """Wait for the program to end, reading what it writes; returns its exit status.

        Raises:
            AssertionError: it was still running after ``timeout`` seconds (it is then killed).
        """
        end = time.perf_counter() + timeout
        while time.perf_counter() < end:
            self.read(0.05)
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
                while not self.ended and self.read(0.05):  # what it wrote before it ended
                    pass
                return self.status
        self.close()
        raise AssertionError("the program did not exit")

    def close(self, grace: float = 2.5) -> None:
        """Stop the program if it still runs: SIGTERM, then SIGKILL after ``grace`` seconds."""
        if self.status is None:
            try:
                if grace > 0:
                    os.kill(self.pid, signal.SIGTERM)
                    end = time.perf_counter() + grace
                    while time.perf_counter() < end:
                        if os.waitpid(self.pid, os.WNOHANG)[0]:
                            break
                        time.sleep(0.05)
                    else:
                        os.kill(self.pid, signal.SIGKILL)
                        os.waitpid(self.pid, 0)
                else:
                    os.kill(self.pid, signal.SIGKILL)
                    os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        os.close(self.fd)
