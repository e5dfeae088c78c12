"""Plain renderers for ``--print``: text (optionally coloured), Markdown and JSON.

Each renderer takes the index and the timeline positions to show and yields output lines, so
output streams to a pipe as it is produced. Text and Markdown pass every string from the data
through :func:`~timeline_explorer.safetext.visible`; JSON escapes controls itself.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from typing import Any

from rich.cells import cell_len, set_cell_size

from .index import Filter, TimelineIndex
from .kinds import terminal_colour
from .model import Entry, Event, PartialDate, Statement
from .safetext import json_safe, one_line, visible

FORMATS = ("text", "markdown", "json")

# A styled line is a list of (text, style) pieces; style "" is unstyled.
Piece = tuple[str, str]
StyledLine = list[Piece]

STYLE_DAY = "bold underline"
STYLE_DATE = "cyan"
STYLE_WHO = "bold"
STYLE_META = "dim"


def summary_line(index: TimelineIndex, shown: int, flt: Filter) -> str:
    """``22 entries`` or ``3 of 22 entries · actor: Putin``."""
    total = len(index.entries)
    count = (
        f"{total} entries" if shown == total and not flt.active else f"{shown} of {total} entries"
    )
    return " · ".join([count, *(one_line(part) for part in flt.describe(index))])


def quote_text(entry: Statement, text: str) -> str:
    """A statement's words, in typographic quotes when verbatim."""
    return f"“{text}”" if entry.kind == "quote" else text


def entry_label(index: TimelineIndex, entry_id: str, width: int = 60) -> str:
    """A short visible label for an entry: its title, or speaker and the start of the words."""
    entry = index.entry(entry_id)
    if entry is None:
        return visible(entry_id)
    if isinstance(entry, Event):
        label: str = one_line(entry.title)
    else:
        label = f"{one_line(index.actor_name(entry.speaker))}: {one_line(entry.text)}"
    if cell_len(label) > width:
        label = set_cell_size(label, max(width - 1, 0)).rstrip() + "…"
    return label


class Shown:
    """Visible, one-line forms of repeated values (names, places, dates), made once each."""

    def __init__(self, index: TimelineIndex) -> None:
        self.index = index
        self._names: dict[str, str] = {}
        self._short: dict[str, str] = {}
        self._dates: dict[PartialDate, str] = {}

    def name(self, actor_id: str) -> str:
        """An actor's name, visible, on one line."""
        shown = self._names.get(actor_id)
        if shown is None:
            shown = self._names[actor_id] = one_line(self.index.actor_name(actor_id))
        return shown

    def short(self, text: str) -> str:
        """A short text that repeats (a place, an occasion), visible, on one line."""
        shown = self._short.get(text)
        if shown is None:
            shown = one_line(text)
            if len(self._short) < 100_000:
                self._short[text] = shown
        return shown

    def date(self, date: PartialDate) -> str:
        """A date at its precision."""
        shown = self._dates.get(date)
        if shown is None:
            shown = self._dates[date] = date.display()
        return shown


def entry_details(index: TimelineIndex, entry: Entry, shown: Shown | None = None) -> list[str]:
    """The secondary facts of an entry as ``label: value`` strings (already made visible)."""
    shown = shown or Shown(index)
    facts: list[str] = []
    if isinstance(entry, Event):
        if entry.end:
            facts.append(f"until: {shown.date(entry.end)}")
        if entry.actors:
            facts.append("with: " + ", ".join(shown.name(a) for a in entry.actors))
        if entry.place:
            facts.append(f"at: {shown.short(entry.place)}")
    else:
        if entry.on_behalf_of:
            facts.append(f"for: {shown.name(entry.on_behalf_of)}")
        if entry.place:
            facts.append(f"at: {shown.short(entry.place)}")
        if entry.context:
            facts.append(f"context: {shown.short(entry.context)}")
        if entry.mentions:
            facts.append("mentions: " + ", ".join(shown.name(a) for a in entry.mentions))
        if entry.responds_to:
            facts.append(f"responds to: {entry_label(index, entry.responds_to)}")
    return facts


def text_lines(index: TimelineIndex, positions: Sequence[int], flt: Filter) -> Iterator[StyledLine]:
    """The timeline as styled text lines: a title, a count, then entries grouped by day."""
    yield [(one_line(index.title), "bold")]
    yield [(summary_line(index, len(positions), flt), STYLE_META)]
    shown = Shown(index)
    entries = index.entries
    date_width = max((len(shown.date(entries[p].date)) for p in positions), default=10)
    date_width = max(date_width, 10)
    indent = " " * (2 + date_width + 2 + 10 + 2)
    group = None
    for pos in positions:
        entry = index.entries[pos]
        if entry.date.group_key != group:
            group = entry.date.group_key
            yield []
            yield [(entry.date.group_label, STYLE_DAY)]
        head: StyledLine = [
            ("  ", ""),
            (shown.date(entry.date).ljust(date_width), STYLE_DATE),
            ("  ", ""),
            (entry.kind_label.ljust(10), terminal_colour(entry.kind_label)),
            ("  ", ""),
        ]
        if isinstance(entry, Statement):
            body = quote_text(entry, visible(entry.text)).split("\n")
            head += [
                (shown.name(entry.speaker), STYLE_WHO),
                (": ", ""),
                (body[0], ""),
            ]
        else:
            body = visible(entry.title).split("\n")
            head.append((body[0], STYLE_WHO))
        yield head
        for more in body[1:]:
            yield [(indent + more if more else "", "")]
        facts = entry_details(index, entry, shown)
        if facts:
            yield [(indent + " · ".join(facts), STYLE_META)]


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", visible(text))


def markdown_lines(index: TimelineIndex, positions: Sequence[int], flt: Filter) -> Iterator[str]:
    """The timeline as Markdown: a heading per day, a list item per entry."""
    yield f"# {_md(one_line(index.title))}"
    yield ""
    yield _md(summary_line(index, len(positions), flt))
    group = None
    for pos in positions:
        entry = index.entries[pos]
        if entry.date.group_key != group:
            group = entry.date.group_key
            yield ""
            yield f"## {entry.date.group_label}"
            yield ""
        if isinstance(entry, Statement):
            words = quote_text(entry, _md(entry.text))
            main = f"**{_md(one_line(index.actor_name(entry.speaker)))}**: {words}"
        else:
            main = f"**{_md(entry.title)}**"
        facts = [_md(f) for f in entry_details(index, entry)]
        line = f"- `{entry.date.display()}` · *{entry.kind_label}* · {main}"
        if facts:
            line += " — " + "; ".join(facts)
        yield line.replace("\n", "\n  ")


def entry_json(entry: Entry) -> dict[str, Any]:
    """An entry as a JSON-ready dict: ``date`` as written in the file, actor ids as ids."""
    if isinstance(entry, Event):
        return {
            "id": entry.id,
            "type": "event",
            "date": entry.date.text,
            "end": entry.end.text if entry.end else None,
            "title": entry.title,
            "description": entry.description,
            "place": entry.place,
            "actors": list(entry.actors),
            "sources": list(entry.sources),
            "tags": list(entry.tags),
        }
    return {
        "id": entry.id,
        "type": "statement",
        "date": entry.date.text,
        "speaker": entry.speaker,
        "kind": entry.kind,
        "text": entry.text,
        "language": entry.language,
        "place": entry.place,
        "context": entry.context,
        "on_behalf_of": entry.on_behalf_of,
        "mentions": list(entry.mentions),
        "event": entry.event,
        "responds_to": entry.responds_to,
        "sources": list(entry.sources),
        "tags": list(entry.tags),
    }


def json_lines(index: TimelineIndex, positions: Sequence[int]) -> Iterator[str]:
    """The timeline as a JSON list, one entry per line, streamed."""
    if not positions:
        yield "[]"
        return
    yield "["
    last = len(positions) - 1
    for n, pos in enumerate(positions):
        item = json.dumps(entry_json(index.entries[pos]), ensure_ascii=False)
        yield "  " + json_safe(item) + ("," if n < last else "")
    yield "]"
