"""Where the data comes from: kept as a name for the callers that import it from here.

The code lives in ``loader.indexed`` (the bundled story, files loaded into an index, handing
memory back) and the threshold in ``limits``; new code imports them from ``loader``.
"""

from __future__ import annotations

from .limits import BIG
from .loader.indexed import bundled_events_path, load_index, release_memory

__all__ = ["BIG", "bundled_events_path", "load_index", "release_memory"]
