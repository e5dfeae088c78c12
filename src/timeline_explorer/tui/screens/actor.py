"""The actor screen: who an actor is, their typed links, their activity over the story, and
their own timeline. The activity line hides on terminals lower than :data:`TALL` rows."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from ...index import TimelineIndex
from ...overview import story_span
from ...safetext import visible
from ..history import Location
from ..messages import GoBack, Navigate
from ..widgets.activity import ActorActivity
from ..widgets.actor_details import ActorDetails
from ..widgets.blocks import labelled
from ..widgets.header import TimelineHeader
from ..widgets.key_bar import KeyBar
from ..widgets.links import Target
from ..widgets.timeline_list import TimelineList
from .list_screen import ListScreen, SearchBar

TALL = 20  # from this many rows, the actor's activity shows above their timeline


class ActorScreen(ListScreen):
    """An actor's facts and links above their timeline (said, took part, mentioned)."""

    DEFAULT_CSS = """
    ActorScreen #activity {
        margin-top: 1;
    }
    ActorScreen #actor-note {
        height: auto;
        max-height: 8;
        padding: 0 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "escape", "Close", tooltip="Clear the search, or close (go back)"),
    ]

    def __init__(self, index: TimelineIndex, actor_id: str, cursor: str | None = None) -> None:
        super().__init__(index)
        self.actor_id = actor_id
        self._initial_cursor = cursor

    def compose(self) -> ComposeResult:
        """Header, facts and links, the actor's timeline, search field, footer."""
        yield TimelineHeader(id="header")
        yield ActorDetails(self.index, self.actor_id, self.app.theme_variables, id="actor-details")
        yield Static("", id="actor-note", markup=False)
        yield ActorActivity(self.index, self.actor_id, span=story_span(self.index), id="activity")
        yield TimelineList(
            self.index,
            self.index.actor_entries(self.actor_id),
            actor_roles=self.actor_id,
            id="actor-timeline",
            empty_message="This actor is in no entry.",
        )
        yield SearchBar(placeholder="Search this actor's entries — Enter to go, Esc to close")
        yield KeyBar()

    def on_mount(self) -> None:
        """Show the header; put the cursor where it was, or on the first entry."""
        self.query_one(SearchBar).display = False
        self.show_note()
        self.query_one(ActorActivity).display = self.size.height >= TALL
        self.update_header()
        self.select_entry(self._initial_cursor)
        self.timeline.focus()

    def show_note(self) -> None:
        """Show the user's own note on this actor (``E`` edits it) under the facts, if any."""
        note_for = getattr(self.app, "note_for", None)
        note = note_for(self.actor_id) if callable(note_for) else None
        box = self.query_one("#actor-note", Static)
        box.display = bool(note)
        box.update(labelled("my note", Text(visible(note))) if note else "")

    def on_resize(self, event: events.Resize) -> None:
        """Hide the activity line on low terminals, where the timeline needs the rows."""
        self.query_one(ActorActivity).display = event.size.height >= TALL

    def location(self) -> Location:
        """This actor, at the list cursor."""
        return Location("actor", self.actor_id, self.cursor_id)

    def use_index(self, index: TimelineIndex) -> None:
        """Show this actor in the full data once loaded, keeping the selected entry."""
        entry_id = self.cursor_id
        self.index = index
        self.query_one(ActorDetails).use_index(index, self.app.theme_variables)
        activity = self.query_one(ActorActivity)
        activity.index, activity.span = index, story_span(index)
        activity.show(activity.size.width - activity.styles.gutter.width)
        keep = index.position(entry_id) if entry_id is not None else None
        self.timeline.use_index(index, index.actor_entries(self.actor_id), keep)
        self.update_header()

    def update_header(self) -> None:
        """Actor name and counts."""
        name = self.index.actor_name(self.actor_id)
        count = len(self.timeline.positions)
        self.query_one(TimelineHeader).show(name, count, count, self.header_extras())

    def on_timeline_list_highlighted(self, _message: TimelineList.Highlighted) -> None:
        """Keep the match counter in the header current."""
        if self.timeline.search_query:
            self.update_header()

    def on_timeline_list_opened(self, message: TimelineList.Opened) -> None:
        """Open the entry."""
        self.post_message(Navigate(Target("entry", self.index.entries[message.position].id)))

    def action_escape(self) -> None:
        """Clear the search first; otherwise close the actor (go back)."""
        if not self.clear_search():
            self.post_message(GoBack())
