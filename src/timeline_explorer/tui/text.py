"""Text helpers for the TUI: row labels and search-match spans (no widgets here)."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size

from ..index import TimelineIndex, normalize
from ..model import Entry, Event
from ..safetext import one_line


def truncate(text: str, width: int) -> str:
    """Cut text to ``width`` terminal cells with an ellipsis (a wide character takes two)."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, max(0, width - 1)).rstrip() + "…"


def row_text(index: TimelineIndex, entry: Entry, width: int) -> tuple[str, str, str]:
    """For a list row, already made visible: the speaker (statements), the title or the start
    of the words, and the participants (events)."""
    if isinstance(entry, Event):
        participants = one_line(", ".join(index.actor_name(a) for a in entry.actors[:6]))
        return "", one_line(entry.title[: width * 2])[:width], participants[:width]
    who = truncate(one_line(index.actor_name(entry.speaker)), 22 if width >= 90 else 16)
    return who, one_line(entry.text[: width * 2])[:width], ""


def find_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Character spans of ``text`` matching ``query``, ignoring case and accents."""
    needle = normalize(query)
    if not needle:
        return []
    folded: list[str] = []
    owner: list[int] = []
    for i, char in enumerate(text):
        for piece in normalize(char):
            folded.append(piece)
            owner.append(i)
    haystack = "".join(folded)
    spans = []
    start = haystack.find(needle)
    while start != -1:
        end = start + len(needle)
        spans.append((owner[start], owner[end - 1] + 1))
        start = haystack.find(needle, end)
    return spans
