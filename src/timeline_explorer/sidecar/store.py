"""The sidecar of a set of data files: which of its places to read, and saving it back safely."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence

from ..atomic import sweep, write_atomic
from ..loader import DEFAULT_MAX_BYTES, LoadError
from .notes import Notes, SidecarError
from .places import fallback_path, sidecar_path
from .reader import read
from .writer import dump


def _digest(data: bytes | None) -> str | None:
    return None if data is None else hashlib.blake2b(data, digest_size=16).hexdigest()


def _on_disk(path: str) -> str | None:
    """The digest of a file's bytes, None when it does not exist."""
    try:
        with open(path, "rb") as handle:
            return _digest(handle.read(DEFAULT_MAX_BYTES + 1))
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        return "directory"
    except OSError:
        return "unreadable"


def _mtime(path: str) -> int | None:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return None


def _same_file(first: str, second: str) -> bool:
    if os.path.realpath(first) == os.path.realpath(second):
        return True
    try:
        return os.path.samefile(first, second)
    except OSError:
        return False


class Sidecar:
    """The sidecar of a set of data files: where it is, reading it and writing it back.

    With several data files, the sidecar is the first file's. With standard input (``-``) it is
    kept only in the user's data directory.

    Args:
        data_paths: the data files, as opened.
        fallback_dir: where to go when the data's directory cannot be written (default: the
            user's data directory, see :func:`.places.user_notes_dir`).
    """

    def __init__(self, data_paths: Sequence[str], *, fallback_dir: str | None = None) -> None:
        if not data_paths:
            raise ValueError("a sidecar needs at least one data file")
        self.data_paths = tuple(data_paths)
        first = self.data_paths[0]
        self.primary = sidecar_path(first)
        self.fallback = fallback_path(first, fallback_dir)
        self.path = self.primary or self.fallback  # the file read last, or to be written
        self.error: LoadError | None = None  # the problems of the file read, when broken
        self._known: dict[str, str | None] = {}  # digests of what was read or written, by place

    @property
    def places(self) -> list[str]:
        """Where the sidecar may be, the preferred place first."""
        return [p for p in (self.primary, self.fallback) if p is not None]

    def load(self) -> Notes:
        """Read the sidecar (the newer of the two places when both exist).

        Returns empty notes when there is none. Raises :class:`LoadError` when it is broken;
        then :meth:`save` refuses until a later :meth:`load` succeeds.
        """
        self.error = None
        self._known = {place: _on_disk(place) for place in self.places}
        existing = [p for p in self.places if self._known[p] is not None]
        if not existing:
            self.path = self.places[0]
            return Notes()
        # the newest wins; at equal times the place beside the data
        self.path = max(existing, key=lambda p: (_mtime(p) or 0, p == self.primary))
        try:
            found = read(self.path)
        except LoadError as exc:
            self.error = exc
            raise
        if found is None:  # removed in between
            self._known[self.path] = None
            return Notes()
        notes, data = found
        self._known[self.path] = _digest(data)
        return notes

    def changed_on_disk(self) -> bool:
        """True when a place's bytes differ from what was last read or written there (someone
        else wrote, removed or created it: e.g. ``git pull``); False for our own saves."""
        return any(_on_disk(place) != self._known.get(place) for place in self.places)

    @staticmethod
    def _broken(place: str) -> bool:
        try:
            read(place)
        except LoadError:
            return True
        return False

    def save(self, notes: Notes) -> str:
        """Write the notes; returns a one-line message saying where they went.

        Raises :class:`SidecarError` (nothing written) when the sidecar read is broken, when a
        sidecar changed on disk since it was read, when the path is one of the data files, or
        when neither place can be written.
        """
        if self.error is not None:
            first = self.error.diagnostics[0]
            raise SidecarError(
                f"notes not saved: {first.path}:{first.line}:{first.column} has an error "
                f"({first.message}); fix it, then reload"
            )
        text = dump(notes, os.path.basename(self.data_paths[0]))
        data = text.encode("utf-8")
        problems: list[str] = []
        for place in self.places:
            if any(_same_file(place, data_path) for data_path in self.data_paths):
                raise SidecarError(f"notes not saved: {place} is a data file")
            now = _on_disk(place)
            if now != self._known.get(place):
                raise SidecarError(
                    f"notes not saved: {place} changed on disk since it was read; reload it"
                )
            if now is not None and place != self.path and self._broken(place):
                problems.append(f"{place}: has errors, not overwritten")
                continue
            try:
                if place == self.fallback:
                    os.makedirs(os.path.dirname(place), mode=0o700, exist_ok=True)
                write_atomic(place, data)
            except OSError as exc:
                problems.append(f"{place}: {exc.strerror or exc}")
                continue
            self._known[place] = _digest(data)
            self.path = place
            sweep(place)
            if place == self.primary or self.primary is None:
                return f"notes saved to {place}"
            return (
                f"notes saved to {place}: cannot write beside the data ({problems[0]})"
                if problems
                else f"notes saved to {place}"
            )
        raise SidecarError("notes not saved: " + "; ".join(problems))
