"""Plain renderers for ``--print``: text (optionally coloured) and Markdown.

Each renderer takes the index and the timeline positions to show and yields output lines, so
output streams to a pipe as it is produced. Text and Markdown pass every string from the data
through :func:`~timeline_explorer.safetext.visible`. Both show the facts of
:data:`~timeline_explorer.export.fields.FIELDS` at a detail level (``brief`` or ``full``); the other
formats are in :mod:`timeline_explorer.export`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from rich.cells import cell_len, set_cell_size

from .export.fields import DEFAULT_DETAIL, Detail, Fact, entry_facts, safe_url, source_parts
from .index import Filter, TimelineIndex
from .kinds import terminal_colour
from .model import Entry, Event, PartialDate, Statement
from .safetext import one_line, visible

# A styled line is a list of (text, style) pieces; style "" is unstyled.
Piece = tuple[str, str]
StyledLine = list[Piece]

STYLE_DAY = "bold underline"
STYLE_DATE = ""  # the terminal's own colour: a fixed one cannot read on both dark and light
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
        self._sources: dict[str, str] = {}

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

    def source(self, source_id: str) -> str:
        """A source as one visible line (:func:`source_line`)."""
        shown = self._sources.get(source_id)
        if shown is None:
            shown = self._sources[source_id] = source_line(self.index, source_id)
        return shown

    def date(self, date: PartialDate, end: PartialDate | None = None) -> str:
        """A date at its precision, compact (``1962-10-22 23:30+03``), with the end of a span
        (``1962-10-16 → 10-28``)."""
        if end is not None:
            return date.row_text(end)
        shown = self._dates.get(date)
        if shown is None:
            shown = self._dates[date] = date.row_text()
        return shown


def _when(entry: Entry) -> tuple[PartialDate, PartialDate | None]:
    """An entry's date and, for an event that lasts, its end."""
    return entry.date, entry.end if isinstance(entry, Event) else None


def entry_details(
    index: TimelineIndex,
    entry: Entry,
    shown: Shown | None = None,
    detail: Detail = Detail.BRIEF,
    facts: Sequence[Fact] | None = None,
) -> list[str]:
    """The one-line facts of an entry as ``label: value`` strings (already made visible).

    Long text (description, note) and sources are not among them: see :func:`entry_blocks`.
    ``facts``, when given, are the entry's :func:`entry_facts` at ``detail``, made once.
    """
    shown = shown or Shown(index)
    out: list[str] = []
    for fact in entry_facts(entry, detail) if facts is None else facts:
        if fact.kind in ("block", "source", "id"):
            continue
        out.append(f"{fact.label}: {_fact_values(index, fact, shown)}")
    return out


def _fact_values(index: TimelineIndex, fact: Fact, shown: Shown) -> str:
    if fact.kind == "actor":
        return ", ".join(shown.name(v) for v in fact.values)
    if fact.kind == "entry":
        return ", ".join(entry_label(index, v) for v in fact.values)
    if fact.kind == "date":
        return ", ".join(fact.values)
    return ", ".join(shown.short(v) for v in fact.values)


def source_line(index: TimelineIndex, source_id: str) -> str:
    """A source as one visible line: title · publisher · date · URL (its id when unknown)."""
    source = index.sources.get(source_id)
    if source is None:
        return one_line(source_id)
    parts = [source.title, *source_parts(source), source.url or ""]
    return " · ".join(one_line(p) for p in parts if p)


def entry_blocks(
    index: TimelineIndex,
    entry: Entry,
    detail: Detail,
    facts: Sequence[Fact] | None = None,
    shown: Shown | None = None,
) -> list[tuple[str, str]]:
    """The multi-line facts of an entry at ``detail``, as (label, visible text) pairs: long text
    (label "" for the description), then one ``source`` per source, then the ``id``."""
    out: list[tuple[str, str]] = []
    for fact in entry_facts(entry, detail) if facts is None else facts:
        if fact.kind == "block":
            label = "" if fact.label == "description" else fact.label
            out += [(label, visible(v)) for v in fact.values]
        elif fact.kind == "source":
            if shown is None:
                out += [(fact.label, source_line(index, v)) for v in fact.values]
            else:
                out += [(fact.label, shown.source(v)) for v in fact.values]
        elif fact.kind == "id":
            out += [(fact.label, one_line(v)) for v in fact.values]
    return out


def text_lines(
    index: TimelineIndex,
    positions: Sequence[int],
    flt: Filter,
    detail: Detail = DEFAULT_DETAIL,
) -> Iterator[StyledLine]:
    """The timeline as styled text lines: a title, a count, then entries grouped by day.

    Under each entry's head line come its facts on one line; at ``full`` detail also its
    description and notes, one line per source and its id.
    """
    yield [(one_line(index.title), "bold")]
    yield [(summary_line(index, len(positions), flt), STYLE_META)]
    shown = Shown(index)
    entries = index.entries
    date_width = max((len(shown.date(*_when(entries[p]))) for p in positions), default=10)
    date_width = max(date_width, 10)
    indent = " " * (2 + date_width + 2 + 10 + 2)
    titles = index.headings()
    group = None
    for pos in positions:
        entry = index.entries[pos]
        if titles[pos] != group:
            group = titles[pos]
            yield []
            yield [(visible(group), STYLE_DAY)]
        head: StyledLine = [
            ("  ", ""),
            (shown.date(*_when(entry)).ljust(date_width), STYLE_DATE),
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
        all_facts = entry_facts(entry, detail)
        facts = entry_details(index, entry, shown, detail, all_facts)
        if facts:
            yield [(indent + " · ".join(facts), STYLE_META)]
        for label, text in entry_blocks(index, entry, detail, all_facts, shown):
            prefix = f"{label}: " if label else ""
            lines = (prefix + text).split("\n")
            style = "" if label in ("", "note") else STYLE_META
            for line in lines:
                yield [(indent + line if line else "", style)]


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", visible(text))


def _md_source(index: TimelineIndex, source_id: str) -> str:
    source = index.sources.get(source_id)
    if source is None:
        return _md(one_line(source_id))
    parts = [f"*{_md(one_line(source.title))}*", *(_md(one_line(p)) for p in source_parts(source))]
    if source.url:
        url = safe_url(source.url)
        parts.append(f"<{url}>" if url else _md(one_line(source.url)))
    return " · ".join(parts)


def markdown_lines(
    index: TimelineIndex,
    positions: Sequence[int],
    flt: Filter,
    detail: Detail = DEFAULT_DETAIL,
) -> Iterator[str]:
    """The timeline as Markdown: a heading per day, a list item per entry.

    At ``full`` detail each item has a nested list: description and notes, one item per source
    (``http``/``https`` URLs as autolinks) and the id.
    """
    yield f"# {_md(one_line(index.title))}"
    yield ""
    yield _md(summary_line(index, len(positions), flt))
    group = None
    shown = Shown(index)
    titles = index.headings()
    for pos in positions:
        entry = index.entries[pos]
        if titles[pos] != group:
            group = titles[pos]
            yield ""
            yield f"## {_md(group)}"
            yield ""
        if isinstance(entry, Statement):
            words = quote_text(entry, _md(entry.text))
            main = f"**{_md(one_line(index.actor_name(entry.speaker)))}**: {words}"
        else:
            main = f"**{_md(entry.title)}**"
        all_facts = entry_facts(entry, detail)
        facts = [_md(f) for f in entry_details(index, entry, shown, detail, all_facts)]
        line = f"- `{shown.date(*_when(entry))}` · *{entry.kind_label}* · {main}"
        if facts:
            line += " — " + "; ".join(facts)
        yield line.replace("\n", "\n  ")
        for fact in all_facts:
            if fact.kind == "block":
                prefix = "" if fact.label == "description" else f"{fact.label}: "
                for value in fact.values:
                    yield f"  - {prefix}{_md(value)}".replace("\n", "\n    ")
            elif fact.kind == "source":
                for value in fact.values:
                    yield f"  - {fact.label}: {_md_source(index, value)}"
            elif fact.kind == "id":
                yield f"  - id: {_md(one_line(fact.values[0]))}"
