"""The one-line header: dataset title, entries shown of total, filters and search state."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ...safetext import one_line


class TimelineHeader(Static):
    """Shows where you are and what is filtered."""

    def show(self, title: str, shown: int, total: int, extras: list[str]) -> None:
        """Update the header line."""
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(one_line(title), "bold")
        text.append(f"  {shown}/{total} entries", "")
        for extra in extras:
            text.append("  · ", "dim")
            text.append(one_line(extra), "")
        self.update(text)

    def show_path(self, parts: list[str]) -> None:
        """Show a breadcrumb such as ``quote › 2025-09 › putin-legitimate-targets``."""
        text = Text(no_wrap=True, overflow="ellipsis")
        for n, part in enumerate(parts):
            if n:
                text.append(" › ", "dim")
            text.append(one_line(part), "bold" if n == 0 else "")
        self.update(text)
