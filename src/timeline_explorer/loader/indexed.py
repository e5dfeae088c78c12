"""Where the data comes from: the bundled story, and files loaded into an index."""

from __future__ import annotations

import gc
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from ..index import TimelineIndex
from ..limits import BIG, DEFAULT_MAX_BYTES
from .nodes import ProgressCallback
from .pipeline import load_paths


def bundled_events_path() -> Path:
    """The bundled ``events.yaml``: package data when installed, the top-level file otherwise."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "data" / "events.yaml"
    if packaged.is_file():
        return packaged
    return package.parent.parent / "events.yaml"


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
    full collection a pause the user feels on a key.

    The loaded objects are frozen first, so the collection that follows walks only what is
    left outside them (a few milliseconds at 100,000 entries, against 0.1-0.2 s for a full
    collection holding the interpreter while the interface waits for keys). The loaders run
    with the collector disabled and make no cycles, so the few objects this freezes beyond
    the model cost no memory worth measuring (the RSS after it is the same).
    """
    gc.freeze()
    gc.collect()
    import ctypes  # only after a big load

    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to do
        pass
