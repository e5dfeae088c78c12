"""The cross-file checks, shared by both parse paths: files given once, unique ids (an actor or
source defined identically in several files is one), references, reply cycles, and the
timeline's order with its contradictions.

The strict loader turns each problem found here into a located error (it keeps where each id
and reference was written, as ``where``); the fast builder only asks whether there is any, and
gives the file to the strict loader when there is. So both paths apply the same rules, written
once. What a reference may name comes from the declaration (``schema``).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from .model import Entry
from .order import Constraint, Item, Ordering, Problem, order_items
from .schema import SCHEMA, FieldSpec, RecordSpec, Schema

W = TypeVar("W")
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Reference(Generic[W]):
    """A reference written in a record: the id named and the kinds it may name.

    Attributes:
        target: the id named.
        expected: the record kinds it may name.
        owner: the record that names it, for messages (``statement 'x'``).
        role: what the named record is to the owner (``speaker``, ``participant``).
        where: where it was written (the loader's node), or None.
    """

    target: str
    expected: tuple[str, ...]
    owner: str
    role: str
    where: W


def bad_references(
    references: Iterable[Reference[W]], kinds: dict[str, str]
) -> Iterator[tuple[Reference[W], str | None]]:
    """Each reference to an unknown id or to a record of another kind, with the kind found.

    Args:
        references: every reference of every file.
        kinds: the kind of each defined id.
    """
    for ref in references:
        found = kinds.get(ref.target)
        if found is None or found not in ref.expected:
            yield ref, found


# -- several files: each given once, shared definitions merged ---------------------------------


def repeated_paths(paths: Sequence[str]) -> list[tuple[int, int]]:
    """Each path that names a file given before (the same path, another spelling of it, a link
    to it), as (its index, the index of the first): such a file is an error, said once, rather
    than every id in it being defined twice. ``-`` (standard input) is never a repeat.

    Args:
        paths: the paths as given, in order.
    """
    seen: list[tuple[int, str, os.stat_result | None]] = []
    out = []
    for i, path in enumerate(paths):
        if path == "-":
            continue
        real = os.path.realpath(path)
        try:
            info: os.stat_result | None = os.stat(path)
        except OSError:
            info = None  # reported when it is read
        for first, first_real, first_info in seen:
            same = first_real == real or (
                info is not None and first_info is not None and os.path.samestat(info, first_info)
            )
            if same:
                out.append((i, first))
                break
        else:
            seen.append((i, real, info))
    return out


MERGED_KINDS = ("actor", "source")
"""Kinds of records that several files may each define: defined identically they are one record
(two stories that both name ``usa``); defined differently, an error naming both places."""


@dataclass(frozen=True, slots=True)
class Repeat:
    """A record defined again in a later file, with an id and kind defined in an earlier one.

    Attributes:
        kind: the kind of both records (one of :data:`MERGED_KINDS`).
        id: their id.
        first: (file, position among that file's records of the kind) of the first definition.
        again: the same for this one.
        differs: the fields in which the two differ; empty when they are identical (merged).
    """

    kind: str
    id: str
    first: tuple[int, int]
    again: tuple[int, int]
    differs: tuple[str, ...]


def repeated_definitions(
    files: Sequence[Mapping[str, Sequence[object]]], kinds: Sequence[str] = MERGED_KINDS
) -> list[Repeat]:
    """Each record of ``kinds`` whose id a record of the same kind in an earlier file has.

    Within one file a repeated id stays a duplicate (:func:`defined_kinds`), as does an id
    defined as another kind.

    Args:
        files: for each file, its records by kind.
        kinds: the kinds that may be repeated.
    """
    first: dict[str, tuple[str, int, int, object]] = {}
    again: set[tuple[str, int]] = set()  # (id, file) of each repeat: a second is a duplicate
    out = []
    for file_index, built in enumerate(files):
        for kind in kinds:
            for position, record in enumerate(built.get(kind, ())):
                record_id: str = getattr(record, "id")  # noqa: B009
                seen = first.get(record_id)
                if seen is None:
                    first[record_id] = (kind, file_index, position, record)
                elif (
                    seen[0] == kind
                    and seen[1] != file_index
                    and (record_id, file_index) not in again
                ):
                    again.add((record_id, file_index))
                    differs = _differences(seen[3], record)
                    out.append(
                        Repeat(kind, record_id, (seen[1], seen[2]), (file_index, position), differs)
                    )
    return out


def _differences(first: object, again: object) -> tuple[str, ...]:
    """The names of the fields in which two records of one dataclass differ."""
    return tuple(
        field.name
        for field in dataclasses.fields(first)  # type: ignore[arg-type]
        if getattr(first, field.name) != getattr(again, field.name)
    )


def repeat_problem(repeat: Repeat, first_place: str) -> tuple[str, str]:
    """The message and hint for a record defined differently in two files.

    Args:
        repeat: the repeat, with the fields that differ.
        first_place: where the first definition is (``file:line:col``).
    """
    fields = ", ".join(repeat.differs)
    message = (
        f"{repeat.kind} '{repeat.id}' is defined here and at {first_place}, differently ({fields})"
    )
    article = "an" if repeat.kind[0] in "aeiou" else "a"
    hint = f"{article} {repeat.kind} defined in several files must be the same in each (then "
    hint += "it is one); or give one of them another id"
    return message, hint


def merge_repeats(
    files: Sequence[Mapping[str, Sequence[T]]], repeats: Sequence[Repeat]
) -> list[dict[str, list[T]]]:
    """The files' records without the identical repeats (their first definitions stay).

    Args:
        files: for each file, its records by kind.
        repeats: as :func:`repeated_definitions` found them.
    """
    dropped = {(r.kind, *r.again) for r in repeats if not r.differs}
    return [
        {
            kind: [
                record
                for position, record in enumerate(records)
                if (kind, file_index, position) not in dropped
            ]
            for kind, records in built.items()
        }
        for file_index, built in enumerate(files)
    ]


def defined_kinds(
    records: Iterable[tuple[str, Sequence[object]]],
) -> dict[str, str] | None:
    """The kind of every id, or None when an id is defined twice.

    Args:
        records: (kind, records of that kind), for every file.
    """
    kinds: dict[str, str] = {}
    for kind, items in records:
        for record in items:
            record_id: str = getattr(record, "id")  # noqa: B009 - every top-level record has one
            if record_id in kinds:
                return None
            kinds[record_id] = kind
    return kinds


def reply_cycles(replies: Sequence[str], target: Callable[[str], str | None]) -> list[list[str]]:
    """Every cycle of ``responds_to``, each once, as the ids along it from where it was entered.

    Args:
        replies: the ids of the statements that respond to something, in file order.
        target: the id each one responds to.
    """
    known = set(replies)
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    cycles = []
    for start in replies:
        if start in state:
            continue
        path: list[str] = []
        current: str | None = start
        while current is not None and current in known and current not in state:
            state[current] = 1
            path.append(current)
            current = target(current)
        if current is not None and state.get(current) == 1:
            cycles.append(path[path.index(current) :])
        for node in path:
            state[node] = 2
    return cycles


def all_clear(
    schema: Schema, files: Sequence[Mapping[str, Sequence[object]]], *, partial: bool = False
) -> bool:
    """True when built records pass every cross-file check (the fast path's question).

    Args:
        schema: the declaration.
        files: for each file, its records by kind.
        partial: the records are the first entries of a timeline (a cached head): a reference
            to an entry it does not hold is not an error.
    """
    repeats = repeated_definitions(files)
    if any(repeat.differs for repeat in repeats):
        return False
    if repeats:
        files = merge_repeats(files, repeats)
    kinds = defined_kinds(
        (spec.kind, built.get(spec.kind, ())) for built in files for spec in schema.top_level
    )
    if kinds is None:
        return False
    for spec in schema.top_level:
        fields = _reference_fields(schema, spec)
        if not fields:
            continue
        for built in files:
            for record in built.get(spec.kind, ()):
                if not _references_ok(schema, fields, record, kinds, partial):
                    return False
    replies: dict[str, str] = {}
    for built in files:
        for record in built.get("statement", ()):
            answered = getattr(record, "responds_to", None)
            if answered is not None:
                replies[getattr(record, "id")] = answered  # noqa: B009
    return not reply_cycles(list(replies), replies.get)


_RefFields = list[tuple[str, str, frozenset[str], str | None]]


def _reference_fields(schema: Schema, spec: RecordSpec) -> _RefFields:
    """(attribute, type, kinds it may name, nested kind) of each field that holds references."""
    out: _RefFields = []
    for field in spec.fields:
        if field.type in ("ref", "refs"):
            out.append((field.name, field.type, frozenset(field.refers_to), None))
        elif (
            field.type == "records"
            and field.nested is not None
            and _reference_fields(schema, schema.records[field.nested])
        ):
            out.append((field.name, field.type, frozenset(), field.nested))
    return out


_ENTRY_KINDS = frozenset(("event", "statement"))


def _references_ok(
    schema: Schema, fields: _RefFields, record: object, kinds: dict[str, str], partial: bool
) -> bool:
    for name, kind, allowed, nested in fields:
        value = getattr(record, name)
        if kind == "ref" or kind == "refs":
            for target in (value,) if kind == "ref" else value:
                if target is None:
                    continue
                found = kinds.get(target)
                if found is None and partial and allowed <= _ENTRY_KINDS:
                    continue
                if found not in allowed:
                    return False
        elif nested is not None:
            inner = _reference_fields(schema, schema.records[nested])
            if not all(_references_ok(schema, inner, item, kinds, partial) for item in value):
                return False
    return True


# -- the timeline's order and its contradictions -----------------------------------------------


@dataclass(frozen=True, slots=True)
class Timeline:
    """The entries of a dataset in timeline order, with the constraints that placed them.

    Attributes:
        entries: events then statements, as loaded (the indices of ``ordering``).
        ordering: the order (``order.order_items``), with its problems.
        constraints: every constraint between entries, by index.
        origins: for each constraint, the entry index, the field and the id it names.
    """

    entries: tuple[Entry, ...]
    ordering: Ordering
    constraints: tuple[Constraint, ...]
    origins: tuple[tuple[int, str, str], ...]

    def problems(self) -> Iterator[Problem]:
        """The cycles and contradictions to report: all but loops of ``responds_to`` alone,
        which :func:`reply_cycles` finds and names."""
        for problem in self.ordering.problems:
            kinds = {self.constraints[c].kind for c in problem.constraints}
            if problem.kind == "cycle" and kinds == {"responds_to"}:
                continue
            yield problem


def entry_item(entry: Entry) -> Item:
    """What the order needs of an entry: its possible period (to its ``end``, for an event that
    has one), how precise it is, its place in the files."""
    when = entry.date
    end = when.end
    span = getattr(entry, "end", None)
    if span is not None:
        end = max(end, span.end)
    possible = None
    if when.approximate:
        low, high = when.widened()
        possible = (low, max(high, end))
    return Item(when.start, end, when.rank, entry.order, possible)


def timeline(entries: Sequence[Entry], schema: Schema = SCHEMA) -> Timeline:
    """Order entries by the rule of ``order``, with the constraints their fields declare.

    A constraint naming an id that is no entry is left out (the reference check reports it).

    Args:
        entries: the entries, events then statements, in file order.
        schema: the declaration of the format.
    """
    position = {entry.id: i for i, entry in enumerate(entries)}
    constrained: dict[type, list[FieldSpec]] = {}
    for spec in schema.records.values():
        constrained[spec.record] = [f for f in spec.fields if f.constraint is not None]
    constraints: list[Constraint] = []
    origins: list[tuple[int, str, str]] = []
    for i, entry in enumerate(entries):
        for field in constrained.get(type(entry), ()):
            assert field.constraint is not None
            value = getattr(entry, field.name)
            targets = value if isinstance(value, tuple) else (value,) if value else ()
            for target in targets:
                j = position.get(target)
                if j is not None:
                    constraints.append(Constraint(i, j, field.constraint))
                    origins.append((i, field.name, target))
    ordering = order_items([entry_item(e) for e in entries], constraints)
    return Timeline(tuple(entries), ordering, tuple(constraints), tuple(origins))
