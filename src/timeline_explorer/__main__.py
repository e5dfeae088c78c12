"""``python -m timeline_explorer``: the same as the ``timeline`` command."""

from .cli import main

raise SystemExit(main())
