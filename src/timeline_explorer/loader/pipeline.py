"""Loading files into a dataset: the entry points, and the choice of path.

:func:`load_paths` reads the files (``source``), asks the cache for big unchanged inputs, then
builds the dataset on the fast path (``fastload``) when the input is big and the fast parser
certain, else on the reference path: compose the nodes (``nodes``), walk them against the
declaration (``walker``), check across files (``cross_checks``). Every problem of every file is
reported at once, sorted by file and place, in one :class:`LoadError`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, BinaryIO

from yaml.nodes import Node

from ..checks import (
    merge_repeats,
    repeat_problem,
    repeated_definitions,
    repeated_paths,
    timeline,
)
from ..limits import DEFAULT_MAX_BYTES, FAST_FROM_BYTES, MAX_ERRORS
from ..model import Dataset, Statement
from ..schema import SCHEMA, Schema
from .cross_checks import check_cycles, check_order, check_references
from .diagnostics import Diagnostic, LoadError
from .nodes import ProgressCallback, check_nodes, compose
from .source import FileIdentity, SourceText, decode, read_bytes
from .walker import Definition, NodeReference, Walker

if TYPE_CHECKING:
    from ..fastload import FastFile


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
    again = dict(repeated_paths(paths))  # a file given twice: said once, read once
    for i, path in enumerate(paths):
        if i in again:
            message = f"the file is given twice (first as {paths[again[i]]})"
            diagnostics.append(Diagnostic(path, 1, 1, message, "name each file once"))
            continue
        name, data, problem, identity = read_bytes(path, max_bytes, stdin)
        if problem is None and data is not None:
            contents.append((path, data, identity))
            text, problem = decode(name, data)
            if text is not None:
                texts.append(SourceText(name, text))
        if problem is not None:
            diagnostics.append(problem)
    key = None
    if use_cache and not diagnostics and sum(len(d) for _, d, _ in contents) >= FAST_FROM_BYTES:
        from .. import cache  # imported only for big inputs: small ones start faster without

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
    from .. import cache

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
        from ..fastload import load_fast

        if progress is not None:
            progress(0, 1)
        built = load_fast([t.text for t in texts], schema)
        merged = _merge_fast(built, texts, schema) if built is not None else None
        if merged is not None:
            if progress is not None:
                progress(1, 1)
            return merged
    definitions: dict[str, Definition] = {}
    references: list[NodeReference] = []
    walkers: list[Walker] = []
    statement_nodes: list[tuple[Statement, SourceText, Node]] = []
    total = sum(len(t.text) for t in texts) or 1
    done = 0
    for file_index, source in enumerate(texts):
        file_progress = _offset_progress(progress, done, total) if progress else None
        root = compose(source, file_progress)
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
        problem = check_nodes(source, root)
        if problem is not None:
            diagnostics.append(problem)
            continue
        walker = Walker(source, file_index, diagnostics, definitions, references, schema)
        walker.walk(root)
        walkers.append(walker)
        statement_nodes.extend((s, source, node) for s, node in walker.replies)
    files = [walker.records for walker in walkers]
    repeats = repeated_definitions(files)
    for repeat in (r for r in repeats if r.differs):
        first, walker = definitions[repeat.id], walkers[repeat.again[0]]
        place = f"{first.name}:{first.line}:{first.column}"
        walker.error(walker.repeats[repeat.id], *repeat_problem(repeat, place))
    for walker, records in zip(walkers, merge_repeats(files, repeats), strict=True):
        walker.records = records
    check_references(references, definitions, diagnostics)
    check_cycles(statement_nodes, diagnostics)
    events = _built(walkers, "event")
    statements = _built(walkers, "statement")
    placements: dict[tuple[str, str, str], tuple[SourceText, Node]] = {}
    for walker in walkers:
        placements.update(walker.placements)
    line = timeline([*events, *statements], schema)
    check_order(line, placements, definitions, diagnostics)
    if diagnostics:
        file_order = {("<stdin>" if p == "-" else p): i for i, p in enumerate(paths)}
        diagnostics.sort(key=lambda d: (file_order.get(d.path, -1), d.line, d.column))
        raise LoadError(diagnostics[:MAX_ERRORS], len(diagnostics))
    title = next((w.title for w in walkers if w.title), None)
    language = next((w.language for w in walkers if w.language), None)
    return Dataset(
        title=title,
        language=language,
        sources=_built(walkers, "source"),
        actors=_built(walkers, "actor"),
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
    files = [b.by_kind() for b in built]
    files = merge_repeats(files, repeated_definitions(files))  # an actor of two files is one
    return Dataset(
        title=next((b.title for b in built if b.title), None),
        language=next((b.language for b in built if b.language), None),
        sources=tuple(s for f in files for s in f.get("source", ())),
        actors=tuple(a for f in files for a in f.get("actor", ())),
        events=events,
        statements=statements,
        files=tuple(t.name for t in texts),
        ordering=built[0].ordering if built else None,
    )


def _built(walkers: list[Walker], kind: str) -> tuple[Any, ...]:
    """The records of one kind of every file, in the order of the files."""
    return tuple(record for walker in walkers for record in walker.built(kind))
