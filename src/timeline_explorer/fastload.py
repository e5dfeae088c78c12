"""The fast path of the loader: the Rust YAML parser (yaml-rs) and a strict, quick builder.

PyYAML's parse is the wall on big files (about 3 MB/s); yaml-rs reads the same file about ten
times faster. It follows YAML 1.2, not PyYAML's 1.1, and it keeps no line numbers, so it is used
only where its result is certainly the one the reference path (``loader``) would build:

- text that either parser could read differently is never given to it (see ``_UNSAFE``,
  searched with CRLF and CR line breaks read as LF, as both parsers read them);
- it is told to refuse every alias, so PyYAML alone counts alias expansion against its limit;
- values whose written form it loses make it give up: floats and booleans always, integers
  whenever some word of the file is a number to yaml-rs but not in plain decimal (``007``,
  ``0x10``, ``2025_09``), wherever it stands;
- entries carry their textual order, as on the reference path, whatever the order of the lists;
- the builder accepts only data that is valid in every respect. Anything doubtful, and every
  error, returns None: the caller then loads with PyYAML alone, which reports each problem with
  its file, line and column. So errors are always the reference path's own.

For speed on big files: the pre-scan is searched part by part (:func:`_unsafe`, the same rule
as ``_UNSAFE``); each record kind is read by a function compiled once from its declaration
(:meth:`_Builder.compiled`) that handles the usual record in straight-line code and hands any
other to the general reader; the collector is paused while the model is built.

``tests/test_fastload.py`` checks that both paths give the same model, timeline order and error
report for every corpus file in every line ending, flow style, anchor, escape and number
variant, and for generated documents.
"""

from __future__ import annotations

import gc
import itertools
import os
import queue
import re
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from sys import intern
from typing import Any, TypeVar

from .checks import all_clear, timeline
from .model import Actor, DateError, Event, PartialDate, Source, Statement
from .order import Ordering
from .schema import ID_RE, LANGUAGE_RE, SCHEMA, FieldSpec, RecordSpec, Schema, end_problem

T = TypeVar("T")

# One fast load at a time (a reload may start while a load still runs).
_ONE_PARSE = threading.Lock()


class _ParserThread:
    """Every yaml-rs parse of the process, on one long-lived thread of its own.

    yaml-rs 0.1.6 crashes the process (a null pointer read in its module) when parses are made
    from one thread after another: loading a file by the fast path in a new thread each time,
    as each load and each live reload of the interface does, died within two to eight loads
    (reproduced outside the app, and with a load in the main thread followed by one in a
    worker); the same parses all made from one thread never did. So a parse is handed to this
    thread and waited for. It is a daemon: quitting does not wait for a parse to end.
    """

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[tuple[Callable[[], Any], Future[Any]]] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        os.register_at_fork(after_in_child=self._forget)

    def _forget(self) -> None:
        """In a forked child the thread is gone: the next parse starts another."""
        self._jobs = queue.SimpleQueue()
        self._thread = None
        self._lock = threading.Lock()

    def run(self, job: Callable[[], T]) -> T:
        """Run ``job`` on the parser thread and return what it returns (or raise what it
        raised)."""
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._serve, name="yaml-rs", daemon=True)
                self._thread.start()
        future: Future[T] = Future()
        self._jobs.put((job, future))
        return future.result()

    def _serve(self) -> None:
        while True:
            job, future = self._jobs.get()
            try:
                future.set_result(job())
            except BaseException as exc:  # handed to the waiting caller
                future.set_exception(exc)


_PARSER = _ParserThread()


def _parse(yaml_rs: Any, text: str, *, aliases: bool) -> Any:
    """yaml-rs's reading of ``text`` (dates left as text; with ``aliases`` False, any alias
    is refused), parsed on the parser thread."""

    def parse() -> Any:
        limits = None if aliases else yaml_rs.AliasLimits(max_total_replayed_events=0)
        return yaml_rs.loads(text, parse_datetime=False, alias_limits=limits)

    return _PARSER.run(parse)


STEP_BYTES = 1 << 19
"""Characters of a long top-level list parsed in one step by :func:`_parse_in_steps` (about
20 ms of yaml-rs)."""
_PLACE = "timeline-explorer-list-parsed-apart-"  # stands in the rest of the file for a list


def _key_lines(text: str, names: Sequence[str]) -> list[tuple[int, int, str]]:
    """Where each of the top-level keys ``names`` is first written at column 0, when it is
    written alone on that line (``statements:``): (start of the line, end of it, the name), in
    text order. Found by substring search (a pattern over the whole file would hold the
    interpreter for a fifth of a second at 100,000 entries). A later line of the same key
    falls inside a part cut apart, which then does not parse."""
    lines: list[tuple[int, int, str]] = []
    for name in names:
        head = f"{name}:"
        start = 0 if text.startswith(head) else text.find(f"\n{head}") + 1  # 0: not found
        found = start > 0 or text.startswith(head)
        end = text.find("\n", start) if found else -1
        if end != -1 and not text[start + len(head) : end].strip(" "):
            lines.append((start, end + 1, name))
    return sorted(lines)


def _parse_in_steps(yaml_rs: Any, text: str, names: Sequence[str]) -> Any:
    """yaml-rs's reading of a file whose long top-level lists are parsed some items a step.

    yaml-rs holds the interpreter for the whole of a parse (0.3-0.75 s without a break at
    100,000 entries, when the interface could answer no key), so each of the top-level keys
    ``names`` written alone on its line (``statements:``) whose value is a block list longer
    than :data:`STEP_BYTES` has that list parsed in parts of about that size, each cut where a
    line starts a new item at the list's own indentation, and the rest of the file once
    with a placeholder text for each such list. A list ends where the next of those key lines
    starts. It is the same reading: at such a line the parser is between two items of that
    list, unless the line is inside a quoted scalar or a flow collection, and then the part
    before it does not parse on its own (an unclosed quote or bracket), or a placeholder is read
    into some other value (a key line that was inside a quoted scalar), or something else that
    was cut apart fails to parse. On any error, any part that is not a list, any placeholder not
    read as exactly its list's value, the whole text is parsed at once, as before.
    """
    read = _read_in_steps(yaml_rs, text, names)
    return _parse(yaml_rs, text, aliases=False) if read is None else read


def _read_in_steps(yaml_rs: Any, text: str, names: Sequence[str]) -> Any:
    """The reading of :func:`_parse_in_steps` made in steps; None where it is not made so (no
    long list) or there is any doubt. For text that :func:`_unsafe` lets through only (as the
    fast path gives it): a document marker or directive inside a list would end it there."""
    keys = _key_lines(text, names)
    if not keys or _PLACE in text:
        return None
    head: list[str] = [text[: keys[0][0]]]
    lists: dict[str, list[str]] = {}  # the placeholder of each list: its parts
    for number, (start, body, name) in enumerate(keys):
        end = keys[number + 1][0] if number + 1 < len(keys) else len(text)
        parts = _list_parts(text, body, end)
        if parts is None:
            head.append(text[start:end])
        else:
            place = f"{_PLACE}{number}"
            head.append(f"{name}: {place}\n")
            lists[place] = parts
    if not lists:
        return None
    try:
        top = _parse(yaml_rs, "".join(head), aliases=False)
        if type(top) is not dict:
            return None
        found = {k: v for k, v in top.items() if type(v) is str and v in lists}
        if sorted(found.values()) != sorted(lists) or _holds(top, _PLACE, found):
            return None  # a placeholder was read otherwise
        for name, place in found.items():
            items: list[Any] = []
            for part in lists[place]:
                read = _parse(yaml_rs, part, aliases=False)
                if type(read) is not list:
                    return None
                items += read
            top[name] = items
    except Exception:  # any refusal: the whole text at once (which raises what it finds)
        return None
    return top


def _let_go(data: Any) -> None:
    """Free a parsed file some thousands of records at a time: freed at once, the records of
    100,000 entries hold the interpreter for a tenth of a second."""
    if type(data) is not dict:
        return
    for value in data.values():
        if type(value) is list:
            while value:
                del value[-_FREE_STEP:]


_FREE_STEP = 5000  # records freed in one step


def _holds(top: dict[Any, Any], text: str, placed: dict[Any, Any]) -> bool:
    """Whether some key or string in ``top`` contains ``text``, besides the values of the
    keys in ``placed``."""
    stack: list[Any] = [v for k, v in top.items() if k not in placed]
    stack += list(top)
    while stack:
        value = stack.pop()
        if type(value) is str:
            if text in value:
                return True
        elif type(value) is dict:
            stack += [*value, *value.values()]
        elif type(value) is list:
            stack += value
    return False


def _list_parts(text: str, start: int, end: int) -> list[str] | None:
    """The value ``text[start:end]`` of a top-level key cut into parts of about
    :data:`STEP_BYTES` characters, each cut where a line starts an item at the indentation of
    the first item (blank and comment lines may come before it), when the value is a block list
    longer than that; None otherwise."""
    if end - start <= STEP_BYTES:
        return None
    first = start  # the first item's line, after any blank or comment lines
    while True:
        line_end = text.find("\n", first, end)
        line = text[first : end if line_end == -1 else line_end]
        if line.strip(" ") and not line.lstrip(" ").startswith("#"):
            break
        if line_end == -1:
            return None
        first = line_end + 1
    indent = len(line) - len(line.lstrip(" "))
    if not line.startswith("- ", indent):
        return None
    mark = "\n" + " " * indent + "- "
    starts = [start]
    at = text.find(mark, first + STEP_BYTES, end)
    while at != -1:
        starts.append(at + 1)
        at = text.find(mark, at + 1 + STEP_BYTES, end)
    starts.append(end)
    return [text[a:b] for a, b in itertools.pairwise(starts)]


# What the fast path never sees, because the two parsers could read it differently:
# - node properties and aliases (``&a``, ``*a``, ``!tag``) where a node can start: PyYAML
#   refuses anchor names yaml-rs takes (``&.a``), and aliases are PyYAML's to count;
# - merge keys, tabs, directives and document markers;
# - backslash sequences other than the escapes both parsers decode alike (surrogate pairs such as
#   ``"\ud83d\ude00"`` are refused by PyYAML and joined by yaml-rs; ``"\/"`` is YAML 1.2 only);
# - characters PyYAML refuses or counts as line breaks.
# The text is searched after :func:`_normalise`, so CRLF and CR-only files are searched as LF.
# :data:`_UNSAFE` is the whole rule in one pattern; :func:`_unsafe` finds the same, each part
# apart, at the speed of C (the one pattern tries every alternative at every character).
_PROPERTY = r"(?:^|[-:?,\[\]{}])[ ]*[&*!]"
_PROPERTY_MARKS = "&*!"
_PROPERTY_AFTER = "-:?,[]{}\n"  # a property may start after one of these and spaces
_BAD_ESCAPE = (
    r"\\(?![0abtnvfre \"\\N_LP\n]|x[0-9a-fA-F]{2}|u(?![dD][89a-fA-F])[0-9a-fA-F]{4}"
    r"|U(?!0000[dD][89a-fA-F])(?:000[0-9a-fA-F]|0010)[0-9a-fA-F]{4})"
)
_MARKERS = ("%", "---", "...")  # at the start of a line
_BAD_CHAR = r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]"
_UNSAFE = re.compile(
    "|".join(
        [
            _PROPERTY,
            "<<",
            r"\t",
            _BAD_ESCAPE,
            "^(?:" + "|".join(re.escape(m) for m in _MARKERS) + ")",
            _BAD_CHAR,
        ]
    ),
    re.MULTILINE,
)
_BAD_ESCAPE_RE = re.compile(_BAD_ESCAPE)
_BAD_CHAR_RE = re.compile(_BAD_CHAR)
# A word that yaml-rs might read as a number, other than an integer in plain decimal (the one form
# whose text ``str(int)`` gives back): signs, leading zeros, 0x, 0o, 0b, underscores. The word is
# group 1; the match starts at the character before it, where a plain scalar can begin: a space
# or line break, a flow indicator, or a ":" that follows a quoted key or a collection (not a
# letter or digit: ``18:30`` is one scalar). An over-approximation: more is found, never less.
# Searched only when the data holds integers; each word is then read by yaml-rs itself.
_AFTER = r"(?![^\s:,\[\]{}#])"
_NUMBER_WORD = re.compile(
    r"(?:[\s,\[\]{}?]|[^0-9A-Za-z]:)(?=[-+0-9])"
    r"(?!(?:0|-?[1-9][0-9]*)" + _AFTER + r")([-+]?[0-9][0-9A-Za-z_]*)" + _AFTER
)


# A record kind's reading plan: allowed keys, required keys, (attribute, reader) for each field,
# whether to check end against date, whether the record keeps its file order.
_Plan = tuple[
    frozenset[str],
    tuple[str, ...],
    list[tuple[str, "Callable[[dict[str, Any]], Any]"]],
    bool,
    bool,
]


class _Doubt(Exception):
    """The fast path cannot vouch for this data; the reference path must load it."""


class _Slow(Exception):
    """A record the compiled reader does not take as it stands: the general reader reads it."""


@dataclass
class FastFile:
    """What one file holds, built by the fast path."""

    title: str | None = None
    language: str | None = None
    records: dict[str, list[Any]] = field(default_factory=dict)  # by record kind
    integers: set[int] = field(default_factory=set)  # integers taken as text
    # On the first file: the timeline order of all files' events then statements.
    ordering: Ordering | None = None

    def by_kind(self) -> dict[str, list[Any]]:
        """The records by kind (``source``, ``actor``, ``event``, ``statement``)."""
        return self.records

    @property
    def sources(self) -> list[Source]:
        """The sources of the file."""
        return self.records.get("source", [])

    @property
    def actors(self) -> list[Actor]:
        """The actors of the file."""
        return self.records.get("actor", [])

    @property
    def events(self) -> list[Event]:
        """The events of the file."""
        return self.records.get("event", [])

    @property
    def statements(self) -> list[Statement]:
        """The statements of the file."""
        return self.records.get("statement", [])


def parser_available() -> bool:
    """True when yaml-rs is installed."""
    try:
        import yaml_rs  # noqa: F401
    except ImportError:
        return False
    return True


def load_fast(texts: Sequence[str], schema: Schema = SCHEMA) -> list[FastFile] | None:
    """Build every file on the fast path, with all cross-file checks; None on any doubt.

    Args:
        texts: the text of each file.
        schema: the declaration of the format (a modified copy in the tests).
    """
    try:
        import yaml_rs
    except ImportError:
        return None
    with _ONE_PARSE:  # one parse at a time: a reload may start while a load still runs
        collecting = gc.isenabled()
        gc.disable()  # a million new objects, none of them garbage: skip the collector's passes
        try:
            return _load_fast(yaml_rs, texts, schema)
        finally:
            if collecting:
                gc.enable()


def _load_fast(yaml_rs: Any, texts: Sequence[str], schema: Schema) -> list[FastFile] | None:
    files = []
    for file_index, raw in enumerate(texts):
        text = _normalise(raw)
        if _unsafe(text):
            return None
        try:
            data = _parse_in_steps(yaml_rs, text, schema.root_keys)
        except Exception:  # any refusal: the reference parser explains it
            return None
        try:
            built = _Builder(file_index, schema).file(data)
        except _Doubt:
            return None
        finally:
            _let_go(data)
        if built.integers and _numbers_written_otherwise(text, built.integers):
            return None
        files.append(built)
    if not _cross_checks(files, schema):
        return None
    entries = [e for b in files for e in b.events] + [s for b in files for s in b.statements]
    line = timeline(entries, schema)
    if next(line.problems(), None) is not None:
        return None
    files[0].ordering = line.ordering
    return files


def _unsafe(text: str) -> bool:
    """Whether :data:`_UNSAFE` matches somewhere in the text, found part by part: literals by
    substring search, the escapes and characters each by a pattern that starts with a literal
    or a set, and node properties by finding each ``&``, ``*`` and ``!`` and looking back."""
    if "\t" in text or "<<" in text:
        return True
    if text.startswith(_MARKERS) or any("\n" + marker in text for marker in _MARKERS):
        return True
    if "\\" in text and _BAD_ESCAPE_RE.search(text):
        return True
    if _BAD_CHAR_RE.search(text):
        return True
    find = text.find
    for mark in _PROPERTY_MARKS:
        at = find(mark)
        while at != -1:
            before = at - 1
            while before >= 0 and text[before] == " ":
                before -= 1
            if before < 0 or text[before] in _PROPERTY_AFTER:
                return True
            at = find(mark, at + 1)
    return False


def _normalise(text: str) -> str:
    """LF for CRLF and CR line breaks, as both parsers read them (a break inside a scalar is
    read as LF by both too), so that every search above sees one kind of line."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _numbers_written_otherwise(text: str, integers: set[int]) -> bool:
    """True when some word of the text is, to yaml-rs, one of the integers the builder took as
    text but is not written in plain decimal (``0x10`` is 16): that text would not be the one
    PyYAML keeps. Every integer the builder took came from such a word, or from plain decimal."""
    import yaml_rs

    for word in {m.group(1) for m in _NUMBER_WORD.finditer("\n" + text)}:
        try:
            value = _parse(yaml_rs, f"- {word}\n", aliases=True)
        except Exception:
            return True
        if not (isinstance(value, list) and len(value) == 1):
            return True
        number = value[0]
        if isinstance(number, int) and not isinstance(number, bool) and number in integers:
            return True
    return False


def _cross_checks(files: list[FastFile], schema: Schema) -> bool:
    """Unique ids, references to ids of the right kind, no responds_to cycles."""
    return all_clear(schema, [built.by_kind() for built in files])


class _Builder:
    """Strict construction from parsed data: anything unusual raises _Doubt."""

    def __init__(self, file_index: int, schema: Schema = SCHEMA) -> None:
        self.file_index = file_index
        self.schema = schema
        self.ordered = {spec.kind for spec in schema.records.values() if spec.ordered}
        self._plans: dict[str, _Plan] = {}
        self.file_language: str | None = None
        self.rank = 0
        self.integers: set[int] = set()
        self.dates: dict[str, PartialDate] = {}  # equal dates share one object
        self.languages: dict[str, str] = {}  # language tags seen, checked
        self._compiled: dict[str, Callable[[Any, str | None], Any]] = {}

    # -- values --------------------------------------------------------------------------

    def text(self, value: Any, required: bool = False) -> str | None:
        if value is None:
            if required:
                raise _Doubt
            return None
        if isinstance(value, str):
            if required and not value.strip():
                raise _Doubt
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            self.integers.add(value)
            return str(value)
        raise _Doubt

    def slug(self, value: Any) -> str:
        text = self.text(value, required=True)
        if text is None or not ID_RE.fullmatch(text):
            raise _Doubt
        return text

    def shared(self, value: Any, required: bool = False) -> str | None:
        """Text that repeats across entries (ids, places, tags): one string object for all."""
        text = self.text(value, required)
        return intern(text) if text is not None else None

    def texts(self, value: Any) -> tuple[str, ...]:
        """A list of short texts or ids, each shared."""
        if value is None:
            return ()
        if not isinstance(value, list):
            raise _Doubt
        return tuple(self.shared(v, required=True) or "" for v in value)

    slugs = texts

    def one_or_many(self, value: Any) -> tuple[str, ...]:
        """A list of ids, or one id written alone."""
        if isinstance(value, str):
            return (self.shared(value, required=True) or "",)
        return self.texts(value)

    def optional(self, record: dict[str, Any], key: str) -> str | None:
        """An optional reference: absent is fine, written but empty is an error."""
        return self.shared(record[key], required=True) if key in record else None

    def optional_date(self, record: dict[str, Any], key: str) -> PartialDate | None:
        """An optional date: absent is fine, written but empty is an error."""
        if key not in record:
            return None
        if record[key] is None:
            raise _Doubt
        return self.date(record[key])

    def date(self, value: Any) -> PartialDate | None:
        text = self.text(value)
        if text is None:
            return None
        known = self.dates.get(text)
        if known is None:
            try:
                known = self.dates[text] = PartialDate.parse(text)
            except DateError:
                raise _Doubt from None
        return known

    def language(self, value: Any) -> str | None:
        text = self.text(value)
        if text is not None and not LANGUAGE_RE.fullmatch(text):
            raise _Doubt
        return intern(text) if text is not None else None

    def choice(self, value: Any, choices: Sequence[str], default: str) -> str:
        text = self.text(value)
        if text is None:
            return default
        if text not in choices:
            raise _Doubt
        return choices[choices.index(text)]

    @staticmethod
    def record(value: Any, allowed: frozenset[str], required: Sequence[str]) -> dict[str, Any]:
        if not isinstance(value, dict) or not allowed.issuperset(value):
            raise _Doubt
        for key in required:
            if value.get(key) is None:
                raise _Doubt
        return value

    @staticmethod
    def records(value: Any) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            raise _Doubt
        return value

    def order(self) -> tuple[int, int]:
        self.rank += 1
        return (self.file_index, self.rank)

    # -- records -------------------------------------------------------------------------

    def file(self, data: Any) -> FastFile:
        schema = self.schema
        root = self.record(data, frozenset(schema.root_keys), ())
        out = FastFile(self.text(root.get("title")), self.language(root.get("language")))
        # Entries keep their textual order: each list is read where it stands in the file.
        lists = {spec.top: spec for spec in schema.top_level}
        for key in root:
            spec = lists.get(key)
            if spec is not None:
                fast = self.compiled(spec)
                language = out.language
                built: list[Any] = []
                add = built.append
                for item in self.records(root[key]):
                    try:
                        add(fast(item, language))
                    except _Slow:
                        add(self.build(spec, item, language))
                out.records[spec.kind] = built
        out.integers = self.integers
        return out

    def build(self, spec: RecordSpec, item: Any, file_language: str | None) -> Any:
        """One record, as its declaration says; anything doubtful raises _Doubt."""
        plan = self._plans.get(spec.kind)
        if plan is None:
            plan = self._plans[spec.kind] = self._plan(spec)
        allowed, required, readers, check_end, ordered = plan
        r = self.record(item, allowed, required)
        self.file_language = file_language
        values = {name: read(r) for name, read in readers}
        if check_end:
            end = values["end"]
            if end is not None and end_problem(values["date"], end) is not None:
                raise _Doubt
        if ordered:
            values["order"] = self.order()
        return spec.record(**values)

    def _plan(self, spec: RecordSpec) -> _Plan:
        """How to read each field of a record kind, worked out once from its declaration."""
        readers = [(f.name, self._reader(f)) for f in spec.fields]
        check_end = "end" in spec.keys and "date" in spec.keys
        return frozenset(spec.keys), spec.required, readers, check_end, spec.ordered

    def _reader(self, f: FieldSpec) -> Callable[[dict[str, Any]], Any]:
        """A function that reads one field from a parsed mapping."""
        key = f.key
        kind = f.type
        if kind == "id":
            return lambda r: self.slug(r[key])
        if kind == "text":
            if f.required:
                return lambda r: self.text(r[key], True)
            if f.shared:
                return lambda r: self.shared(r.get(key))
            return lambda r: self.text(r.get(key))
        if kind == "refs" and f.one_or_many:
            return lambda r: self.one_or_many(r.get(key))
        if kind == "refs" or kind == "texts":
            return lambda r: self.texts(r.get(key))
        if kind == "ref":
            if f.required:
                return lambda r: self.shared(r[key], True)
            return lambda r: self.optional(r, key)
        if kind == "date":
            if f.required:
                return lambda r: self.date(r[key])
            return lambda r: self.optional_date(r, key)
        if kind == "choice":
            choices, default = f.choices, f.default
            return lambda r: self.choice(r.get(key), choices, default)
        if kind == "language":
            return lambda r: self.language(r.get(key)) or self.file_language
        assert kind == "records" and f.nested is not None
        nested = self.schema.records[f.nested]

        def records(r: dict[str, Any]) -> tuple[Any, ...]:
            language = self.file_language
            out = tuple(self.build(nested, x, language) for x in self.records(r.get(key)))
            self.file_language = language
            return out

        return records

    # -- the compiled reader ----------------------------------------------------------------

    def compiled(self, spec: RecordSpec) -> Callable[[Any, str | None], Any]:
        """A function that reads one record of a kind the way :meth:`build` does, for the
        usual case only (a mapping of plain strings and lists of them, known dates and
        languages), in straight-line code: no call per field. Anything else raises
        :class:`_Slow`, before any effect, and :meth:`build` reads the record instead."""
        known = self._compiled.get(spec.kind)
        if known is None:
            known = self._compiled[spec.kind] = self._compile(spec)
        return known

    def _compile(self, spec: RecordSpec) -> Callable[[Any, str | None], Any]:
        names: dict[str, Any] = {
            "Slow": _Slow,
            "Doubt": _Doubt,
            "Record": spec.record,
            "allowed": frozenset(spec.keys).issuperset,
            "intern": intern,
            "isspace": str.isspace,
            "id_match": ID_RE.fullmatch,
            "dates_get": self.dates.get,
            "date": self.date,
            "languages_get": self.languages.get,
            "language": self._known_language,
            "end_problem": end_problem,
            "order": self.order,
            "nested": self._nested,
        }
        lines = [
            "def read(r, file_language):",
            "    if type(r) is not dict or not allowed(r):",
            "        raise Slow",
            "    get = r.get",
        ]
        args = []
        for i, f in enumerate(spec.fields):
            key, v = f"K{i}", f"v{i}"
            names[key] = f.key
            args.append(f"{f.name}={v}")
            lines += [f"    {line}" for line in self._field_code(f, i, key, v, names)]
        if "end" in spec.keys and "date" in spec.keys:
            date = f"v{spec.keys.index('date')}"
            end = f"v{spec.keys.index('end')}"
            lines += [
                f"    if {end} is not None and end_problem({date}, {end}) is not None:",
                "        raise Doubt",
            ]
        if spec.ordered:
            args.append("order=order()")
        lines.append(f"    return Record({', '.join(args)})")
        scope: dict[str, Any] = {}
        exec("\n".join(lines), names, scope)  # code made above from the declaration only
        read: Callable[[Any, str | None], Any] = scope["read"]
        return read

    def _field_code(
        self, f: FieldSpec, i: int, key: str, v: str, names: dict[str, Any]
    ) -> list[str]:
        """The lines that read one field into the variable ``v``."""
        kind = f.type
        word = f"type({v}) is not str or not {v} or isspace({v})"  # not a non-blank string
        if kind == "id":
            return [
                f"{v} = get({key})",
                f"if type({v}) is not str or not id_match({v}):",
                "    raise Slow",
                f"{v} = intern({v})",
            ]
        if kind == "text" and f.required:
            return [f"{v} = get({key})", f"if {word}:", "    raise Slow"]
        if kind == "text":
            out = [
                f"{v} = get({key})",
                f"if {v} is not None:",
                f"    if type({v}) is not str:",
                "        raise Slow",
            ]
            return out + ([f"    {v} = intern({v})"] if f.shared else [])
        if kind in ("texts", "refs"):
            out = [
                f"{v} = get({key})",
                f"if {v} is None:",
                f"    {v} = ()",
                f"elif type({v}) is list:",
                "    try:",
                f"        {v} = tuple(map(intern, {v}))",
                "    except TypeError:",
                "        raise Slow from None",
                f"    if '' in {v} or any(map(isspace, {v})):",
                "        raise Slow",
            ]
            if f.one_or_many:
                out += [f"elif not ({word}):", f"    {v} = (intern({v}),)"]
            return [*out, "else:", "    raise Slow"]
        if kind == "ref":
            read = [f"if {word}:", "    raise Slow", f"{v} = intern({v})"]
            if f.required:
                return [f"{v} = get({key})", *read]
            return [
                f"if {key} in r:",
                f"    {v} = r[{key}]",
                *(f"    {x}" for x in read),
                "else:",
                f"    {v} = None",
            ]
        if kind == "date":
            read = [
                f"{v} = dates_get({v}) if type({v}) is str else None",
                f"if {v} is None:",
                f"    {v} = date(r[{key}])",
            ]
            if f.required:
                return [f"{v} = get({key})", f"if {v} is None:", "    raise Slow", *read]
            return [
                f"if {key} in r:",
                f"    {v} = r[{key}]",
                f"    if {v} is None:",
                "        raise Slow",
                *(f"    {x}" for x in read),
                "else:",
                f"    {v} = None",
            ]
        if kind == "choice":
            names[f"C{i}"] = {c: c for c in f.choices}
            names[f"D{i}"] = f.default
            return [
                f"{v} = get({key})",
                f"if {v} is None:",
                f"    {v} = D{i}",
                f"elif type({v}) is str and {v} in C{i}:",
                f"    {v} = C{i}[{v}]",
                "else:",
                "    raise Slow",
            ]
        if kind == "language":
            return [
                f"{v} = get({key})",
                f"if {v} is None:",
                f"    {v} = file_language",
                "else:",
                f"    {v} = (languages_get({v}) if type({v}) is str else None)"
                f" or language({v}) or file_language",
            ]
        assert kind == "records" and f.nested is not None
        names[f"N{i}"] = self.schema.records[f.nested]
        return [f"{v} = nested(N{i}, get({key}), file_language)"]

    def _known_language(self, value: Any) -> str | None:
        """:meth:`language`, remembering each tag found good."""
        tag = self.language(value)
        if tag is not None and type(value) is str:
            self.languages[value] = tag
        return tag

    def _nested(self, spec: RecordSpec, value: Any, file_language: str | None) -> tuple[Any, ...]:
        """Nested records (an actor's links), each read by :meth:`build`."""
        out = tuple(self.build(spec, item, file_language) for item in self.records(value))
        self.file_language = file_language
        return out
