"""Load timeline YAML files into the model, validating everything on the way.

The YAML is parsed by PyYAML's C parser (``yaml.CSafeLoader`` when present) into a node graph, so
that every value keeps its line and column; the schema walk below then builds the frozen model
and records every problem as a :class:`Diagnostic` with file, line, column, what was found, what
was expected and a hint. All problems of all files are reported at once, in a :class:`LoadError`.

Limits (documented in ``docs/format.md``): files above :data:`DEFAULT_MAX_BYTES` are refused
unless a larger limit is given; YAML aliases may add at most :data:`MAX_ALIAS_EXPANSION` nodes
("billion laughs" documents are refused); nesting deeper than :data:`MAX_DEPTH` is refused; tags
other than YAML's plain ones (``!!python/object`` and friends) are refused by name.
"""

from __future__ import annotations

import bisect
import difflib
import os
import re
import stat
import sys
from calendar import monthrange
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, BinaryIO

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

if TYPE_CHECKING:
    from .fastload import FastFile

from .checks import Reference, Timeline, bad_references, reply_cycles, timeline
from .dates import MONTHS
from .model import Dataset, DateError, PartialDate, Statement
from .safetext import escaped, visible_tabs
from .schema import ID_RE, LANGUAGE_RE, SCHEMA, FieldSpec, RecordSpec, Schema, end_problem

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
FAST_FROM_BYTES = 256 * 1024  # the fast path and the cache pay off from about this size
MAX_ALIAS_EXPANSION = 100_000
MAX_DEPTH = 32
MAX_ERRORS = 1000

_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_ANCHOR_RE = re.compile(r"(?:^|[\s\[\]{},:-])&[^\s\[\]{},]")
_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = frozenset(_CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp"))
_NULL_TAG = _CORE + "null"
_SEQ_TAG = _CORE + "seq"
_MAP_TAG = _CORE + "map"

ProgressCallback = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem in the input, at a 1-based line and column of a file."""

    path: str
    line: int
    column: int
    message: str
    hint: str | None = None
    source_line: str | None = None

    def format(self) -> str:
        """The message as printed: ``file:line:col: error: …``, the source line, a caret, a hint."""
        out = [f"{escaped(self.path)}:{self.line}:{self.column}: error: {escaped(self.message)}"]
        if self.source_line is not None:
            shown, caret = _snippet(self.source_line, self.column)
            gutter = f"{self.line:>5} | "
            out.append(gutter + shown)
            out.append(" " * (len(gutter) - 2) + "| " + " " * caret + "^")
        if self.hint:
            out.append(f"      hint: {escaped(self.hint)}")
        return "\n".join(out)


def _snippet(line: str, column: int, width: int = 100) -> tuple[str, int]:
    """The visible source line around ``column`` and the caret offset within it."""
    start = max(0, column - 1 - width // 2) if len(line) > width else 0
    before = visible_tabs(line[start : column - 1])
    shown = visible_tabs(line[start : start + width])
    prefix = "…" if start else ""
    suffix = "…" if start + width < len(line) else ""
    return prefix + shown + suffix, len(prefix) + len(before)


class LoadError(Exception):
    """The input could not be loaded; ``diagnostics`` lists every problem found."""

    def __init__(self, diagnostics: Sequence[Diagnostic], total: int | None = None) -> None:
        self.diagnostics = tuple(diagnostics)
        self.total = max(total or 0, len(self.diagnostics))
        super().__init__(self.report())

    def report(self) -> str:
        """Every diagnostic, formatted, and a count at the end."""
        count = len(self.diagnostics)
        lines = [d.format() for d in self.diagnostics]
        if self.total > count:
            lines.append(f"{count} of {self.total} errors shown")
        else:
            lines.append(f"{count} error{'s' if count != 1 else ''}")
        return "\n".join(lines)


def did_you_mean(word: str, choices: Sequence[str] | set[str] | dict[str, Any]) -> str:
    """`` (did you mean 'x'?)`` for the closest choice, or an empty string."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _describe(node: Node) -> str:
    """What a node is, in words, for 'found …' messages."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    assert isinstance(node, ScalarNode)
    if node.tag == _NULL_TAG:
        return "nothing (null)"
    kind = {
        _CORE + "int": "the number",
        _CORE + "float": "the number",
        _CORE + "bool": "the boolean",
        _CORE + "timestamp": "the date",
    }.get(node.tag, "the text")
    value = node.value if len(node.value) <= 40 else node.value[:37] + "..."
    return f"{kind} '{value}'"


def _tag_name(tag: str) -> str:
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag


# --------------------------------------------------------------------------------------------
# Reading files


_EDITOR_BREAK = re.compile(r"\r\n|\r|\n")
_YAML_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
_YAML_ONLY_BREAKS = ("\x85", "\u2028", "\u2029")


@dataclass(slots=True)
class SourceText:
    """A decoded file and its lines as an editor counts them (LF, CRLF or CR end a line).

    YAML also counts NEL, U+2028 and U+2029 as line breaks, so the parser's marks are mapped back
    to the editor's lines by :meth:`place`: an error after such a character keeps its real line.
    """

    name: str
    text: str
    _lines: list[str] | None = None
    _yaml_line_starts: list[int] | None = None
    _editor_line_starts: list[int] | None = None

    def line(self, number: int) -> str | None:
        """The text of a 1-based editor line, or None past the end."""
        if self._lines is None:
            self._lines = _EDITOR_BREAK.split(self.text)
            if self._lines and self._lines[-1] == "" and len(self._lines) > 1:
                self._lines.pop()
        if 1 <= number <= len(self._lines):
            return self._lines[number - 1]
        return None

    def place(self, line: int, column: int) -> tuple[int, int]:
        """Map a 1-based line and column as the YAML parser counts them to the editor's."""
        if self._yaml_line_starts is None:
            if not any(char in self.text for char in _YAML_ONLY_BREAKS):
                self._yaml_line_starts = []
            else:
                self._yaml_line_starts = [0, *(m.end() for m in _YAML_BREAK.finditer(self.text))]
                self._editor_line_starts = [
                    0,
                    *(m.end() for m in _EDITOR_BREAK.finditer(self.text)),
                ]
        if not self._yaml_line_starts or not 1 <= line <= len(self._yaml_line_starts):
            return line, column
        assert self._editor_line_starts is not None
        index = self._yaml_line_starts[line - 1] + column - 1
        editor_line = bisect.bisect_right(self._editor_line_starts, index)
        return editor_line, index - self._editor_line_starts[editor_line - 1] + 1


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index."""
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


FileIdentity = tuple[int, int, int, int, int]
"""Device, inode, size, modification and change times (ns) of the file whose bytes were read."""

_NOT_REGULAR = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _not_regular(name: str, mode: int) -> Diagnostic:
    if stat.S_ISDIR(mode):
        return Diagnostic(name, 1, 1, "is a directory; expected a YAML file")
    kind = next((what for test, what in _NOT_REGULAR if test(mode)), "a special file")
    return Diagnostic(
        name,
        1,
        1,
        f"not a regular file ({kind}); expected a YAML file",
        "to read from a pipe, give '-' as the file and redirect the pipe to standard input",
    )


def _read_bytes(
    path: str, max_bytes: int, stdin: BinaryIO | None
) -> tuple[str, bytes | None, Diagnostic | None, FileIdentity | None]:
    """Read a file (``-`` is standard input); return its display name, its bytes or a
    diagnostic, and the identity of the file read (None for standard input, or for a file that
    changed while it was read). Only regular files are read, and opening never waits (a FIFO
    is refused, not read)."""
    if path == "-":
        name = "<stdin>"
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(max_bytes + 1)
        if len(data) > max_bytes:
            return name, None, _too_big(name, None, max_bytes), None
        return name, data, None, None
    name = path
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            return name, None, _not_regular(name, info.st_mode), None
        if info.st_size > max_bytes:
            return name, None, _too_big(name, info.st_size, max_bytes), None
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        try:
            before = os.fstat(fd)  # the file opened, which may not be the one stat'ed above
            if not stat.S_ISREG(before.st_mode):
                return name, None, _not_regular(name, before.st_mode), None
            os.set_blocking(fd, True)
            with os.fdopen(fd, "rb", closefd=False) as handle:
                data = handle.read(max_bytes + 1)
            after = os.fstat(fd)
        finally:
            os.close(fd)
    except FileNotFoundError:
        return name, None, Diagnostic(name, 1, 1, "no such file", "check the path"), None
    except PermissionError:
        return name, None, Diagnostic(name, 1, 1, "cannot read the file: permission denied"), None
    except OSError as exc:
        return name, None, Diagnostic(name, 1, 1, f"cannot read the file: {exc.strerror}"), None
    if len(data) > max_bytes:
        return name, None, _too_big(name, None, max_bytes), None
    identity = _identity(before)
    unchanged = _identity(after) == identity and len(data) == before.st_size
    return name, data, None, identity if unchanged else None


def _identity(info: os.stat_result) -> FileIdentity:
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def _too_big(name: str, size: int | None, max_bytes: int) -> Diagnostic:
    limit = max_bytes / 1_048_576
    found = f"{size / 1_048_576:.1f} MiB" if size is not None else "more than that"
    return Diagnostic(
        name,
        1,
        1,
        f"file is too large ({found}); the limit is {limit:.0f} MiB",
        "split it into several files, or raise the limit with --max-size MIB",
    )


def _decode(name: str, data: bytes) -> tuple[str | None, Diagnostic | None]:
    """Decode UTF-8 (a BOM is accepted); binary and non-UTF-8 data give a diagnostic."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for bom, encoding in _OTHER_BOMS:
        if data.startswith(bom):
            return None, Diagnostic(
                name, 1, 1, f"the file is {encoding}; expected UTF-8", "save the file as UTF-8"
            )
    nul = data.find(b"\x00")
    if nul != -1:
        line = data.count(b"\n", 0, nul) + 1
        column = nul - (data.rfind(b"\n", 0, nul) + 1) + 1
        return None, Diagnostic(
            name,
            line,
            column,
            "this is a binary file (NUL byte); expected UTF-8 YAML text",
            "is it the right file?",
        )
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode("utf-8")
        line, column = _position(good + "x", len(good))
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        line_end = data.find(b"\n", exc.start)
        shown = data[line_start : line_end if line_end != -1 else len(data)]
        return None, Diagnostic(
            name,
            line,
            column,
            f"not valid UTF-8: byte 0x{data[exc.start]:02x}; expected UTF-8 text",
            "save the file as UTF-8 (it may be Latin-1 or Windows-1252)",
            shown.decode("utf-8", "replace"),
        )


_OTHER_BOMS = (
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\xfe\xff", "UTF-16"),
    (b"\xff\xfe", "UTF-16"),
)


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
        return f"{MONTHS[month - 1]} {year} has {monthrange(year, month)[1]} days"
    return "write YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM[+HH:MM]"


class _ProgressReader:
    """A file-like view of text that reports how much the parser has read."""

    def __init__(self, text: str, total: int, callback: ProgressCallback) -> None:
        self._text = text
        self._pos = 0
        self._total = total
        self._callback = callback

    def read(self, size: int = -1) -> str:
        end = len(self._text) if size < 0 else self._pos + size
        chunk = self._text[self._pos : end]
        self._pos += len(chunk)
        self._callback(min(self._pos, self._total), self._total)
        return chunk


def _compose(source: SourceText, progress: ProgressCallback | None) -> Node | Diagnostic | None:
    """Parse YAML into a node graph, or a diagnostic for a syntax error."""
    stream: Any = source.text
    if progress is not None:
        stream = _ProgressReader(source.text, len(source.text), progress)
    try:
        node: Node | None = yaml.compose(stream, Loader=_YAML_LOADER)
        return node
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "YAML syntax error"
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        hint = "YAML syntax error; check quotes, colons and indentation"
        editor_line, editor_column = source.place(line, column)
        bad_line = source.line(editor_line) or ""
        if "\t" in bad_line[: max(editor_column, 1)] or "'\\t'" in problem:
            hint = "indent YAML with spaces, not tabs"
        elif "maximum nesting depth" in problem or "exceeded" in problem:
            hint = "the data is nested far deeper than the format allows"
        elif exc.context and exc.problem:
            problem = f"{exc.context}: {problem}"
            if exc.context_mark and exc.context_mark.line + 1 != line:
                started = source.place(exc.context_mark.line + 1, 1)[0]
                problem += f" (started at line {started})"
        if "found duplicate anchor" in problem:
            hint = "each anchor (&name) may be defined once"
        elif "single document" in problem:
            hint = "a file holds one YAML document: remove the '---' line, or split the file"
        return _diag(source, line, column, problem, hint)
    except yaml.reader.ReaderError as exc:
        prefix = source.text.encode("utf-8")[: exc.position].decode("utf-8", "ignore")
        line, column = _position(prefix + "x", len(prefix))
        char = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        return _diag(
            source,
            line,
            column,
            f"character {char} is not allowed in YAML text",
            'write control characters as escapes inside double quotes, e.g. "\\e" or "\\x1b"',
        )
    except yaml.YAMLError as exc:
        return _diag(source, 1, 1, f"YAML error: {exc}", None)
    except RecursionError:
        return _diag(source, 1, 1, "the data is nested too deeply", None)


def _diag(source: SourceText, line: int, column: int, message: str, hint: str | None) -> Diagnostic:
    """A diagnostic at a place given as the YAML parser counts lines."""
    line, column = source.place(line, column)
    return Diagnostic(source.name, line, column, message, hint, source.line(line))


# --------------------------------------------------------------------------------------------
# Guarding against alias bombs, recursion and deep nesting


def _check_graph(source: SourceText, root: Node) -> Diagnostic | None:
    """Refuse recursive aliases, nesting deeper than MAX_DEPTH and alias bombs."""
    sizes: dict[int, int] = {}
    active: set[int] = set()
    distinct = 0

    def size(node: Node, depth: int) -> int:
        nonlocal distinct
        key = id(node)
        known = sizes.get(key)
        if known is not None:
            return known
        if key in active:
            raise _GraphProblem(node, "an alias refers to a node that contains it (recursion)")
        if depth > MAX_DEPTH:
            raise _GraphProblem(node, f"the data is nested more than {MAX_DEPTH} levels deep")
        active.add(key)
        distinct += 1
        total = 1
        if isinstance(node, SequenceNode):
            for child in node.value:
                total += size(child, depth + 1)
        elif isinstance(node, MappingNode):
            for key_node, value_node in node.value:
                total += size(key_node, depth + 1) + size(value_node, depth + 1)
        active.discard(key)
        sizes[key] = total
        if total - distinct > MAX_ALIAS_EXPANSION:
            raise _GraphProblem(
                node,
                f"YAML aliases expand this document beyond {MAX_ALIAS_EXPANSION:,} extra "
                "nodes; refused (a 'billion laughs' document?)",
            )
        return total

    try:
        size(root, 0)
    except _GraphProblem as problem:
        mark = problem.node.start_mark
        return _diag(source, mark.line + 1, mark.column + 1, problem.message, None)
    return None


def _check_depth(source: SourceText, root: Node) -> Diagnostic | None:
    """Refuse nesting deeper than MAX_DEPTH in a document without anchors.

    Gives the same verdict and place as :func:`_check_graph` (the first node too deep, in
    document order), at a third of its cost, since without aliases no node is shared.
    """
    stack: list[tuple[Node, int]] = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        value = node.value
        if type(value) is not list or not value:
            continue
        if depth >= MAX_DEPTH:
            first = value[0]
            deeper: Node = first[0] if type(first) is tuple else first
            mark = deeper.start_mark
            message = f"the data is nested more than {MAX_DEPTH} levels deep"
            return _diag(source, mark.line + 1, mark.column + 1, message, None)
        for child in reversed(value):
            if type(child) is tuple:
                stack.append((child[1], depth + 1))
                stack.append((child[0], depth + 1))
            else:
                stack.append((child, depth + 1))
    return None


class _GraphProblem(Exception):
    def __init__(self, node: Node, message: str) -> None:
        super().__init__(message)
        self.node = node
        self.message = message


# --------------------------------------------------------------------------------------------
# The schema walk


@dataclass(slots=True)
class _Definition:
    kind: str  # "source", "actor", "event", "statement"
    name: str
    line: int
    column: int


_Reference = Reference[tuple[SourceText, ScalarNode]]  # where: the file and the value's node


Items = dict[str, tuple[ScalarNode, Node]]


@dataclass
class _Walker:
    """Validates one file's node graph against the format and builds its records."""

    source: SourceText
    file_index: int
    diagnostics: list[Diagnostic]
    definitions: dict[str, _Definition]
    references: list[_Reference]
    schema: Schema = SCHEMA
    language: str | None = None
    title: str | None = None
    records: dict[str, list[Any]] = field(default_factory=dict)  # by record kind
    # Where each constraint on the order was written: (entry id, field, id named) -> node.
    placements: dict[tuple[str, str, str], tuple[SourceText, Node]] = field(default_factory=dict)
    # Each statement that responds to something, with the node of its responds_to value:
    # where a responds_to cycle is reported.
    replies: list[tuple[Statement, Node]] = field(default_factory=list)
    _misspelled: dict[int, set[str]] = field(default_factory=dict)

    # -- helpers -------------------------------------------------------------------------

    def error(self, node: Node, message: str, hint: str | None = None) -> None:
        mark = node.start_mark
        self.diagnostics.append(_diag(self.source, mark.line + 1, mark.column + 1, message, hint))

    def _tag_ok(self, node: Node) -> bool:
        tag = node.tag
        if isinstance(node, ScalarNode):
            allowed = tag in _SCALAR_TAGS
        elif isinstance(node, SequenceNode):
            allowed = tag == _SEQ_TAG
        else:
            allowed = tag == _MAP_TAG
        if not allowed:
            self.error(
                node,
                f"the tag '{_tag_name(tag)}' is not allowed",
                "the format takes plain YAML only: text, numbers, dates, lists and mappings",
            )
        return allowed

    def mapping(self, node: Node, what: str, keys: Sequence[str]) -> Items | None:
        """The items of a mapping node, checking key types, duplicates and unknown keys."""
        if not self._tag_ok(node):
            return None
        if not isinstance(node, MappingNode):
            self.error(node, f"expected a mapping (key: value) for {what}, found {_describe(node)}")
            return None
        items: Items = {}
        seen: dict[str, int] = {}
        misspelled: set[str] = set()
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag == _NULL_TAG:
                self.error(key_node, f"expected a key name in {what}, found {_describe(key_node)}")
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
            self.error(node, f"expected text for {what}, found {_describe(node)}")
            return None
        if node.tag == _NULL_TAG:
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
        if not isinstance(node, ScalarNode) or node.tag == _NULL_TAG:
            self.error(
                node,
                f"the {what} must be a date, found {_describe(node)}",
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
        if isinstance(node, ScalarNode) and node.tag == _NULL_TAG:
            return []
        if not isinstance(node, SequenceNode):
            hint = None
            if isinstance(node, ScalarNode):
                hint = f"write a list, e.g. [{node.value}]"
            self.error(node, f"expected a list for {what}, found {_describe(node)}", hint)
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
        if first is not None:
            self.error(
                node,
                f"duplicate id '{value}': already used by {first.kind} at "
                f"{first.name}:{first.line}:{first.column}",
                "ids must be unique across sources, actors, events and statements of all files",
            )
        else:
            line, column = self.source.place(mark.line + 1, mark.column + 1)
            self.definitions[value] = _Definition(kind, self.source.name, line, column)
        return value, f"{kind} '{value}'"

    # -- records -------------------------------------------------------------------------

    def walk(self, root: Node) -> None:
        root_keys = self.schema.root_keys
        if not isinstance(root, MappingNode):
            self.error(
                root,
                f"expected a mapping at the top of the file, found {_describe(root)}",
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
            if spec.one_or_many and isinstance(node, ScalarNode) and node.tag != _NULL_TAG:
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

    @property
    def sources(self) -> list[Any]:
        """The sources built so far."""
        return self.records.get("source", [])

    @property
    def actors(self) -> list[Any]:
        """The actors built so far."""
        return self.records.get("actor", [])

    @property
    def events(self) -> list[Any]:
        """The events built so far."""
        return self.records.get("event", [])

    @property
    def statements(self) -> list[Any]:
        """The statements built so far."""
        return self.records.get("statement", [])


def _get(items: Items, key: str) -> Node | None:
    pair = items.get(key)
    return pair[1] if pair is not None else None


# --------------------------------------------------------------------------------------------
# Cross-file checks


def _check_references(
    references: list[_Reference],
    definitions: dict[str, _Definition],
    diagnostics: list[Diagnostic],
) -> None:
    by_kind: dict[str, list[str]] = {}
    for name, definition in definitions.items():
        by_kind.setdefault(definition.kind, []).append(name)
    kinds = {name: definition.kind for name, definition in definitions.items()}
    for ref, found in bad_references(references, kinds):
        source, node = ref.where
        mark = node.start_mark
        expected = " or ".join(ref.expected)
        if found is None:
            candidates = [n for kind in ref.expected for n in by_kind.get(kind, [])]
            message = f"{ref.owner} names unknown {ref.role} '{ref.target}'" + did_you_mean(
                ref.target, candidates
            )
            hint = f"define the {expected} with id '{ref.target}', or fix the id"
        else:
            article = "an" if found[0] in "aeiou" else "a"
            message = f"{ref.owner} names '{ref.target}' as {ref.role}, but it is {article} {found}"
            hint = f"expected the id of {'an' if expected[0] in 'aeiou' else 'a'} {expected}"
        diagnostics.append(_diag(source, mark.line + 1, mark.column + 1, message, hint))


def _check_cycles(
    statements: list[tuple[Statement, SourceText, Node]], diagnostics: list[Diagnostic]
) -> None:
    """Report every responds_to cycle once, at the first statement of it in file order."""
    by_id = {s.id: (s, src, node) for s, src, node in statements}
    for cycle in reply_cycles(list(by_id), lambda sid: by_id[sid][0].responds_to):
        first = min(cycle, key=lambda sid: by_id[sid][0].order)
        _, src, node = by_id[first]
        mark = node.start_mark
        if len(cycle) == 1:
            message = f"statement '{first}' responds to itself"
        else:
            rotated = cycle[cycle.index(first) :] + cycle[: cycle.index(first)]
            message = "responds_to forms a cycle: " + " → ".join([*rotated, first])
        diagnostics.append(
            _diag(
                src,
                mark.line + 1,
                mark.column + 1,
                message,
                "a reply must come after what it answers",
            )
        )


def _check_order(
    line: Timeline,
    placements: dict[tuple[str, str, str], tuple[SourceText, Node]],
    definitions: dict[str, _Definition],
    diagnostics: list[Diagnostic],
) -> None:
    """Report each contradiction of the order and each loop of after/before, located at the
    constraint that fails and naming where the other entry is."""
    entries = line.entries

    def place(i: int) -> str:
        found = definitions.get(entries[i].id)
        return f"{found.name}:{found.line}:{found.column}" if found else "?"

    for problem in line.problems():
        carried = [c for c in problem.constraints if line.origins[c][0] == problem.item]
        owner, field_name, target = line.origins[(carried or list(problem.constraints))[0]]
        where = placements.get((entries[owner].id, field_name, target))
        if where is None:
            continue
        source, node = where
        mark = node.start_mark
        message = problem.explain(lambda i: f"'{entries[i].id}'")
        if problem.kind == "cycle":
            others = [i for i in problem.items if i != owner]
            if others:
                message += " (" + ", ".join(f"'{entries[i].id}' at {place(i)}" for i in others)
                message += ")"
            hint = "an entry cannot come after itself: remove one of these after, before or "
            hint += "responds_to"
        else:
            item, other = entries[problem.item], entries[problem.other]
            message += (
                f" ('{item.id}' is dated {item.date.text}; '{other.id}' is dated "
                f"{other.date.text}, at {place(problem.other)})"
            )
            hint = "fix one of the dates, or the after, before, responds_to or event between them"
        diagnostics.append(_diag(source, mark.line + 1, mark.column + 1, message, hint))


# --------------------------------------------------------------------------------------------

# Entry points


def load_paths(
    paths: Sequence[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: BinaryIO | None = None,
    progress: ProgressCallback | None = None,
    fast: bool | None = None,
    use_cache: bool = False,
) -> Dataset:
    """Load and validate one or more files (``-`` is stdin) into one dataset, or raise LoadError.

    With ``use_cache``, big inputs are read from and stored in the cache (``cache`` module).

    ``fast``: None uses the fast path (``fastload``) when yaml-rs is installed, False only
    PyYAML, the reference. Either way the result, and every error message, is the same.
    """
    texts: list[SourceText] = []
    diagnostics: list[Diagnostic] = []
    contents: list[tuple[str, bytes, FileIdentity | None]] = []
    for path in paths:
        name, data, problem, identity = _read_bytes(path, max_bytes, stdin)
        if problem is None and data is not None:
            contents.append((path, data, identity))
            text, problem = _decode(name, data)
            if text is not None:
                texts.append(SourceText(name, text))
        if problem is not None:
            diagnostics.append(problem)
    key = None
    if use_cache and not diagnostics and sum(len(d) for _, d, _ in contents) >= FAST_FROM_BYTES:
        from . import cache  # imported only for big inputs: small ones start faster without

        key = cache.cache_key(contents)
    if key is not None:
        cached = cache.read(key)
        if cached is not None:
            return replace(cached, files=tuple(t.name for t in texts))
    dataset = _load_sources(texts, diagnostics, progress, paths, fast)
    if key is not None:
        # The head is keyed on the files as they were read, not as they are now: a file
        # replaced during the parse never gets the previous file's head.
        quick = cache.head_key([(path, identity) for path, _, identity in contents])
        cache.write_soon(key, dataset, quick)
    return dataset


def load_head(paths: Sequence[str]) -> tuple[Dataset, int] | None:
    """The cached first entries of unchanged big files, and their total count, or None.

    Only a preview: :func:`load_paths` must still be called for the data itself.
    """
    from . import cache

    key = cache.current_head_key(paths)
    head = cache.read_head(key) if key is not None else None
    if head is None:
        return None
    return replace(head[0], files=tuple(paths)), head[1]


def load_text(
    text: str, name: str = "<string>", *, fast: bool | None = None, schema: Schema = SCHEMA
) -> Dataset:
    """Load and validate YAML text (used by tests and tools), or raise LoadError.

    ``schema`` is the declaration of the format; the tests pass a modified copy.
    """
    source = SourceText(name, text.removeprefix("\ufeff"))
    return _load_sources([source], [], None, [name], fast, schema)


def _load_sources(
    texts: list[SourceText],
    diagnostics: list[Diagnostic],
    progress: ProgressCallback | None,
    paths: Sequence[str],
    fast: bool | None = None,
    schema: Schema = SCHEMA,
) -> Dataset:
    big = sum(len(t.text) for t in texts) >= FAST_FROM_BYTES
    if fast is not False and (big or fast) and not diagnostics and texts:
        from .fastload import load_fast

        if progress is not None:
            progress(0, 1)
        built = load_fast([t.text for t in texts], schema)
        merged = _merge_fast(built, texts, schema) if built is not None else None
        if merged is not None:
            if progress is not None:
                progress(1, 1)
            return merged
    definitions: dict[str, _Definition] = {}
    references: list[_Reference] = []
    walkers: list[_Walker] = []
    statement_nodes: list[tuple[Statement, SourceText, Node]] = []
    total = sum(len(t.text) for t in texts) or 1
    done = 0
    for file_index, source in enumerate(texts):
        file_progress = _offset_progress(progress, done, total) if progress else None
        root = _compose(source, file_progress)
        done += len(source.text)
        if isinstance(root, Diagnostic):
            diagnostics.append(root)
            continue
        if root is None:
            diagnostics.append(
                Diagnostic(
                    source.name,
                    1,
                    1,
                    "the file is empty (or only comments); expected a mapping with actors, "
                    "events and statements",
                    "see docs/format.md for the format",
                )
            )
            continue
        problem = (
            _check_graph(source, root)
            if _ANCHOR_RE.search(source.text)
            else _check_depth(source, root)
        )
        if problem is not None:
            diagnostics.append(problem)
            continue
        walker = _Walker(source, file_index, diagnostics, definitions, references, schema)
        walker.walk(root)
        walkers.append(walker)
        statement_nodes.extend((s, source, node) for s, node in walker.replies)
    _check_references(references, definitions, diagnostics)
    _check_cycles(statement_nodes, diagnostics)
    events = tuple(e for w in walkers for e in w.events)
    statements = tuple(s for w in walkers for s in w.statements)
    placements: dict[tuple[str, str, str], tuple[SourceText, Node]] = {}
    for walker in walkers:
        placements.update(walker.placements)
    line = timeline([*events, *statements], schema)
    _check_order(line, placements, definitions, diagnostics)
    if diagnostics:
        file_order = {("<stdin>" if p == "-" else p): i for i, p in enumerate(paths)}
        diagnostics.sort(key=lambda d: (file_order.get(d.path, -1), d.line, d.column))
        raise LoadError(diagnostics[:MAX_ERRORS], len(diagnostics))
    title = next((w.title for w in walkers if w.title), None)
    language = next((w.language for w in walkers if w.language), None)
    return Dataset(
        title=title,
        language=language,
        sources=tuple(s for w in walkers for s in w.sources),
        actors=tuple(a for w in walkers for a in w.actors),
        events=events,
        statements=statements,
        files=tuple(t.name for t in texts),
        ordering=line.ordering,
    )


def _offset_progress(report: ProgressCallback, offset: int, total: int) -> ProgressCallback:
    """Progress of one file as progress over all files."""

    def file_progress(read: int, _size: int) -> None:
        report(offset + read, total)

    return file_progress


def _merge_fast(built: list[FastFile], texts: list[SourceText], schema: Schema) -> Dataset:
    """A dataset from the fast path's files, merged as the reference path merges them."""
    events = tuple(e for b in built for e in b.events)
    statements = tuple(s for b in built for s in b.statements)
    return Dataset(
        title=next((b.title for b in built if b.title), None),
        language=next((b.language for b in built if b.language), None),
        sources=tuple(s for b in built for s in b.sources),
        actors=tuple(a for b in built for a in b.actors),
        events=events,
        statements=statements,
        files=tuple(t.name for t in texts),
        ordering=built[0].ordering if built else None,
    )
