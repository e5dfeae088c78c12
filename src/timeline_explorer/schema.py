"""The one declaration of the file format: every record's fields, and how each is read and shown.

Each record kind (source, actor, link, event, statement) is a :class:`RecordSpec`: the model
class it builds and its fields, in the order they are documented, read and reported. Each
:class:`FieldSpec` says the attribute, the YAML key, the type of value, whether it is required,
its default, which record kinds a reference may name, and how the plain renderers show it.

From this declaration are derived: the keys each mapping may hold, the strict loader's walk
(``loader``), the fast builder (``fastload``), the cache encoding (``cache``), the tests' ``dump``
and the field table of the plain renderers (``export.fields``). The model's frozen, slotted
dataclasses (``model``) are checked against it by the tests (names, defaults, annotations), and
records are always built with keyword arguments, so two fields cannot be swapped silently.

The id and language patterns live here too, once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from typing import Any, Literal

from .model import (
    ACTOR_KINDS,
    STATEMENT_KINDS,
    Actor,
    Event,
    Link,
    PartialDate,
    Source,
    Statement,
)
from .order import ConstraintKind

ID_RE = re.compile(r"[a-z0-9][a-z0-9_-]*")
"""An id: lowercase ASCII letters, digits, ``-`` and ``_``, starting with a letter or digit."""
LANGUAGE_RE = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")
"""A BCP 47 language tag, loosely: ``it``, ``en``, ``pt-BR``."""

ValueType = Literal["id", "text", "texts", "date", "choice", "ref", "refs", "language", "records"]
"""What a field holds:

- ``id``: the record's own id (first field; defines it for references);
- ``text``: one text (``str | None``; ``required`` makes it non-empty ``str``);
- ``texts``: a list of texts (``tuple[str, ...]``);
- ``date``: a date as written (``dates.EdtfDate``; ``None`` when absent and optional);
- ``choice``: one of ``choices``, else ``default``;
- ``ref``: the id of another record (``str | None``), of a kind in ``refers_to``;
- ``refs``: a list of such ids (``tuple[str, ...]``);
- ``language``: a language tag (``str | None``); a statement without one takes the file's;
- ``records``: nested records of the kind ``nested`` (``tuple[Record, ...]``).
"""
ShowKind = Literal["text", "date", "actor", "entry", "source", "block", "id"]
"""How a renderer shows a value: link it to an actor, an entry or a source, or show text; a
``block`` is a paragraph of its own."""
Detail = Literal["brief", "full"]


@dataclass(frozen=True, slots=True)
class Show:
    """How the plain renderers show a field among an entry's facts.

    Attributes:
        label: the label before the value (``with``, ``at``, ``responds to``).
        kind: how the value is shown (see :data:`ShowKind`).
        detail: the least detail at which it is shown (``brief`` or ``full``).
        rank: its place among the facts (smaller first); fields of several kinds with the same
            attribute and label share one row.
    """

    label: str
    kind: ShowKind
    detail: Detail
    rank: int


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field of a record.

    Attributes:
        name: the attribute of the model class.
        key: the key in the YAML mapping.
        type: what it holds (see :data:`ValueType`).
        required: whether the key must be written.
        default: the value when it is absent (``None``, ``()`` or a choice).
        refers_to: for ``ref``/``refs``: the record kinds the id may name.
        role: for ``ref``/``refs``: what the named record is to this one, in messages.
        choices: for ``choice``: the values allowed.
        nested: for ``records``: the kind of the nested records.
        shared: text repeated across entries (places, contexts): one string object for all.
        show: how the plain renderers show it among the facts, if they do.
        one_or_many: for ``refs``: one id may be written without a list (``after: speech``).
        constraint: for references that place the record in the timeline: how (``after``,
            ``before``, ``responds_to`` or ``event``; see ``order``).
    """

    name: str
    key: str
    type: ValueType
    required: bool = False
    default: Any = None
    refers_to: tuple[str, ...] = ()
    role: str = ""
    choices: tuple[str, ...] = ()
    nested: str | None = None
    shared: bool = False
    show: Show | None = None
    one_or_many: bool = False
    constraint: ConstraintKind | None = None

    @property
    def is_list(self) -> bool:
        """Whether the value is a tuple."""
        return self.type in ("texts", "refs", "records")


@dataclass(frozen=True, slots=True)
class RecordSpec:
    """A record kind: its name in messages, its model class and its fields in key order.

    ``top`` is the key of the file's list of such records (``None`` for nested records).
    """

    kind: str
    record: type
    fields: tuple[FieldSpec, ...]
    top: str | None = None

    @property
    def keys(self) -> tuple[str, ...]:
        """The keys a mapping of this record may hold, in documentation order."""
        return tuple(f.key for f in self.fields)

    @property
    def required(self) -> tuple[str, ...]:
        """The keys that must be written."""
        return tuple(f.key for f in self.fields if f.required)

    @property
    def ordered(self) -> bool:
        """Whether the record keeps its place in the files (an ``order`` attribute): entries."""
        return "order" in {f.name for f in fields(self.record)}

    def field(self, name: str) -> FieldSpec:
        """The field with this attribute name."""
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(name)


def _ref(
    name: str,
    role: str,
    *kinds: str,
    show: Show | None = None,
    constraint: ConstraintKind | None = None,
) -> FieldSpec:
    return FieldSpec(
        name,
        name,
        "ref",
        refers_to=kinds,
        role=role,
        shared=True,
        show=show,
        constraint=constraint,
    )


def _refs(name: str, role: str, *kinds: str, show: Show | None = None) -> FieldSpec:
    return FieldSpec(name, name, "refs", default=(), refers_to=kinds, role=role, show=show)


_ID_SHOWN = Show("id", "id", "full", 120)
_AFTER = FieldSpec(
    "after",
    "after",
    "refs",
    default=(),
    refers_to=("event", "statement"),
    role="entry to follow",
    show=Show("after", "entry", "brief", 62),
    one_or_many=True,
    constraint="after",
)
_BEFORE = FieldSpec(
    "before",
    "before",
    "refs",
    default=(),
    refers_to=("event", "statement"),
    role="entry to precede",
    show=Show("before", "entry", "brief", 64),
    one_or_many=True,
    constraint="before",
)
_NOTE = Show("note", "block", "full", 100)
_PLACE = Show("at", "text", "brief", 30)
_TAGS = Show("tags", "text", "full", 80)
_DESCRIPTION = Show("description", "block", "full", 90)
_SOURCES = Show("source", "source", "full", 110)

SOURCE = RecordSpec(
    "source",
    Source,
    (
        FieldSpec("id", "id", "id", required=True),
        FieldSpec("title", "title", "text", required=True),
        FieldSpec("publisher", "publisher", "text"),
        FieldSpec("url", "url", "text"),
        FieldSpec("date", "date", "date"),
    ),
    top="sources",
)

LINK = RecordSpec(
    "link",
    Link,
    (
        FieldSpec("to", "to", "ref", required=True, refers_to=("actor",), role="link target"),
        FieldSpec("type", "type", "text", required=True),
        FieldSpec("description", "description", "text"),
    ),
)

ACTOR = RecordSpec(
    "actor",
    Actor,
    (
        FieldSpec("id", "id", "id", required=True),
        FieldSpec("name", "name", "text", required=True),
        FieldSpec("kind", "kind", "choice", default="person", choices=ACTOR_KINDS),
        FieldSpec("description", "description", "text"),
        FieldSpec("aliases", "aliases", "texts", default=()),
        FieldSpec("links", "links", "records", default=(), nested="link"),
        FieldSpec("note", "note", "text", show=_NOTE),
    ),
    top="actors",
)

EVENT = RecordSpec(
    "event",
    Event,
    (
        FieldSpec("id", "id", "id", required=True, show=_ID_SHOWN),
        FieldSpec("date", "date", "date", required=True),
        FieldSpec("end", "end", "date", show=Show("until", "date", "brief", 10)),
        FieldSpec("title", "title", "text", required=True),
        FieldSpec("description", "description", "text", show=_DESCRIPTION),
        FieldSpec("place", "place", "text", shared=True, show=_PLACE),
        _refs("actors", "participant", "actor", show=Show("with", "actor", "brief", 20)),
        _refs("sources", "source", "source", show=_SOURCES),
        FieldSpec("tags", "tags", "texts", default=(), show=_TAGS),
        _AFTER,
        _BEFORE,
    ),
    top="events",
)

STATEMENT = RecordSpec(
    "statement",
    Statement,
    (
        FieldSpec("id", "id", "id", required=True, show=_ID_SHOWN),
        FieldSpec("date", "date", "date", required=True),
        FieldSpec("speaker", "speaker", "ref", required=True, refers_to=("actor",), role="speaker"),
        FieldSpec("text", "text", "text", required=True),
        FieldSpec("kind", "kind", "choice", default="quote", choices=STATEMENT_KINDS),
        FieldSpec("place", "place", "text", shared=True, show=_PLACE),
        FieldSpec(
            "context", "context", "text", shared=True, show=Show("context", "text", "brief", 40)
        ),
        _ref(
            "on_behalf_of",
            "on_behalf_of actor",
            "actor",
            show=Show("for", "actor", "brief", 25),
        ),
        _refs("mentions", "mentioned actor", "actor", show=Show("mentions", "actor", "brief", 50)),
        _ref(
            "event", "event", "event", show=Show("during", "entry", "full", 70), constraint="event"
        ),
        _ref(
            "responds_to",
            "responds_to entry",
            "event",
            "statement",
            show=Show("responds to", "entry", "brief", 60),
            constraint="responds_to",
        ),
        _refs("sources", "source", "source", show=_SOURCES),
        FieldSpec("language", "language", "language"),
        FieldSpec("tags", "tags", "texts", default=(), show=_TAGS),
        FieldSpec("note", "note", "text", show=_NOTE),
        _AFTER,
        _BEFORE,
    ),
    top="statements",
)

RECORDS: dict[str, RecordSpec] = {
    spec.kind: spec for spec in (SOURCE, LINK, ACTOR, EVENT, STATEMENT)
}
"""Every record kind by name, in the order the file lists them."""
TOP_LEVEL: tuple[RecordSpec, ...] = (SOURCE, ACTOR, EVENT, STATEMENT)
"""The records a file lists at its top level, in the order they are read."""
ENTRIES: tuple[RecordSpec, ...] = (EVENT, STATEMENT)
"""The records shown in the timeline."""
ROOT_KEYS = ("title", "language", *(spec.top for spec in TOP_LEVEL if spec.top))
"""The keys the file's top mapping may hold."""


@dataclass(frozen=True, slots=True)
class Schema:
    """A whole declaration, so that a path can be run against a modified copy in the tests."""

    records: dict[str, RecordSpec]

    @property
    def top_level(self) -> tuple[RecordSpec, ...]:
        """The records listed at the top of a file, in reading order."""
        return tuple(spec for spec in self.records.values() if spec.top is not None)

    @property
    def root_keys(self) -> tuple[str, ...]:
        """The keys of the file's top mapping."""
        return ("title", "language", *(spec.top for spec in self.top_level if spec.top))

    def of(self, record: object) -> RecordSpec:
        """The spec of a record (by its class)."""
        for spec in self.records.values():
            if type(record) is spec.record:
                return spec
        raise KeyError(type(record).__name__)


SCHEMA = Schema(RECORDS)
"""The format as the program reads it."""


def end_problem(start: PartialDate, end: PartialDate) -> str | None:
    """What is wrong with an ``end`` given the ``date`` it closes, or None.

    The one rule both parse paths apply: the end's period must not close before the date's
    period opens.
    """
    if end.end <= start.start:
        return f"ends ({end.display()}) before it starts ({start.display()})"
    return None
