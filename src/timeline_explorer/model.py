"""The data model: frozen, slotted records for actors, events, statements, sources and links.

Dates are :class:`dates.EdtfDate` values (also known here as :data:`PartialDate`) that keep the
precision and qualifiers they were written with: ``2025-09`` is a month, not the first of it;
``2025-09~`` is about September. Nothing here knows about YAML, files or terminals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, TypeAlias

from .dates import DateError as DateError
from .dates import EdtfDate
from .dates import Precision as Precision
from .order import Ordering

ACTOR_KINDS = ("person", "organization", "country", "group", "other")
STATEMENT_KINDS = ("quote", "paraphrase")


PartialDate: TypeAlias = EdtfDate
"""A date as written (the name the renderers and the TUI know): see :class:`dates.EdtfDate`."""


@dataclass(frozen=True, slots=True)
class Source:
    """Where the information comes from: an article, a report, a transcript."""

    id: str
    title: str
    publisher: str | None = None
    url: str | None = None
    date: PartialDate | None = None


@dataclass(frozen=True, slots=True)
class Link:
    """A typed relation from one actor to another, e.g. ``spokesperson-of``."""

    to: str
    type: str
    description: str | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    """A person, government, organisation, country or group."""

    id: str
    name: str
    kind: str = "person"
    description: str | None = None
    aliases: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()
    note: str | None = None  # how a fact about the actor was established


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened, with its participants."""

    id: str
    date: PartialDate
    title: str
    end: PartialDate | None = None
    description: str | None = None
    place: str | None = None
    actors: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    after: tuple[str, ...] = ()  # entries this one follows
    before: tuple[str, ...] = ()  # entries this one precedes
    order: tuple[int, int] = field(default=(0, 0), compare=False)  # (file, line): sort ties

    @property
    def type(self) -> Literal["event"]:
        """The entry type as written in JSON output."""
        return "event"

    @property
    def kind_label(self) -> str:
        """The kind marker shown in lists."""
        return "event"


@dataclass(frozen=True, slots=True)
class Statement:
    """Words attributed to a speaker: a verbatim quote or reported speech."""

    id: str
    date: PartialDate
    speaker: str
    text: str
    kind: str = "quote"
    place: str | None = None
    context: str | None = None
    on_behalf_of: str | None = None
    mentions: tuple[str, ...] = ()
    event: str | None = None
    responds_to: str | None = None
    sources: tuple[str, ...] = ()
    language: str | None = None
    tags: tuple[str, ...] = ()
    note: str | None = None  # how the date or the attribution was inferred
    after: tuple[str, ...] = ()
    before: tuple[str, ...] = ()
    order: tuple[int, int] = field(default=(0, 0), compare=False)

    @property
    def type(self) -> Literal["statement"]:
        """The entry type as written in JSON output."""
        return "statement"

    @property
    def kind_label(self) -> str:
        """The kind marker shown in lists: ``quote`` or ``paraphrase``."""
        return self.kind


Entry: TypeAlias = Event | Statement


def entry_sort_key(entry: Entry) -> tuple[int, int, int, int]:
    """Order of entries by date alone: start, precision (coarser first), then file order.

    The timeline's order also respects the constraints between entries (``index``).
    """
    when = entry.date
    return (when.start, when.rank, entry.order[0], entry.order[1])


@dataclass(frozen=True, slots=True)
class Dataset:
    """Everything loaded from one or more files, validated."""

    title: str | None
    language: str | None
    sources: tuple[Source, ...]
    actors: tuple[Actor, ...]
    events: tuple[Event, ...]
    statements: tuple[Statement, ...]
    files: tuple[str, ...] = field(default=(), compare=False)
    # The timeline order of events then statements, when the loader worked it out.
    ordering: Ordering | None = field(default=None, compare=False, repr=False)
