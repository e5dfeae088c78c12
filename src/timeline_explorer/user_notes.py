"""The user's own marks and notes (from the sidecar) in ``--print`` output.

The renderers of the timeline know nothing of them: the CLI adds a section after the timeline
(text and Markdown) or a ``user_notes`` member at the end of the JSON document, covering the
entries printed and the actors they name. Strings pass the same gates as the data
(:func:`~timeline_explorer.safetext.visible`, Markdown escapes, :func:`json_safe`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from .index import TimelineIndex
from .safetext import json_safe, one_line, visible
from .sidecar import Notes

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~&])")


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", visible(text))


def shown_notes(
    index: TimelineIndex, positions: Sequence[int], notes: Notes
) -> tuple[list[str], list[tuple[str, str, str]]]:
    """The marked ids among the printed entries, and the notes that concern them: (id, what
    it is, note) for each printed entry with a note, then each actor they name with one."""
    marked: list[str] = []
    out: list[tuple[str, str, str]] = []
    actors: dict[str, None] = {}
    for pos in positions:
        entry = index.entries[pos]
        if notes.is_marked(entry.id):
            marked.append(entry.id)
        note = notes.note(entry.id)
        if note:
            out.append((entry.id, f"{entry.date.display()} {entry.id}", note))
        for actor_id in index.entry_actors(entry):
            actors.setdefault(actor_id, None)
    for actor_id in actors:
        note = notes.note(actor_id)
        if note:
            out.append((actor_id, index.actor_name(actor_id), note))
    return marked, out


def text_section(index: TimelineIndex, positions: Sequence[int], notes: Notes) -> list[str]:
    """Plain lines after the timeline: the marked entries and the notes (none when empty)."""
    marked, noted = shown_notes(index, positions, notes)
    if not marked and not noted:
        return []
    lines = ["", "Your marks and notes"]
    if marked:
        lines.append("  marked: " + ", ".join(one_line(m) for m in marked))
    for _item_id, what, note in noted:
        lines.append(f"  {one_line(what)}:")
        lines.extend(f"    {visible(line)}" for line in note.splitlines())
    return lines


def markdown_section(index: TimelineIndex, positions: Sequence[int], notes: Notes) -> list[str]:
    """Markdown after the timeline: a heading, the marked entries and the notes."""
    marked, noted = shown_notes(index, positions, notes)
    if not marked and not noted:
        return []
    lines = ["", "## Your marks and notes", ""]
    if marked:
        lines.append("- marked: " + ", ".join(f"`{one_line(m)}`" for m in marked))
    for _item_id, what, note in noted:
        lines.append(f"- **{_md(one_line(what))}**:")
        lines.extend(f"  {_md(line)}  " for line in note.splitlines())
    return lines


def json_member(index: TimelineIndex, positions: Sequence[int], notes: Notes) -> dict[str, Any]:
    """The ``user_notes`` member: ``marked`` (ids) and ``notes`` (id to text)."""
    marked, noted = shown_notes(index, positions, notes)
    return {"marked": marked, "notes": {item_id: note for item_id, _what, note in noted}}


def with_json_member(lines: Iterable[str], member: dict[str, Any]) -> Iterator[str]:
    """The JSON document's lines with ``"user_notes": member`` added as its last member.

    The document is a top-level object whose last line is ``}``; the line before it gets a comma.
    """
    previous: str | None = None
    for line in lines:
        if previous is not None:
            if line == "}":
                yield previous + ","
                yield f'  "user_notes": {json_safe(json.dumps(member, ensure_ascii=False))}'
            else:
                yield previous
        previous = line
    if previous is not None:
        yield previous
