"""The ``--print`` formats and the renderer of each (text is styled, so the CLI writes it)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..index import Filter, TimelineIndex
from ..sidecar import Notes
from .fields import Detail

FORMATS = ("text", "markdown", "json", "html", "timelinejs")


def format_lines(
    fmt: str,
    index: TimelineIndex,
    positions: Sequence[int],
    flt: Filter,
    detail: Detail,
    notes: Notes | None = None,
) -> Iterator[str]:
    """The lines of every format but ``text``.

    Args:
        fmt: one of FORMATS other than ``text``.
        index: the loaded timeline.
        positions: the timeline positions to write, in order.
        flt: the filter that chose them.
        detail: how much of each entry (JSON always carries everything).
        notes: the user's own marks, tags and notes, shown with each entry by the HTML page and
            TimelineJS (the CLI adds them after the timeline in Markdown and JSON).
    """
    if fmt == "markdown":
        from ..plain import markdown_lines

        return markdown_lines(index, positions, flt, detail)
    if fmt == "json":
        from .json_doc import json_lines

        return json_lines(index, positions, flt)
    if fmt == "html":
        from .html_page import html_lines

        return html_lines(index, positions, flt, detail, notes)
    if fmt == "timelinejs":
        from .timelinejs import timelinejs_lines

        return timelinejs_lines(index, positions, flt, detail, notes)
    raise ValueError(f"unknown format {fmt!r}")
