"""The `timeline` console script: imports the command lazily so that Ctrl-C is quiet at any time."""

from __future__ import annotations

import sys


def main() -> int:
    """Run ``timeline``; an interrupt, even during start-up, ends it quietly with code 130."""
    try:
        from .cli import main as run

        return run()
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
