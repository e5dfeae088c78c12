"""The Textual application: owns the index and the history; pages send navigation up to it.

Pages never call the app: they post :mod:`.messages` (``Navigate``, ``Jumped``, ``GoBack``)
and links post ``Link.Followed``; the app handles them here. The index is held once, in
:attr:`TimelineApp.index`; when it changes every open page is given the new one.
Loading itself (threads, the cached preview, live reload, signals) lives in
:mod:`timeline_explorer.session`; after a reload the new index is swapped in here, and the
entries it brought or changed carry a marker in the lists until the cursor has been on them.
Settings that stay (theme, time-zone mode, detail pane; :mod:`timeline_explorer.settings`) are
read at start and written when changed. The user's marks, notes and tags
(:mod:`timeline_explorer.sidecar`) are kept here too, and written to the sidecar file beside the
data at each change; the data files are never written. While the data is watched, so is the
sidecar: a change made to it from outside is read again.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual.app import App
from textual.binding import Binding, BindingType
from textual.reactive import var
from textual.screen import Screen

from .. import kinds, session
from ..changes import Changes, compare
from ..index import Filter, TimelineIndex
from ..loader import DEFAULT_MAX_BYTES, LoadError
from ..plain import entry_label
from ..safetext import one_line
from ..settings import TIME_ZONES, Settings, load_settings, save_settings
from ..sidecar import Notes, Sidecar, SidecarError
from ..watch import FileWatcher
from . import themes
from .history import History, Location
from .messages import GoBack, Jumped, Navigate
from .screens.home import HomeScreen
from .screens.list_screen import ListScreen
from .screens.loading import LoadingScreen
from .screens.page import Page
from .widgets.header import TimelineHeader
from .widgets.links import Link, Target
from .widgets.timeline_list import TimelineList, zone_label

if TYPE_CHECKING:
    from textual.command import Provider


def _timeline_commands() -> type[Provider]:
    """The command palette provider, imported when the palette first opens."""
    from .commands import TimelineCommands

    return TimelineCommands


PALETTE_PROMPT = "Find an actor, an entry by its words, or an action…"
"""What the palette's field says before anything is typed."""


class TimelineApp(App[None]):
    """Scroll a timeline, open entries, and jump between linked actors."""

    CSS_PATH = "app.tcss"
    TITLE = "timeline-explorer"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {_timeline_commands}
    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-tall")]  # noqa: RUF012 - as App declares it
    """Screens under 20 lines get the class ``-short``: dialogs drop their blank lines."""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", tooltip="Quit timeline-explorer"),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True, tooltip="Quit at once"),
        Binding("question_mark", "help", "Help", tooltip="Show every key"),
        Binding("a", "pick_actor", "Actor", tooltip="Go to an actor"),
        Binding("backspace,left_square_bracket", "go_back", "Back", tooltip="Go back"),
        Binding("right_square_bracket", "go_forward", "Fwd", show=False, tooltip="Go forward"),
        Binding(
            "c", "next_change", "Next change", show=False, tooltip="Go to the next new or changed"
        ),
        Binding("m", "toggle_mark", "Mark", show=False, tooltip="Mark or unmark the entry"),
        Binding("u", "next_mark(1)", "Next mark", show=False, tooltip="Go to the next mark"),
        Binding("U", "next_mark(-1)", "Prev mark", show=False, tooltip="Go to the previous mark"),
        Binding("e", "edit_note", "Note", show=False, tooltip="Edit your note on the entry"),
        Binding(
            "E", "edit_actor_note", "Actor note", show=False, tooltip="Edit your note on the actor"
        ),
        Binding(
            "number_sign", "edit_tags", "Tags", show=False, tooltip="Your own tags on the entry"
        ),
        Binding(
            "ampersand",
            "text_filter",
            "Text filter",
            show=False,
            tooltip="Show only the entries containing a text",
        ),
        Binding("T", "toggle_theme", "Theme", show=False, tooltip="Switch dark and light"),
        Binding("p", "toggle_pane", "Pane", show=False, tooltip="Show or hide the detail pane"),
        Binding(
            "Z", "next_time_zone", "Zones", show=False, tooltip="Dates as written, UTC or local"
        ),
        Binding(
            "exclamation_mark",
            "load_errors",
            "Errors",
            show=False,
            tooltip="Show every error of the last broken save",
        ),
    ]

    index: var[TimelineIndex | None] = var(None, always_update=True)
    """The data every page shows; replacing it updates every open page."""

    def __init__(
        self,
        index: TimelineIndex | None = None,
        paths: Sequence[str] = (),
        initial_filter: Filter | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
        use_cache: bool = False,
        watch: bool = False,
        polling: bool | None = None,
        keep_settings: bool = False,
    ) -> None:
        super().__init__()
        self.sixteen = themes.sixteen_colours(self.console)
        """The terminal shows 16 colours: the themes' variants for them, and the filter that
        keeps every text readable there (:mod:`.themes`)."""
        if self.sixteen:
            for theme in themes.SIXTEEN_THEMES.values():
                self.register_theme(theme)
            self._filters.append(themes.Readable16())
        self.set_reactive(TimelineApp.index, index)
        self.paths = tuple(paths)
        self.initial_filter = initial_filter or Filter()
        self.load_error: LoadError | None = None
        self.loader = session.Loading(
            self.paths, max_bytes=max_bytes, use_cache=use_cache, tell=self._tell
        )
        self.history = History(Location("home"))
        self.home: HomeScreen | None = None
        self.animation_level = "none"
        self.live: session.LiveReload | None = None
        if watch:
            self.live = session.LiveReload(
                self.paths,
                max_bytes=max_bytes,
                use_cache=use_cache,
                tell=self._tell,
                reloaded=self._reloaded,
                broken=self._reload_broken,
                polling=polling,
            )
        self.fresh: set[str] = set()
        """Ids of the entries a reload brought or changed, not yet under the cursor."""
        self.reload_error: LoadError | None = None
        """The last reload's failure while the last good data stays on screen."""
        self.notes = Notes()
        """The user's marks and notes, by entry and actor id."""
        self.sidecar = Sidecar(self.paths) if self.paths else None
        self.notes_watcher: FileWatcher | None = None
        """Watches the sidecar while the data is watched: an edit by hand or a ``git pull`` is
        read again."""
        self.keep_settings = keep_settings
        self.settings = Settings()
        """Theme, time-zone mode and detail pane; read at start and saved on change when
        ``keep_settings``."""

    def action_command_palette(self) -> None:
        """Open the palette, saying what it finds."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(cast("App[object]", self)):
            self.push_screen(CommandPalette(placeholder=PALETTE_PROMPT, id="--command-palette"))

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """The colours of the kinds of entries (``$kind-event``…), a shade for this theme."""
        return kinds.theme_variables(self.current_theme.dark)

    @property
    def loading(self) -> bool:
        """True while a loader thread is still at work."""
        return self.loader.running

    # -- start-up ----------------------------------------------------------------------------

    def on_mount(self) -> None:
        """Show the data, or a progress bar while a worker loads it."""
        session.quit_on_signals(self.exit)
        session.guard_job_control(self._repaint)
        self.theme = self.theme_name(dark=self.current_theme.dark)
        self._load_settings()
        self.theme_changed_signal.subscribe(self, self._theme_chosen)
        self._load_notes()
        if self.index is not None:
            self._show_home(self.index)
            self.call_after_refresh(session.warm_up, self.index, always=False)
            self._start_watching()
            return
        preview = session.cached_preview(self.paths) if self.loader.use_cache else None
        if preview is not None:  # an unchanged big file: its first rows at once, the rest after
            index, total = preview
            self.set_reactive(TimelineApp.index, index)
            self._show_home(index, loading_total=total)
        else:
            self.push_screen(LoadingScreen(", ".join(self.paths) or "timeline"))
        # Paint first: the worker then holds the interpreter for long stretches.
        self.set_timer(0.05, lambda: self.loader.start(self._progress, self._loaded, self._failed))

    def _tell(self, callback: Callable[..., object], *args: object) -> None:
        """Run a callback from the loader thread on the app's thread (not once the app ended)."""
        with contextlib.suppress(RuntimeError):
            self.call_from_thread(callback, *args)

    def _repaint(self) -> None:
        """Draw the whole screen again (after the process was stopped and continued)."""
        self.refresh(repaint=True, layout=True)

    def _progress(self, done: int, total: int) -> None:
        if isinstance(self.screen, LoadingScreen):
            self.screen.set_progress(done, total)

    def _failed(self, error: LoadError) -> None:
        self.load_error = error
        self.exit(return_code=1)

    def _loaded(self, index: TimelineIndex) -> None:
        if self.home is None:
            if isinstance(self.screen, LoadingScreen):
                self.pop_screen()
            self.set_reactive(TimelineApp.index, index)
            self._show_home(index)
            self.call_after_refresh(session.warm_up, index, always=False)
            self._start_watching()
            return
        self.index = index  # the first rows are on screen: every open page takes everything
        self._start_watching()

    def watch_index(self, index: TimelineIndex | None) -> None:
        """Hand a new index to every open page; the history (by entry id) stays valid."""
        if index is None:
            return
        if self.live is not None:
            self.live.shown = index
        for screen in self.screen_stack:
            if isinstance(screen, Page):
                screen.use_index(index)
        self.call_after_refresh(session.warm_up, index)

    # -- live reload -------------------------------------------------------------------------

    def _start_watching(self) -> None:
        if self.live is not None:
            self.live.shown = self.index
            self.live.start()
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
        with contextlib.suppress(Exception):  # no watcher: the notes are read at start only
            self.notes_watcher = watcher.start()

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

    def row_marker(self, entry_id: str) -> str | None:
        """The marker a list shows before an entry: ``•`` new or changed since seen, ``★``
        marked, ``✎`` with a note; None for none."""
        if entry_id in self.fresh:
            return "•"
        if self.notes.is_marked(entry_id):
            return "★"
        if self.notes.note(entry_id):
            return "✎"
        return None

    # -- settings that stay -------------------------------------------------------------------

    def _load_settings(self) -> None:
        """Read the settings and apply the theme; a broken file is reported once, and ignored."""
        if not self.keep_settings:
            return
        self.settings, problems = load_settings()
        if problems:
            self.notify(
                "\n".join(problems), title="Settings", severity="warning", timeout=8, markup=False
            )
        self.theme = self.theme_name(dark=self.settings.theme != "light")

    def _theme_changed(self, _theme: object) -> None:
        """A theme was chosen (a key or the palette): keep whether it is dark or light."""
        self._change_settings(theme="dark" if self.current_theme.dark else "light")

    def _change_settings(self, **changes: object) -> None:
        new = dataclasses.replace(self.settings, **changes)  # type: ignore[arg-type]
        if new == self.settings:
            return
        self.settings = new
        if self.keep_settings:
            problem = save_settings(new)
            if problem:
                self.notify(problem, severity="warning", timeout=6, markup=False)

    @property
    def detail_pane(self) -> bool:
        """Whether the home screen shows the detail pane beside the list (when wide enough)."""
        return self.settings.detail_pane

    def theme_name(self, *, dark: bool) -> str:
        """The dark or the light theme, in its 16-colour variant on a 16-colour terminal."""
        name = "textual-dark" if dark else "textual-light"
        return themes.sixteen_colour_theme(name) if self.sixteen else name

    def _theme_chosen(self, _theme: object) -> None:
        """A theme was chosen: on a 16-colour terminal it is shown in its variant; with
        settings kept, whether it is dark or light is kept."""
        if self.sixteen:
            variant = themes.sixteen_colour_theme(self.theme)
            if variant != self.theme:
                self.theme = variant
                return  # this change is signalled again
        if self.keep_settings:
            self._theme_changed(None)

    def action_toggle_theme(self) -> None:
        """Switch between the dark and the light theme."""
        self.theme = self.theme_name(dark=not self.current_theme.dark)
        if not self.keep_settings:
            self._theme_changed(None)

    def action_toggle_pane(self) -> None:
        """Show or hide the detail pane of the home screen."""
        self._change_settings(detail_pane=not self.settings.detail_pane)
        if self.home is not None:
            self.home._layout(self.home.size.width, self.home.size.height)
        shown = "shown" if self.settings.detail_pane else "hidden"
        self.notify(f"Detail pane {shown}.", timeout=1.5, markup=False)

    def action_next_time_zone(self) -> None:
        """Cycle the time-zone mode: as written, UTC, local (kept for the next start)."""
        zones = TIME_ZONES
        mode = zones[(zones.index(self.settings.time_zone) + 1) % len(zones)]
        self._change_settings(time_zone=mode)
        for screen in self.screen_stack:
            for timeline in screen.query(TimelineList):
                timeline.refresh_zone()
            if isinstance(screen, ListScreen):
                screen.update_header()
        self.notify(f"Times {zone_label(mode)}.", timeout=3, markup=False)

    # -- marks and notes ---------------------------------------------------------------------

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
        old = page.location()
        timeline.select_ordinal(target, center=True)
        self.on_jumped(Jumped(old, page.location()))

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

    def action_text_filter(self) -> None:
        """Ask for a text and show only the entries on the home timeline that contain it."""
        from .screens.text_filter import TextFilterScreen

        home = self.home
        if home is None or self.screen is not home:
            self.notify("The text filter works on the home timeline.", timeout=2)
            return

        def chosen(text: str | None) -> None:
            if text is not None and self.home is not None:
                flt = self.home.filter
                self.home.apply_filter(dataclasses.replace(flt, text=text or None))

        from .examples import examples

        example = examples(self.index).word if self.index is not None else ""
        self.push_screen(TextFilterScreen(home.filter.text or "", example), chosen)

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
        old = page.location()
        timeline.select_ordinal(target, center=True)
        self.on_jumped(Jumped(old, page.location()))

    def action_load_errors(self) -> None:
        """Show every error of the last broken save."""
        from .screens.load_errors import LoadErrorsScreen

        if self.reload_error is None:
            self.notify("No load errors: the data on screen is the file as saved.", timeout=2)
            return
        if not isinstance(self.screen, LoadErrorsScreen):
            self.push_screen(LoadErrorsScreen(self.reload_error))

    def _show_home(self, index: TimelineIndex, loading_total: int | None = None) -> None:
        self.title = one_line(index.title)
        self.home = HomeScreen(index, self.initial_filter, loading_total)
        self.push_screen(self.home)

    # -- navigation --------------------------------------------------------------------------

    def _page(self) -> Page | None:
        """The top screen that is a page (not a dialog)."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, Page):
                return screen
        return None

    def follow(self, target: Target) -> None:
        """Go to an actor or an entry, recording it in the history."""
        if self.index is None:
            return
        if target.kind == "actor" and target.id not in self.index.actors:
            self.notify(f"No actor '{one_line(target.id)}'.", severity="error", markup=False)
            return
        if target.kind == "entry" and self.index.position(target.id) is None:
            self.notify(f"No entry '{one_line(target.id)}'.", severity="error", markup=False)
            return
        page = self._page()
        if page is not None:
            self.history.update_current(page.location())
        location = Location(target.kind, target.id)
        self.history.go(location)
        self._show(location)

    def _show(self, location: Location) -> None:
        """Make a location visible: reuse the page if it is on top, else open it."""
        assert self.index is not None and self.home is not None
        while len(self.screen_stack) > 1 and not isinstance(self.screen, Page):
            self.pop_screen()
        page = self._page()
        if page is not None and page.location().same_page(location):
            page.restore(location)
            return
        while self.screen is not self.home and len(self.screen_stack) > 2:
            self.pop_screen()
        name = one_line(location.id or "")
        if location.kind == "actor" and location.id not in self.index.actors:
            self.notify(f"No actor '{name}' (gone from the data).", severity="error", markup=False)
            return
        if location.kind == "entry" and self.index.position(location.id or "") is None:
            self.notify(f"No entry '{name}' (gone from the data).", severity="error", markup=False)
            return
        if location.kind == "home":
            self.home.restore(location)
        elif location.kind == "entry" and location.id is not None:
            from .screens.entry import EntryScreen

            self.push_screen(EntryScreen(self.index, location.id))
        elif location.kind == "actor" and location.id is not None:
            from .screens.actor import ActorScreen

            self.push_screen(ActorScreen(self.index, location.id, location.cursor))

    def on_link_followed(self, message: Link.Followed) -> None:
        """A link anywhere was followed."""
        self.follow(message.target)

    def on_navigate(self, message: Navigate) -> None:
        """A page asked to go to an actor or an entry."""
        self.follow(message.target)

    def on_jumped(self, message: Jumped) -> None:
        """A page's cursor jumped: remember where it was, then where it went."""
        self.history.update_current(message.old)
        self.history.go(message.new)

    def on_go_back(self, _message: GoBack) -> None:
        """A page asked to go back."""
        self.action_go_back()

    def action_go_back(self) -> None:
        """Go back to the previous place visited."""
        self._step(self.history.back, "Nothing to go back to.")

    def action_go_forward(self) -> None:
        """Go forward again."""
        self._step(self.history.forward, "Nothing ahead.")

    def _step(self, move: Callable[[], Location | None], nothing: str) -> None:
        page = self._page()
        if page is None:
            return
        self.history.update_current(page.location())
        location = move()
        if location is None:
            self.notify(nothing, timeout=2, markup=False)
            return
        self._show(location)

    # -- dialogs -----------------------------------------------------------------------------

    def action_help(self) -> None:
        """Show every key."""
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_pick_actor(self) -> None:
        """Choose an actor and go to their page."""
        from .screens.actor_picker import ActorPickerScreen

        if self.index is None or isinstance(self.screen, ActorPickerScreen):
            return

        def chosen(actor_id: str | None) -> None:
            if actor_id:
                self.follow(Target("actor", actor_id))

        self.push_screen(ActorPickerScreen(self.index), chosen)

    def get_default_screen(self) -> Screen[Any]:
        """An empty base screen; the home screen is pushed on top once data is there."""
        return Screen()
