"""A cache of parsed and validated data, so that an unchanged big file opens at once.

- Keyed on each file's absolute path, the identity of the file whose bytes were read (device,
  inode, size, modification and change times, taken before the read and checked after it), a
  BLAKE2 hash of those bytes, and the program version: any change is a miss, never a stale hit.
  A file that changed while it was read is not cached.
- Kept in the user's cache directory (``platformdirs``; ``TIMELINE_EXPLORER_CACHE`` overrides
  it), created with mode 0700 only where its parent (or, for the default place, the home
  directory) exists; it is used only when it belongs to the current user and nobody else can
  write it. Without such a place there is no cache, and nothing is said.
- Every entry is bound to its name and content by a keyed BLAKE2 MAC with a per-user secret
  (:data:`SECRET_NAME`, created 0600 in the cache directory): an entry changed, added to or moved
  by anyone else is ignored and rebuilt. What passes is still checked field by field (types,
  ids, dates, kinds, references) as it is turned back into the model.
- Files are opened without following symbolic links and without waiting on a FIFO; anything but
  a regular file of ours is neither read nor replaced. Pruning keeps the newest :data:`KEEP`
  entries and removes only files named as this module names them *and* starting with its
  marker (:data:`MAGIC`); temporary files of ours left by a killed writer go after
  :data:`STALE_SECONDS`.
- Written atomically (a temporary file, then a rename), in a background thread whose failures
  (read-only place, full disk) are silent: a cache is optional.
- Only inputs of at least :data:`MIN_BYTES` are cached: smaller ones parse about as fast.
"""

from __future__ import annotations

import contextlib
import hashlib
import heapq
import hmac
import os
import re
import stat
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

import msgspec

from .. import __version__
from ..collector import collector_paused
from ..limits import FAST_FROM_BYTES as MIN_BYTES
from ..limits import HEAD_ENTRIES as HEAD_ENTRIES
from ..model import Dataset, Entry, Event, Statement, entry_sort_key
from .columns import _FORMAT, _Invalid
from .columns import decode as decode
from .columns import decode_bytes as decode_bytes
from .columns import encode as encode
from .columns import pack as pack
from .columns import unpack as unpack

_T = TypeVar("_T")

KEEP = 16  # cache entries kept (a dataset and its head each); the oldest go first
STALE_SECONDS = 600  # a temporary file of ours this old was left by a writer that died
MAGIC = b"timeline-explorer cache 3\n"
SECRET_NAME = "timeline-explorer.key"
_SECRET_BYTES = 32
_MAC_HEX = 64
_ENTRY_NAME = re.compile(r"[0-9a-f]{40}(?:\.head)?\.cache")
_TEMP_NAME = re.compile(r"\.tmp-(?:[0-9a-f]{40}(?:\.head)?\.cache|key)-[A-Za-z0-9_]{1,16}")
_OPEN_READ = (
    os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
)

Identity = tuple[int, int, int, int, int]
"""What tells one version of a file from another: device, inode, size, mtime and ctime (ns)."""


def identity(info: os.stat_result) -> Identity:
    """The :data:`Identity` of a file from its status."""
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


# -- where ----------------------------------------------------------------------------------


def cache_dir() -> Path | None:
    """The user's cache directory for timeline-explorer, or None when there is no place for one
    that can be trusted (nothing is created then)."""
    override = os.environ.get("TIMELINE_EXPLORER_CACHE")
    if override:
        base, may_create = Path(override), 1  # the override's parent must exist
    else:
        from platformdirs import user_cache_dir

        # ~/.cache/timeline-explorer: ~/.cache may be created too, but only in an existing home.
        base, may_create = Path(user_cache_dir("timeline-explorer", appauthor=False)), 2
    try:
        missing = []
        level = base
        while not os.path.lexists(level):
            missing.append(level)
            level = level.parent
        if len(missing) > may_create or not level.is_dir():
            return None
        for directory in reversed(missing):
            directory.mkdir(mode=0o700)
        info = base.lstat()
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or not _private(info):
        return None
    return base


def _private(info: os.stat_result) -> bool:
    """Owned by us and writable by nobody else."""
    owner_ok = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return owner_ok and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _read_own(path: Path, limit: int | None = None) -> bytes | None:
    """The bytes of a regular file of ours, read without following a link or waiting on a FIFO;
    None for anything else (missing, a link, a FIFO, a device, foreign or writable by others)."""
    try:
        fd = os.open(path, _OPEN_READ)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or not _private(info):
            return None
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read() if limit is None else handle.read(limit)
    except OSError:
        return None
    finally:
        os.close(fd)


def _is_ours(path: Path) -> bool:
    """A regular file of ours that starts with :data:`MAGIC`."""
    return _read_own(path, len(MAGIC)) == MAGIC


# -- the secret -----------------------------------------------------------------------------


def _secret(directory: Path) -> bytes | None:
    """The per-user secret that keys every entry's MAC, created on first use."""
    path = directory / SECRET_NAME
    secret = _read_own(path, _SECRET_BYTES + 1)
    if secret is not None:
        return secret if len(secret) == _SECRET_BYTES else None
    if os.path.lexists(path):
        return None  # something else holds the name: no cache
    fresh = os.urandom(_SECRET_BYTES)
    fd, temporary = tempfile.mkstemp(dir=directory, prefix=".tmp-key-")  # mode 0600
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(fresh)
        os.link(temporary, path)  # never replaces: two first runs agree on one secret
    except FileExistsError:
        pass
    except OSError:
        return None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
    secret = _read_own(path, _SECRET_BYTES + 1)
    return secret if secret is not None and len(secret) == _SECRET_BYTES else None


def _mac(secret: bytes, name: str, body: bytes) -> bytes:
    digest = hashlib.blake2b(key=secret, digest_size=_MAC_HEX // 2, person=b"tlx-cache")
    digest.update(name.encode("ascii") + b"\0" + body)
    return digest.hexdigest().encode("ascii")


# -- keys -----------------------------------------------------------------------------------


def cache_key(inputs: Sequence[tuple[str, bytes, Identity | None]]) -> str | None:
    """The key for these (path, bytes read, identity of the file read) inputs, or None when they
    should not be cached (small, standard input, or a file that changed while it was read)."""
    if sum(len(data) for _, data, _ in inputs) < MIN_BYTES:
        return None
    if any(path == "-" or ident is None for path, _, ident in inputs):
        return None
    digest = hashlib.blake2b(f"{__version__}/{_FORMAT}".encode(), digest_size=20)
    for path, data, ident in inputs:
        digest.update(b"\0" + os.fsencode(os.path.abspath(path)) + b"\0")
        digest.update(repr(ident).encode())
        digest.update(hashlib.blake2b(data, digest_size=20).digest())
    return digest.hexdigest()


def head_key(files: Sequence[tuple[str, Identity | None]]) -> str | None:
    """A quick key from paths and file identities only, for the head (see :func:`read_head`)."""
    if any(path == "-" or ident is None for path, ident in files):
        return None
    digest = hashlib.blake2b(f"head/{__version__}/{_FORMAT}".encode(), digest_size=20)
    total = 0
    for path, ident in files:
        assert ident is not None
        total += ident[2]
        digest.update(b"\0" + os.fsencode(os.path.abspath(path)) + b"\0" + repr(ident).encode())
    return digest.hexdigest() if total >= MIN_BYTES else None


def current_head_key(paths: Sequence[str]) -> str | None:
    """:func:`head_key` for the files as they are now."""
    if any(p == "-" for p in paths):
        return None
    try:
        return head_key([(p, identity(os.stat(p))) for p in paths])
    except (OSError, ValueError):
        return None


# -- reading --------------------------------------------------------------------------------


def read(key: str) -> Dataset | None:
    """The cached dataset for a key, or None (missing, foreign, changed, corrupt, another
    version). An entry of ours that fails a check is removed, to be rebuilt."""
    return _read_decoded(f"{key}.cache", lambda body: decode_bytes(body, whole=True))


def read_head(key: str) -> tuple[Dataset, int] | None:
    """The first entries of the timeline stored with :func:`write`, and how many there are
    in all: enough to show the first rows while the rest loads. The full load that follows
    checks everything, so a head that no longer matches the file is only shown for a moment.
    """

    def head(body: bytes) -> tuple[Dataset, int]:
        total, packed = msgspec.msgpack.decode(body, type=tuple[int, bytes])
        dataset = decode_bytes(packed, whole=False)
        if total < len(dataset.events) + len(dataset.statements):
            raise _Invalid("count")
        return dataset, total

    return _read_decoded(f"{key}.head.cache", head)


def _read_decoded(name: str, decode_body: Callable[[bytes], _T]) -> _T | None:
    """An entry of ours read with ``decode_body``, or None; one that fails is removed."""
    body = _read_entry(name)
    if body is None:
        return None
    try:
        with collector_paused():
            return decode_body(body)
    except Exception:  # not what we wrote: forget it
        _forget(name)
        return None


def _read_entry(name: str) -> bytes | None:
    """The body of an entry of ours whose MAC holds, or None."""
    directory = cache_dir()
    if directory is None or not _ENTRY_NAME.fullmatch(name):
        return None
    raw = _read_own(directory / name)
    if raw is None or not raw.startswith(MAGIC):
        return None
    secret = _secret(directory)
    start = len(MAGIC) + _MAC_HEX + 1
    if secret is None or raw[start - 1 : start] != b"\n":
        return None
    body = raw[start:]
    if not hmac.compare_digest(raw[len(MAGIC) : start - 1], _mac(secret, name, body)):
        _forget(name)  # ours, but written with another secret or changed since
        return None
    return body


def _forget(name: str) -> None:
    """Remove an entry, if it is a file of ours."""
    directory = cache_dir()
    if directory is not None and _is_ours(directory / name):
        with contextlib.suppress(OSError):
            (directory / name).unlink()


# -- writing --------------------------------------------------------------------------------


def write(key: str, dataset: Dataset, quick_key: str | None = None) -> None:
    """Store a dataset (and its head under ``quick_key``) atomically; failures are silent."""
    try:
        directory = cache_dir()
        if directory is None:
            return
        secret = _secret(directory)
        if secret is None:
            return
        _write_entry(directory, secret, f"{key}.cache", pack(encode(dataset)))
        if quick_key is not None:
            entries: list[Entry] = [*dataset.events, *dataset.statements]
            if dataset.ordering is not None and len(dataset.ordering.order) == len(entries):
                first = [entries[i] for i in dataset.ordering.order[:HEAD_ENTRIES]]
            else:
                first = heapq.nsmallest(HEAD_ENTRIES, entries, key=entry_sort_key)
            head = Dataset(
                title=dataset.title,
                language=dataset.language,
                sources=dataset.sources,
                actors=dataset.actors,
                events=tuple(e for e in first if isinstance(e, Event)),
                statements=tuple(e for e in first if isinstance(e, Statement)),
                files=dataset.files,
            )
            body = msgspec.msgpack.encode([len(entries), pack(encode(head))])
            _write_entry(directory, secret, f"{quick_key}.head.cache", body)
        _prune(directory)
    except Exception:  # a cache is optional: a full disk or a read-only place is no error
        return


_writers: list[threading.Thread] = []


def write_soon(key: str, dataset: Dataset, quick_key: str | None = None) -> None:
    """:func:`write` in a thread, beside the caller's work rather than before it. The thread is
    not a daemon: the program waits for it before it ends, so the entry is complete."""
    writer = threading.Thread(target=write, args=(key, dataset, quick_key), name="cache-write")
    _writers.append(writer)
    writer.start()


def flush() -> None:
    """Wait for the writes started by :func:`write_soon`."""
    while _writers:
        _writers.pop().join()


def _write_entry(directory: Path, secret: bytes, name: str, body: bytes) -> None:
    target = directory / name
    if os.path.lexists(target) and not _is_ours(target):
        return  # not ours to replace
    fd, temporary = tempfile.mkstemp(dir=directory, prefix=f".tmp-{name}-")  # mode 0600
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(MAGIC + _mac(secret, name, body) + b"\n" + body)
        os.replace(temporary, target)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def _prune(directory: Path) -> None:
    """Keep the newest :data:`KEEP` entries; remove temporaries of ours left by a dead writer.
    Only regular files named as ours and starting with :data:`MAGIC` are ever removed."""
    entries: list[tuple[float, str]] = []
    now = time.time()
    with os.scandir(directory) as scan:
        for item in scan:
            is_entry = _ENTRY_NAME.fullmatch(item.name) is not None
            if not is_entry and not _TEMP_NAME.fullmatch(item.name):
                continue
            try:
                info = item.stat(follow_symlinks=False)
            except OSError:
                continue
            if not stat.S_ISREG(info.st_mode):
                continue
            path = directory / item.name
            if is_entry:
                if _is_ours(path):
                    entries.append((info.st_mtime, item.name))
            elif now - info.st_mtime > STALE_SECONDS and (info.st_size == 0 or _is_ours(path)):
                with contextlib.suppress(OSError):
                    path.unlink()
    entries.sort()
    for _, name in entries[:-KEEP]:
        with contextlib.suppress(OSError):
            (directory / name).unlink()
