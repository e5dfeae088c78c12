"""The one-line header: dataset title, entries shown of total, filters and search state."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static

from ...safetext import one_line
from ..text import truncate


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

    def render(self) -> Text:
        """Fit the line to the width: counts and filters stay, the title is cut."""
        rest = "  ·  ".join(self._rest)
        room = self.content_size.width - cell_len(rest) - (2 if rest else 0)
        title = truncate(self._title, max(room, 12))
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(title, "bold")
        if rest:
            text.append("  " + rest)
        return text
