"""The YAML node graph of a file: composing it, and refusing what must not be expanded.

The text is parsed by PyYAML's C parser (``yaml.CSafeLoader`` when present) into nodes, so that
every value keeps its line and column; a syntax error becomes a located :class:`Diagnostic` with
a hint. Before the walk, :func:`check_nodes` refuses recursive aliases, alias bombs ("billion
laughs": more than :data:`~timeline_explorer.limits.MAX_ALIAS_EXPANSION` extra nodes) and nesting
deeper than :data:`~timeline_explorer.limits.MAX_DEPTH`. :func:`describe` says what a node is,
for "found …" messages.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..limits import MAX_ALIAS_EXPANSION, MAX_DEPTH
from .diagnostics import Diagnostic
from .source import SourceText, diag, position

_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_ANCHOR_RE = re.compile(r"(?:^|[\s\[\]{},:-])&[^\s\[\]{},]")
CORE = "tag:yaml.org,2002:"
SCALAR_TAGS = frozenset(CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp"))
NULL_TAG = CORE + "null"
SEQ_TAG = CORE + "seq"
MAP_TAG = CORE + "map"

ProgressCallback = Callable[[int, int], None]
"""Told how many characters of how many the parser has read."""


def describe(node: Node) -> str:
    """What a node is, in words, for 'found …' messages."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    assert isinstance(node, ScalarNode)
    if node.tag == NULL_TAG:
        return "nothing (null)"
    kind = {
        CORE + "int": "the number",
        CORE + "float": "the number",
        CORE + "bool": "the boolean",
        CORE + "timestamp": "the date",
    }.get(node.tag, "the text")
    value = node.value if len(node.value) <= 40 else node.value[:37] + "..."
    return f"{kind} '{value}'"


def tag_name(tag: str) -> str:
    """A tag as YAML writes it (``!!python/object``), for messages."""
    return "!!" + tag[len(CORE) :] if tag.startswith(CORE) else tag


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


def compose(source: SourceText, progress: ProgressCallback | None) -> Node | Diagnostic | None:
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
        return diag(source, line, column, problem, hint)
    except yaml.reader.ReaderError as exc:
        prefix = source.text.encode("utf-8")[: exc.position].decode("utf-8", "ignore")
        line, column = position(prefix + "x", len(prefix))
        char = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        return diag(
            source,
            line,
            column,
            f"character {char} is not allowed in YAML text",
            'write control characters as escapes inside double quotes, e.g. "\\e" or "\\x1b"',
        )
    except yaml.YAMLError as exc:
        return diag(source, 1, 1, f"YAML error: {exc}", None)
    except RecursionError:
        return diag(source, 1, 1, "the data is nested too deeply", None)


# --------------------------------------------------------------------------------------------
# Guarding against alias bombs, recursion and deep nesting


def check_nodes(source: SourceText, root: Node) -> Diagnostic | None:
    """Refuse what must not be walked: :func:`check_graph` where the text has anchors (aliases
    can share and repeat nodes), the cheaper :func:`check_depth` otherwise."""
    if _ANCHOR_RE.search(source.text):
        return check_graph(source, root)
    return check_depth(source, root)


def check_graph(source: SourceText, root: Node) -> Diagnostic | None:
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
        return diag(source, mark.line + 1, mark.column + 1, problem.message, None)
    return None


def check_depth(source: SourceText, root: Node) -> Diagnostic | None:
    """Refuse nesting deeper than MAX_DEPTH in a document without anchors.

    Gives the same verdict and place as :func:`check_graph` (the first node too deep, in
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
            return diag(source, mark.line + 1, mark.column + 1, message, None)
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
