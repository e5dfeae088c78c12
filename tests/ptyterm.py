"""Run a command in a real pseudo-terminal and read its screen back through pyte.

The pseudo-terminal itself is the benchmarks' harness (``bench/ptyharness.py``); this adds the
screen emulator the tests assert on.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Unpack

import pyte
from bench.ptyharness import PtyPlace, PtyProcess


class PtyTerminal(PtyProcess):
    """A command in a pseudo-terminal of a given size, with a pyte screen of what it drew."""

    def __init__(
        self, argv: Sequence[str], cols: int = 80, rows: int = 24, **where: Unpack[PtyPlace]
    ) -> None:
        """As :class:`PtyProcess`, with a screen of ``cols`` by ``rows``."""
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        super().__init__(argv, cols, rows, **where)

    @property
    def raw(self) -> bytearray:
        """Every byte the program wrote so far."""
        return self.out

    def received(self, chunk: bytes) -> None:
        """Keep the bytes and feed the screen."""
        super().received(chunk)
        self.stream.feed(chunk)

    def resize(self, cols: int, rows: int) -> None:
        """Tell the program the terminal has a new size, and resize the screen."""
        self.screen.resize(rows, cols)
        super().resize(cols, rows)

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

    def close(self, grace: float = 0) -> None:
        """Stop the program if it still runs (at once, by default)."""
        super().close(grace)
