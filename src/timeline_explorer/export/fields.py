"""The facts of an entry, shared by every renderer, and the check that makes a URL a link.

An entry's secondary facts (end date, participants, place, description, sources, id...) come from
one table, :data:`FIELDS`, so that each renderer (text, Markdown, HTML, TimelineJS) shows the same
facts in its own way. The table is derived from the declaration of the format (``schema``): a new
record field is shown once its declaration says how (``show``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ..model import Actor, Entry, Event, PartialDate, Source
from ..schema import SCHEMA, Schema, ShowKind

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
ValueKind = ShowKind


@dataclass(frozen=True, slots=True)
class Field:
    """One row of the field table: which attribute, shown under which label, at which detail."""

    attr: str
    label: str
    kind: ValueKind
    detail: Detail
    types: tuple[str, ...] = ("event", "statement")


def derive_fields(schema: Schema = SCHEMA) -> tuple[Field, ...]:
    """The field table, from the declaration's ``show`` of each entry field.

    A field several record kinds share under the same attribute and label is one row; rows are
    in the order of their rank.

    Args:
        schema: the declaration of the format (a modified copy in the tests).
    """
    rows: dict[tuple[str, str, ShowKind, str], tuple[int, list[str]]] = {}
    for kind in ("event", "statement"):
        for spec_field in schema.records[kind].fields:
            show = spec_field.show
            if show is None:
                continue
            key = (spec_field.name, show.label, show.kind, show.detail)
            rows.setdefault(key, (show.rank, []))[1].append(kind)
    ordered = sorted(rows.items(), key=lambda item: item[1][0])
    return tuple(
        Field(attr, label, kind, Detail(detail), tuple(types))
        for (attr, label, kind, detail), (_, types) in ordered
    )


FIELDS: tuple[Field, ...] = derive_fields()
"""One row per fact an entry may show, derived from the declaration (``schema``)."""


@dataclass(frozen=True, slots=True)
class Fact:
    """A labelled fact of an entry: raw values from the data (renderers escape them)."""

    label: str
    kind: ValueKind
    values: tuple[str, ...]


_ROWS: dict[tuple[str, Detail], tuple[Field, ...]] = {}


def _rows(entry_type: str, detail: Detail, table: tuple[Field, ...]) -> tuple[Field, ...]:
    rows = _ROWS.get((entry_type, detail)) if table is FIELDS else None
    if rows is None:
        rows = tuple(
            row
            for row in table
            if entry_type in row.types and (detail is Detail.FULL or row.detail is Detail.BRIEF)
        )
        if table is FIELDS:
            _ROWS[(entry_type, detail)] = rows
    return rows


def entry_facts(
    entry: Entry, detail: Detail = Detail.FULL, table: tuple[Field, ...] = FIELDS
) -> list[Fact]:
    """The facts of an entry shown at ``detail``, in table order; empty fields are left out.

    Values are raw: actor, entry and source ids for those kinds, the date as displayed for dates,
    the text itself otherwise.

    Args:
        entry: the entry.
        detail: how much to show.
        table: the field table (:data:`FIELDS`; another one in the tests).
    """
    facts: list[Fact] = []
    for row in _rows(entry.type, detail, table):
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


def actor_facts(actor: Actor, detail: Detail = Detail.FULL, schema: Schema = SCHEMA) -> list[Fact]:
    """The facts of an actor its declaration says to show (its editorial ``note``), at
    ``detail``; name, kind, description, aliases and links each renderer shows in its own way.

    Args:
        actor: the actor.
        detail: how much to show.
        schema: the declaration of the format.
    """
    facts = []
    for spec_field in schema.records["actor"].fields:
        show = spec_field.show
        if show is None or (detail is Detail.BRIEF and show.detail != "brief"):
            continue
        value = getattr(actor, spec_field.name, None)
        if value:
            values = tuple(map(str, value)) if isinstance(value, tuple) else (str(value),)
            facts.append(Fact(show.label, show.kind, values))
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
