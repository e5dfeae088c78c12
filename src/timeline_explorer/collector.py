"""Pausing Python's automatic garbage collection while a big structure is built."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No automatic garbage collection meanwhile: building a big timeline makes a million
    objects and no garbage, and each full pass of the collector over them would hold the
    interpreter for a few hundred milliseconds, while a key pressed on the front end's thread
    waits for it."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
