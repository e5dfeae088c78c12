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
import dataclasses
import gc
import hashlib
import heapq
import hmac
import os
import re
import stat
import tempfile
import threading
import time
from collections.abc import Sequence
from itertools import islice, repeat
from pathlib import Path
from sys import intern
from typing import Any

import msgspec

from . import __version__
from .checks import reply_cycles
from .limits import FAST_FROM_BYTES as MIN_BYTES
from .limits import HEAD_ENTRIES as HEAD_ENTRIES
from .model import Dataset, DateError, Entry, Event, PartialDate, Statement, entry_sort_key
from .order import Ordering
from .schema import ID_RE, LANGUAGE_RE, SCHEMA, FieldSpec, RecordSpec, Schema, end_problem

KEEP = 16  # cache entries kept (a dataset and its head each); the oldest go first
STALE_SECONDS = 600  # a temporary file of ours this old was left by a writer that died
MAGIC = b"timeline-explorer cache 3\n"
SECRET_NAME = "timeline-explorer.key"
_FORMAT = 3
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
    name = f"{key}.cache"
    body = _read_entry(name)
    if body is None:
        return None
    try:
        with _collector_paused():
            return decode_bytes(body, whole=True)
    except Exception:  # not what we wrote: forget it
        _forget(name)
        return None


def read_head(key: str) -> tuple[Dataset, int] | None:
    """The first entries of the timeline stored with :func:`write`, and how many there are
    in all: enough to show the first rows while the rest loads. The full load that follows
    checks everything, so a head that no longer matches the file is only shown for a moment.
    """
    name = f"{key}.head.cache"
    body = _read_entry(name)
    if body is None:
        return None
    try:
        with _collector_paused():
            total, packed = msgspec.msgpack.decode(body, type=tuple[int, bytes])
            dataset = decode_bytes(packed, whole=False)
        if total < len(dataset.events) + len(dataset.statements):
            raise _Invalid("count")
        return dataset, total
    except Exception:
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


@contextlib.contextmanager
def _collector_paused() -> Any:
    """A million new objects, none of them garbage: skip the collector's passes meanwhile."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


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


# -- payload: plain data only, by columns ------------------------------------------------------
#
# The payload is a list: format, version, title, language, files, then one table per top-level
# record kind (its count, then one column per field in declaration order, then the file order as
# two integer columns for entries), then the timeline order (``order`` and ``placed_after`` of
# :class:`order.Ordering`) or None. Lists of ids or texts are two columns: the length of each
# record's list, and all their items in a row. Stored by columns, a payload is read by msgspec
# into typed lists in C (a wrong type fails there) and checked a column at a time.


def encode(dataset: Dataset, schema: Schema = SCHEMA) -> list[Any]:
    """A dataset as plain data (lists, strings, integers), by columns (see above).

    Args:
        dataset: the data.
        schema: the declaration of the format (a modified copy in the tests).
    """
    ordering = dataset.ordering
    entries = len(dataset.events) + len(dataset.statements)
    stored_order: list[Any] | None = None
    if ordering is not None and len(ordering.order) == entries and not ordering.problems:
        stored_order = [list(ordering.order), list(ordering.placed_after)]
    return [
        _FORMAT,
        __version__,
        dataset.title,
        dataset.language,
        [],  # the files' names are the caller's (a name need not be UTF-8)
        *(_encode_table(schema, spec, _records(dataset, spec.kind)) for spec in schema.top_level),
        stored_order,
    ]


def _records(dataset: Dataset, kind: str) -> tuple[Any, ...]:
    lists = {"source": dataset.sources, "actor": dataset.actors}
    lists |= {"event": dataset.events, "statement": dataset.statements}
    return lists[kind]


def _encode_table(schema: Schema, spec: RecordSpec, records: Sequence[Any]) -> list[Any]:
    table: list[Any] = [len(records)]
    for field in spec.fields:
        values = [getattr(record, field.name) for record in records]
        if field.type == "date":
            table.append([v.text if v is not None else None for v in values])
        elif field.type == "records":
            assert field.nested is not None
            nested = schema.records[field.nested]
            table.append([[_encode_record(schema, nested, item) for item in v] for v in values])
        elif field.is_list:
            table.append([[len(v) for v in values], [item for v in values for item in v]])
        else:
            table.append(values)
    if spec.ordered:
        table.append([record.order[0] for record in records])
        table.append([record.order[1] for record in records])
    return table


def _encode_record(schema: Schema, spec: RecordSpec, record: Any) -> list[Any]:
    """A nested record (an actor's link) as a row of its fields."""
    out: list[Any] = []
    for field in spec.fields:
        value = getattr(record, field.name)
        if field.type == "date":
            value = value.text if value is not None else None
        elif field.type == "records":
            assert field.nested is not None
            nested = schema.records[field.nested]
            value = [_encode_record(schema, nested, item) for item in value]
        elif field.is_list:
            value = list(value)
        out.append(value)
    return out


class _Invalid(ValueError):
    """The payload is not one this version writes."""


def _fields(value: Any, count: int) -> list[Any]:
    if type(value) is not list or len(value) != count:
        raise _Invalid("shape")
    return value


def _items(value: Any) -> list[Any]:
    if type(value) is not list:
        raise _Invalid("list")
    return value


def _column_type(field: FieldSpec) -> Any:
    """The msgspec type of one field's column."""
    if field.type in ("texts", "refs"):
        return tuple[list[int], list[str]]
    if field.type == "records":
        return list[list[Any]]
    if field.required or field.type in ("id", "choice"):
        return list[str]
    return list[str | None]


_TYPES: dict[int, tuple[Schema, tuple[Any, list[list[Any]], Any]]] = {}


def _payload_type(schema: Schema) -> tuple[Any, list[list[Any]], Any]:
    """The msgspec types for this declaration (built once per schema): of a whole payload,
    of each column of each table, of the timeline order."""
    known = _TYPES.get(id(schema))
    if known is not None and known[0] is schema:
        return known[1]
    column_types = []
    for spec in schema.top_level:
        columns: list[Any] = [_column_type(f) for f in spec.fields]
        if spec.ordered:
            columns += [list[int], list[int]]
        column_types.append(columns)
    tables = [_tuple_of([int, *columns]) for columns in column_types]
    ordering = tuple[list[int], list[int | None]] | None
    parts = (int, str, str | None, str | None, list[str], *tables, ordering)
    whole = _tuple_of(parts)
    types = (whole, column_types, ordering)
    _TYPES[id(schema)] = (schema, types)
    return types


def _packed_type(schema: Schema) -> Any:
    """The msgspec type of a payload as :func:`pack` wrote it: its columns still packed."""
    _, column_types, _ = _payload_type(schema)
    tables = [_tuple_of([int, *[bytes] * len(columns)]) for columns in column_types]
    return _tuple_of([int, str, str | None, str | None, list[str], *tables, bytes])


def _tuple_of(items: Sequence[Any]) -> Any:
    """``tuple[items...]``: a fixed-length tuple type made at run time."""
    return tuple.__class_getitem__(tuple(items))


class _Decoder:
    """Turns a payload back into the model, checking every value as its declaration says, as
    strictly as the loader: a column at a time for top-level records, a record at a time for
    nested ones."""

    def __init__(self, schema: Schema) -> None:
        self.schema = schema
        self.dates: dict[str | None, PartialDate | None] = {None: None}
        self.shared: dict[str | None, str | None] = {None: None}  # one object per text

    @staticmethod
    def text(value: Any, required: bool = False) -> str:
        if type(value) is not str or (required and not value.strip()):
            raise _Invalid("text")
        return value

    def date(self, value: Any) -> PartialDate:
        text = self.text(value)
        known = self.dates.get(text)
        if known is None:
            try:
                known = self.dates[text] = PartialDate.parse(text)
            except DateError:
                raise _Invalid("date") from None
        return known

    def language(self, value: Any) -> str | None:
        if value is None:
            return None
        if type(value) is not str or not LANGUAGE_RE.fullmatch(value):
            raise _Invalid("language")
        return intern(value)

    # -- columns (types already checked by msgspec) ----------------------------------------

    def share(self, column: list[Any]) -> list[Any]:
        """The column with one string object for equal texts."""
        memo = self.shared
        return list(map(memo.setdefault, column, column))

    def column(self, field: FieldSpec, column: Any, count: int) -> list[Any]:
        """One field's values for every record, checked as its declaration says."""
        kind = field.type
        if kind in ("texts", "refs"):
            lengths, items = column
            if len(lengths) != count or sum(lengths) != len(items) or min(lengths, default=0) < 0:
                raise _Invalid("lengths")
            if not all(map(str.strip, items)):
                raise _Invalid("text")
            flat = iter(self.share(items))
            return [tuple(islice(flat, n)) if n else () for n in lengths]
        if len(column) != count:
            raise _Invalid("count")
        if kind == "records":
            assert field.nested is not None
            nested = self.schema.records[field.nested]
            return [tuple(self.record(nested, item) for item in items) for items in column]
        present = [v for v in column if v is not None] if None in column else column
        if kind == "id":
            if not all(map(ID_RE.fullmatch, column)):
                raise _Invalid("id")
            return list(map(intern, column))
        if kind in ("text", "ref"):
            if (field.required or kind == "ref") and not all(map(str.strip, present)):
                raise _Invalid("text")
            return self.share(column) if field.shared or kind == "ref" else column
        if kind == "date":
            dates = self.dates
            for text in set(present).difference(dates):
                try:
                    dates[text] = PartialDate.parse(text)
                except DateError:
                    raise _Invalid("date") from None
            return list(map(dates.__getitem__, column))
        if kind == "choice":
            choices = {c: c for c in field.choices}
            if not choices.keys() >= set(column):
                raise _Invalid("choice")
            return list(map(choices.__getitem__, column))
        assert kind == "language"
        written = set(present)
        if not all(map(LANGUAGE_RE.fullmatch, written)):
            raise _Invalid("language")
        languages: dict[str | None, str | None] = {v: intern(v) for v in written}
        languages[None] = None
        return list(map(languages.__getitem__, column))

    def table(self, spec: RecordSpec, table: Any) -> tuple[dict[str, Any], int]:
        """The checked columns of one record kind by attribute, and how many records."""
        count, *columns = table
        if count < 0:
            raise _Invalid("count")
        values = {
            f.name: self.column(f, column, count)
            for f, column in zip(spec.fields, columns, strict=False)
        }
        if spec.ordered:
            files, ranks = columns[-2:]
            if len(files) != count or len(ranks) != count or min([*files, *ranks, 0]) < 0:
                raise _Invalid("order")
            values["order"] = list(zip(files, ranks, strict=True))
        if "end" in values and "date" in values:
            for start, end in zip(values["date"], values["end"], strict=True):
                if end is not None and end_problem(start, end):
                    raise _Invalid("end")
        return values, count

    @staticmethod
    def build(spec: RecordSpec, values: dict[str, Any], count: int) -> tuple[Any, ...]:
        """The records of one kind from their checked columns."""
        # Positional arguments, each column given by the name of the attribute it fills.
        names = [f.name for f in dataclasses.fields(spec.record) if f.init]
        if not values.keys() <= set(names):
            raise _Invalid("fields")
        args = [
            values[name] if name in values else repeat(_default(spec.record, name), count)
            for name in names
        ]
        return tuple(map(spec.record, *args))

    # -- nested records, a row each ----------------------------------------------------------

    def value(self, field: FieldSpec, value: Any) -> Any:
        """One field's value, checked as its declaration says."""
        kind = field.type
        if value is None and not field.required and kind in ("text", "ref", "date", "language"):
            return None
        if kind == "id":
            if type(value) is not str or not ID_RE.fullmatch(value):
                raise _Invalid("id")
            return intern(value)
        if kind == "text":
            text = self.text(value, field.required)
            return intern(text) if field.shared else text
        if kind in ("texts", "refs"):
            return tuple(intern(self.text(v, True)) for v in _items(value))
        if kind == "ref":
            return intern(self.text(value, required=True))
        if kind == "date":
            return self.date(value)
        if kind == "choice":
            if type(value) is not str or value not in field.choices:
                raise _Invalid("choice")
            return field.choices[field.choices.index(value)]
        if kind == "language":
            return self.language(value)
        assert kind == "records" and field.nested is not None
        nested = self.schema.records[field.nested]
        return tuple(self.record(nested, item) for item in _items(value))

    def record(self, spec: RecordSpec, value: Any) -> Any:
        """One nested record of a payload."""
        written = _fields(value, len(spec.fields))
        values = {f.name: self.value(f, v) for f, v in zip(spec.fields, written, strict=True)}
        if values.get("end") is not None and end_problem(values["date"], values["end"]):
            raise _Invalid("end")
        return spec.record(**values)


def _default(record: type, name: str) -> Any:
    for f in dataclasses.fields(record):
        if f.name == name:
            if f.default is not dataclasses.MISSING:
                return f.default
            if f.default_factory is not dataclasses.MISSING:
                return f.default_factory()
    raise _Invalid("fields")  # a required attribute the payload does not fill


def _references_hold(schema: Schema, columns: dict[str, dict[str, Any]], whole: bool) -> bool:
    """The checks of ``checks.all_clear`` on columns, as set operations: every id defined once,
    every reference names an id of a kind it may name (in a head, an entry it does not hold
    is no error), and no cycle of replies."""
    ids = {kind: values["id"] for kind, values in columns.items()}
    defined = set().union(*ids.values())
    if len(defined) != sum(map(len, ids.values())):
        return False
    id_sets = {kind: set(values) for kind, values in ids.items()}

    def holds(field: FieldSpec, targets: set[Any]) -> bool:
        targets.discard(None)
        allowed: set[str] = set().union(*(id_sets.get(k, ()) for k in field.refers_to))
        missing = targets - allowed
        if missing and not whole and set(field.refers_to) <= {"event", "statement"}:
            missing &= defined  # named but not held: fine in a head
        return not missing

    def fields_hold(spec: RecordSpec, values: dict[str, Any]) -> bool:
        for field in spec.fields:
            column = values[field.name]
            if field.type == "ref" and not holds(field, set(column)):
                return False
            if field.type == "refs" and not holds(field, set().union(*column)):
                return False
            if field.type == "records" and field.nested is not None:
                nested = schema.records[field.nested]
                rows = [item for items in column for item in items]
                inner = {f.name: [getattr(r, f.name) for r in rows] for f in nested.fields}
                if not fields_hold(nested, inner):
                    return False
        return True

    for spec in schema.top_level:
        if spec.kind in columns and not fields_hold(spec, columns[spec.kind]):
            return False
    statements = columns.get("statement", {})
    answered = statements.get("responds_to")
    if answered is None:
        return True
    replies = {i: r for i, r in zip(statements["id"], answered, strict=True) if r is not None}
    return not reply_cycles(list(replies), replies.get)


def _ordering(stored: Any, count: int) -> Ordering | None:
    """The timeline order as stored, checked to be one (a permutation, places in range)."""
    if stored is None:
        return None
    order, placed_after = stored
    if len(order) != count or len(placed_after) != count:
        raise _Invalid("ordering")
    if sorted(order) != list(range(count)):
        raise _Invalid("ordering")
    if not all(p is None or 0 <= p < count for p in placed_after):
        raise _Invalid("ordering")
    position = [0] * count
    for place, item in enumerate(order):
        position[item] = place
    return Ordering(tuple(order), tuple(position), tuple(placed_after), ())


def decode(payload: Any, schema: Schema = SCHEMA, *, whole: bool = True) -> Dataset:
    """The dataset of a payload given as plain data; raises on anything this version would not
    have written.

    Args:
        payload: what :func:`encode` gave.
        schema: the declaration of the format (a modified copy in the tests).
        whole: False for a head, whose entries may name entries it does not hold.
    """
    return _build(_typed(payload, schema), schema, whole)


def _typed(payload: Any, schema: Schema) -> Any:
    if type(payload) is not list or not payload or payload[0] != _FORMAT:
        raise _Invalid("another version")
    return msgspec.convert(payload, _payload_type(schema)[0], strict=True)


def pack(payload: list[Any]) -> bytes:
    """A payload as written: msgpack, each column (and the timeline order) packed apart, so
    that reading it is a series of short steps rather than one long one that would hold the
    interpreter while a key waits."""
    head, tables, order = payload[:5], payload[5:-1], payload[-1]
    packed = [[table[0], *map(msgspec.msgpack.encode, table[1:])] for table in tables]
    return msgspec.msgpack.encode([*head, *packed, msgspec.msgpack.encode(order)])


def unpack(body: bytes) -> list[Any]:
    """What :func:`pack` packed, as plain data, unchecked (for tools and tests)."""
    *head, order = msgspec.msgpack.decode(body)
    tables = [[t[0], *map(msgspec.msgpack.decode, t[1:])] for t in head[5:]]
    return [*head[:5], *tables, msgspec.msgpack.decode(order)]


def decode_bytes(body: bytes, schema: Schema = SCHEMA, *, whole: bool = True) -> Dataset:
    """The dataset of a payload as written by :func:`pack`, typed by msgspec as it is read,
    a column at a time."""
    _, column_types, order_type = _payload_type(schema)
    *head, order = msgspec.msgpack.decode(body, type=_packed_type(schema))
    tables = [
        (
            table[0],
            *(msgspec.msgpack.decode(c, type=t) for c, t in zip(table[1:], types, strict=True)),
        )
        for table, types in zip(head[5:], column_types, strict=True)
    ]
    typed = (*head[:5], *tables, msgspec.msgpack.decode(order, type=order_type))
    return _build(typed, schema, whole)


def _build(payload: Any, schema: Schema, whole: bool) -> Dataset:
    fmt, version, title, language, files, *tables, stored_order = payload
    if fmt != _FORMAT or version != __version__:
        raise _Invalid("another version")
    decoder = _Decoder(schema)
    columns = {
        spec.kind: decoder.table(spec, table)
        for spec, table in zip(schema.top_level, tables, strict=True)
    }
    if not _references_hold(schema, {kind: values for kind, (values, _) in columns.items()}, whole):
        raise _Invalid("references")
    by_kind = {spec.kind: decoder.build(spec, *columns[spec.kind]) for spec in schema.top_level}
    events = by_kind.get("event", ())
    statements = by_kind.get("statement", ())
    ordering = _ordering(stored_order, len(events) + len(statements)) if whole else None
    return Dataset(
        title=title,
        language=decoder.language(language),
        files=tuple(files),  # () as written
        sources=by_kind.get("source", ()),
        actors=by_kind.get("actor", ()),
        events=events,
        statements=statements,
        ordering=ordering,
    )
