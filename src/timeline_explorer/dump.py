"""Write a dataset back as a document in the timeline format (the inverse of the loader).

Used by the round-trip property tests and by tools that generate data. Empty optional fields
are left out, so the output is what a person would write.
"""

from __future__ import annotations

from typing import Any

import yaml

from .model import Actor, Dataset, Event, Source, Statement

_DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _compact(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if v not in (None, [], ())}


def source_document(source: Source) -> dict[str, Any]:
    """A source as a mapping."""
    return _compact(
        {
            "id": source.id,
            "title": source.title,
            "publisher": source.publisher,
            "url": source.url,
            "date": source.date.text if source.date else None,
        }
    )


def actor_document(actor: Actor) -> dict[str, Any]:
    """An actor as a mapping."""
    links = [
        _compact({"to": k.to, "type": k.type, "description": k.description}) for k in actor.links
    ]
    return _compact(
        {
            "id": actor.id,
            "name": actor.name,
            "kind": actor.kind,
            "description": actor.description,
            "aliases": list(actor.aliases),
            "links": links,
        }
    )


def event_document(event: Event) -> dict[str, Any]:
    """An event as a mapping."""
    return _compact(
        {
            "id": event.id,
            "date": event.date.text,
            "end": event.end.text if event.end else None,
            "title": event.title,
            "description": event.description,
            "place": event.place,
            "actors": list(event.actors),
            "sources": list(event.sources),
            "tags": list(event.tags),
        }
    )


def statement_document(statement: Statement) -> dict[str, Any]:
    """A statement as a mapping."""
    return _compact(
        {
            "id": statement.id,
            "date": statement.date.text,
            "speaker": statement.speaker,
            "text": statement.text,
            "kind": statement.kind,
            "place": statement.place,
            "context": statement.context,
            "on_behalf_of": statement.on_behalf_of,
            "mentions": list(statement.mentions),
            "event": statement.event,
            "responds_to": statement.responds_to,
            "sources": list(statement.sources),
            "language": statement.language,
            "tags": list(statement.tags),
        }
    )


def to_document(dataset: Dataset) -> dict[str, Any]:
    """The whole dataset as one mapping in the file format."""
    return _compact(
        {
            "title": dataset.title,
            "language": dataset.language,
            "sources": [source_document(s) for s in dataset.sources],
            "actors": [actor_document(a) for a in dataset.actors],
            "events": [event_document(e) for e in dataset.events],
            "statements": [statement_document(s) for s in dataset.statements],
        }
    )


def dump_yaml(document: dict[str, Any]) -> str:
    """YAML text for a document, Unicode kept readable."""
    text: str = yaml.dump(document, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=100)
    return text
