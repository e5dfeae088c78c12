"""The Textual application: owns the index and the history; pages send navigation up to it.

Pages never call the app: they post :mod:`.messages` (``Navigate``, ``Jumped``, ``GoBack``)
and links post ``Link.Followed``; the app handles them here. The index is held once, in
:attr:`TimelineApp.index`; when it changes every open page is given the new one.
Loading itself (threads, the cached preview, live reload, signals) lives in
:mod:`timeline_explorer.session`. The app's other jobs are its base classes, one a module:
:mod:`.app_live` swaps a reload's index in and marks the entries it brought or changed;
:mod:`.app_notes` keeps the user's marks, notes and tags (:mod:`timeline_explorer.sidecar`),
written to the sidecar file beside the data at each change, never the data files;
:mod:`.app_settings` reads the settings that stay (theme, time-zone mode, detail pane) at start
and writes them when changed. Here: the keys, start-up, navigation and the dialogs.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual.app import App
from textual.binding import Binding, BindingType
from textual.reactive import var
from textual.screen import Screen

from .. import kinds, rows, session
from ..collector import start_up_done
from ..index import Filter, TimelineIndex
from ..loader import DEFAULT_MAX_BYTES, LoadError
from ..safetext import one_line
from ..settings import Settings
from ..sidecar import Notes, Sidecar
from ..watch import FileWatcher
from . import themes
from .app_live import LiveActions
from .app_settings import SettingsActions
from .history import History, Location
from .messages import GoBack, Jumped, Navigate
from .screens.home import HomeScreen
from .screens.loading import LoadingScreen
from .screens.page import Page
from .widgets.links import Link, Target

if TYPE_CHECKING:
    from textual.command import Provider


def _timeline_commands() -> type[Provider]:
    """The command palette provider, imported when the palette first opens."""
    from .commands import TimelineCommands

    return TimelineCommands


PALETTE_PROMPT = "Find an actor, an entry by its words, or an action…"
"""What the palette's field says before anything is typed."""


class TimelineApp(LiveActions, SettingsActions):
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
            self.paths,
            max_bytes=max_bytes,
            use_cache=use_cache,
            tell=self._tell,
            ready=self._prepare_view,
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
                ready=self._prepare_view,
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
        self._switch_back: Callable[[], None] = lambda: None
        self.settings = Settings()
        """Theme, time-zone mode and detail pane; read at start and saved on change when
        ``keep_settings``."""
        self._settings_problems = self._load_settings()

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
        self.call_after_refresh(start_up_done)  # the collector runs again after the first paint
        session.quit_on_signals(self.exit)
        self._switch_back = session.favour_interface()
        session.guard_job_control(self._repaint)
        self._report_settings(self._settings_problems)
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

    def on_unmount(self) -> None:
        """Give the interpreter's thread switching back as it was (the process may go on)."""
        self._switch_back()

    def _prepare_view(self, index: TimelineIndex) -> None:
        """In the loading thread: build what showing ``index`` needs at once (the home list's
        rows for its filter and the time-zone mode, the lookups of the detail pane)."""
        flt = self.home.filter if self.home is not None else self.initial_filter
        rows.prepare(index, flt, self.settings.time_zone)

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

    # -- what the lists show ------------------------------------------------------------------

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
