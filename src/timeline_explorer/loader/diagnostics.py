"""What a problem in the input is, and how it is printed.

A :class:`Diagnostic` is one problem at a 1-based line and column of a file; a :class:`LoadError`
carries every problem of a load and prints them as ``file:line:col: error: …``, the source line
with a caret under the column, and a hint. Text from the data is escaped on the way (the report
reaches a terminal).
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..safetext import escaped, visible_tabs


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem in the input, at a 1-based line and column of a file."""

    path: str
    line: int
    column: int
    message: str
    hint: str | None = None
    source_line: str | None = None

    def format(self) -> str:
        """The message as printed: ``file:line:col: error: …``, the source line, a caret, a hint."""
        out = [f"{escaped(self.path)}:{self.line}:{self.column}: error: {escaped(self.message)}"]
        if self.source_line is not None:
            shown, caret = _snippet(self.source_line, self.column)
            gutter = f"{self.line:>5} | "
            out.append(gutter + shown)
            out.append(" " * (len(gutter) - 2) + "| " + " " * caret + "^")
        if self.hint:
            out.append(f"      hint: {escaped(self.hint)}")
        return "\n".join(out)


def _snippet(line: str, column: int, width: int = 100) -> tuple[str, int]:
    """The visible source line around ``column`` and the caret offset within it."""
    start = max(0, column - 1 - width // 2) if len(line) > width else 0
    before = visible_tabs(line[start : column - 1])
    shown = visible_tabs(line[start : start + width])
    prefix = "…" if start else ""
    suffix = "…" if start + width < len(line) else ""
    return prefix + shown + suffix, len(prefix) + len(before)


class LoadError(Exception):
    """The input could not be loaded; ``diagnostics`` lists every problem found."""

    def __init__(self, diagnostics: Sequence[Diagnostic], total: int | None = None) -> None:
        self.diagnostics = tuple(diagnostics)
        self.total = max(total or 0, len(self.diagnostics))
        super().__init__(self.report())

    def report(self) -> str:
        """Every diagnostic, formatted, and a count at the end."""
        count = len(self.diagnostics)
        lines = [d.format() for d in self.diagnostics]
        if self.total > count:
            lines.append(f"{count} of {self.total} errors shown")
        else:
            lines.append(f"{count} error{'s' if count != 1 else ''}")
        return "\n".join(lines)


def did_you_mean(word: str, choices: Sequence[str] | set[str] | dict[str, Any]) -> str:
    """`` (did you mean 'x'?)`` for the closest choice, or an empty string."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
