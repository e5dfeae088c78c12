"""The JSON export: one versioned object with the entries and the actors and sources they name.

The layout is documented in ``docs/json.md``; :data:`VERSION` changes when a key is renamed or
removed or a value changes meaning (new keys may appear without a new version). Output streams:
one entry, actor or source per line.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from ..index import Filter, TimelineIndex
from ..model import Actor, Entry, PartialDate, Source
from ..safetext import json_safe

FORMAT_NAME = "timeline-explorer"
VERSION = 1

_SKIP = frozenset({"order"})  # record fields that are not data (file order)


def _value(value: Any) -> Any:
    if isinstance(value, PartialDate):
        return value.text
    if isinstance(value, tuple):
        return [_value(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _value(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return value


def entry_json(index: TimelineIndex, entry: Entry) -> dict[str, Any]:
    """An entry as a JSON-ready dict: every field of the record (dates as written, ids as ids),
    ``type`` after ``id``, and ``names``: the name of every actor id the entry holds."""
    out: dict[str, Any] = {"id": entry.id, "type": entry.type}
    for field in dataclasses.fields(entry):
        if field.name not in _SKIP and field.name != "id":
            out[field.name] = _value(getattr(entry, field.name))
    out["names"] = {a: index.actor_name(a) for a in index.entry_actors(entry)}
    return out


def actor_json(index: TimelineIndex, actor: Actor) -> dict[str, Any]:
    """An actor without its id (the key), each link with the name of the actor it points to."""
    out = {f.name: _value(getattr(actor, f.name)) for f in dataclasses.fields(actor)}
    del out["id"]
    for link in out["links"]:
        link["to_name"] = index.actor_name(link["to"])
    return out


def source_json(source: Source) -> dict[str, Any]:
    """A source without its id (the key)."""
    out = {f.name: _value(getattr(source, f.name)) for f in dataclasses.fields(source)}
    del out["id"]
    return out


def json_line(value: Any) -> str:
    """A value as JSON on one line, safe in any of the documents written here."""
    return json_safe(json.dumps(value, ensure_ascii=False))


def json_lines(index: TimelineIndex, positions: Sequence[int], flt: Filter) -> Iterator[str]:
    """The JSON document, streamed line by line.

    ``actors`` holds every actor the shown entries name (and the actors those link to), ``sources``
    every source they cite, both keyed by id in the order of the files.
    """
    yield "{"
    yield f'  "format": {json_line(FORMAT_NAME)},'
    yield f'  "version": {VERSION},'
    yield f'  "title": {json_line(index.title)},'
    yield f'  "language": {json_line(index.dataset.language)},'
    yield f'  "filter": {json_line(flt.describe(index))},'
    yield f'  "total": {len(index.entries)},'
    actor_ids: set[str] = set()
    source_ids: set[str] = set()

    def entries() -> Iterator[str]:
        for pos in positions:
            entry = index.entries[pos]
            actor_ids.update(index.entry_actors(entry))
            source_ids.update(entry.sources)
            yield json_line(entry_json(index, entry))

    yield from array_lines("entries", entries(), len(positions), end=",")
    for actor_id in list(actor_ids):
        actor = index.actors.get(actor_id)
        if actor:
            actor_ids.update(link.to for link in actor.links)
    actors = [a for a in index.dataset.actors if a.id in actor_ids]
    yield from _table("actors", [(a.id, actor_json(index, a)) for a in actors], last=False)
    sources = [s for s in index.dataset.sources if s.id in source_ids]
    yield from _table("sources", [(s.id, source_json(s)) for s in sources], last=True)
    yield "}"


def array_lines(name: str, items: Iterable[str], count: int, end: str = "") -> Iterator[str]:
    """A JSON array member streamed one item a line, as the documents here write them.

    Args:
        name: the member's key.
        items: the items, each already encoded as JSON on one line.
        count: how many items there are (the last has no comma after it).
        end: what follows the closing bracket (``,`` when more members follow).
    """
    if not count:
        yield f'  "{name}": []{end}'
        return
    yield f'  "{name}": ['
    for n, item in enumerate(items):
        yield f"    {item}" + ("," if n < count - 1 else "")
    yield f"  ]{end}"


def _table(name: str, rows: list[tuple[str, dict[str, Any]]], last: bool) -> Iterator[str]:
    end = "" if last else ","
    if not rows:
        yield f'  "{name}": {{}}{end}'
        return
    yield f'  "{name}": {{'
    for n, (key, value) in enumerate(rows):
        comma = "," if n < len(rows) - 1 else ""
        yield f"    {json_line(key)}: {json_line(value)}{comma}"
    yield f"  }}{end}"
