"""Marks, notes and tags of one's own, kept in a readable sidecar file beside the data.

``story.yaml`` gets ``story.notes.yaml`` in the same directory (``docs/sidecar.md`` describes the
name and the format): a YAML mapping keyed by the ids of the data, which a newsroom can keep in
git with the data. The data files themselves are never written.

- The sidecar is loaded as strictly as the data: every problem is a :class:`Diagnostic` with
  file, line and column, raised together in a :class:`LoadError`. A broken sidecar is never
  overwritten: :meth:`Sidecar.save` refuses until it is fixed, and the caller keeps its marks and
  notes in memory meanwhile. Nor is a sidecar overwritten when it changed on disk since it was
  read (someone edited it): the caller reads it again first.
- It is written atomically: a temporary file in the same directory, flushed to the disk, renamed
  over the old one. A reader (or a crash) sees the old file or the new one, never half of one.
- Where the data's directory cannot be written (read-only), the sidecar goes to the user's data
  directory (``platformdirs``, or ``$TIMELINE_EXPLORER_DATA``), under a name made of a hash of the
  data file's path; :meth:`Sidecar.save` says where it went. Of the two places, the file written
  last is the one read.
- Notes, marks and tags whose ids are no longer in the data are kept, and listed by
  :meth:`Notes.orphans`: a story edited or split must not lose anyone's notes.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .index import normalize
from .loader import DEFAULT_MAX_BYTES, Diagnostic, LoadError, SourceText, describe, did_you_mean
from .schema import ID_RE

VERSION = 1
SUFFIX = ".notes.yaml"
ROOT_KEYS = ("version", "marked", "notes", "tags")
_DATA_SUFFIXES = (".yaml", ".yml")

_CORE = "tag:yaml.org,2002:"
_TEXT_TAGS = frozenset(_CORE + t for t in ("str", "int", "float", "bool", "timestamp"))
_NULL_TAG = _CORE + "null"
_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class SidecarError(Exception):
    """The sidecar was not written; the message says why and what to do."""


@dataclass(slots=True)
class Notes:
    """The marks, notes and tags of one dataset, keyed by entry and actor ids.

    ``marked`` keeps the order in which ids were marked; ``notes`` and ``tags`` keep theirs.
    """

    marked: list[str] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)
    tags: dict[str, list[str]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        """True when there is nothing to keep."""
        return not (self.marked or self.notes or self.tags)

    def is_marked(self, item_id: str) -> bool:
        """True when the id is marked."""
        return item_id in self.marked

    def toggle_mark(self, item_id: str) -> bool:
        """Mark the id, or unmark it when it was marked; returns True when it is now marked."""
        if item_id in self.marked:
            self.marked.remove(item_id)
            return False
        self.marked.append(item_id)
        return True

    def note(self, item_id: str) -> str | None:
        """The note on an id, or None."""
        return self.notes.get(item_id)

    def set_note(self, item_id: str, text: str | None) -> None:
        """Set the note on an id; an empty or blank text removes it."""
        if text is None or not text.strip():
            self.notes.pop(item_id, None)
        else:
            self.notes[item_id] = text

    def tags_of(self, item_id: str) -> list[str]:
        """The id's own tags (a copy)."""
        return list(self.tags.get(item_id, ()))

    def set_tags(self, item_id: str, tags: Iterable[str]) -> None:
        """Set the id's tags: blank ones and repeats are dropped; none removes the entry."""
        kept = list(dict.fromkeys(t.strip() for t in tags if t.strip()))
        if kept:
            self.tags[item_id] = kept
        else:
            self.tags.pop(item_id, None)

    def tagged(self, tag: str) -> frozenset[str]:
        """The ids the user gave a tag (case and accents ignored, as in search)."""
        wanted = normalize(tag.strip())
        return frozenset(
            item_id
            for item_id, tags in self.tags.items()
            if any(normalize(t) == wanted for t in tags)
        )

    def ids(self) -> list[str]:
        """Every id that has a mark, a note or tags, in file order (marks, notes, tags)."""
        return list(dict.fromkeys([*self.marked, *self.notes, *self.tags]))

    def orphans(self, ids: Iterable[str]) -> list[str]:
        """The ids with a mark, note or tags that are not among ``ids`` (those of the data).

        They stay in the sidecar: this only lists them, e.g. to show after a reload.
        """
        known = ids if isinstance(ids, set | frozenset | dict) else set(ids)
        return [item_id for item_id in self.ids() if item_id not in known]


# --------------------------------------------------------------------------------------------
# Where the sidecar lives


def sidecar_path(data_path: str) -> str | None:
    """The sidecar beside a data file (``story.yaml`` → ``story.notes.yaml``); None for stdin."""
    if data_path == "-":
        return None
    directory, name = os.path.split(data_path)
    for suffix in _DATA_SUFFIXES:
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
            break
    return os.path.join(directory, name + SUFFIX)


def user_notes_dir() -> str:
    """Where sidecars go when the data's directory cannot be written."""
    override = os.environ.get("TIMELINE_EXPLORER_DATA")
    if override:
        return os.path.join(override, "notes")
    from platformdirs import user_data_dir

    return os.path.join(user_data_dir("timeline-explorer", appauthor=False), "notes")


def fallback_path(data_path: str, directory: str | None = None) -> str:
    """The sidecar for a data file in the user's data directory (or ``directory``).

    The name is the data file's name after a hash of its absolute path, so that two
    ``story.yaml`` in two places keep apart and a reader can still tell which is which.
    """
    base = directory if directory is not None else user_notes_dir()
    if data_path == "-":
        key, stem = "<stdin>", "stdin"
    else:
        key = os.path.realpath(data_path)
        stem = os.path.basename(sidecar_path(data_path) or "").removesuffix(SUFFIX) or "data"
    digest = hashlib.blake2b(key.encode("utf-8", "surrogateescape"), digest_size=8).hexdigest()
    return os.path.join(base, f"{stem}-{digest}{SUFFIX}")


# --------------------------------------------------------------------------------------------
# Reading


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
            allowed = node.tag == _CORE + "seq"
        else:
            allowed = node.tag == _CORE + "map"
        if not allowed:
            shown = "!!" + node.tag[len(_CORE) :] if node.tag.startswith(_CORE) else node.tag
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
        if value is None or node.tag != _CORE + "int":
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


# --------------------------------------------------------------------------------------------
# Writing


_QUOTED = ("\r", "\x85", "\u2028", "\u2029")


class _Dumper(yaml.SafeDumper):
    """Notes of several lines as literal blocks, as one would write them by hand."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style: str | None = "|" if "\n" in value else None
    if any(char in value for char in _QUOTED) or (not value.isprintable() and style is None):
        style = '"'  # YAML folds these line breaks in other styles: escape them
    return dumper.represent_scalar(_CORE + "str", value, style=style)


class _Flow(list[str]):
    """A short list written on one line: ``[a, b]``."""


def _flow(dumper: yaml.SafeDumper, value: _Flow) -> yaml.SequenceNode:
    return dumper.represent_sequence(_CORE + "seq", value, flow_style=True)


_Dumper.add_representer(str, _text)
_Dumper.add_representer(_Flow, _flow)


def dump(notes: Notes, data_name: str | None = None) -> str:
    """The sidecar text for some notes: a comment naming the data, then the keys.

    One marked id per line and one note per key, so that a version control diff shows each
    change on its own line; notes of several lines as literal blocks; tags on one line.
    """
    head = f"# Marks, notes and tags for {data_name}" if data_name else "# Marks, notes and tags"
    body: dict[str, Any] = {"version": VERSION}
    if notes.marked:
        body["marked"] = list(notes.marked)
    if notes.notes:
        body["notes"] = dict(notes.notes)
    if notes.tags:
        body["tags"] = {key: _Flow(value) for key, value in notes.tags.items()}
    text = yaml.dump(
        body,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
    return f"{head} (timeline-explorer, docs/sidecar.md).\n{text}"


def write_atomic(path: str, data: bytes) -> None:
    """Replace ``path`` with ``data`` at once: temporary file, flush to disk, rename.

    The temporary file is in the same directory (a rename does not cross file systems); an
    existing file keeps its permissions, a new one gets 0644. Raises OSError on failure, when
    the old file, if any, is still whole. A symbolic link is followed: its target is replaced.
    """
    path = os.path.realpath(path)
    directory = os.path.dirname(path)
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        mode = 0o644
    handle, temporary = tempfile.mkstemp(
        prefix="." + os.path.basename(path) + ".", suffix=".tmp", dir=directory
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fchmod(stream.fileno(), mode)
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable, where possible
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


STALE_SECONDS = 600  # a temporary file this old was left by a crash, not by a writer at work


def _sweep(path: str) -> None:
    """Remove the temporary files of ``path`` that a crashed writer left behind."""
    directory, name = os.path.split(os.path.realpath(path))
    prefix = "." + name + "."
    limit = time.time() - STALE_SECONDS
    with contextlib.suppress(OSError), os.scandir(directory) as entries:
        for entry in entries:
            if entry.name.startswith(prefix) and entry.name.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < limit:
                        os.unlink(entry.path)


def _digest(data: bytes | None) -> str | None:
    return None if data is None else hashlib.blake2b(data, digest_size=16).hexdigest()


def _on_disk(path: str) -> str | None:
    """The digest of a file's bytes, None when it does not exist."""
    try:
        with open(path, "rb") as handle:
            return _digest(handle.read(DEFAULT_MAX_BYTES + 1))
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        return "directory"
    except OSError:
        return "unreadable"


def _mtime(path: str) -> int | None:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return None


def _same_file(first: str, second: str) -> bool:
    if os.path.realpath(first) == os.path.realpath(second):
        return True
    try:
        return os.path.samefile(first, second)
    except OSError:
        return False


class Sidecar:
    """The sidecar of a set of data files: where it is, reading it and writing it back.

    With several data files, the sidecar is the first file's. With standard input (``-``) it is
    kept only in the user's data directory.

    Args:
        data_paths: the data files, as opened.
        fallback_dir: where to go when the data's directory cannot be written (default: the
            user's data directory, see :func:`user_notes_dir`).
    """

    def __init__(self, data_paths: Sequence[str], *, fallback_dir: str | None = None) -> None:
        if not data_paths:
            raise ValueError("a sidecar needs at least one data file")
        self.data_paths = tuple(data_paths)
        first = self.data_paths[0]
        self.primary = sidecar_path(first)
        self.fallback = fallback_path(first, fallback_dir)
        self.path = self.primary or self.fallback  # the file read last, or to be written
        self.error: LoadError | None = None  # the problems of the file read, when broken
        self._known: dict[str, str | None] = {}  # digests of what was read or written, by place

    @property
    def places(self) -> list[str]:
        """Where the sidecar may be, the preferred place first."""
        return [p for p in (self.primary, self.fallback) if p is not None]

    def load(self) -> Notes:
        """Read the sidecar (the newer of the two places when both exist).

        Returns empty notes when there is none. Raises :class:`LoadError` when it is broken;
        then :meth:`save` refuses until a later :meth:`load` succeeds.
        """
        self.error = None
        self._known = {place: _on_disk(place) for place in self.places}
        existing = [p for p in self.places if self._known[p] is not None]
        if not existing:
            self.path = self.places[0]
            return Notes()
        # the newest wins; at equal times the place beside the data
        self.path = max(existing, key=lambda p: (_mtime(p) or 0, p == self.primary))
        try:
            found = read(self.path)
        except LoadError as exc:
            self.error = exc
            raise
        if found is None:  # removed in between
            self._known[self.path] = None
            return Notes()
        notes, data = found
        self._known[self.path] = _digest(data)
        return notes

    def changed_on_disk(self) -> bool:
        """True when a place's bytes differ from what was last read or written there (someone
        else wrote, removed or created it: e.g. ``git pull``); False for our own saves."""
        return any(_on_disk(place) != self._known.get(place) for place in self.places)

    @staticmethod
    def _broken(place: str) -> bool:
        try:
            read(place)
        except LoadError:
            return True
        return False

    def save(self, notes: Notes) -> str:
        """Write the notes; returns a one-line message saying where they went.

        Raises :class:`SidecarError` (nothing written) when the sidecar read is broken, when a
        sidecar changed on disk since it was read, when the path is one of the data files, or
        when neither place can be written.
        """
        if self.error is not None:
            first = self.error.diagnostics[0]
            raise SidecarError(
                f"notes not saved: {first.path}:{first.line}:{first.column} has an error "
                f"({first.message}); fix it, then reload"
            )
        text = dump(notes, os.path.basename(self.data_paths[0]))
        data = text.encode("utf-8")
        problems: list[str] = []
        for place in self.places:
            if any(_same_file(place, data_path) for data_path in self.data_paths):
                raise SidecarError(f"notes not saved: {place} is a data file")
            now = _on_disk(place)
            if now != self._known.get(place):
                raise SidecarError(
                    f"notes not saved: {place} changed on disk since it was read; reload it"
                )
            if now is not None and place != self.path and self._broken(place):
                problems.append(f"{place}: has errors, not overwritten")
                continue
            try:
                if place == self.fallback:
                    os.makedirs(os.path.dirname(place), mode=0o700, exist_ok=True)
                write_atomic(place, data)
            except OSError as exc:
                problems.append(f"{place}: {exc.strerror or exc}")
                continue
            self._known[place] = _digest(data)
            self.path = place
            _sweep(place)
            if place == self.primary or self.primary is None:
                return f"notes saved to {place}"
            return (
                f"notes saved to {place}: cannot write beside the data ({problems[0]})"
                if problems
                else f"notes saved to {place}"
            )
        raise SidecarError("notes not saved: " + "; ".join(problems))
