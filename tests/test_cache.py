"""The cache of parsed data: hits when unchanged, misses on any change, ignores bad files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from timeline_explorer import cache
from timeline_explorer.index import TimelineIndex
from timeline_explorer.loader import load_head, load_paths
from timeline_explorer.model import Dataset

from .conftest import make_dataset

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
    return sorted(p for p in (tmp_path / "cache").glob("*.json") if ".head." not in p.name)


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
    assert cache.read(entry.stem) is None


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
