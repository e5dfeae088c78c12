"""Reading a sidecar as strictly as the data: every problem a located :class:`Diagnostic`,
raised together in one :class:`LoadError`."""

from __future__ import annotations

import os
import stat
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..loader import DEFAULT_MAX_BYTES, Diagnostic, LoadError, SourceText, describe, did_you_mean
from ..schema import ID_RE
from .notes import ROOT_KEYS, VERSION, Notes

CORE = "tag:yaml.org,2002:"
"""The prefix of YAML's core tags."""
_TEXT_TAGS = frozenset(CORE + t for t in ("str", "int", "float", "bool", "timestamp"))
_NULL_TAG = CORE + "null"
_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Text(SourceText):
    """The sidecar's text: places are mapped to the lines an editor shows, as for the data."""

    __slots__ = ()

    def line_of(self, node: Node) -> int:
        """The line of a node as an editor counts it."""
        return self.place(node.start_mark.line + 1, 1)[0]

    def diagnostic(self, node: Node, message: str, hint: str | None = None) -> Diagnostic:
        mark = node.start_mark
        return self.at(mark.line + 1, mark.column + 1, message, hint)

    def at(self, line: int, column: int, message: str, hint: str | None = None) -> Diagnostic:
        """A diagnostic at a place counted as YAML counts lines, shown as an editor counts them."""
        line, column = self.place(line, column)
        return Diagnostic(self.name, line, column, message, hint, self.line(line))


class _Reader:
    """Checks a sidecar's node graph and builds :class:`Notes`, collecting every problem."""

    def __init__(self, source: _Text) -> None:
        self.source = source
        self.problems: list[Diagnostic] = []
        self._seen: set[int] = set()

    def error(self, node: Node, message: str, hint: str | None = None) -> None:
        self.problems.append(self.source.diagnostic(node, message, hint))

    def fresh(self, node: Node) -> bool:
        """False, with an error, for a node met before: an alias (``*name``)."""
        if id(node) in self._seen:
            message = "anchors and aliases (&name, *name) are not allowed in a notes file"
            self.error(node, message, "write each value out")
            return False
        self._seen.add(id(node))
        return True

    def plain(self, node: Node) -> bool:
        """Refuse tags other than YAML's plain ones."""
        if isinstance(node, ScalarNode):
            allowed = node.tag in _TEXT_TAGS or node.tag == _NULL_TAG
        elif isinstance(node, SequenceNode):
            allowed = node.tag == CORE + "seq"
        else:
            allowed = node.tag == CORE + "map"
        if not allowed:
            shown = "!!" + node.tag[len(CORE) :] if node.tag.startswith(CORE) else node.tag
            self.error(node, f"the tag '{shown}' is not allowed", "write plain YAML")
        return allowed

    def mapping(self, node: Node, what: str) -> list[tuple[ScalarNode, Node]]:
        """The items of a mapping (null is an empty one), without repeated keys."""
        if not self.plain(node) or (isinstance(node, ScalarNode) and node.tag == _NULL_TAG):
            return []
        if not isinstance(node, MappingNode):
            self.error(node, f"expected a mapping (key: value) for {what}, found {describe(node)}")
            return []
        items: list[tuple[ScalarNode, Node]] = []
        first: dict[str, int] = {}
        for key, value in node.value:
            if not (self.fresh(key) and self.fresh(value) and self.plain(key)):
                continue
            if not isinstance(key, ScalarNode) or key.tag == _NULL_TAG:
                self.error(key, f"expected a key in {what}, found {describe(key)}")
                continue
            if key.value in first:
                self.error(
                    key,
                    f"duplicate key '{key.value}' in {what} (first at line {first[key.value]})",
                    "each key may appear once; merge the two",
                )
                continue
            first[key.value] = self.source.line_of(key)
            items.append((key, value))
        return items

    def sequence(self, node: Node, what: str) -> list[Node]:
        """The items of a list (null is an empty one)."""
        if not self.plain(node) or (isinstance(node, ScalarNode) and node.tag == _NULL_TAG):
            return []
        if not isinstance(node, SequenceNode):
            hint = f"write a list, e.g. [{node.value}]" if isinstance(node, ScalarNode) else None
            self.error(node, f"expected a list for {what}, found {describe(node)}", hint)
            return []
        return [item for item in node.value if self.fresh(item)]

    def text(self, node: Node, what: str) -> str | None:
        """A scalar as written (``1984`` and ``no`` stay text); not empty."""
        if not self.plain(node):
            return None
        if not isinstance(node, ScalarNode) or node.tag == _NULL_TAG or not node.value.strip():
            found = "an empty text" if isinstance(node, ScalarNode) else describe(node)
            if isinstance(node, ScalarNode) and node.tag == _NULL_TAG:
                found = "nothing"
            self.error(node, f"expected text for {what}, found {found}")
            return None
        value: str = node.value
        return value

    def item_id(self, node: Node, what: str) -> str | None:
        """An id of the data: a slug."""
        value = self.text(node, what)
        if value is not None and not ID_RE.fullmatch(value):
            self.error(
                node,
                f"'{value}' is not an id ({what})",
                "ids are the data's: lower-case letters, digits, '-' and '_'",
            )
            return None
        return value

    def read(self, root: Node | None) -> Notes:
        notes = Notes()
        if root is None:
            self.problems.append(
                self.source.at(1, 1, "the notes file is empty", f"write 'version: {VERSION}'")
            )
            return notes
        self._seen.add(id(root))
        items = {key.value: (key, value) for key, value in self.mapping(root, "the file")}
        if not isinstance(root, MappingNode):
            return notes
        for name, (key, _value) in items.items():
            if name not in ROOT_KEYS:
                self.error(
                    key,
                    f"unknown key '{name}' in the notes file{did_you_mean(name, ROOT_KEYS)}",
                    "allowed keys: " + ", ".join(ROOT_KEYS),
                )
        if "version" not in items:
            self.error(
                root, "the notes file is missing the key 'version'", f"add 'version: {VERSION}'"
            )
        else:
            self.version(items["version"][1])
        if "marked" in items:
            first: dict[str, int] = {}
            for node in self.sequence(items["marked"][1], "marked"):
                item_id = self.item_id(node, "an item of marked")
                if item_id is None:
                    continue
                if item_id in first:
                    self.error(
                        node, f"'{item_id}' is marked twice (first at line {first[item_id]})"
                    )
                    continue
                first[item_id] = self.source.line_of(node)
                notes.marked.append(item_id)
        if "notes" in items:
            for key, value in self.mapping(items["notes"][1], "notes"):
                item_id = self.item_id(key, "a key of notes")
                text = self.text(value, f"the note on '{key.value}'")
                if item_id is not None and text is not None:
                    notes.notes[item_id] = text
        if "tags" in items:
            for key, value in self.mapping(items["tags"][1], "tags"):
                item_id = self.item_id(key, "a key of tags")
                tags: list[str] = []
                for node in self.sequence(value, f"the tags of '{key.value}'"):
                    tag = self.text(node, f"a tag of '{key.value}'")
                    if tag is None:
                        continue
                    if tag in tags:
                        self.error(node, f"the tag '{tag}' is given twice for '{key.value}'")
                        continue
                    tags.append(tag)
                if item_id is not None and tags:
                    notes.tags[item_id] = tags
        return notes

    def version(self, node: Node) -> None:
        if not self.plain(node):
            return
        value = node.value if isinstance(node, ScalarNode) else None
        if value is None or node.tag != CORE + "int":
            self.error(
                node, f"expected a version number, found {describe(node)}", f"write {VERSION}"
            )
        elif int(value) > VERSION:
            self.error(
                node,
                f"this notes file is version {value}, newer than this program reads ({VERSION})",
                "update timeline-explorer",
            )
        elif int(value) < 1:
            self.error(node, f"there is no version {value}", f"write {VERSION}")


def parse(text: str, name: str = "<notes>") -> Notes:
    """Check a sidecar's text and return its notes, or raise :class:`LoadError`."""
    source = _Text(name, text.removeprefix("\ufeff"))
    try:
        root = yaml.compose(source.text, Loader=_YAML_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "YAML syntax error"
        if exc.context and exc.problem:
            problem = f"{exc.context}: {exc.problem}"
        hint = "YAML syntax error; check quotes, colons and indentation"
        raise LoadError([source.at(line, column, problem, hint)]) from None
    except yaml.YAMLError as exc:
        raise LoadError([source.at(1, 1, f"YAML error: {exc}")]) from None
    except RecursionError:
        raise LoadError([source.at(1, 1, "the notes file is nested too deeply")]) from None
    reader = _Reader(source)
    notes = reader.read(root)
    if reader.problems:
        raise LoadError(reader.problems)
    return notes


def _decode(name: str, data: bytes) -> str:
    if b"\x00" in data:
        offset = data.index(b"\x00")
        line = data.count(b"\n", 0, offset) + 1
        column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
        raise LoadError([Diagnostic(name, line, column, "a NUL byte: this is not a text file")])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = data[: exc.start]
        line = good.count(b"\n") + 1
        column = len(good[good.rfind(b"\n") + 1 :].decode("utf-8")) + 1
        message = f"not valid UTF-8: byte 0x{data[exc.start]:02x}"
        raise LoadError(
            [Diagnostic(name, line, column, message, "save the file as UTF-8")]
        ) from None


def read(path: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[Notes, bytes] | None:
    """A sidecar's notes and its bytes, None when there is no such file, or raise LoadError."""
    try:
        with open(path, "rb") as handle:
            if stat.S_ISDIR(os.fstat(handle.fileno()).st_mode):
                raise IsADirectoryError(path)
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        return None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise LoadError([Diagnostic(path, 1, 1, f"cannot read the notes file: {reason}")]) from None
    if len(data) > max_bytes:
        limit = max_bytes // 1_048_576
        raise LoadError([Diagnostic(path, 1, 1, f"the notes file is larger than {limit} MiB")])
    return parse(_decode(path, data), path), data
