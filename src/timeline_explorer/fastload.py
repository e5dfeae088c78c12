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

``tests/test_fastload.py`` checks that both paths give the same model, timeline order and error
report for every corpus file in every line ending, flow style, anchor, escape and number
variant, and for generated documents.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from sys import intern
from typing import Any

from .model import (
    ACTOR_KEYS,
    ACTOR_KINDS,
    EVENT_KEYS,
    LINK_KEYS,
    ROOT_KEYS,
    SOURCE_KEYS,
    STATEMENT_KEYS,
    STATEMENT_KINDS,
    Actor,
    DateError,
    Event,
    Link,
    PartialDate,
    Source,
    Statement,
)

# What the fast path never sees, because the two parsers could read it differently:
# - node properties and aliases (``&a``, ``*a``, ``!tag``) where a node can start: PyYAML
#   refuses anchor names yaml-rs takes (``&.a``), and aliases are PyYAML's to count;
# - merge keys, tabs, directives and document markers;
# - backslash sequences other than the escapes both parsers decode alike (surrogate pairs such as
#   ``"\ud83d\ude00"`` are refused by PyYAML and joined by yaml-rs; ``"\/"`` is YAML 1.2 only);
# - characters PyYAML refuses or counts as line breaks.
# The text is searched after :func:`_normalise`, so CRLF and CR-only files are searched as LF.
_UNSAFE = re.compile(
    r"(?:^|[-:?,\[\]{}])[ ]*[&*!]"
    r"|<<|\t"
    r"|\\(?![0abtnvfre \"\\N_LP\n]|x[0-9a-fA-F]{2}|u(?![dD][89a-fA-F])[0-9a-fA-F]{4}"
    r"|U(?!0000[dD][89a-fA-F])(?:000[0-9a-fA-F]|0010)[0-9a-fA-F]{4})"
    r"|^(?:%|---|\.\.\.)"
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]",
    re.MULTILINE,
)
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
_SLUG = re.compile(r"[a-z0-9][a-z0-9_-]*")
_LANGUAGE = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")

_ROOT = frozenset(ROOT_KEYS)
_SOURCE = frozenset(SOURCE_KEYS)
_ACTOR = frozenset(ACTOR_KEYS)
_LINK = frozenset(LINK_KEYS)
_EVENT = frozenset(EVENT_KEYS)
_STATEMENT = frozenset(STATEMENT_KEYS)


class _Doubt(Exception):
    """The fast path cannot vouch for this data; the reference path must load it."""


@dataclass
class FastFile:
    """What one file holds, built by the fast path."""

    title: str | None = None
    language: str | None = None
    sources: list[Source] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    integers: set[int] = field(default_factory=set)  # integers taken as text


def parser_available() -> bool:
    """True when yaml-rs is installed."""
    try:
        import yaml_rs  # noqa: F401
    except ImportError:
        return False
    return True


def load_fast(texts: Sequence[str]) -> list[FastFile] | None:
    """Build every file on the fast path, with all cross-file checks; None on any doubt."""
    try:
        import yaml_rs
    except ImportError:
        return None
    no_aliases = yaml_rs.AliasLimits(max_total_replayed_events=0)
    files = []
    for file_index, raw in enumerate(texts):
        text = _normalise(raw)
        if _UNSAFE.search(text):
            return None
        try:
            data = yaml_rs.loads(text, parse_datetime=False, alias_limits=no_aliases)
        except Exception:  # any refusal: the reference parser explains it
            return None
        try:
            built = _Builder(file_index).file(data)
        except _Doubt:
            return None
        if built.integers and _numbers_written_otherwise(text, built.integers):
            return None
        files.append(built)
    return files if _cross_checks(files) else None


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
            value = yaml_rs.loads(f"- {word}\n", parse_datetime=False)
        except Exception:
            return True
        if not (isinstance(value, list) and len(value) == 1):
            return True
        number = value[0]
        if isinstance(number, int) and not isinstance(number, bool) and number in integers:
            return True
    return False


def _cross_checks(files: list[FastFile]) -> bool:
    """Unique ids, references to ids of the right kind, no responds_to cycles."""
    kinds: dict[str, str] = {}
    for built in files:
        for kind, records in (
            ("source", built.sources),
            ("actor", built.actors),
            ("event", built.events),
            ("statement", built.statements),
        ):
            for record in records:
                if record.id in kinds:
                    return False
                kinds[record.id] = kind

    def are(ids: Sequence[str | None], *wanted: str) -> bool:
        return all(i is None or kinds.get(i) in wanted for i in ids)

    for built in files:
        for actor in built.actors:
            if not are([k.to for k in actor.links], "actor"):
                return False
        for event in built.events:
            if not (are(event.actors, "actor") and are(event.sources, "source")):
                return False
        for st in built.statements:
            if not (
                are([st.speaker, st.on_behalf_of, *st.mentions], "actor")
                and are(st.sources, "source")
                and are([st.event], "event")
                and are([st.responds_to], "event", "statement")
            ):
                return False
    replies = {s.id: s.responds_to for b in files for s in b.statements if s.responds_to}
    done: set[str] = set()
    for start in replies:
        path: set[str] = set()
        current: str | None = start
        while current is not None and current not in done:
            if current in path:
                return False
            path.add(current)
            current = replies.get(current)
        done.update(path)
    return True


class _Builder:
    """Strict construction from parsed data: anything unusual raises _Doubt."""

    def __init__(self, file_index: int) -> None:
        self.file_index = file_index
        self.rank = 0
        self.integers: set[int] = set()
        self.dates: dict[str, PartialDate] = {}  # equal dates share one object

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
        if text is None or not _SLUG.fullmatch(text):
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
        if text is not None and not _LANGUAGE.fullmatch(text):
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
        root = self.record(data, _ROOT, ())
        out = FastFile(self.text(root.get("title")), self.language(root.get("language")))
        for item in self.records(root.get("sources")):
            r = self.record(item, _SOURCE, ("id", "title"))
            out.sources.append(
                Source(
                    self.slug(r["id"]),
                    self.text(r["title"], True) or "",
                    self.text(r.get("publisher")),
                    self.text(r.get("url")),
                    self.optional_date(r, "date"),
                )
            )
        for item in self.records(root.get("actors")):
            r = self.record(item, _ACTOR, ("id", "name"))
            links = []
            for link in self.records(r.get("links")):
                k = self.record(link, _LINK, ("to", "type"))
                links.append(
                    Link(
                        self.text(k["to"], True) or "",
                        self.text(k["type"], True) or "",
                        self.text(k.get("description")),
                    )
                )
            out.actors.append(
                Actor(
                    self.slug(r["id"]),
                    self.text(r["name"], True) or "",
                    self.choice(r.get("kind"), ACTOR_KINDS, "person"),
                    self.text(r.get("description")),
                    self.texts(r.get("aliases")),
                    tuple(links),
                )
            )
        # Entries keep their textual order: one list comes wholly before the other.
        lists = [key for key in root if key in ("events", "statements")]
        for key in lists:
            if key == "events":
                out.events = [self.event(item) for item in self.records(root.get("events"))]
            else:
                out.statements = [
                    self.statement(item, out.language)
                    for item in self.records(root.get("statements"))
                ]
        out.integers = self.integers
        return out

    def event(self, item: Any) -> Event:
        r = self.record(item, _EVENT, ("id", "date", "title"))
        when = self.date(r["date"])
        end = self.optional_date(r, "end")
        assert when is not None
        if end is not None and end.end <= when.start:
            raise _Doubt
        return Event(
            self.slug(r["id"]),
            when,
            self.text(r["title"], True) or "",
            end,
            self.text(r.get("description")),
            self.shared(r.get("place")),
            self.slugs(r.get("actors")),
            self.slugs(r.get("sources")),
            self.texts(r.get("tags")),
            self.order(),
        )

    def statement(self, item: Any, file_language: str | None) -> Statement:
        r = self.record(item, _STATEMENT, ("id", "date", "speaker", "text"))
        when = self.date(r["date"])
        assert when is not None
        return Statement(
            self.slug(r["id"]),
            when,
            self.shared(r["speaker"], True) or "",
            self.text(r["text"], True) or "",
            self.choice(r.get("kind"), STATEMENT_KINDS, "quote"),
            self.shared(r.get("place")),
            self.shared(r.get("context")),
            self.optional(r, "on_behalf_of"),
            self.slugs(r.get("mentions")),
            self.optional(r, "event"),
            self.optional(r, "responds_to"),
            self.slugs(r.get("sources")),
            self.language(r.get("language")) or file_language,
            self.texts(r.get("tags")),
            self.order(),
        )
