"""The size thresholds of loading, in one place: each name says what it measures, its comment
what it decides.

The modules that act on a threshold import it from here (``loader``, ``cache``, ``session``,
``cli``, ``settings``); the limits a user can meet are documented in ``docs/format.md``.
Thresholds of the screen alone (widths, how many rows a list shows) stay with their widget.
"""

from __future__ import annotations

# -- what is refused ---------------------------------------------------------------------------

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
"""A data file (or standard input) larger than this is refused with a message, unless
``--max-size`` raises it. It is also the limit of the notes file beside the data."""

MAX_SIZE_MIB = 4096
"""The largest ``--max-size`` accepted, in MiB (4 GiB); ``docs/format.md`` says why."""

MAX_ALIAS_EXPANSION = 100_000
"""YAML aliases may add at most this many nodes to a document; more is refused as an alias bomb
("billion laughs")."""

MAX_DEPTH = 32
"""Data nested deeper than this many levels is refused."""

MAX_ERRORS = 1000
"""At most this many problems are listed in one report; the count says how many there were."""

SETTINGS_MAX_BYTES = 64 * 1024
"""A settings file larger than this is ignored (with a warning) and the defaults apply."""

# -- which way the data is loaded --------------------------------------------------------------

FAST_FROM_BYTES = 256 * 1024
"""From this many bytes in all, the files go through the fast parser (``fastload``) and the
cache: below it the reference parser is about as fast, and the cache is neither read nor
written."""

SMALL_FILES = 2 * 1024 * 1024
"""Below this many bytes in all, the files are loaded before the interactive view starts;
above it the view is up at once and a worker thread loads them."""

HEAD_ENTRIES = 500
"""The cache keeps this many first entries of a big file apart: an unchanged file shows them at
once while the whole of it loads."""

BIG = 5_000
"""From this many entries, memory is handed back after the parse and the search and actor
indexes are built in the background."""
