"""The query layer both renderers use: timeline order, per-actor views, links, replies, filters.

Pure Python with no terminal or Textual imports. Everything that is not needed to show the first
rows (per-actor lists, reply lists, search haystacks) is built lazily, the first time a view asks.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from array import array
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from .checks import timeline
from .headings import headings
from .model import Actor, Dataset, Entry, Event, PartialDate, Source, Statement
from .order import Ordering

T = TypeVar("T")

ROLE_SPEAKER = "speaker"
ROLE_ON_BEHALF = "on behalf of"
ROLE_PARTICIPANT = "participant"
ROLE_MENTIONED = "mentioned"

MEMO_SIZE = 4  # values kept by TimelineIndex.memo (the views of a few filters and zones)

_FOLD: dict[int, str | None] | None = None
_FOLD_RE: re.Pattern[str] | None = None
_FOLD_ENTRIES = 512  # entries whose search text is folded in one step
_SEARCH_TEXT_BUILD = threading.Lock()  # one build of a search text at a time
_FOLDED_RANGES = ((0x80, 0x2000), (0x2000, 0x2100), (0xFB00, 0xFB07), (0xFF00, 0xFFF0))


def _fold_table() -> dict[int, str | None]:
    """Characters whose accents or compatibility forms fold away, built once."""
    global _FOLD
    if _FOLD is None:
        table: dict[int, str | None] = {}
        for low, high in _FOLDED_RANGES:
            for code in range(low, high):
                char = chr(code)
                if unicodedata.combining(char):
                    table[code] = None
                    continue
                folded = "".join(
                    c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
                )
                if folded != char:
                    table[code] = folded
        table.update({ord("’"): "'", ord("‘"): "'", ord("“"): '"', ord("”"): '"'})
        table.update({ord("«"): '"', ord("»"): '"'})
        _FOLD = table
    return _FOLD


def _fold_pattern() -> re.Pattern[str]:
    """The characters of the fold table, as one set to search for."""
    global _FOLD_RE
    if _FOLD_RE is None:
        _FOLD_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in _fold_table()) + "]")
    return _FOLD_RE


def _fold_one(match: re.Match[str]) -> str:
    return _fold_table()[ord(match[0])] or ""


def normalize(text: str) -> str:
    """Fold case and accents for searching: ``Libertà`` and ``liberta`` become equal.

    Each character is folded alone, so a text folds as the parts it is made of. The fold
    table is applied with a search for its characters, which are few in most texts (``str.
    translate`` looks every character up).
    """
    if text.isascii():
        return text.lower()
    return _fold_pattern().sub(_fold_one, text).casefold()


@dataclass(frozen=True, slots=True)
class Filter:
    """What to keep of the timeline; the same filters serve ``--print`` and the TUI.

    ``actors`` keeps entries where any of the actors is speaker, on_behalf_of, participant or
    mentioned; ``date_from``/``date_to`` are inclusive and keep an entry when the start of its
    possible period lies in the range (``2025-09~`` and ``2025-09-04/..`` count from their first
    day), a partial bound covering its whole period. A bound without a UTC offset is compared
    with the time written on the entry; a bound with an offset compares instants.
    """

    actors: tuple[str, ...] = ()
    # The type of entry kept, "event" or "statement" (``--kind`` and the dialog's "Kind" on
    # screen); not a statement's kind (``Statement.kind``: quote or paraphrase).
    entry_type: str | None = None
    date_from: PartialDate | None = None
    date_to: PartialDate | None = None
    text: str | None = None
    marked: frozenset[str] | None = None  # keep only these entry ids (the marked ones)
    tag: str | None = None  # keep entries with this tag: the data's own, or ...
    tagged: frozenset[str] = frozenset()  # ... the user's (these entry ids carry it)

    @property
    def active(self) -> bool:
        """True when the filter removes anything."""
        return bool(
            self.actors
            or self.entry_type
            or self.date_from
            or self.date_to
            or self.text
            or self.marked is not None
            or self.tag
        )

    def describe(self, index: TimelineIndex | None = None) -> list[str]:
        """Short human descriptions of each active part, for headers."""
        parts = []
        if self.actors:
            names = [index.actor_name(a) if index else a for a in self.actors]
            parts.append("actor: " + " | ".join(names))
        if self.entry_type:
            parts.append(f"kind: {self.entry_type}")
        if self.date_from or self.date_to:
            low = self.date_from.display() if self.date_from else "…"
            high = self.date_to.display() if self.date_to else "…"
            parts.append(f"date: {low} – {high}")
        if self.text:
            parts.append(f'text: "{self.text}"')
        if self.marked is not None:
            parts.append("marked only")
        if self.tag:
            parts.append(f"tag: {self.tag}")
        return parts


@dataclass(frozen=True, slots=True)
class Relation:
    """A typed link seen from one actor: outgoing (``spokesperson-of Kremlin``) or incoming."""

    direction: str  # "out" or "in"
    type: str
    other: str
    description: str | None = None


@dataclass(slots=True, repr=False)
class TimelineIndex:
    """A dataset in timeline order, with lookups and lazily built secondary indexes."""

    dataset: Dataset
    entries: tuple[Entry, ...] = ()
    actors: dict[str, Actor] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    _positions: dict[str, int] | None = None
    _by_actor: dict[str, list[int]] | None = None
    _replies: dict[str, list[int]] | None = None
    _at_event: dict[str, list[int]] | None = None
    _incoming: dict[str, list[tuple[str, str, str | None]]] | None = None
    _haystacks: tuple[bytes, array[int]] | None = None
    _ordering: Ordering | None = None
    _headings: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _memo: dict[Hashable, object] = field(default_factory=dict)

    def __repr__(self) -> str:
        """Short: a frame or a worker that shows its arguments must not write out 100,000
        entries (the generated repr took seconds and hundreds of MB at that size)."""
        return f"<TimelineIndex {len(self.entries):,} entries>"

    @classmethod
    def build(cls, dataset: Dataset) -> TimelineIndex:
        """Order the entries once (``order``: constraints, then dates, then file order; total
        and stable) and index actors and sources."""
        merged: list[Entry] = [*dataset.events, *dataset.statements]
        ordering = dataset.ordering
        if ordering is None or len(ordering.order) != len(merged):
            ordering = timeline(merged).ordering
        index = cls(
            dataset,
            tuple(merged[i] for i in ordering.order),
            {a.id: a for a in dataset.actors},
            {s.id: s for s in dataset.sources},
        )
        index._ordering = ordering
        return index

    def placed_after(self, pos: int) -> Entry | None:
        """The entry a constraint placed this one after (it is above it although its date
        starts later), or None when its date alone placed it."""
        if self._ordering is None:
            return None
        anchor = self._ordering.placed_after[self._ordering.order[pos]]
        if anchor is None:
            return None
        return self.entries[self._ordering.position[anchor]]

    def headings(self, zone: str = "as-written") -> tuple[str, ...]:
        """The group heading of each position, never claiming more than the dates say
        (``Thu 4 September 2025``, ``September 2025, after the 4th``); a list prints one when
        it changes from the row above.

        Args:
            zone: the zone the times are shown in (``as-written``, ``utc`` or ``local``, see
                ``EdtfDate.in_zone``): a time with an offset is grouped under the day it falls
                on there.
        """
        shown = self._headings.get(zone)
        if shown is None:
            merged: list[Entry] = [*self.dataset.events, *self.dataset.statements]
            ordering = self._ordering or timeline(merged).ordering
            by_index = headings([e.date.in_zone(zone) for e in merged], ordering)
            shown = self._headings[zone] = tuple(by_index[i] for i in ordering.order)
        return shown

    # -- lookups ---------------------------------------------------------------------------

    @property
    def title(self) -> str:
        """The dataset title, or a neutral default."""
        return self.dataset.title or "Timeline"

    def position(self, entry_id: str) -> int | None:
        """Where an entry sits in the timeline."""
        if self._positions is None:
            self._positions = {e.id: i for i, e in enumerate(self.entries)}
        return self._positions.get(entry_id)

    def entry(self, entry_id: str) -> Entry | None:
        """An entry by id."""
        pos = self.position(entry_id)
        return None if pos is None else self.entries[pos]

    def actor_name(self, actor_id: str) -> str:
        """An actor's display name (its id when unknown)."""
        actor = self.actors.get(actor_id)
        return actor.name if actor else actor_id

    def entry_actors(self, entry: Entry) -> tuple[str, ...]:
        """Every actor an entry involves, without repeats, speaker or participants first."""
        if isinstance(entry, Event):
            ids: Iterable[str] = entry.actors
        else:
            ids = [
                entry.speaker,
                *([entry.on_behalf_of] if entry.on_behalf_of else []),
                *entry.mentions,
            ]
        return tuple(dict.fromkeys(ids))

    def roles(self, entry: Entry, actor_id: str) -> tuple[str, ...]:
        """The roles an actor has in an entry."""
        roles = []
        if isinstance(entry, Event):
            if actor_id in entry.actors:
                roles.append(ROLE_PARTICIPANT)
        else:
            if entry.speaker == actor_id:
                roles.append(ROLE_SPEAKER)
            if entry.on_behalf_of == actor_id:
                roles.append(ROLE_ON_BEHALF)
            if actor_id in entry.mentions:
                roles.append(ROLE_MENTIONED)
        return tuple(roles)

    # -- actors ------------------------------------------------------------------------------

    def _actor_positions(self) -> dict[str, list[int]]:
        if self._by_actor is None:
            by_actor: dict[str, list[int]] = {}
            for pos, entry in enumerate(self.entries):
                for actor_id in self.entry_actors(entry):
                    by_actor.setdefault(actor_id, []).append(pos)
            self._by_actor = by_actor
        return self._by_actor

    def actor_entries(self, actor_id: str) -> list[int]:
        """Timeline positions of every entry where the actor speaks, is represented, takes part
        or is mentioned."""
        return self._actor_positions().get(actor_id, [])

    def relations(self, actor_id: str) -> list[Relation]:
        """Typed links of an actor in both directions: its own, then those pointing at it."""
        if self._incoming is None:
            incoming: dict[str, list[tuple[str, str, str | None]]] = {}
            for source in self.dataset.actors:
                for link in source.links:
                    incoming.setdefault(link.to, []).append(
                        (link.type, source.id, link.description)
                    )
            self._incoming = incoming
        actor = self.actors.get(actor_id)
        out = [
            Relation("out", link.type, link.to, link.description)
            for link in (actor.links if actor else ())
        ]
        out += [
            Relation("in", kind, other, desc)
            for kind, other, desc in self._incoming.get(actor_id, [])
        ]
        return out

    def co_actors(self, actor_id: str) -> list[tuple[str, int]]:
        """Actors that share entries with this one, with how many, most shared first."""
        counts: Counter[str] = Counter()
        for pos in self.actor_entries(actor_id):
            for other in self.entry_actors(self.entries[pos]):
                if other != actor_id:
                    counts[other] += 1
        return sorted(
            counts.items(), key=lambda item: (-item[1], self.actor_name(item[0]).casefold())
        )

    # -- entries -----------------------------------------------------------------------------

    def _statements_by(self, field: str) -> dict[str, list[int]]:
        """Timeline positions of statements, grouped by the id in one of their fields."""
        groups: dict[str, list[int]] = {}
        for pos, entry in enumerate(self.entries):
            target = getattr(entry, field, None) if isinstance(entry, Statement) else None
            if target:
                groups.setdefault(target, []).append(pos)
        return groups

    def replies(self, entry_id: str) -> list[Entry]:
        """Statements that respond to an entry, in timeline order."""
        if self._replies is None:
            self._replies = self._statements_by("responds_to")
        return [self.entries[p] for p in self._replies.get(entry_id, [])]

    def statements_at(self, event_id: str) -> list[Entry]:
        """Statements made at an event, in timeline order."""
        if self._at_event is None:
            self._at_event = self._statements_by("event")
        return [self.entries[p] for p in self._at_event.get(event_id, [])]

    # -- filtering and search ----------------------------------------------------------------

    def _search_text(self) -> tuple[bytes, array[int]]:
        """The normalized searchable text of every entry, as one UTF-8 blob, and where each
        entry's part starts (entry ``i`` is ``blob[starts[i]:starts[i + 1] - 1]``).

        UTF-8 bytes, not str: folded text is mostly ASCII, one byte a character, where a str
        holding one emoji takes four bytes for every character; one blob, so that a search is
        one scan in C. Parts are separated by NUL, which folded text never holds. Built once:
        a search that comes while the warm-up builds it waits for that build.
        """
        if self._haystacks is None:
            with _SEARCH_TEXT_BUILD:
                if self._haystacks is None:
                    self._haystacks = self._build_search_text()
        return self._haystacks

    def _build_search_text(self) -> tuple[bytes, array[int]]:
        """The blob and starts of :meth:`_search_text`, folded :data:`_FOLD_ENTRIES` entries a
        step: each step is short (a key is not kept waiting meanwhile) and no text of the whole
        timeline is held at once (that str, four bytes a character where one emoji is found,
        was most of the memory a load of 100,000 entries ever took)."""
        pieces: list[bytes] = []
        starts = array("q", [0])
        offset = 0
        entries = self.entries
        for first in range(0, len(entries), _FOLD_ENTRIES):
            texts = [self._haystack_text(e) for e in entries[first : first + _FOLD_ENTRIES]]
            joined = "\0".join(texts) + "\0"
            if joined.count("\0") == len(texts):  # no NUL in the texts: fold them at once
                piece = normalize(joined).encode("utf-8")
                find = piece.find
                at = find(b"\0")
                while at != -1:
                    starts.append(offset + at + 1)
                    at = find(b"\0", at + 1)
            else:
                parts = [normalize(text).encode("utf-8") + b"\0" for text in texts]
                for part in parts:
                    starts.append(starts[-1] + len(part))
                piece = b"".join(parts)
            pieces.append(piece)
            offset += len(piece)
        return b"".join(pieces), starts

    def _contains(self, pos: int, needle: bytes) -> bool:
        blob, starts = self._search_text()
        return blob.find(needle, starts[pos], starts[pos + 1] - 1) != -1

    def prepare(self, zone: str = "as-written") -> None:
        """Build what showing this index needs at once, before it is shown (from the thread
        that loaded it): the id lookup, replies and words said at events (the detail pane),
        the entries of each actor (an open actor page) and the group headings in ``zone``."""
        self._lookups()
        self.headings(zone)

    def _lookups(self) -> None:
        self.position("")
        self.replies("")
        self.statements_at("")
        self._actor_positions()

    def warm_up(self) -> None:
        """Build the lazy indexes now (call from a worker so that the first search, the
        first entry page and the first actor page cost what the later ones do)."""
        self._lookups()
        self._search_text()
        self.relations("")

    def memo(self, key: Hashable, build: Callable[[], T]) -> T:
        """A value derived from this index, built by ``build`` the first time ``key`` is
        asked for (e.g. the rows of a filtered view, which a loading thread builds before the
        index is shown). The last :data:`MEMO_SIZE` values are kept."""
        if key in self._memo:
            return self._memo[key]  # type: ignore[return-value]
        value = build()
        while len(self._memo) >= MEMO_SIZE:
            del self._memo[next(iter(self._memo))]
        self._memo[key] = value
        return value

    def _haystack_text(self, entry: Entry) -> str:
        """What a search finds an entry by, before folding: its id and words, and the names and
        aliases of every actor in it (``Хрущёв`` finds the statements of Chruščëv when it is
        his alias)."""
        names: list[str] = []
        for actor_id in self.entry_actors(entry):
            actor = self.actors.get(actor_id)
            names.append(actor.name if actor else actor_id)
            if actor is not None:
                names.extend(actor.aliases)
        if isinstance(entry, Event):
            parts = [entry.id, entry.title, entry.description, entry.place, *entry.tags]
        else:
            parts = [entry.id, entry.text, entry.place, entry.context, *entry.tags]
        return "\n".join(p for p in [*parts, *names] if p)

    def select(self, flt: Filter) -> list[int]:
        """Timeline positions kept by a filter, in order."""
        positions: Sequence[int]
        if flt.actors:
            merged: set[int] = set()
            for actor_id in flt.actors:
                merged.update(self.actor_entries(actor_id))
            positions = sorted(merged)
        else:
            positions = range(len(self.entries))
        low, low_local = _bound(flt.date_from, start=True)
        high, high_local = _bound(flt.date_to, start=False)
        needle = normalize(flt.text).encode("utf-8") if flt.text else None
        entry_type = flt.entry_type
        marked = flt.marked
        tag = normalize(flt.tag.strip()) if flt.tag else None
        tagged = flt.tagged
        out = []
        for pos in positions:
            entry = self.entries[pos]
            if entry_type and entry.type != entry_type:
                continue
            if marked is not None and entry.id not in marked:
                continue
            if tag and entry.id not in tagged and all(normalize(t) != tag for t in entry.tags):
                continue
            if low is not None and _start(entry.date, low_local) < low:
                continue
            if high is not None and _start(entry.date, high_local) >= high:
                continue
            if needle and not self._contains(pos, needle):
                continue
            out.append(pos)
        return out

    def search(self, query: str, positions: Sequence[int]) -> list[int]:
        """Indexes *into positions* whose entries contain the query (case/accent-insensitive)."""
        needle = normalize(query.strip()).encode("utf-8").replace(b"\0", b"")
        if not needle or not self.entries:
            return []
        blob, starts = self._search_text()
        hits: list[int] = []  # positions in the timeline, found in one pass over the blob
        at = blob.find(needle)
        while at != -1:
            pos = bisect_right(starts, at) - 1
            hits.append(pos)
            at = blob.find(needle, starts[pos + 1])
        if isinstance(positions, range) and positions == range(len(self.entries)):
            return hits
        wanted = set(hits)
        return [i for i, pos in enumerate(positions) if pos in wanted]

    def first_at_or_after(self, when: PartialDate, positions: Sequence[int]) -> int | None:
        """Index into positions of the first entry whose date starts at or after ``when``
        (written local time for a bound without offset, instants for one with an offset).

        A scan, not a bisection: entries placed by constraints need not start in order.
        """
        target, local = _bound(when, start=True)
        assert target is not None
        entries = self.entries
        for i, pos in enumerate(positions):
            if _start(entries[pos].date, local) >= target:
                return i
        return None


def _bound(when: PartialDate | None, *, start: bool) -> tuple[int | None, bool]:
    """A filter bound in seconds, and whether it is naive (compared with written local times).

    A bound written without a UTC offset (``2025-09-04``, ``1962-10-22T19:05``) is compared with
    the time written on each entry, whatever its offset; one with an offset is an instant,
    compared with each entry's instant (an entry without offset counts as written).
    """
    if when is None:
        return None, False
    naive = when.utc_offset is None
    value = when.start if start else when.end
    return value, naive


def _start(when: PartialDate, local: bool) -> int:
    """Where an entry's possible period starts, on the written clock or as an instant."""
    return when.local_start() if local else when.start
