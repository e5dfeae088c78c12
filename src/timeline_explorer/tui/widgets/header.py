"""The header: dataset title, entries shown of total, filters and search state; a second line,
the banner, while the last save of a watched file cannot be loaded."""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static

from ...safetext import one_line
from ..text import truncate

KEPT = ("date:",)
"""Parts never shortened to fit (the date range): the counts are never shortened either."""
LABEL = re.compile(r"^[a-z]+: ")
"""The label of a filter part (``actor: ``), dropped when even short parts do not fit."""


def fit_parts(parts: list[str], room: int) -> str:
    """The header's parts (counts first, then filters and search) in ``room`` cells, or as
    close as they come: closer separators, then the longest parts cut (to 12 cells), then the
    parts without their labels (``actor: ``), cut further (to 6). The counts and the date
    range are never cut."""
    kept = {0, *(i for i, part in enumerate(parts) if part.startswith(KEPT))}
    unlabelled = [*parts[:1], *(LABEL.sub("", part, count=1) for part in parts[1:])]
    tries = [
        ("  ·  ", parts, None),
        (" · ", parts, None),
        (" · ", parts, 12),
        (" · ", unlabelled, None),
        (" · ", unlabelled, 6),
    ]
    joined = ""
    for separator, chosen, shortest in tries:
        chosen = list(chosen)
        joined = separator.join(chosen)
        while shortest is not None and cell_len(joined) > room:
            cuttable = [
                i for i, part in enumerate(chosen) if i not in kept and cell_len(part) > shortest
            ]
            if not cuttable:
                break
            longest = max(cuttable, key=lambda i: cell_len(chosen[i]))
            excess = cell_len(joined) - room
            cut = max(shortest, cell_len(chosen[longest]) - excess)
            chosen[longest] = truncate(chosen[longest], cut)
            joined = separator.join(chosen)
        if cell_len(joined) <= room:
            break
    return joined


class TimelineHeader(Static):
    """Shows where you are and what is filtered; the title gives way first when narrow."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._title = ""
        self._rest: list[str] = []

    def show(self, title: str, shown: int, total: int, extras: list[str]) -> None:
        """Title, ``shown/total entries`` and extras such as active filters."""
        self._title = one_line(title)
        self._rest = [f"{shown}/{total} entries", *(one_line(e) for e in extras)]
        self.refresh()

    def show_path(self, parts: list[str]) -> None:
        """Show a breadcrumb such as ``quote › 2025-09 › putin-legitimate-targets``."""
        self._title = " › ".join(one_line(p) for p in parts)
        self._rest = []
        self.refresh()

    def _banner(self) -> str | None:
        problem = getattr(self.app, "reload_problem", None)
        return problem if isinstance(problem, str) else None

    def render(self) -> Text:
        """Fit the line to the width: the title is cut first, then the filters (never the
        counts nor the date range, see :func:`fit_parts`); the banner
        (the first error of a broken save) below it."""
        banner = self._banner()
        height = 2 if banner else 1
        if self.styles.height is None or self.styles.height.value != height:
            self.styles.height = height
        width = self.content_size.width
        rest = fit_parts(self._rest, width - 14)
        if cell_len(rest) > width - 14:  # the filters matter more than the title
            rest = fit_parts(self._rest, width)
        room = width - cell_len(rest) - (2 if rest else 0)
        title = truncate(self._title, room) if room >= 4 else ""
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(title, "bold")
        if rest:
            text.append(("  " if title else "") + rest)
        if banner:
            line = f"⚠ {banner} — showing the last good data; ! shows every error"
            text.append("\n")
            text.append(truncate(line, max(self.content_size.width, 12)), "bold white on red")
        return text
