"""Where the data comes from: the bundled story and loading files into an index."""

from __future__ import annotations

import ctypes
import gc
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from .index import TimelineIndex
from .loader import DEFAULT_MAX_BYTES, ProgressCallback, load_paths

BIG = 5_000  # entries from which memory is handed back and indexes are built in the background


def bundled_events_path() -> Path:
    """The bundled ``events.yaml``: package data when installed, the top-level file otherwise."""
    here = Path(__file__).resolve().parent
    packaged = here / "data" / "events.yaml"
    if packaged.is_file():
        return packaged
    return here.parent.parent / "events.yaml"


def load_index(
    paths: Sequence[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: BinaryIO | None = None,
    progress: ProgressCallback | None = None,
    use_cache: bool = False,
) -> TimelineIndex:
    """Load, validate and index files (``-`` is stdin); raises LoadError on bad data."""
    dataset = load_paths(
        paths, max_bytes=max_bytes, stdin=stdin, progress=progress, use_cache=use_cache
    )
    index = TimelineIndex.build(dataset)
    if len(index.entries) >= BIG:
        release_memory()  # worth its few milliseconds only after a big parse
    return index


def release_memory() -> None:
    """Give freed memory back to the system (glibc keeps it otherwise), and move what is
    loaded out of the garbage collector's way: a million long-lived objects would make every
    full collection a pause the user feels on a key."""
    gc.collect()
    gc.freeze()
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to do
        pass
