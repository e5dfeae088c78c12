"""The cache's payload: a dataset as plain data by columns, packed with msgpack, and read back
with every field checked (types, ids, dates, kinds, references, the timeline order), so that an
entry this version would not have written is refused rather than shown.

The store around it (key, MAC, files, pruning, atomic writes) is :mod:`timeline_explorer.cache`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from itertools import islice, repeat
from sys import intern
from typing import Any

import msgspec

from .. import __version__
from ..checks import reply_cycles
from ..model import Dataset, DateError, PartialDate
from ..order import Ordering
from ..schema import ID_RE, LANGUAGE_RE, SCHEMA, FieldSpec, RecordSpec, Schema, end_problem

_FORMAT = 3


# -- payload: plain data only, by columns ------------------------------------------------------
#
# The payload is a list: format, version, title, language, files, then one table per top-level
# record kind (its count, then one column per field in declaration order, then the file order as
# two integer columns for entries), then the timeline order (``order`` and ``placed_after`` of
# :class:`order.Ordering`) or None. Lists of ids or texts are two columns: the length of each
# record's list, and all their items in a row. Stored by columns, a payload is read by msgspec
# into typed lists in C (a wrong type fails there) and checked a column at a time.


def encode(dataset: Dataset, schema: Schema = SCHEMA) -> list[Any]:
    """A dataset as plain data (lists, strings, integers), by columns (see above).

    Args:
        dataset: the data.
        schema: the declaration of the format (a modified copy in the tests).
    """
    ordering = dataset.ordering
    entries = len(dataset.events) + len(dataset.statements)
    stored_order: list[Any] | None = None
    if ordering is not None and len(ordering.order) == entries and not ordering.problems:
        stored_order = [list(ordering.order), list(ordering.placed_after)]
    return [
        _FORMAT,
        __version__,
        dataset.title,
        dataset.language,
        [],  # the files' names are the caller's (a name need not be UTF-8)
        *(_encode_table(schema, spec, _records(dataset, spec.kind)) for spec in schema.top_level),
        stored_order,
    ]


def _records(dataset: Dataset, kind: str) -> tuple[Any, ...]:
    lists = {"source": dataset.sources, "actor": dataset.actors}
    lists |= {"event": dataset.events, "statement": dataset.statements}
    return lists[kind]


def _encode_table(schema: Schema, spec: RecordSpec, records: Sequence[Any]) -> list[Any]:
    table: list[Any] = [len(records)]
    for field in spec.fields:
        values = [getattr(record, field.name) for record in records]
        if field.type == "date":
            table.append([v.text if v is not None else None for v in values])
        elif field.type == "records":
            assert field.nested is not None
            nested = schema.records[field.nested]
            table.append([[_encode_record(schema, nested, item) for item in v] for v in values])
        elif field.is_list:
            table.append([[len(v) for v in values], [item for v in values for item in v]])
        else:
            table.append(values)
    if spec.ordered:
        table.append([record.order[0] for record in records])
        table.append([record.order[1] for record in records])
    return table


def _encode_record(schema: Schema, spec: RecordSpec, record: Any) -> list[Any]:
    """A nested record (an actor's link) as a row of its fields."""
    out: list[Any] = []
    for field in spec.fields:
        value = getattr(record, field.name)
        if field.type == "date":
            value = value.text if value is not None else None
        elif field.type == "records":
            assert field.nested is not None
            nested = schema.records[field.nested]
            value = [_encode_record(schema, nested, item) for item in value]
        elif field.is_list:
            value = list(value)
        out.append(value)
    return out


class _Invalid(ValueError):
    """The payload is not one this version writes."""


def _fields(value: Any, count: int) -> list[Any]:
    if type(value) is not list or len(value) != count:
        raise _Invalid("shape")
    return value


def _items(value: Any) -> list[Any]:
    if type(value) is not list:
        raise _Invalid("list")
    return value


def _column_type(field: FieldSpec) -> Any:
    """The msgspec type of one field's column."""
    if field.type in ("texts", "refs"):
        return tuple[list[int], list[str]]
    if field.type == "records":
        return list[list[Any]]
    if field.required or field.type in ("id", "choice"):
        return list[str]
    return list[str | None]


_TYPES: dict[int, tuple[Schema, tuple[Any, list[list[Any]], Any]]] = {}


def _payload_type(schema: Schema) -> tuple[Any, list[list[Any]], Any]:
    """The msgspec types for this declaration (built once per schema): of a whole payload,
    of each column of each table, of the timeline order."""
    known = _TYPES.get(id(schema))
    if known is not None and known[0] is schema:
        return known[1]
    column_types = []
    for spec in schema.top_level:
        columns: list[Any] = [_column_type(f) for f in spec.fields]
        if spec.ordered:
            columns += [list[int], list[int]]
        column_types.append(columns)
    tables = [_tuple_of([int, *columns]) for columns in column_types]
    ordering = tuple[list[int], list[int | None]] | None
    parts = (int, str, str | None, str | None, list[str], *tables, ordering)
    whole = _tuple_of(parts)
    types = (whole, column_types, ordering)
    _TYPES[id(schema)] = (schema, types)
    return types


def _packed_type(schema: Schema) -> Any:
    """The msgspec type of a payload as :func:`pack` wrote it: its columns still packed."""
    _, column_types, _ = _payload_type(schema)
    tables = [_tuple_of([int, *[bytes] * len(columns)]) for columns in column_types]
    return _tuple_of([int, str, str | None, str | None, list[str], *tables, bytes])


def _tuple_of(items: Sequence[Any]) -> Any:
    """``tuple[items...]``: a fixed-length tuple type made at run time."""
    return tuple.__class_getitem__(tuple(items))


class _Decoder:
    """Turns a payload back into the model, checking every value as its declaration says, as
    strictly as the loader: a column at a time for top-level records, a record at a time for
    nested ones."""

    def __init__(self, schema: Schema) -> None:
        self.schema = schema
        self.dates: dict[str | None, PartialDate | None] = {None: None}
        self.shared: dict[str | None, str | None] = {None: None}  # one object per text

    @staticmethod
    def text(value: Any, required: bool = False) -> str:
        if type(value) is not str or (required and not value.strip()):
            raise _Invalid("text")
        return value

    def date(self, value: Any) -> PartialDate:
        text = self.text(value)
        known = self.dates.get(text)
        if known is None:
            try:
                known = self.dates[text] = PartialDate.parse(text)
            except DateError:
                raise _Invalid("date") from None
        return known

    def language(self, value: Any) -> str | None:
        if value is None:
            return None
        if type(value) is not str or not LANGUAGE_RE.fullmatch(value):
            raise _Invalid("language")
        return intern(value)

    # -- columns (types already checked by msgspec) ----------------------------------------

    def share(self, column: list[Any]) -> list[Any]:
        """The column with one string object for equal texts."""
        memo = self.shared
        return list(map(memo.setdefault, column, column))

    def column(self, field: FieldSpec, column: Any, count: int) -> list[Any]:
        """One field's values for every record, checked as its declaration says."""
        kind = field.type
        if kind in ("texts", "refs"):
            lengths, items = column
            if len(lengths) != count or sum(lengths) != len(items) or min(lengths, default=0) < 0:
                raise _Invalid("lengths")
            if not all(map(str.strip, items)):
                raise _Invalid("text")
            flat = iter(self.share(items))
            return [tuple(islice(flat, n)) if n else () for n in lengths]
        if len(column) != count:
            raise _Invalid("count")
        if kind == "records":
            assert field.nested is not None
            nested = self.schema.records[field.nested]
            return [tuple(self.record(nested, item) for item in items) for items in column]
        present = [v for v in column if v is not None] if None in column else column
        if kind == "id":
            if not all(map(ID_RE.fullmatch, column)):
                raise _Invalid("id")
            return list(map(intern, column))
        if kind in ("text", "ref"):
            if (field.required or kind == "ref") and not all(map(str.strip, present)):
                raise _Invalid("text")
            return self.share(column) if field.shared or kind == "ref" else column
        if kind == "date":
            dates = self.dates
            for text in set(present).difference(dates):
                try:
                    dates[text] = PartialDate.parse(text)
                except DateError:
                    raise _Invalid("date") from None
            return list(map(dates.__getitem__, column))
        if kind == "choice":
            choices = {c: c for c in field.choices}
            if not choices.keys() >= set(column):
                raise _Invalid("choice")
            return list(map(choices.__getitem__, column))
        assert kind == "language"
        written = set(present)
        if not all(map(LANGUAGE_RE.fullmatch, written)):
            raise _Invalid("language")
        languages: dict[str | None, str | None] = {v: intern(v) for v in written}
        languages[None] = None
        return list(map(languages.__getitem__, column))

    def table(self, spec: RecordSpec, table: Any) -> tuple[dict[str, Any], int]:
        """The checked columns of one record kind by attribute, and how many records."""
        count, *columns = table
        if count < 0:
            raise _Invalid("count")
        values = {
            f.name: self.column(f, column, count)
            for f, column in zip(spec.fields, columns, strict=False)
        }
        if spec.ordered:
            files, ranks = columns[-2:]
            if len(files) != count or len(ranks) != count or min([*files, *ranks, 0]) < 0:
                raise _Invalid("order")
            values["order"] = list(zip(files, ranks, strict=True))
        if "end" in values and "date" in values:
            for start, end in zip(values["date"], values["end"], strict=True):
                if end is not None and end_problem(start, end):
                    raise _Invalid("end")
        return values, count

    @staticmethod
    def build(spec: RecordSpec, values: dict[str, Any], count: int) -> tuple[Any, ...]:
        """The records of one kind from their checked columns."""
        # Positional arguments, each column given by the name of the attribute it fills.
        names = [f.name for f in dataclasses.fields(spec.record) if f.init]
        if not values.keys() <= set(names):
            raise _Invalid("fields")
        args = [
            values[name] if name in values else repeat(_default(spec.record, name), count)
            for name in names
        ]
        return tuple(map(spec.record, *args))

    # -- nested records, a row each ----------------------------------------------------------

    def value(self, field: FieldSpec, value: Any) -> Any:
        """One field's value, checked as its declaration says."""
        kind = field.type
        if value is None and not field.required and kind in ("text", "ref", "date", "language"):
            return None
        if kind == "id":
            if type(value) is not str or not ID_RE.fullmatch(value):
                raise _Invalid("id")
            return intern(value)
        if kind == "text":
            text = self.text(value, field.required)
            return intern(text) if field.shared else text
        if kind in ("texts", "refs"):
            return tuple(intern(self.text(v, True)) for v in _items(value))
        if kind == "ref":
            return intern(self.text(value, required=True))
        if kind == "date":
            return self.date(value)
        if kind == "choice":
            if type(value) is not str or value not in field.choices:
                raise _Invalid("choice")
            return field.choices[field.choices.index(value)]
        if kind == "language":
            return self.language(value)
        assert kind == "records" and field.nested is not None
        nested = self.schema.records[field.nested]
        return tuple(self.record(nested, item) for item in _items(value))

    def record(self, spec: RecordSpec, value: Any) -> Any:
        """One nested record of a payload."""
        written = _fields(value, len(spec.fields))
        values = {f.name: self.value(f, v) for f, v in zip(spec.fields, written, strict=True)}
        if values.get("end") is not None and end_problem(values["date"], values["end"]):
            raise _Invalid("end")
        return spec.record(**values)


def _default(record: type, name: str) -> Any:
    for f in dataclasses.fields(record):
        if f.name == name:
            if f.default is not dataclasses.MISSING:
                return f.default
            if f.default_factory is not dataclasses.MISSING:
                return f.default_factory()
    raise _Invalid("fields")  # a required attribute the payload does not fill


def _references_hold(schema: Schema, columns: dict[str, dict[str, Any]], whole: bool) -> bool:
    """The checks of ``checks.all_clear`` on columns, as set operations: every id defined once,
    every reference names an id of a kind it may name (in a head, an entry it does not hold
    is no error), and no cycle of replies."""
    ids = {kind: values["id"] for kind, values in columns.items()}
    defined = set().union(*ids.values())
    if len(defined) != sum(map(len, ids.values())):
        return False
    id_sets = {kind: set(values) for kind, values in ids.items()}

    def holds(field: FieldSpec, targets: set[Any]) -> bool:
        targets.discard(None)
        allowed: set[str] = set().union(*(id_sets.get(k, ()) for k in field.refers_to))
        missing = targets - allowed
        if missing and not whole and set(field.refers_to) <= {"event", "statement"}:
            missing &= defined  # named but not held: fine in a head
        return not missing

    def fields_hold(spec: RecordSpec, values: dict[str, Any]) -> bool:
        for field in spec.fields:
            column = values[field.name]
            if field.type == "ref" and not holds(field, set(column)):
                return False
            if field.type == "refs" and not holds(field, set().union(*column)):
                return False
            if field.type == "records" and field.nested is not None:
                nested = schema.records[field.nested]
                rows = [item for items in column for item in items]
                inner = {f.name: [getattr(r, f.name) for r in rows] for f in nested.fields}
                if not fields_hold(nested, inner):
                    return False
        return True

    for spec in schema.top_level:
        if spec.kind in columns and not fields_hold(spec, columns[spec.kind]):
            return False
    statements = columns.get("statement", {})
    answered = statements.get("responds_to")
    if answered is None:
        return True
    replies = {i: r for i, r in zip(statements["id"], answered, strict=True) if r is not None}
    return not reply_cycles(list(replies), replies.get)


def _ordering(stored: Any, count: int) -> Ordering | None:
    """The timeline order as stored, checked to be one (a permutation, places in range)."""
    if stored is None:
        return None
    order, placed_after = stored
    if len(order) != count or len(placed_after) != count:
        raise _Invalid("ordering")
    if sorted(order) != list(range(count)):
        raise _Invalid("ordering")
    if not all(p is None or 0 <= p < count for p in placed_after):
        raise _Invalid("ordering")
    position = [0] * count
    for place, item in enumerate(order):
        position[item] = place
    return Ordering(tuple(order), tuple(position), tuple(placed_after), ())


def decode(payload: Any, schema: Schema = SCHEMA, *, whole: bool = True) -> Dataset:
    """The dataset of a payload given as plain data; raises on anything this version would not
    have written.

    Args:
        payload: what :func:`encode` gave.
        schema: the declaration of the format (a modified copy in the tests).
        whole: False for a head, whose entries may name entries it does not hold.
    """
    return _build(_typed(payload, schema), schema, whole)


def _typed(payload: Any, schema: Schema) -> Any:
    if type(payload) is not list or not payload or payload[0] != _FORMAT:
        raise _Invalid("another version")
    return msgspec.convert(payload, _payload_type(schema)[0], strict=True)


def pack(payload: list[Any]) -> bytes:
    """A payload as written: msgpack, each column (and the timeline order) packed apart, so
    that reading it is a series of short steps rather than one long one that would hold the
    interpreter while a key waits."""
    head, tables, order = payload[:5], payload[5:-1], payload[-1]
    packed = [[table[0], *map(msgspec.msgpack.encode, table[1:])] for table in tables]
    return msgspec.msgpack.encode([*head, *packed, msgspec.msgpack.encode(order)])


def unpack(body: bytes) -> list[Any]:
    """What :func:`pack` packed, as plain data, unchecked (for tools and tests)."""
    *head, order = msgspec.msgpack.decode(body)
    tables = [[t[0], *map(msgspec.msgpack.decode, t[1:])] for t in head[5:]]
    return [*head[:5], *tables, msgspec.msgpack.decode(order)]


def decode_bytes(body: bytes, schema: Schema = SCHEMA, *, whole: bool = True) -> Dataset:
    """The dataset of a payload as written by :func:`pack`, typed by msgspec as it is read,
    a column at a time."""
    _, column_types, order_type = _payload_type(schema)
    *head, order = msgspec.msgpack.decode(body, type=_packed_type(schema))
    tables = [
        (
            table[0],
            *(msgspec.msgpack.decode(c, type=t) for c, t in zip(table[1:], types, strict=True)),
        )
        for table, types in zip(head[5:], column_types, strict=True)
    ]
    typed = (*head[:5], *tables, msgspec.msgpack.decode(order, type=order_type))
    return _build(typed, schema, whole)


def _build(payload: Any, schema: Schema, whole: bool) -> Dataset:
    fmt, version, title, language, files, *tables, stored_order = payload
    if fmt != _FORMAT or version != __version__:
        raise _Invalid("another version")
    decoder = _Decoder(schema)
    columns = {
        spec.kind: decoder.table(spec, table)
        for spec, table in zip(schema.top_level, tables, strict=True)
    }
    if not _references_hold(schema, {kind: values for kind, (values, _) in columns.items()}, whole):
        raise _Invalid("references")
    by_kind = {spec.kind: decoder.build(spec, *columns[spec.kind]) for spec in schema.top_level}
    events = by_kind.get("event", ())
    statements = by_kind.get("statement", ())
    ordering = _ordering(stored_order, len(events) + len(statements)) if whole else None
    return Dataset(
        title=title,
        language=decoder.language(language),
        files=tuple(files),  # () as written
        sources=by_kind.get("source", ()),
        actors=by_kind.get("actor", ()),
        events=events,
        statements=statements,
        ordering=ordering,
    )
