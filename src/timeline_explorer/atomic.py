"""Replacing a file at once (the sidecar, the settings): a reader or a crash sees the old file or
the new one, never half of one; and the temporary files a crashed writer left, swept away."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import time


def write_atomic(path: str, data: bytes) -> None:
    """Replace ``path`` with ``data`` at once: temporary file, flush to disk, rename.

    The temporary file is in the same directory (a rename does not cross file systems); an
    existing file keeps its permissions, a new one gets 0644. Raises OSError on failure, when
    the old file, if any, is still whole. A symbolic link is followed: its target is replaced.
    """
    path = os.path.realpath(path)
    directory = os.path.dirname(path)
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        mode = 0o644
    handle, temporary = tempfile.mkstemp(
        prefix="." + os.path.basename(path) + ".", suffix=".tmp", dir=directory
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fchmod(stream.fileno(), mode)
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable, where possible
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


STALE_SECONDS = 600  # a temporary file this old was left by a crash, not by a writer at work


def sweep(path: str) -> None:
    """Remove the temporary files of ``path`` that a crashed writer left behind."""
    directory, name = os.path.split(os.path.realpath(path))
    prefix = "." + name + "."
    limit = time.time() - STALE_SECONDS
    with contextlib.suppress(OSError), os.scandir(directory) as entries:
        for entry in entries:
            if entry.name.startswith(prefix) and entry.name.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < limit:
                        os.unlink(entry.path)
