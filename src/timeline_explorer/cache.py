"""A cache of parsed and validated data, so that an unchanged big file opens at once.

- Keyed on each file's absolute path, size, modification time and a BLAKE2 hash of its bytes,
  and on the program version: any change is a miss, never a stale hit.
- Kept in the user's cache directory (``platformdirs``), in a directory created with mode 0700;
  it is used only when that directory and the file belong to the current user and nobody else
  can write them.
- Written atomically (a temporary file, then a rename); a file that cannot be read back as the
  expected structure is ignored and removed.
- The format is JSON (lists, strings, integers): data only, read without running anything,
  and checked field by field as it is turned back into the model.
- Only inputs of at least :data:`MIN_BYTES` are cached: smaller ones parse about as fast.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import heapq
import json
import os
import stat
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path
from sys import intern
from typing import Any

from . import __version__
from .model import (
    Actor,
    Dataset,
    Entry,
    Event,
    Link,
    PartialDate,
    Source,
    Statement,
    entry_sort_key,
)

MIN_BYTES = 256 * 1024  # the loader asks only from this size (FAST_FROM_BYTES)
KEEP = 16  # cache files kept (a dataset and its head each); the oldest go first
HEAD_ENTRIES = 500  # entries stored apart to show the first rows of an unchanged file at once
_FORMAT = 1


def cache_dir() -> Path | None:
    """The user's cache directory for timeline-explorer, or None when it cannot be trusted."""
    override = os.environ.get("TIMELINE_EXPLORER_CACHE")
    if override:
        base = Path(override)
    else:
        from platformdirs import user_cache_dir

        base = Path(user_cache_dir("timeline-explorer", appauthor=False))
    try:
        base.mkdir(mode=0o700, parents=True, exist_ok=True)
        return base if _private(base) else None
    except OSError:
        return None


def _private(path: Path) -> bool:
    """Owned by us and writable by nobody else."""
    info = path.stat()
    owner_ok = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return owner_ok and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def cache_key(inputs: Sequence[tuple[str, bytes]]) -> str | None:
    """The key for these (path, content) inputs, or None when they should not be cached."""
    if sum(len(data) for _, data in inputs) < MIN_BYTES or any(p == "-" for p, _ in inputs):
        return None
    digest = hashlib.blake2b(f"{__version__}/{_FORMAT}".encode(), digest_size=20)
    for path, data in inputs:
        info = os.stat(path)
        digest.update(f"\0{os.path.abspath(path)}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
        digest.update(hashlib.blake2b(data, digest_size=20).digest())
    return digest.hexdigest()


def head_key(paths: Sequence[str]) -> str | None:
    """A quick key from paths, sizes and modification times only, for the head (see below)."""
    if any(p == "-" for p in paths):
        return None
    digest = hashlib.blake2b(f"head/{__version__}/{_FORMAT}".encode(), digest_size=20)
    total = 0
    try:
        for path in paths:
            info = os.stat(path)
            total += info.st_size
            digest.update(f"\0{os.path.abspath(path)}\0{info.st_size}\0{info.st_mtime_ns}".encode())
    except OSError:
        return None
    return digest.hexdigest() if total >= MIN_BYTES else None


def read(key: str) -> Dataset | None:
    """The cached dataset for a key, or None (missing, foreign, corrupt or another version)."""
    payload = _read_json(f"{key}.json")
    try:
        return _from_payload(payload) if payload is not None else None
    except Exception:  # not what we wrote: forget it
        _forget(f"{key}.json")
        return None


def read_head(key: str) -> tuple[Dataset, int] | None:
    """The first entries of the timeline stored with :func:`write`, and how many there are
    in all: enough to show the first rows while the rest loads. The full load that follows
    checks everything, so a head that no longer matches the file is only shown for a moment.
    """
    payload = _read_json(f"{key}.head.json")
    try:
        if payload is None:
            return None
        total, body = payload
        return _from_payload(body), int(total)
    except Exception:
        _forget(f"{key}.head.json")
        return None


def write(key: str, dataset: Dataset, quick_key: str | None = None) -> None:
    """Store a dataset (and its head under ``quick_key``) atomically; failures are silent."""
    _write_json(f"{key}.json", _to_payload(dataset))
    if quick_key is not None:
        entries: list[Entry] = [*dataset.events, *dataset.statements]
        first = heapq.nsmallest(HEAD_ENTRIES, entries, key=entry_sort_key)
        head = Dataset(
            dataset.title,
            dataset.language,
            dataset.sources,
            dataset.actors,
            tuple(e for e in first if isinstance(e, Event)),
            tuple(e for e in first if isinstance(e, Statement)),
            dataset.files,
        )
        _write_json(f"{quick_key}.head.json", [len(entries), _to_payload(head)])


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


def _read_json(name: str) -> Any:
    directory = cache_dir()
    if directory is None:
        return None
    path = directory / name
    try:
        if not _private(path):
            return None
        with path.open("rb") as handle:
            raw = handle.read()
        collecting = gc.isenabled()
        gc.disable()  # a million new objects, none of them garbage: skip the collector's passes
        try:
            return json.loads(raw)
        finally:
            if collecting:
                gc.enable()
    except FileNotFoundError:
        return None
    except Exception:  # corrupt or foreign: forget it
        _forget(name)
        return None


def _forget(name: str) -> None:
    directory = cache_dir()
    if directory is not None:
        with contextlib.suppress(OSError):
            (directory / name).unlink()


def _write_json(name: str, payload: Any) -> None:
    directory = cache_dir()
    if directory is None:
        return
    data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    fd, temporary = tempfile.mkstemp(dir=directory, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, directory / name)
        _prune(directory)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def _prune(directory: Path) -> None:
    files = sorted(directory.glob("*.json"), key=lambda p: p.stat().st_mtime)
    for old in files[:-KEEP]:
        with contextlib.suppress(OSError):
            old.unlink()


# -- payload: plain data only ---------------------------------------------------------------


def _date(value: PartialDate | None) -> str | None:
    return value.text if value is not None else None


def _to_payload(dataset: Dataset) -> tuple[Any, ...]:
    return (
        _FORMAT,
        __version__,
        dataset.title,
        dataset.language,
        list(dataset.files),
        [(s.id, s.title, s.publisher, s.url, _date(s.date)) for s in dataset.sources],
        [
            (
                a.id,
                a.name,
                a.kind,
                a.description,
                list(a.aliases),
                [(k.to, k.type, k.description) for k in a.links],
            )
            for a in dataset.actors
        ],
        [
            (
                e.id,
                e.date.text,
                e.title,
                _date(e.end),
                e.description,
                e.place,
                list(e.actors),
                list(e.sources),
                list(e.tags),
                list(e.order),
            )
            for e in dataset.events
        ],
        [
            (
                s.id,
                s.date.text,
                s.speaker,
                s.text,
                s.kind,
                s.place,
                s.context,
                s.on_behalf_of,
                list(s.mentions),
                s.event,
                s.responds_to,
                list(s.sources),
                s.language,
                list(s.tags),
                list(s.order),
            )
            for s in dataset.statements
        ],
    )


def _from_payload(payload: Any) -> Dataset:
    fmt, version, title, language, files, sources, actors, events, statements = payload
    if fmt != _FORMAT or version != __version__:
        raise ValueError("another version")
    dates: dict[str, PartialDate] = {}

    def day(text: str) -> PartialDate:
        known = dates.get(text)
        if known is None:
            known = dates[text] = PartialDate.parse(text)
        return known

    def maybe_day(text: str | None) -> PartialDate | None:
        return day(text) if text is not None else None

    def ids(values: list[str]) -> tuple[str, ...]:
        return tuple(map(intern, values))

    def one(value: str | None) -> str | None:
        return intern(value) if value is not None else None

    return Dataset(
        title=title,
        language=language,
        files=tuple(files),
        sources=tuple(Source(i, t, p, u, maybe_day(d)) for i, t, p, u, d in sources),
        actors=tuple(
            Actor(i, n, k, d, tuple(al), tuple(Link(*link) for link in links))
            for i, n, k, d, al, links in actors
        ),
        events=tuple(
            Event(
                i, day(d), t, maybe_day(end), desc, one(pl), ids(a), ids(s), ids(tg), (o[0], o[1])
            )
            for i, d, t, end, desc, pl, a, s, tg, o in events
        ),
        statements=tuple(
            Statement(
                i,
                day(d),
                intern(sp),
                tx,
                intern(k),
                one(pl),
                one(cx),
                one(ob),
                ids(m),
                one(ev),
                one(rt),
                ids(s),
                one(lang),
                ids(tg),
                (o[0], o[1]),
            )
            for i, d, sp, tx, k, pl, cx, ob, m, ev, rt, s, lang, tg, o in statements
        ),
    )
