"""Load timeline YAML files into the model, validating everything on the way.

The package, one job a module, in the order the data flows:

- ``source``: read a file (regular files and standard input only, up to a size limit), decode
  UTF-8 (a BOM is accepted), map the YAML parser's lines to the editor's (:class:`SourceText`);
- ``nodes``: compose the YAML node graph (every value keeps its line and column), report
  progress, refuse alias bombs, recursive aliases and deep nesting;
- ``walker``: check each file's nodes against the declaration (``schema``) and build its records;
- ``cross_checks``: the cross-file checks of ``checks`` (shared with ``fastload``), each problem
  located where it was written;
- ``pipeline``: the entry points, choosing the cache, the fast path or the strict walk;
- ``diagnostics``: :class:`Diagnostic`, :class:`LoadError`, :func:`did_you_mean`, the messages
  as printed;
- ``indexed``: the bundled story, and files loaded straight into a ``TimelineIndex``.

Every problem is a :class:`Diagnostic` with file, line, column, what was found, what was
expected and a hint; all problems of all files are reported at once, in a :class:`LoadError`.

Limits (in ``limits``, documented in ``docs/format.md``): files above :data:`DEFAULT_MAX_BYTES`
are refused unless a larger limit is given; YAML aliases may add at most
:data:`MAX_ALIAS_EXPANSION` nodes ("billion laughs" documents are refused); nesting deeper than
:data:`MAX_DEPTH` is refused; tags other than YAML's plain ones (``!!python/object`` and friends)
are refused by name.
"""

from __future__ import annotations

from ..limits import DEFAULT_MAX_BYTES, FAST_FROM_BYTES, MAX_ALIAS_EXPANSION, MAX_DEPTH, MAX_ERRORS
from .diagnostics import Diagnostic, LoadError, did_you_mean
from .indexed import bundled_events_path, load_index, release_memory
from .nodes import ProgressCallback, describe
from .pipeline import load_head, load_paths, load_text
from .source import FileIdentity, SourceText

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FAST_FROM_BYTES",
    "MAX_ALIAS_EXPANSION",
    "MAX_DEPTH",
    "MAX_ERRORS",
    "Diagnostic",
    "FileIdentity",
    "LoadError",
    "ProgressCallback",
    "SourceText",
    "bundled_events_path",
    "describe",
    "did_you_mean",
    "load_head",
    "load_index",
    "load_paths",
    "load_text",
    "release_memory",
]
