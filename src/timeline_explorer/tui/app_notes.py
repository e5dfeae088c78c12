"""The user's marks, notes and tags, as the app's actions.

:class:`NotesActions` is a base class of :class:`~.app.TimelineApp`: it reads the sidecar
(:mod:`timeline_explorer.sidecar`), changes the marks, notes and tags at the keys ``m``, ``u``,
``e``, ``E`` and ``#``, writes the sidecar at each change (never the data files) and shows the
change everywhere: the lists' markers, the details, and the marked and tag filters.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_left, bisect_right

from textual.app import App
from textual.reactive import var

from ..index import TimelineIndex
from ..loader import LoadError
from ..plain import entry_label
from ..safetext import one_line
from ..sidecar import Notes, Sidecar, SidecarError
from .history import History
from .screens.home import HomeScreen
from .screens.list_screen import ListScreen
from .widgets.header import TimelineHeader
from .widgets.timeline_list import TimelineList


class NotesActions(App[None]):
    """Marks, notes and tags: read, changed at a key, saved, and shown on every open screen."""

    index: var[TimelineIndex | None]
    notes: Notes
    sidecar: Sidecar | None
    home: HomeScreen | None
    history: History

    def _load_notes(self) -> bool:
        """Read the sidecar; a broken one is reported (and not overwritten), and the marks and
        notes in memory stay. Returns True when it was read."""
        if self.sidecar is None:
            return False
        try:
            self.notes = self.sidecar.load()
        except LoadError as error:
            first = error.diagnostics[0]
            self.notify(
                one_line(f"{first.path}:{first.line}:{first.column}: {first.message}")
                + " — marks and notes are kept for this session only until it is fixed.",
                title="Your notes file has errors",
                severity="error",
                timeout=8,
                markup=False,
            )
            return False
        return True

    def _sidecar_changed(self) -> None:
        """The sidecar changed on disk, not by us (an edit by hand, ``git pull``): read it."""
        if self.sidecar is None or not self.sidecar.changed_on_disk():
            return
        if self._load_notes():
            self.notify("Your notes file changed on disk: read again.", timeout=3, markup=False)
            self._notes_changed(save=False)

    def note_for(self, item_id: str) -> str | None:
        """The user's note on an entry or actor, if any."""
        return self.notes.note(item_id)

    def tags_for(self, item_id: str) -> list[str]:
        """The user's own tags on an entry (none: empty)."""
        return self.notes.tags_of(item_id)

    def _save_notes(self) -> None:
        """Write the marks and notes to the sidecar; say so when it could not be done."""
        if self.sidecar is None:
            return
        try:
            message = self.sidecar.save(self.notes)
        except SidecarError as problem:
            self.notify(str(problem), severity="warning", timeout=6, markup=False)
            return
        if self.sidecar.primary is not None and self.sidecar.path != self.sidecar.primary:
            self.notify(message, timeout=6, markup=False)

    def _notes_changed(self, save: bool = True) -> None:
        """Save, then show the change everywhere (markers, details, marked and tag filters)."""
        if save:
            self._save_notes()
        home = self.home
        if home is not None:
            flt = home.filter
            if flt.marked is not None:
                flt = dataclasses.replace(flt, marked=frozenset(self.notes.marked))
            if flt.tag:
                flt = dataclasses.replace(flt, tagged=self.notes.tagged(flt.tag))
            home.apply_filter(flt)
        self._refresh_lists()
        from .widgets.entry_details import EntryDetails
        from .widgets.entry_preview import EntryPreview

        for screen in self.screen_stack:
            show_note = getattr(screen, "show_note", None)
            if callable(show_note):  # an actor's page
                show_note()
            for details in screen.query(EntryDetails):
                details.use_index(details.index, details.position)
            for preview in screen.query(EntryPreview):
                position = preview.position
                preview.use_index(preview.index)
                preview.show(position)

    def _selected_entry(self) -> str | None:
        """The id of the entry under the cursor, or of the entry page on top."""
        screen = self.screen
        if isinstance(screen, ListScreen):
            return screen.cursor_id
        entry_id = getattr(screen, "entry_id", None)
        return entry_id if isinstance(entry_id, str) else None

    def action_toggle_mark(self) -> None:
        """Mark the selected entry, or unmark it."""
        entry_id = self._selected_entry()
        if entry_id is None:
            return
        marked = self.notes.toggle_mark(entry_id)
        self.notify("Marked." if marked else "Unmarked.", timeout=1.5, markup=False)
        self._notes_changed()

    def action_next_mark(self, direction: int) -> None:
        """Go to the next (1) or previous (-1) marked entry in the list on screen, wrapping."""
        page = self.screen
        if not isinstance(page, ListScreen):
            return
        timeline = page.timeline
        entries = timeline.index.entries
        ordinals = [
            o for o, p in enumerate(timeline.positions) if self.notes.is_marked(entries[p].id)
        ]
        if not ordinals:
            self.notify("No marked entries here: m marks one.", timeout=2)
            return
        if direction > 0:
            number = bisect_right(ordinals, timeline.cursor)
            target = ordinals[number % len(ordinals)]
        else:
            target = ordinals[bisect_left(ordinals, timeline.cursor) - 1]
        self._select(page, target)

    def action_edit_note(self) -> None:
        """Edit the note on the selected entry."""
        entry_id = self._selected_entry()
        if entry_id is None or self.index is None:
            return
        self._edit_note(entry_id, entry_label(self.index, entry_id, 60))

    def action_edit_actor_note(self) -> None:
        """Edit the note on the actor whose page is on top."""
        actor_id = getattr(self.screen, "actor_id", None)
        if not isinstance(actor_id, str) or self.index is None:
            self.notify("Open an actor's page (a) to write a note on them.", timeout=3)
            return
        self._edit_note(actor_id, self.index.actor_name(actor_id))

    def action_edit_tags(self) -> None:
        """Set your own tags on the selected entry (comma-separated)."""
        from .screens.tags import TagsScreen

        entry_id = self._selected_entry()
        if entry_id is None or self.index is None:
            return

        def done(tags: list[str] | None) -> None:
            if tags is None or tags == self.notes.tags_of(entry_id):
                return
            self.notes.set_tags(entry_id, tags)
            shown = ", ".join(self.notes.tags_of(entry_id))
            self.notify(f"Tags: {one_line(shown)}." if shown else "Tags removed.", markup=False)
            self._notes_changed()

        about = entry_label(self.index, entry_id, 60)
        self.push_screen(TagsScreen(about, self.notes.tags_of(entry_id)), done)

    def _edit_note(self, item_id: str, about: str) -> None:
        from .screens.note import NoteScreen

        def done(text: str | None) -> None:
            if text is None or text == (self.notes.note(item_id) or ""):
                return
            self.notes.set_note(item_id, text)
            self._notes_changed()

        self.push_screen(NoteScreen(about, self.notes.note(item_id) or ""), done)

    def _refresh_lists(self) -> None:
        """Draw the lists' markers and the headers' banner again on every open screen."""
        for screen in self.screen_stack:
            for timeline in screen.query(TimelineList):
                timeline.refresh_markers()
            for header in screen.query(TimelineHeader):
                header.refresh(layout=True)

    def _select(self, page: ListScreen, ordinal: int) -> None:
        """Put a list page's cursor on an ordinal, and remember where it was, then where it went."""
        old = page.location()
        page.timeline.select_ordinal(ordinal, center=True)
        self.history.update_current(old)
        self.history.go(page.location())
