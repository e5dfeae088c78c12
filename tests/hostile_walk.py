"""Walk every string of every record of a dataset, generically over the model's dataclasses.

A field added to the model later is walked too; :func:`uncovered_fields` then asks the hostile
fixture to carry a payload in it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from timeline_explorer import model
from timeline_explorer.model import Dataset
from timeline_explorer.safetext import is_unsafe

# Fields the loader restricts (ids, references, kinds, dates, language tags, file names): they
# cannot carry a payload, and tests/data/bad/ holds the files that try.
RESTRICTED = {
    ("Dataset", "language"),
    ("Dataset", "files"),
    ("Source", "id"),
    ("Actor", "id"),
    ("Actor", "kind"),
    ("Link", "to"),
    ("Event", "id"),
    ("Event", "actors"),
    ("Event", "sources"),
    ("Event", "after"),
    ("Event", "before"),
    ("Statement", "after"),
    ("Statement", "before"),
    ("Statement", "id"),
    ("Statement", "speaker"),
    ("Statement", "kind"),
    ("Statement", "on_behalf_of"),
    ("Statement", "mentions"),
    ("Statement", "event"),
    ("Statement", "responds_to"),
    ("Statement", "sources"),
    ("Statement", "language"),
    ("PartialDate", "text"),
}

RECORDS: dict[str, type] = {
    name: value
    for name, value in vars(model).items()
    if isinstance(value, type)
    and dataclasses.is_dataclass(value)
    and value.__module__ == model.__name__
}

MARKUP = ("[/]", "[/b]", "[sic]", "[ride]", "[@click=")


def strings(value: object, owner: str = "", name: str = "") -> Iterator[tuple[str, str, str]]:
    """Every string inside ``value`` as ``(record type, field name, text)``."""
    if isinstance(value, str):
        yield owner, name, value
    elif isinstance(value, tuple | list):
        for item in value:
            yield from strings(item, owner, name)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        kind = type(value).__name__
        for field in dataclasses.fields(value):
            yield from strings(getattr(value, field.name), kind, field.name)


def string_fields(dataset: Dataset) -> set[tuple[str, str]]:
    """Every (record type, field) that holds a string somewhere in ``dataset``."""
    return {(owner, name) for owner, name, _ in strings(dataset)}


def hostile(text: str) -> bool:
    """Whether a text carries a payload: a control or invisible character, or markup."""
    return any(is_unsafe(c) for c in text) or any(m in text for m in MARKUP)


def uncovered_fields(dataset: Dataset) -> set[tuple[str, str]]:
    """Free-text fields of the model that no record of ``dataset`` fills with a payload."""
    free: set[tuple[str, str]] = set()
    pending: list[type] = [Dataset]
    seen: set[type] = set()
    while pending:
        cls = pending.pop()
        if cls in seen:
            continue
        seen.add(cls)
        for field in dataclasses.fields(cls):
            kind = str(field.type)  # the annotation as written, e.g. "tuple[Link, ...]"
            if re.search(r"\bstr\b", kind):
                free.add((cls.__name__, field.name))
            pending.extend(
                record for name, record in RECORDS.items() if re.search(rf"\b{name}\b", kind)
            )
    covered = {(o, n) for o, n, text in strings(dataset) if hostile(text)}
    return free - RESTRICTED - covered


def unsafe_in(text: str) -> list[str]:
    """The characters of ``text`` that the gate escapes (none may reach a screen raw)."""
    return [hex(ord(c)) for c in text if is_unsafe(c)]
