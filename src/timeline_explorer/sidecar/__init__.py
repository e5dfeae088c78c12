"""Marks, notes and tags of one's own, kept in a readable sidecar file beside the data.

``story.yaml`` gets ``story.notes.yaml`` in the same directory (``docs/sidecar.md`` describes the
name and the format): a YAML mapping keyed by the ids of the data, which a newsroom can keep in
git with the data. The data files themselves are never written.

- The sidecar is loaded as strictly as the data: every problem is a :class:`Diagnostic` with
  file, line and column, raised together in a :class:`LoadError`. A broken sidecar is never
  overwritten: :meth:`Sidecar.save` refuses until it is fixed, and the caller keeps its marks and
  notes in memory meanwhile. Nor is a sidecar overwritten when it changed on disk since it was
  read (someone edited it): the caller reads it again first.
- It is written atomically: a temporary file in the same directory, flushed to the disk, renamed
  over the old one. A reader (or a crash) sees the old file or the new one, never half of one.
- Where the data's directory cannot be written (read-only), the sidecar goes to the user's data
  directory (``platformdirs``, or ``$TIMELINE_EXPLORER_DATA``), under a name made of a hash of the
  data file's path; :meth:`Sidecar.save` says where it went. Of the two places, the file written
  last is the one read.
- Notes, marks and tags whose ids are no longer in the data are kept, and listed by
  :meth:`Notes.orphans`: a story edited or split must not lose anyone's notes.

One job a module: :mod:`.notes` (the notes in memory), :mod:`.places` (where a sidecar lives),
:mod:`.reader` (the strict reader), :mod:`.writer` (the text written), :mod:`.store`
(:class:`Sidecar`: reading the right place, saving safely); the atomic write itself is
:mod:`timeline_explorer.atomic`, shared with the settings.
"""

from __future__ import annotations

from ..atomic import write_atomic
from .notes import ROOT_KEYS, SUFFIX, VERSION, Notes, SidecarError
from .places import fallback_path, sidecar_path, user_notes_dir
from .reader import parse, read
from .store import Sidecar
from .writer import dump

__all__ = [
    "ROOT_KEYS",
    "SUFFIX",
    "VERSION",
    "Notes",
    "Sidecar",
    "SidecarError",
    "dump",
    "fallback_path",
    "parse",
    "read",
    "sidecar_path",
    "user_notes_dir",
    "write_atomic",
]
