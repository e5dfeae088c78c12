"""Live reload, as the app's handlers: the data and the sidecar watched while the app runs.

:class:`LiveActions` is a base class of :class:`~.app.TimelineApp`. The loading itself is in
:class:`timeline_explorer.session.LiveReload`; here a reload's new index is swapped in, pages of
actors gone from the data close, the entries a reload brought or changed carry a marker until the
cursor has been on them (``c`` goes to the next), and a broken save keeps the last good data with
its errors a key away (``!``). A change to the sidecar made from outside is read again.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from .. import session
from ..index import TimelineIndex
from ..loader import LoadError
from ..safetext import one_line
from ..watch import FileWatcher
from .app_notes import NotesActions
from .screens.list_screen import ListScreen
from .widgets.timeline_list import TimelineList

if TYPE_CHECKING:
    from ..changes import Changes


class LiveActions(NotesActions):
    """Reloads swapped in, new and changed entries marked, the sidecar watched."""

    live: session.LiveReload | None
    fresh: set[str]
    reload_error: LoadError | None
    notes_watcher: FileWatcher | None

    def _tell(self, callback: Callable[..., object], *args: object) -> None:
        """Run a callback from the loader thread on the app's thread (not once the app ended)."""
        with contextlib.suppress(RuntimeError):
            self.call_from_thread(callback, *args)

    def _start_watching(self) -> None:
        if self.live is not None:
            self.live.shown = self.index
            self.live.start()  # not waited for: the first paint comes first
            self._watch_sidecar(self.live.polling)

    def _watch_sidecar(self, polling: bool | None) -> None:
        """Watch the sidecar's places (those in a directory that exists) for edits from outside."""
        if self.sidecar is None or self.notes_watcher is not None:
            return
        places = [p for p in self.sidecar.places if os.path.isdir(os.path.dirname(p) or ".")]
        if not places:
            return
        watcher = FileWatcher(
            places, lambda _changed: self._tell(self._sidecar_changed), polling=polling
        )
        self.notes_watcher = watcher.start_soon()  # none starts: the notes are read at start only

    def on_unmount(self) -> None:
        """Stop watching the files."""
        if self.live is not None:
            self.live.stop()
        if self.notes_watcher is not None:
            self.notes_watcher.stop(timeout=0.5)

    def _reloaded(self, index: TimelineIndex, changes: Changes) -> None:
        """A reload after a change: swap the new data in and say what changed."""
        if self.index is None:
            return
        if self.live is not None and self.live.shown is not self.index:  # compared with other data
            from ..changes import compare

            changes = compare(self.index, index)
        self.fresh = (self.fresh | changes.fresh_entries) - set(changes.removed_entries)
        was_broken = self.reload_error is not None
        self.reload_error = None
        self._close_vanished_pages(index)
        self.title = one_line(index.title)
        self.index = index  # also when no entry changed: the title or a source may have
        self._refresh_lists()
        if not changes.empty or was_broken:
            self.notify(f"Reloaded: {changes.summary()}.", timeout=4, markup=False)

    def _close_vanished_pages(self, index: TimelineIndex) -> None:
        """Go back to the home timeline when an open actor page's actor is gone from the data."""
        gone = [
            actor_id
            for screen in self.screen_stack
            if isinstance(actor_id := getattr(screen, "actor_id", None), str)
            and actor_id not in index.actors
        ]
        if not gone or self.home is None:
            return
        while len(self.screen_stack) > 1 and self.screen is not self.home:
            self.pop_screen()
        self.notify(
            f"{one_line(gone[0])} is no longer in the data: back to the timeline.",
            severity="warning",
            markup=False,
        )

    def _reload_broken(self, error: LoadError) -> None:
        """A save that cannot be loaded: keep the data, say where the first error is."""
        self.reload_error = error
        self._refresh_lists()
        self.notify(
            f"{self.reload_problem} — the last good data stays; press ! for every error.",
            title="The file has errors",
            severity="error",
            timeout=6,
            markup=False,
        )

    @property
    def reload_problem(self) -> str | None:
        """One line for the banner: the first error of a broken save (file:line:col), or None."""
        error = self.reload_error
        if error is None or not error.diagnostics:
            return None
        first = error.diagnostics[0]
        more = len(error.diagnostics) - 1
        extra = f" (+{more} more)" if more else ""
        return one_line(f"{first.path}:{first.line}:{first.column}: {first.message}{extra}")

    def on_timeline_list_highlighted(self, message: TimelineList.Highlighted) -> None:
        """The cursor is on an entry: it has been seen."""
        position = message.position
        timeline = message.control
        if position is None or not self.fresh or position >= len(timeline.index.entries):
            return
        entry_id = timeline.index.entries[position].id
        if entry_id in self.fresh:
            self.fresh.discard(entry_id)
            timeline.refresh_markers()

    def action_next_change(self) -> None:
        """Go to the next new or changed entry in the list on screen (wrapping)."""
        page = self.screen
        if not isinstance(page, ListScreen):
            return
        timeline = page.timeline
        entries = timeline.index.entries
        ordinals = [o for o, p in enumerate(timeline.positions) if entries[p].id in self.fresh]
        if not ordinals:
            self.notify("No new or changed entries here.", timeout=2, markup=False)
            return
        after = [o for o in ordinals if o > timeline.cursor]
        target = after[0] if after else ordinals[0]
        self._select(page, target)

    def action_load_errors(self) -> None:
        """Show every error of the last broken save."""
        from .screens.load_errors import LoadErrorsScreen

        if self.reload_error is None:
            self.notify("No load errors: the data on screen is the file as saved.", timeout=2)
            return
        if not isinstance(self.screen, LoadErrorsScreen):
            self.push_screen(LoadErrorsScreen(self.reload_error))
