"""The cache of parsed data: hits when unchanged, misses on any change, ignores bad files."""

from __future__ import annotations

import errno
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import msgspec
import pytest

from timeline_explorer import cache
from timeline_explorer.index import TimelineIndex
from timeline_explorer.loader import LoadError, load_head, load_paths
from timeline_explorer.model import Dataset
from timeline_explorer.schema import SCHEMA

from .conftest import make_dataset
from .test_e2e_pty import timeline_command

ROOT = Path(__file__).parent.parent


@pytest.fixture()
def big(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TIMELINE_EXPLORER_CACHE", str(tmp_path / "cache"))
    out = make_dataset(tmp_path, 4000, 3)
    return out


def load(path: Path) -> Dataset:
    """Load with the cache, and wait until the cache entry is written."""
    dataset = load_paths([str(path)], use_cache=True)
    cache.flush()
    return dataset


def cached_files(tmp_path: Path) -> list[Path]:
    return sorted(p for p in (tmp_path / "cache").glob("*.cache") if ".head." not in p.name)


def test_the_head_of_an_unchanged_file_is_there_at_once(big: Path) -> None:
    assert load_head([str(big)]) is None  # nothing cached yet
    full = load(big)
    head = load_head([str(big)])
    assert head is not None
    dataset, total = head
    assert total == len(full.events) + len(full.statements) == 4000
    first = TimelineIndex.build(full).entries[: cache.HEAD_ENTRIES]
    assert TimelineIndex.build(dataset).entries == first
    big.touch()  # a new modification time: no head
    assert load_head([str(big)]) is None


def test_unchanged_file_is_read_from_the_cache(big: Path, tmp_path: Path) -> None:
    first = load(big)
    (entry,) = cached_files(tmp_path)
    assert oct(entry.stat().st_mode & 0o777) == "0o600"
    assert oct((tmp_path / "cache").stat().st_mode & 0o777) == "0o700"
    again = load(big)
    assert again == first
    assert [e.order for e in again.events] == [e.order for e in first.events]
    # The timeline order comes from the entry too, as the parse worked it out.
    assert again.ordering is not None and again.ordering == first.ordering
    assert TimelineIndex.build(again).entries == TimelineIndex.build(first).entries


def test_a_changed_file_is_a_miss(big: Path, tmp_path: Path) -> None:
    load(big)
    text = big.read_text(encoding="utf-8").replace("Source 0", "Source zero", 1)
    big.write_text(text, encoding="utf-8")
    changed = load(big)
    assert changed.sources[0].title == "Source zero"
    assert len(cached_files(tmp_path)) == 2


def test_corrupt_and_foreign_entries_are_ignored(big: Path, tmp_path: Path) -> None:
    reference = load(big)
    (entry,) = cached_files(tmp_path)
    entry.write_bytes(b'[1, "not what we wrote"]')
    assert load(big) == reference  # reloaded from the file
    (entry,) = cached_files(tmp_path)
    entry.chmod(0o666)  # writable by others: never trusted
    assert cache.read(entry.name.removesuffix(".cache")) is None


def test_no_cache_and_small_files_write_nothing(big: Path, tmp_path: Path) -> None:
    load_paths([str(big)], use_cache=False)
    load_paths([str(ROOT / "events.yaml")], use_cache=True)
    assert cached_files(tmp_path) == []


def test_a_group_writable_cache_dir_is_not_used(big: Path, tmp_path: Path) -> None:
    directory = tmp_path / "cache"
    directory.mkdir(mode=0o700)
    os.chmod(directory, 0o777)
    assert cache.cache_dir() is None
    load(big)
    assert cached_files(tmp_path) == []


# -- the payload is never trusted -------------------------------------------------------------


def _split(entry: Path) -> tuple[bytes, bytes, Any]:
    raw = entry.read_bytes()
    assert raw.startswith(cache.MAGIC)
    mac, body = raw[len(cache.MAGIC) :].split(b"\n", 1)
    return raw[: len(cache.MAGIC)], mac, body


def _column(table: list[Any], kind: str, name: str) -> list[Any]:
    """A table's column for an attribute (a table is its count, then a column per field)."""
    names = [f.name for f in SCHEMA.records[kind].fields]
    column: list[Any] = table[1 + names.index(name)]
    return column


def _tamper(payload: Any, how: str) -> None:
    """Change a dataset payload as an attacker would (the layout follows cache.encode)."""
    sources, actors, events, statements = payload[5:9]
    if how == "title-number":
        payload[2] = 42
    elif how == "text-mapping":
        _column(statements, "statement", "text")[0] = {}
    elif how == "name-null":
        _column(actors, "actor", "name")[0] = None
    elif how == "kind-escape":
        _column(statements, "statement", "kind")[0] = "quote\x1b[2J"
    elif how == "extra-entries":  # a copy of the first event under a new id
        events[0] += 1
        for column in events[1:]:
            if len(column) == 2 and isinstance(column[0], list):  # lengths, then the items
                lengths, items = column
                items.extend(items[: lengths[0]])
                lengths.append(lengths[0])
            else:
                column.append(column[0])
        _column(events, "event", "id")[-1] = "forged"
        payload[-1] = None  # the stored order no longer fits: leave it out
    elif how == "unknown-speaker":
        _column(statements, "statement", "speaker")[0] = "nobody"
    elif how == "order-text":
        events[-2][0] = "a"  # the file order comes last, as two columns
    elif how == "short-record":
        del sources[-1]
    elif how == "date-text":
        _column(events, "event", "date")[0] = "yesterday"
    elif how == "order-repeat":
        order = payload[-1][0]
        order[1] = order[0]


TAMPERS = [
    "title-number",
    "text-mapping",
    "name-null",
    "kind-escape",
    "extra-entries",
    "unknown-speaker",
    "order-text",
    "short-record",
    "date-text",
    "order-repeat",
]


@pytest.mark.parametrize("how", TAMPERS)
@pytest.mark.parametrize("forger_has_the_secret", [False, True])
def test_a_changed_payload_is_ignored_and_rebuilt(
    big: Path, tmp_path: Path, how: str, forger_has_the_secret: bool
) -> None:
    """Without the secret no change passes the MAC; with it, no wrong value passes the checks:
    the entry is ignored, the file is loaded again, and nothing raises."""
    reference = load(big)
    (entry,) = cached_files(tmp_path)
    magic, mac, body = _split(entry)
    payload = cache.unpack(body)
    _tamper(payload, how)
    body = cache.pack(payload)
    if forger_has_the_secret:
        secret = (tmp_path / "cache" / cache.SECRET_NAME).read_bytes()
        mac = cache._mac(secret, entry.name, body)
    entry.write_bytes(magic + mac + b"\n" + body)
    key = entry.name.removesuffix(".cache")
    if how == "extra-entries" and forger_has_the_secret:
        # Well-formed and signed: only the secret keeps such an entry out.
        assert cache.read(key) is not None
        return
    assert cache.read(key) is None
    again = load(big)
    assert again == reference
    assert len(again.events) + len(again.statements) == 4000


@pytest.mark.parametrize("how", ["title-number", "name-null", "kind-escape", "extra-entries"])
def test_a_changed_head_is_ignored(big: Path, tmp_path: Path, how: str) -> None:
    load(big)
    (head,) = (tmp_path / "cache").glob("*.head.cache")
    magic, mac, body = _split(head)
    total, packed = msgspec.msgpack.decode(body)
    payload = cache.unpack(packed)
    _tamper(payload, how)
    body = msgspec.msgpack.encode([total + 1, cache.pack(payload)])
    head.write_bytes(magic + mac + b"\n" + body)
    assert load_head([str(big)]) is None


def test_an_entry_cannot_be_moved_to_another_key(big: Path, tmp_path: Path) -> None:
    """The MAC covers the entry's name: a valid entry copied under another file's key is no hit."""
    load(big)
    (entry,) = cached_files(tmp_path)
    other = make_dataset(tmp_path, 3000, 5)
    load(other)
    target = next(p for p in cached_files(tmp_path) if p != entry)
    target.write_bytes(entry.read_bytes())
    assert cache.read(target.name.removesuffix(".cache")) is None
    assert len(load(other).events) + len(load(other).statements) == 3000


def test_the_secret_is_private_and_kept(big: Path, tmp_path: Path) -> None:
    load(big)
    secret = tmp_path / "cache" / cache.SECRET_NAME
    assert oct(secret.stat().st_mode & 0o777) == "0o600"
    first = secret.read_bytes()
    assert len(first) == 32
    big.touch()
    load(big)
    assert secret.read_bytes() == first


# -- the head is the head of the file that was read --------------------------------------------


def test_a_file_replaced_during_the_parse_never_shows_the_old_head(
    big: Path, tmp_path: Path
) -> None:
    replacement = tmp_path / "replacement.yaml"
    text = big.read_text(encoding="utf-8")
    replacement.write_text(text.replace("Generated timeline", "Replacement timeline", 1))
    swapped: list[object] = []

    def swap(_read: int, _total: int) -> None:
        if not swapped:
            os.replace(replacement, big)
            swapped.append(True)

    old = load_paths([str(big)], use_cache=True, progress=swap)
    cache.flush()
    assert swapped and old.title is not None and old.title.startswith("Generated")
    head = load_head([str(big)])
    assert head is None or head[0].title == load(big).title
    assert load(big).title is not None and load(big).title.startswith("Replacement")  # type: ignore[union-attr]


# -- files the cache must never touch ---------------------------------------------------------


def _user_files(directory: Path) -> dict[str, bytes]:
    directory.mkdir(exist_ok=True)
    files = {}
    for n in range(20):
        name = f"notes-{n}.json"
        (directory / name).write_text(json.dumps({"note": n}))
        os.utime(directory / name, (1_000_000 + n, 1_000_000 + n))  # older than any entry
        files[name] = (directory / name).read_bytes()
    for name in ("a" * 40 + ".cache", "b" * 40 + ".head.cache", ".tmp-" + "c" * 40 + ".cache-x1"):
        (directory / name).write_bytes(b"the user's own file with our kind of name")
        os.utime(directory / name, (1_000_000, 1_000_000))
        files[name] = (directory / name).read_bytes()
    return files


def test_pruning_removes_only_files_the_program_wrote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = tmp_path / "cache"
    monkeypatch.setenv("TIMELINE_EXPLORER_CACHE", str(directory))
    files = _user_files(directory)
    outside = tmp_path / "outside.cache"
    outside.write_bytes(cache.MAGIC + b"a file of ours outside the directory")
    (directory / ("d" * 40 + ".cache")).symlink_to(outside)
    os.mkfifo(directory / ("e" * 40 + ".cache"))
    dataset = load(make_dataset(tmp_path, 3000, 1))
    for n in range(cache.KEEP + 4):  # more entries than are kept
        cache.write(f"{n:040x}", dataset, f"{n + 100:040x}")
    for name, content in files.items():
        assert (directory / name).read_bytes() == content, name
    assert outside.exists() and (directory / ("d" * 40 + ".cache")).is_symlink()
    assert stat.S_ISFIFO((directory / ("e" * 40 + ".cache")).lstat().st_mode)
    regular = [p for p in directory.iterdir() if stat.S_ISREG(p.lstat().st_mode)]
    ours = [p for p in regular if p.read_bytes().startswith(cache.MAGIC)]
    assert len(ours) == cache.KEEP


def test_stale_temporary_files_of_ours_are_pruned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A writer killed mid-write leaves its temporary file: removed once it is old."""
    directory = tmp_path / "cache"
    monkeypatch.setenv("TIMELINE_EXPLORER_CACHE", str(directory))
    directory.mkdir(mode=0o700)
    old = time.time() - cache.STALE_SECONDS - 60
    names = {
        "stale": ".tmp-" + "1" * 40 + ".cache-abc123",
        "stale-empty": ".tmp-" + "2" * 40 + ".head.cache-abc123",
        "fresh": ".tmp-" + "3" * 40 + ".cache-abc123",
        "user": ".tmp-" + "4" * 40 + ".cache-abc123",
        "other": ".tmp-notes",
    }
    for what, name in names.items():
        content = b"" if what == "stale-empty" else cache.MAGIC + b"partial"
        if what in ("user", "other"):
            content = b"the user's text"
        (directory / name).write_bytes(content)
        if what != "fresh":
            os.utime(directory / name, (old, old))
    load(make_dataset(tmp_path, 3000, 1))
    left = {p.name for p in directory.iterdir()}
    assert names["stale"] not in left and names["stale-empty"] not in left
    assert {names["fresh"], names["user"], names["other"]} <= left


def test_no_home_means_no_cache_and_no_directories(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "nonexistent"
    monkeypatch.delenv("TIMELINE_EXPLORER_CACHE")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(home))
    assert cache.cache_dir() is None
    data = make_dataset(tmp_path, 3000, 1)
    before = sorted(tmp_path.iterdir())
    result = subprocess.run(
        [timeline_command(), "--check", str(data)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "HOME": str(home)},
    )
    assert result.returncode == 0 and "ok, 3000 entries" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(tmp_path.iterdir()) == before and not home.exists()
    # The override is made only where its parent exists.
    monkeypatch.setenv("TIMELINE_EXPLORER_CACHE", str(tmp_path / "a" / "b"))
    assert cache.cache_dir() is None and not (tmp_path / "a").exists()
    # A home without ~/.cache gets one.
    home.mkdir()
    monkeypatch.delenv("TIMELINE_EXPLORER_CACHE")
    made = cache.cache_dir()
    assert made is not None and made.is_relative_to(home)


def test_a_file_name_that_is_not_utf8(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMELINE_EXPLORER_CACHE", str(tmp_path / "cache"))
    made = make_dataset(tmp_path, 3000, 1)
    odd = Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9-\xff.yaml"))
    made.rename(odd)
    first = load(odd)
    assert len(cached_files(tmp_path)) == 1
    assert load(odd) == first
    assert load_head([str(odd)]) is not None


def _in_time(work: Any, seconds: float = 30) -> Any:
    """Run work in a thread; fail (rather than hang) if it has not finished in time."""
    out: list[Any] = []

    def run() -> None:
        try:
            out.append(("ok", work()))
        except BaseException as error:  # handed to the test below
            out.append(("raised", error))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "hung"
    how, value = out[0]
    if how == "raised":
        raise value
    return value


def test_a_fifo_as_the_data_file_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "f.yaml"
    os.mkfifo(fifo)
    result = subprocess.run(
        [timeline_command(), "--check", str(fifo)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 1
    assert f"{fifo}:1:1: error: not a regular file (a FIFO); expected a YAML file" in (
        result.stderr
    )
    assert "give '-'" in result.stderr and "Traceback" not in result.stderr
    with pytest.raises(LoadError) as refused:
        _in_time(lambda: load_paths([str(fifo)]))
    assert "not a regular file" in refused.value.report()


def test_special_files_at_the_cache_names_do_not_hang(big: Path, tmp_path: Path) -> None:
    reference = load(big)
    directory = tmp_path / "cache"
    names = [p.name for p in directory.iterdir() if p.name.endswith(".cache")]
    assert len(names) == 2  # the entry and its head
    for name in [*names, cache.SECRET_NAME]:
        (directory / name).unlink()
        os.mkfifo(directory / name)
    assert _in_time(lambda: load(big)) == reference
    assert _in_time(lambda: load_head([str(big)])) is None
    for name in names:  # the FIFOs are not ours: left in place
        assert stat.S_ISFIFO((directory / name).lstat().st_mode)


# -- failures to write are silent -------------------------------------------------------------


@pytest.mark.parametrize("error", [errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EDQUOT])
@pytest.mark.parametrize("where", ["mkstemp", "replace", "mkdir"])
def test_write_failures_are_silent(
    big: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
    error: int,
    where: str,
) -> None:
    def fail(*_args: Any, **_kwargs: Any) -> Any:
        raise OSError(error, os.strerror(error))

    if where == "mkstemp":
        monkeypatch.setattr(tempfile, "mkstemp", fail)
    elif where == "replace":
        monkeypatch.setattr(os, "replace", fail)
    else:
        monkeypatch.setattr(Path, "mkdir", fail)
    raised: list[BaseException | None] = []
    monkeypatch.setattr(threading, "excepthook", lambda hook: raised.append(hook.exc_value))
    dataset = load(big)
    assert raised == []
    assert len(dataset.events) + len(dataset.statements) == 4000
    out, err = capfd.readouterr()
    assert out == "" and err == ""
    assert cached_files(tmp_path) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
@pytest.mark.parametrize("mode", [0o500, 0o555])
def test_an_unwritable_cache_dir_is_silent(
    big: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str], mode: int
) -> None:
    (tmp_path / "cache").mkdir(mode=mode)
    load(big)
    assert capfd.readouterr().err == ""


def test_an_unwritable_cache_dir_is_silent_for_another_user(tmp_path: Path) -> None:
    """As an unprivileged user, with the cache directory at mode 0500: no traceback, no cache."""
    setpriv = shutil.which("setpriv")
    if os.geteuid() != 0 or setpriv is None:
        pytest.skip("needs root to run the command as another user")
    place = Path(tempfile.mkdtemp(prefix="timeline-other-"))
    try:
        data = make_dataset(place, 3000, 1)
        directory = place / "cache"
        directory.mkdir(mode=0o500)
        for path in (place, data, directory):
            os.chown(path, 65534, 65534)
        place.chmod(0o755)
        data.chmod(0o644)
        env = {**os.environ, "TIMELINE_EXPLORER_CACHE": str(directory), "HOME": str(place)}
        command = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
        result = subprocess.run(
            [*command, sys.executable, "-m", "timeline_explorer", "--check", str(data)],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
        )
        if "Permission denied" in result.stderr and "python" in result.stderr.lower():
            pytest.skip("the interpreter cannot be run as another user here")
        assert result.returncode == 0, result.stderr
        assert result.stderr.strip().endswith("ok, 3000 entries") or "ok, 3000" in result.stderr
        assert "Traceback" not in result.stderr
        assert list(directory.iterdir()) == []
    finally:
        shutil.rmtree(place, ignore_errors=True)
