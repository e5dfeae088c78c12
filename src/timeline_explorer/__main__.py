"""``python -m timeline_explorer``: the same as the ``timeline`` command."""

from .entry import main

raise SystemExit(main())
