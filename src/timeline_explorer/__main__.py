"""``python -m timeline_explorer``: the same as the ``timeline`` command."""

from .console import main

raise SystemExit(main())
