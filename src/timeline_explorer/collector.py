"""Pausing Python's automatic garbage collection while a big structure is built, and while the
program starts.

Pauses may overlap (a load in a worker thread, the warm-up, the start-up): the collector runs
again once the last of them ends, and only if it ran before the first.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_lock = threading.Lock()
_holds = 0  # pauses in effect
_resume = False  # whether the collector ran before the first of them
_starting = False  # the start-up's pause is one of them


def _hold() -> None:
    global _holds, _resume
    with _lock:
        if _holds == 0:
            _resume = gc.isenabled()
            gc.disable()
        _holds += 1


def _release() -> None:
    global _holds
    with _lock:
        _holds -= 1
        if _holds == 0 and _resume:
            gc.enable()


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No automatic garbage collection meanwhile: building a big timeline makes a million
    objects and no garbage, and each full pass of the collector over them would hold the
    interpreter for a few hundred milliseconds, while a key pressed on the front end's thread
    waits for it."""
    _hold()
    try:
        yield
    finally:
        _release()


def pause_start_up() -> None:
    """No automatic garbage collection until :func:`start_up_done`: starting imports a few
    hundred modules and builds the first screen, making many objects and next to no garbage,
    and the collector's passes over them (a full one among them) would only delay the first
    paint."""
    global _starting
    if not _starting:
        _starting = True
        _hold()


def start_up_done() -> None:
    """End the start-up's pause (once; nothing when there is none). What start-up made (the
    modules, the first screen) stays for the whole session: it is frozen first, out of every
    later pass's way, as :func:`~timeline_explorer.loader.indexed.release_memory` does with a
    big load."""
    global _starting
    if _starting:
        _starting = False
        gc.freeze()
        _release()
