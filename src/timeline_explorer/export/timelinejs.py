"""The TimelineJS 3 export: the JSON a newsroom gives TimelineJS unchanged.

Each entry is one TimelineJS event: ``start_date`` (and ``end_date`` for an event with an end)
carry the date's parts as strings, only as far as the data wrote them, with ``display_date`` as the
app shows it (offset included: TimelineJS itself ignores time zones); ``text.headline`` is the
title or speaker, ``text.text`` an HTML fragment with the words or description, the facts and the
sources; ``group`` is the kind (event, quote, paraphrase). The mapping is documented in
``docs/export.md``. Every string from the data is HTML-escaped; only ``http``/``https`` URLs
become links. The user's own marks, tags and notes, when given, are appended to each entry's
``text.text``; the notes on the actors the entries name, to the title slide's.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from ..index import Filter, TimelineIndex
from ..model import Entry, PartialDate, Statement
from ..safetext import one_line
from ..sidecar import Notes
from .fields import DEFAULT_DETAIL, Detail, entry_facts, source_parts
from .html_page import anchor, esc, link_html, mine_html
from .json_doc import array_lines, json_line


def date_json(date: PartialDate) -> dict[str, str]:
    """A TimelineJS date object: year, month, day, hour, minute, second as far as known."""
    out = {"year": str(date.year)}
    for key in ("month", "day", "hour", "minute", "second"):
        value = getattr(date, key)
        if value is None:
            break
        out[key] = str(value)
    out["display_date"] = date.display()
    return out


def _facts_html(index: TimelineIndex, entry: Entry, detail: Detail) -> list[str]:
    parts: list[str] = []
    rows: list[str] = []
    sources: list[str] = []
    for fact in entry_facts(entry, detail):
        if fact.kind == "actor":
            value = ", ".join(esc(one_line(index.actor_name(v))) for v in fact.values)
        elif fact.kind == "entry":
            value = ", ".join(_entry_label(index, v) for v in fact.values)
        elif fact.kind == "source":
            sources += fact.values
            continue
        elif fact.kind == "block":
            label = "" if fact.label == "description" else f"{esc(fact.label)}: "
            parts += [f"<p>{label}{_lines(v)}</p>" for v in fact.values]
            continue
        else:
            value = ", ".join(esc(one_line(v)) for v in fact.values)
        rows.append(f"{esc(fact.label)}: {value}")
    if rows:
        parts.append("<p>" + "<br>".join(rows) + "</p>")
    for source_id in sources:
        source = index.sources.get(source_id)
        if source is None:
            parts.append(f"<p>Source: {esc(source_id)}</p>")
            continue
        bits = [link_html(source.url, one_line(source.title))]
        bits += [esc(one_line(p)) for p in source_parts(source)]
        parts.append("<p>Source: " + " · ".join(bits) + "</p>")
    return parts


def _lines(text: str) -> str:
    """Escaped text with its line breaks kept (TimelineJS shows ``text.text`` as HTML)."""
    return "<br>".join(esc(line) for line in text.split("\n"))


def _entry_label(index: TimelineIndex, entry_id: str) -> str:
    from ..plain import entry_label

    return esc(entry_label(index, entry_id))


def event_json(
    index: TimelineIndex, entry: Entry, detail: Detail = DEFAULT_DETAIL, notes: Notes | None = None
) -> dict[str, Any]:
    """One TimelineJS event for an entry (with the user's mark, tags and note from ``notes``)."""
    text: list[str] = []
    if isinstance(entry, Statement):
        head = one_line(index.actor_name(entry.speaker))
        words = f"“{entry.text}”" if entry.kind == "quote" else entry.text
        text.append(f"<blockquote>{_lines(words)}</blockquote>")
    else:
        head = one_line(entry.title)
    text += _facts_html(index, entry, detail)
    text += mine_html(notes, entry.id, _lines)
    out: dict[str, Any] = {"start_date": date_json(entry.date)}
    end = getattr(entry, "end", None)
    if isinstance(end, PartialDate):
        out["end_date"] = date_json(end)
    out["text"] = {"headline": esc(head), "text": "".join(text)}
    out["group"] = entry.kind_label
    out["unique_id"] = anchor("e", entry.id)
    return out


def timelinejs_lines(
    index: TimelineIndex,
    positions: Sequence[int],
    flt: Filter,
    detail: Detail = DEFAULT_DETAIL,
    notes: Notes | None = None,
) -> Iterator[str]:
    """The TimelineJS document, streamed: a title slide, then one event per line.

    Arguments as for :func:`.formats.format_lines`. The filter is described on the title slide;
    ``notes`` are appended to each entry's text, and the notes on the actors the entries name to
    the title slide's.
    """
    from ..plain import summary_line
    from ..user_notes import shown_notes

    slide = f"<p>{esc(summary_line(index, len(positions), flt))}</p>"
    if notes is not None:
        for _actor_id, name, note in shown_notes(index, positions, notes).actors:
            slide += (
                f'<p class="mine"><b>your note on {esc(one_line(name))}:</b> {_lines(note)}</p>'
            )
    title = {"text": {"headline": esc(one_line(index.title)), "text": slide}}
    yield "{"
    yield f'  "title": {json_line(title)},'
    events = (json_line(event_json(index, index.entries[pos], detail, notes)) for pos in positions)
    yield from array_lines("events", events, len(positions))
    yield "}"
