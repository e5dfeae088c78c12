"""The schema-driven walk: one file's node graph checked against the declaration, and its records.

:class:`Walker` follows ``schema.SCHEMA``: for each record kind, the keys a mapping may hold,
which are required, the type of each value (text, date, choice, id, reference, nested records,
language tag). Every problem becomes a located :class:`Diagnostic` naming what was found and
what was expected; the records that are valid are built. Ids are registered as
:class:`Definition` and references collected, for the cross-file checks (``cross_checks``).

To add a field, declare it in ``schema.py``: the walk needs no change unless the field has a
new type of value (then :meth:`Walker.value` gains a branch).
"""

from __future__ import annotations

import difflib
import re
from calendar import monthrange
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..checks import MERGED_KINDS, Reference
from ..dates import parse_date
from ..model import DateError, PartialDate, Statement
from ..schema import ID_RE, LANGUAGE_RE, SCHEMA, FieldSpec, RecordSpec, Schema, end_problem
from .diagnostics import Diagnostic, did_you_mean
from .nodes import MAP_TAG, NULL_TAG, SCALAR_TAGS, SEQ_TAG, describe, tag_name
from .source import SourceText, diag


def _date_hint(value: str) -> str:
    """A hint that fits what is wrong with a date."""
    parts = value.split("-")
    if not value.isascii() and any(c.isdigit() for c in value):
        return "write dates with the ASCII digits 0-9"
    if re.fullmatch(r"[0-9]{4}(-[0-9]{1,2}){1,2}", value) and not re.fullmatch(
        r"[0-9]{4}(-[0-9]{2}){1,2}", value
    ):
        padded = [parts[0]] + [p.zfill(2) for p in parts[1:]]
        return "write months and days with two digits: " + "-".join(padded)
    full = re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value)
    if full and 1 <= int(parts[1]) <= 12 and int(parts[0]):
        year, month = int(parts[0]), int(parts[1])
        named = parse_date(f"{parts[0]}-{parts[1]}").describe(months="long")  # February 2025
        return f"{named} has {monthrange(year, month)[1]} days"
    return "write YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM[+HH:MM]"


@dataclass(slots=True)
class Definition:
    """Where an id is defined: the record kind, the file, the line and the column."""

    kind: str  # "source", "actor", "event", "statement"
    name: str
    line: int
    column: int


NodeReference = Reference[tuple[SourceText, ScalarNode]]
"""A reference as the walk found it; ``where`` is the file and the node of the value."""

Items = dict[str, tuple[ScalarNode, Node]]
"""A mapping's items by key: the key's node and the value's node."""


@dataclass
class Walker:
    """Validates one file's node graph against the format and builds its records."""

    source: SourceText
    file_index: int
    diagnostics: list[Diagnostic]
    definitions: dict[str, Definition]
    references: list[NodeReference]
    schema: Schema = SCHEMA
    language: str | None = None
    title: str | None = None
    records: dict[str, list[Any]] = field(default_factory=dict)  # by record kind
    # Where each constraint on the order was written: (entry id, field, id named) -> node.
    placements: dict[tuple[str, str, str], tuple[SourceText, Node]] = field(default_factory=dict)
    # Each statement that responds to something, with the node of its responds_to value:
    # where a responds_to cycle is reported.
    replies: list[tuple[Statement, Node]] = field(default_factory=list)
    repeats: dict[str, Node] = field(default_factory=dict)  # ids another file defined first
    _misspelled: dict[int, set[str]] = field(default_factory=dict)

    # -- helpers -------------------------------------------------------------------------

    def error(self, node: Node, message: str, hint: str | None = None) -> None:
        mark = node.start_mark
        self.diagnostics.append(diag(self.source, mark.line + 1, mark.column + 1, message, hint))

    def _tag_ok(self, node: Node) -> bool:
        tag = node.tag
        if isinstance(node, ScalarNode):
            allowed = tag in SCALAR_TAGS
        elif isinstance(node, SequenceNode):
            allowed = tag == SEQ_TAG
        else:
            allowed = tag == MAP_TAG
        if not allowed:
            self.error(
                node,
                f"the tag '{tag_name(tag)}' is not allowed",
                "the format takes plain YAML only: text, numbers, dates, lists and mappings",
            )
        return allowed

    def mapping(self, node: Node, what: str, keys: Sequence[str]) -> Items | None:
        """The items of a mapping node, checking key types, duplicates and unknown keys."""
        if not self._tag_ok(node):
            return None
        if not isinstance(node, MappingNode):
            self.error(node, f"expected a mapping (key: value) for {what}, found {describe(node)}")
            return None
        items: Items = {}
        seen: dict[str, int] = {}
        misspelled: set[str] = set()
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag == NULL_TAG:
                self.error(key_node, f"expected a key name in {what}, found {describe(key_node)}")
                continue
            key = key_node.value
            if key in seen:
                self.error(
                    key_node,
                    f"duplicate key '{key}' in {what} (first at line {seen[key]})",
                    "each key may appear once in a mapping; remove or merge one of them",
                )
                continue
            seen[key] = self.source.place(key_node.start_mark.line + 1, 1)[0]
            if key not in keys:
                hint = "allowed keys: " + ", ".join(keys)
                if key == "<<":
                    hint = "YAML merge keys (<<) are not supported; write the keys out"
                    misspelled.update(keys)
                misspelled.update(difflib.get_close_matches(key, keys, n=1, cutoff=0.6))
                message = f"unknown key '{key}' in {what}{did_you_mean(key, keys)}"
                self.error(key_node, message, hint)
                continue
            items[key] = (key_node, value_node)
        if misspelled:
            self._misspelled[id(node)] = misspelled
        return items

    def require(self, items: Items, key: str, node: Node, what: str) -> Node | None:
        if key not in items:
            # A misspelt key was already reported with a "did you mean": say it once.
            if key not in self._misspelled.get(id(node), ()):
                self.error(node, f"{what} is missing the required key '{key}'")
            return None
        return items[key][1]

    def text(self, node: Node | None, what: str, *, required: bool = False) -> str | None:
        """A scalar taken as text exactly as written (``1984`` and ``no`` stay text)."""
        if node is None or not self._tag_ok(node):
            return None
        if not isinstance(node, ScalarNode):
            self.error(node, f"expected text for {what}, found {describe(node)}")
            return None
        if node.tag == NULL_TAG:
            if required:
                self.error(node, f"expected text for {what}, found nothing")
            return None
        value: str = node.value
        if required and not value.strip():
            self.error(node, f"expected text for {what}, found an empty string")
            return None
        return value

    def choice(self, node: Node | None, what: str, choices: Sequence[str], default: str) -> str:
        value = self.text(node, what)
        if value is None:
            return default
        if value not in choices:
            assert node is not None
            self.error(
                node,
                f"'{value}' is not a valid {what}{did_you_mean(value, choices)}",
                "expected one of: " + ", ".join(choices),
            )
            return default
        return value

    def slug(self, node: Node | None, what: str) -> str | None:
        value = self.text(node, what, required=True)
        if value is None or node is None:
            return None
        if not ID_RE.fullmatch(value):
            suggestion = re.sub(r"[^a-z0-9_-]+", "-", value.lower()).strip("-_") or "x"
            self.error(
                node,
                f"'{value}' is not a valid id",
                "ids are lowercase letters, digits, '-' and '_', starting with a letter or "
                f"digit; try '{suggestion}'",
            )
            return None
        return value

    def date(self, node: Node | None, what: str) -> PartialDate | None:
        if node is None or not self._tag_ok(node):
            return None
        if not isinstance(node, ScalarNode) or node.tag == NULL_TAG:
            self.error(
                node,
                f"the {what} must be a date, found {describe(node)}",
                "write YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM",
            )
            return None
        try:
            return PartialDate.parse(node.value)
        except DateError as exc:
            self.error(node, f"bad {what}: {exc}", _date_hint(node.value.strip()))
            return None

    def sequence(self, node: Node | None, what: str) -> list[Node]:
        if node is None or not self._tag_ok(node):
            return []
        if isinstance(node, ScalarNode) and node.tag == NULL_TAG:
            return []
        if not isinstance(node, SequenceNode):
            hint = None
            if isinstance(node, ScalarNode):
                hint = f"write a list, e.g. [{node.value}]"
            self.error(node, f"expected a list for {what}, found {describe(node)}", hint)
            return []
        return list(node.value)

    def texts(self, node: Node | None, what: str) -> tuple[str, ...]:
        out = []
        for item in self.sequence(node, what):
            value = self.text(item, f"an item of {what}", required=True)
            if value is not None:
                out.append(value)
        return tuple(out)

    def refs(
        self, node: Node | None, what: str, expected: tuple[str, ...], owner: str, role: str
    ) -> tuple[str, ...]:
        out = []
        for item in self.sequence(node, what):
            value = self.ref(item, expected, owner, role)
            if value is not None:
                out.append(value)
        return tuple(out)

    def ref(
        self, node: Node | None, expected: tuple[str, ...], owner: str, role: str
    ) -> str | None:
        if node is None:
            return None
        value = self.text(node, f"{role} of {owner}", required=True)
        if value is None:
            return None
        assert isinstance(node, ScalarNode)
        self.references.append(Reference(value, expected, owner, role, (self.source, node)))
        return value

    def define(self, node: Node | None, kind: str, index: int) -> tuple[str | None, str]:
        """Check a record's id and register it; return it and a label for messages."""
        if node is None:
            return None, f"{kind} #{index + 1}"
        value = self.slug(node, f"the id of {kind} #{index + 1}")
        if value is None:
            return None, f"{kind} #{index + 1}"
        mark = node.start_mark
        first = self.definitions.get(value)
        if (
            first is not None
            and first.kind == kind in MERGED_KINDS
            and first.name != self.source.name
            and value not in self.repeats
        ):
            self.repeats[value] = node  # another file's too: merged or reported after the walk
        elif first is not None:
            self.error(
                node,
                f"duplicate id '{value}': already used by {first.kind} at "
                f"{first.name}:{first.line}:{first.column}",
                "ids must be unique across sources, actors, events and statements of all files",
            )
        else:
            line, column = self.source.place(mark.line + 1, mark.column + 1)
            self.definitions[value] = Definition(kind, self.source.name, line, column)
        return value, f"{kind} '{value}'"

    # -- records -------------------------------------------------------------------------

    def walk(self, root: Node) -> None:
        root_keys = self.schema.root_keys
        if not isinstance(root, MappingNode):
            self.error(
                root,
                f"expected a mapping at the top of the file, found {describe(root)}",
                "the file is one mapping with the keys: " + ", ".join(root_keys),
            )
            return
        items = self.mapping(root, "the file", root_keys)
        if items is None:
            return
        self.title = self.text(_get(items, "title"), "title")
        self.language = self.language_tag(_get(items, "language"))
        for spec in self.schema.top_level:
            assert spec.top is not None
            built = self.records.setdefault(spec.kind, [])
            for index, node in enumerate(self.sequence(_get(items, spec.top), spec.top)):
                record = self.record(spec, node, f"{spec.kind} #{index + 1}", index)
                if record is not None:
                    built.append(record)

    def language_tag(self, node: Node | None) -> str | None:
        value = self.text(node, "language")
        if value is not None and node is not None and not LANGUAGE_RE.fullmatch(value):
            self.error(
                node,
                f"'{value}' is not a language tag",
                "use a BCP 47 tag such as it, en, de, pt-BR",
            )
            return None
        return value

    def record(
        self, spec: RecordSpec, node: Node, what: str, index: int, owner: str | None = None
    ) -> Any:
        """Check one record against its declaration and build it, or None when it is invalid.

        Args:
            spec: the record's declaration.
            node: its mapping node.
            what: how messages name it before its id is known (``event #3``).
            index: its place in its list.
            owner: for a nested record, the label of the record that holds it.
        """
        items = self.mapping(node, what, spec.keys)
        if items is None:
            return None
        label = what
        values: dict[str, Any] = {}
        nodes: dict[str, Node | None] = {}
        for spec_field in spec.fields:
            key = spec_field.key
            value_node = (
                self.require(items, key, node, label) if spec_field.required else _get(items, key)
            )
            nodes[spec_field.name] = value_node
            if spec_field.type == "id":
                values[spec_field.name], label = self.define(value_node, spec.kind, index)
            else:
                values[spec_field.name] = self.value(spec_field, value_node, label, owner or label)
        end_node = nodes.get("end")
        if end_node is not None and values.get("end") is not None and values.get("date"):
            problem = end_problem(values["date"], values["end"])
            if problem is not None:
                self.error(end_node, f"{label} {problem}", "'end' must be at or after 'date'")
                values["end"] = None
        if any(values[f.name] is None for f in spec.fields if f.required):
            return None
        if spec.ordered:
            values["order"] = (self.file_index, node.start_mark.index)
        record = spec.record(**values)
        for spec_field in spec.fields:
            written = nodes[spec_field.name]
            if spec_field.constraint is None or written is None:
                continue
            written_ids = written.value if isinstance(written, SequenceNode) else [written]
            for item in written_ids:
                if isinstance(item, ScalarNode):
                    place = (values["id"], spec_field.name, item.value)
                    self.placements.setdefault(place, (self.source, item))
        responds_node = nodes.get("responds_to")
        if responds_node is not None and values.get("responds_to") is not None:
            self.replies.append((record, responds_node))
        return record

    def value(self, spec: FieldSpec, node: Node | None, label: str, owner: str) -> Any:
        """One field's value, checked as its declaration says (messages name the key)."""
        key = spec.key
        kind = spec.type
        if kind == "text":
            return self.text(node, f"the {key} of {label}", required=spec.required)
        if kind == "texts":
            return self.texts(node, f"the {key} of {label}")
        if kind == "date":
            return self.date(node, f"{key} of {label}")
        if kind == "choice":
            return self.choice(node, f"{key} of {label}", spec.choices, spec.default)
        if kind == "ref":
            return self.ref(node, spec.refers_to, owner, spec.role)
        if kind == "refs":
            if spec.one_or_many and isinstance(node, ScalarNode) and node.tag != NULL_TAG:
                one = self.ref(node, spec.refers_to, owner, spec.role)
                return (one,) if one is not None else ()
            return self.refs(node, f"the {key} of {label}", spec.refers_to, owner, spec.role)
        if kind == "language":
            return self.language_tag(node) or self.language
        assert kind == "records" and spec.nested is not None, kind
        nested = self.schema.records[spec.nested]
        out = []
        for item_index, item in enumerate(self.sequence(node, f"the {key} of {label}")):
            what = f"{nested.kind} #{item_index + 1} of {label}"
            record = self.record(nested, item, what, item_index, owner=label)
            if record is not None:
                out.append(record)
        return tuple(out)

    def built(self, kind: str) -> list[Any]:
        """The records of one kind (``source``, ``actor``, ``event``, ``statement``) built so
        far, in file order."""
        return self.records.get(kind, [])


def _get(items: Items, key: str) -> Node | None:
    pair = items.get(key)
    return pair[1] if pair is not None else None
