"""Write a dataset back as a document in the timeline format (the inverse of the loader).

Used by the tests: round trips, and data generated for the loaders. Each record is written
as its declaration (``schema``) lists its keys; empty optional fields are left out, so the
output is what a person would write.
"""

from __future__ import annotations

from typing import Any

import yaml

from timeline_explorer.model import Dataset
from timeline_explorer.schema import SCHEMA, Schema

_DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _compact(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if v not in (None, [], ())}


def record_document(record: object, schema: Schema = SCHEMA) -> dict[str, Any]:
    """A source, actor, link, event or statement as a mapping, keys in documentation order.

    Args:
        record: the record.
        schema: the declaration of the format (a modified copy in the tests).
    """
    spec = schema.of(record)
    out: dict[str, Any] = {}
    for field in spec.fields:
        value = getattr(record, field.name)
        if field.type == "date":
            value = value.text if value is not None else None
        elif field.type == "records":
            value = [record_document(item, schema) for item in value]
        elif field.is_list:
            value = list(value)
        out[field.key] = value
    return _compact(out)


def to_document(dataset: Dataset, schema: Schema = SCHEMA) -> dict[str, Any]:
    """The whole dataset as one mapping in the file format.

    Args:
        dataset: the data.
        schema: the declaration of the format (a modified copy in the tests).
    """
    lists = {"source": dataset.sources, "actor": dataset.actors}
    lists |= {"event": dataset.events, "statement": dataset.statements}
    document: dict[str, Any] = {"title": dataset.title, "language": dataset.language}
    for spec in schema.top_level:
        assert spec.top is not None
        document[spec.top] = [record_document(r, schema) for r in lists.get(spec.kind, ())]
    return _compact(document)


def dump_yaml(document: dict[str, Any]) -> str:
    """YAML text for a document, Unicode kept readable."""
    text: str = yaml.dump(document, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=100)
    return text
