"""Where a sidecar lives: beside the data, or in the user's data directory."""

from __future__ import annotations

import hashlib
import os

from .notes import SUFFIX

_DATA_SUFFIXES = (".yaml", ".yml")


def sidecar_path(data_path: str) -> str | None:
    """The sidecar beside a data file (``story.yaml`` → ``story.notes.yaml``); None for stdin."""
    if data_path == "-":
        return None
    directory, name = os.path.split(data_path)
    for suffix in _DATA_SUFFIXES:
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
            break
    return os.path.join(directory, name + SUFFIX)


def user_notes_dir() -> str:
    """Where sidecars go when the data's directory cannot be written."""
    override = os.environ.get("TIMELINE_EXPLORER_DATA")
    if override:
        return os.path.join(override, "notes")
    from platformdirs import user_data_dir

    return os.path.join(user_data_dir("timeline-explorer", appauthor=False), "notes")


def fallback_path(data_path: str, directory: str | None = None) -> str:
    """The sidecar for a data file in the user's data directory (or ``directory``).

    The name is the data file's name after a hash of its absolute path, so that two
    ``story.yaml`` in two places keep apart and a reader can still tell which is which.
    """
    base = directory if directory is not None else user_notes_dir()
    if data_path == "-":
        key, stem = "<stdin>", "stdin"
    else:
        key = os.path.realpath(data_path)
        stem = os.path.basename(sidecar_path(data_path) or "").removesuffix(SUFFIX) or "data"
    digest = hashlib.blake2b(key.encode("utf-8", "surrogateescape"), digest_size=8).hexdigest()
    return os.path.join(base, f"{stem}-{digest}{SUFFIX}")
