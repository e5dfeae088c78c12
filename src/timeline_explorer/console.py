"""The `timeline` console script: imports the command lazily so that Ctrl-C is quiet at any time.

The garbage collector is paused from here until the command knows what it does: the first paint
of the interactive view, or the arguments read for the others (:mod:`.collector`).
"""

from __future__ import annotations

import sys


def main() -> int:
    """Run ``timeline``; an interrupt, even during start-up, ends it quietly with code 130."""
    try:
        from . import collector

        collector.pause_start_up()
        try:
            from .cli import main as run

            return run()
        finally:
            collector.start_up_done()
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
