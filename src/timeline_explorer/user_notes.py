"""The user's own marks, notes and tags (from the sidecar) in ``--print`` output.

Text and Markdown get a section after the timeline, JSON a ``user_notes`` member at the end of
the document, each covering the entries printed and the actors they name; the HTML page and the
TimelineJS document show them with each entry (see :mod:`.export.html_page` and
:mod:`.export.timelinejs`). Strings pass the same gates as the data
(:func:`~timeline_explorer.safetext.visible`, Markdown escapes, :func:`json_safe`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from .index import TimelineIndex
from .safetext import json_safe, one_line, visible
from .sidecar import Notes

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~&])")


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", visible(text))


@dataclass(slots=True)
class EntryNotes:
    """What the user wrote about one printed entry."""

    id: str
    label: str  # date and id, e.g. ``2025-09-04 summit``
    tags: list[str]
    note: str | None


@dataclass(slots=True)
class Shown:
    """The user's marks, notes and tags that concern what is printed.

    ``marked``: the printed entries marked, in timeline order; ``entries``: the printed entries
    with tags or a note; ``actors``: (id, name, note) for each actor the printed entries name
    who has a note.
    """

    marked: list[str] = field(default_factory=list)
    entries: list[EntryNotes] = field(default_factory=list)
    actors: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """True when there is nothing to show."""
        return not (self.marked or self.entries or self.actors)


def shown_notes(index: TimelineIndex, positions: Sequence[int], notes: Notes) -> Shown:
    """The marks, notes and tags on the printed entries and the notes on the actors they name."""
    shown = Shown()
    actors: dict[str, None] = {}
    for pos in positions:
        entry = index.entries[pos]
        if notes.is_marked(entry.id):
            shown.marked.append(entry.id)
        note = notes.note(entry.id)
        tags = notes.tags_of(entry.id)
        if note or tags:
            label = f"{entry.date.display()} {entry.id}"
            shown.entries.append(EntryNotes(entry.id, label, tags, note))
        for actor_id in index.entry_actors(entry):
            actors.setdefault(actor_id, None)
    for actor_id in actors:
        note = notes.note(actor_id)
        if note:
            shown.actors.append((actor_id, index.actor_name(actor_id), note))
    return shown


@dataclass(frozen=True, slots=True)
class _Layout:
    """How a plain section writes its parts: the heading lines, then one function a part."""

    heading: tuple[str, ...]
    marked: Callable[[str], str]  # one marked id, inside the "marked:" line
    marked_line: str  # what starts that line
    label: Callable[[str], str]  # an entry's label or an actor's name, on its own line
    tags: Callable[[list[str]], str]
    line: Callable[[str], str]  # one line of a note


_TEXT = _Layout(
    heading=("", "Your marks and notes"),
    marked=one_line,
    marked_line="  marked: ",
    label=lambda label: f"  {one_line(label)}:",
    tags=lambda tags: "    tags: " + ", ".join(one_line(t) for t in tags),
    line=lambda line: f"    {visible(line)}",
)

_MARKDOWN = _Layout(
    heading=("", "## Your marks and notes", ""),
    marked=lambda entry_id: f"`{one_line(entry_id)}`",
    marked_line="- marked: ",
    label=lambda label: f"- **{_md(one_line(label))}**:",
    tags=lambda tags: "  tags: " + ", ".join(_md(one_line(t)) for t in tags) + "  ",
    line=lambda line: f"  {_md(line)}  ",
)


def _section(shown: Shown, layout: _Layout) -> list[str]:
    """The marked entries, then each entry's tags and note, then the notes on actors."""
    if shown.empty:
        return []
    lines = list(layout.heading)
    if shown.marked:
        lines.append(layout.marked_line + ", ".join(layout.marked(m) for m in shown.marked))
    for item in shown.entries:
        lines.append(layout.label(item.label))
        if item.tags:
            lines.append(layout.tags(item.tags))
        if item.note:
            lines.extend(layout.line(line) for line in item.note.splitlines())
    for _actor_id, name, note in shown.actors:
        lines.append(layout.label(name))
        lines.extend(layout.line(line) for line in note.splitlines())
    return lines


def text_section(index: TimelineIndex, positions: Sequence[int], notes: Notes) -> list[str]:
    """Plain lines after the timeline: the marked entries, then each entry's tags and note,
    then the notes on actors (none when empty)."""
    return _section(shown_notes(index, positions, notes), _TEXT)


def markdown_section(index: TimelineIndex, positions: Sequence[int], notes: Notes) -> list[str]:
    """Markdown after the timeline: a heading, the marked entries, tags and notes."""
    return _section(shown_notes(index, positions, notes), _MARKDOWN)


def json_member(index: TimelineIndex, positions: Sequence[int], notes: Notes) -> dict[str, Any]:
    """The ``user_notes`` member: ``marked`` (entry ids), ``notes`` (entry or actor id to text)
    and ``tags`` (entry id to the user's tags); see ``docs/json.md``."""
    shown = shown_notes(index, positions, notes)
    texts = {item.id: item.note for item in shown.entries if item.note}
    texts.update((actor_id, note) for actor_id, _name, note in shown.actors)
    tags = {item.id: item.tags for item in shown.entries if item.tags}
    return {"marked": shown.marked, "notes": texts, "tags": tags}


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
