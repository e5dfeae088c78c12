"""Examples for the dialogs' empty fields, taken from the open file: its actors, its dates, a
word of its entries (never from a story the user has not opened)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..index import TimelineIndex
from ..model import Event
from ..safetext import one_line


@dataclass(frozen=True, slots=True)
class Examples:
    """What the fields show as placeholders.

    Attributes:
        actors: an id and a name of the most active actors (``meloni, Emmanuel Macron``).
        day: a day of the data (``2025-09-04``).
        month: the month of the first dated entry (``2025-09``).
        year: its year (``2025``).
        word: a word of an entry's title or words.
    """

    actors: str = ""
    day: str = ""
    month: str = ""
    year: str = ""
    word: str = ""


def examples(index: TimelineIndex) -> Examples:
    """Placeholders from the data of ``index`` (empty strings where it has nothing to show)."""
    counts: Counter[str] = Counter()
    for entry in index.entries[:5000]:
        counts.update(index.entry_actors(entry))
    active = [a for a, _ in counts.most_common(2) if a in index.actors]
    if not active:
        active = list(index.actors)[:2]
    names = [one_line(active[0])] if active else []
    if len(active) > 1:
        names.append(one_line(index.actors[active[1]].name))
    day = month = year = ""
    for entry in index.entries:
        point = entry.date.anchor
        if point.month is not None and point.day is not None:
            day = f"{point.year:04d}-{point.month:02d}-{point.day:02d}"
            month, year = day[:7], day[:4]
            break
        if not year:
            year = f"{point.year:04d}"
            month = f"{year}-{point.month:02d}" if point.month is not None else ""
    return Examples(
        actors=", ".join(names),
        day=day,
        month=month or year,
        year=year,
        word=_a_word(index),
    )


def _a_word(index: TimelineIndex) -> str:
    """The first long word of the first entries' titles or words."""
    for entry in index.entries[:200]:
        text = entry.title if isinstance(entry, Event) else entry.text
        for word in text.split():
            word = word.strip(".,;:!?\"'«»“”‘’()[]")
            if len(word) >= 7 and word.isalpha():
                return one_line(word.lower())
    return ""
