"""Writing a sidecar's text: one change a line in a version control diff, as written by hand."""

from __future__ import annotations

from typing import Any

import yaml

from .notes import VERSION, Notes
from .reader import CORE

_QUOTED = ("\r", "\x85", "\u2028", "\u2029")


class _Dumper(yaml.SafeDumper):
    """Notes of several lines as literal blocks, as one would write them by hand."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style: str | None = "|" if "\n" in value else None
    if any(char in value for char in _QUOTED) or (not value.isprintable() and style is None):
        style = '"'  # YAML folds these line breaks in other styles: escape them
    return dumper.represent_scalar(CORE + "str", value, style=style)


class _Flow(list[str]):
    """A short list written on one line: ``[a, b]``."""


def _flow(dumper: yaml.SafeDumper, value: _Flow) -> yaml.SequenceNode:
    return dumper.represent_sequence(CORE + "seq", value, flow_style=True)


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
