"""The facts of an entry, shared by every renderer, and the check that makes a URL a link.

An entry's secondary facts (end date, participants, place, description, sources, id...) come from
one table, :data:`FIELDS`, so that each renderer (text, Markdown, HTML, TimelineJS) shows the same
facts in its own way. A new record field is one row here; a row whose attribute a record does not
have is skipped, so rows may name fields that only some records carry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Literal
from urllib.parse import urlsplit

from ..model import Entry, Event, PartialDate, Source

if TYPE_CHECKING:
    from ..index import TimelineIndex


class Detail(StrEnum):
    """How much of each entry a printed export shows."""

    BRIEF = "brief"  # one line of facts: dates, people, place, context
    FULL = "full"  # also descriptions, notes, sources, tags, language and ids


DETAILS = tuple(d.value for d in Detail)
DEFAULT_DETAIL = Detail.FULL

# What a value is, so that each renderer can link it: an actor (to its section), an entry (to
# its place in the timeline), a source (to its URL), or plain text. ``block`` values are long
# text shown as a paragraph of their own.
ValueKind = Literal["text", "date", "actor", "entry", "source", "block", "id"]


@dataclass(frozen=True, slots=True)
class Field:
    """One row of the field table: which attribute, shown under which label, at which detail."""

    attr: str
    label: str
    kind: ValueKind
    detail: Detail
    types: tuple[str, ...] = ("event", "statement")


FIELDS: tuple[Field, ...] = (
    Field("end", "until", "date", Detail.BRIEF, ("event",)),
    Field("actors", "with", "actor", Detail.BRIEF, ("event",)),
    Field("on_behalf_of", "for", "actor", Detail.BRIEF, ("statement",)),
    Field("place", "at", "text", Detail.BRIEF),
    Field("context", "context", "text", Detail.BRIEF, ("statement",)),
    Field("mentions", "mentions", "actor", Detail.BRIEF, ("statement",)),
    Field("responds_to", "responds to", "entry", Detail.BRIEF, ("statement",)),
    Field("event", "during", "entry", Detail.FULL, ("statement",)),
    Field("tags", "tags", "text", Detail.FULL),
    Field("description", "description", "block", Detail.FULL),
    Field("note", "note", "block", Detail.FULL),
    Field("sources", "source", "source", Detail.FULL),
    Field("id", "id", "id", Detail.FULL),
)


@dataclass(frozen=True, slots=True)
class Fact:
    """A labelled fact of an entry: raw values from the data (renderers escape them)."""

    label: str
    kind: ValueKind
    values: tuple[str, ...]


_ROWS: dict[tuple[str, Detail], tuple[Field, ...]] = {}


def _rows(entry_type: str, detail: Detail) -> tuple[Field, ...]:
    rows = _ROWS.get((entry_type, detail))
    if rows is None:
        rows = _ROWS[(entry_type, detail)] = tuple(
            row
            for row in FIELDS
            if entry_type in row.types and (detail is Detail.FULL or row.detail is Detail.BRIEF)
        )
    return rows


def entry_facts(entry: Entry, detail: Detail = Detail.FULL) -> list[Fact]:
    """The facts of an entry shown at ``detail``, in table order; empty fields are left out.

    Values are raw: actor, entry and source ids for those kinds, the date as displayed for dates,
    the text itself otherwise.
    """
    facts: list[Fact] = []
    for row in _rows(entry.type, detail):
        value = getattr(entry, row.attr, None)
        if not value:  # None, "" or ()
            continue
        if isinstance(value, PartialDate):
            values: tuple[str, ...] = (value.display(),)
        elif isinstance(value, tuple):
            values = tuple(map(str, value))
        else:
            values = (str(value),)
        facts.append(Fact(row.label, row.kind, values))
    return facts


def headline(index: TimelineIndex, entry: Entry) -> str:
    """An entry's main line, raw: an event's title, or a statement's speaker and words."""
    if isinstance(entry, Event):
        return entry.title
    words = f"“{entry.text}”" if entry.kind == "quote" else entry.text
    return f"{index.actor_name(entry.speaker)}: {words}"


_UNSAFE_URL_CHARS = re.compile(
    r"[\s\x00-\x1f\x7f-\x9f<>\"'`\\\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]"
)


def safe_url(url: str | None) -> str | None:
    """The URL when it may become a link: ``http``/``https`` with a host, and no whitespace,
    control, quote, angle bracket or invisible character; otherwise None (show it as text)."""
    if not url or _UNSAFE_URL_CHARS.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


def source_parts(source: Source) -> list[str]:
    """A source's publisher and date, raw, for the line after its title."""
    parts = []
    if source.publisher:
        parts.append(source.publisher)
    if source.date:
        parts.append(source.date.display())
    return parts
