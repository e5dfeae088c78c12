"""Comparing two loads of the data: new, changed and removed entries and actors, by id."""

from __future__ import annotations

import pytest

from timeline_explorer.changes import Changes, compare
from timeline_explorer.index import TimelineIndex
from timeline_explorer.loader import load_text
from timeline_explorer.model import Dataset

from .conftest import SMALL

TEXT = SMALL.read_text(encoding="utf-8")


def _edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def _load(text: str) -> Dataset:
    return load_text(text, "story.yaml", fast=False)


NEW_EVENTS = """
  - id: late-news
    date: 2025-09-06
    title: Late news
  - id: later-news
    date: 2025-09-07
    title: Later news
events:"""


def test_same_data_has_no_changes() -> None:
    changes = compare(_load(TEXT), _load(TEXT))
    assert changes.empty
    assert changes == Changes()
    assert changes.summary() == "no changes"


def test_new_changed_and_removed_entries() -> None:
    old = _load(TEXT)
    text = _edit(TEXT, "\nevents:", "\nevents:" + NEW_EVENTS.removesuffix("events:").rstrip())
    text = _edit(text, 'text: "La pace è possibile."', 'text: "La pace è vicina."')
    text = _edit(text, "  - id: year-plan\n    date: 2025\n    title: A plan for the year\n", "")
    new = _load(text)
    changes = compare(old, new)
    assert changes.new_entries == ("late-news", "later-news")
    assert changes.changed_entries == ("anna-peace",)
    assert changes.removed_entries == ("year-plan",)
    assert changes.fresh_entries == {"late-news", "later-news", "anna-peace"}
    assert (changes.new_actors, changes.changed_actors, changes.removed_actors) == ((), (), ())
    assert changes.summary() == "2 new, 1 changed, 1 removed"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("title: Review of the month", "title: Review of the month, revised"),
        ("    date: 2025-09\n", "    date: 2025-09-30\n"),
        ("    actors: [ministry]\n", "    actors: [ministry, bob]\n"),
        ("    tags: [summit]\n", "    tags: [summit, talks]\n"),
        ("    place: Parigi\n    actors", "    place: Paris\n    actors"),
    ],
)
def test_any_field_of_an_entry_counts(old: str, new: str) -> None:
    changes = compare(_load(TEXT), _load(_edit(TEXT, old, new)))
    assert len(changes.changed_entries) == 1
    assert changes.summary() == "1 changed"


def test_moving_an_entry_in_the_file_is_not_a_change() -> None:
    block = "  - id: year-plan\n    date: 2025\n    title: A plan for the year\n"
    moved = _edit(TEXT, block, "")
    moved = _edit(moved, "events:\n", "events:\n" + block)
    assert moved != TEXT
    assert compare(_load(TEXT), _load(moved)).empty


def test_actors_new_changed_removed() -> None:
    old = _load(TEXT)
    text = _edit(TEXT, "name: Bob Smith", "name: Robert Smith")
    text = _edit(
        text, "actors:\n  - id: anna", "actors:\n  - id: carla\n    name: Carla\n  - id: anna"
    )
    changes = compare(old, _load(text))
    assert changes.new_actors == ("carla",)
    assert changes.changed_actors == ("bob",)
    assert changes.new_entries == changes.changed_entries == changes.removed_entries == ()
    assert changes.summary() == "actors: 1 new, 1 changed"

    gone = compare(_load(text), old)
    assert gone.removed_actors == ("carla",)
    assert gone.summary() == "actors: 1 changed, 1 removed"


def test_new_entries_come_in_timeline_order_from_indexes() -> None:
    old = TimelineIndex.build(_load(TEXT))
    # written in the file in reverse date order: listed by date
    reverse = (
        "\n  - {id: second, date: 2025-09-07, title: Second}"
        "\n  - {id: first, date: 2025-09-06, title: First}"
    )
    text = _edit(TEXT, "\nevents:", "\nevents:" + reverse)
    new = TimelineIndex.build(_load(text))
    changes = compare(old, new)
    assert changes.new_entries == ("first", "second")
    assert [e.id for e in new.entries if e.id in changes.fresh_entries] == list(changes.new_entries)


def test_summary_of_entries_and_actors() -> None:
    changes = Changes(
        new_entries=("a", "b", "c"),
        changed_entries=("d",),
        removed_entries=("e", "f"),
        removed_actors=("g",),
    )
    assert changes.summary() == "3 new, 1 changed, 2 removed; actors: 1 removed"
