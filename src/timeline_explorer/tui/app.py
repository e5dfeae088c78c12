"""The Textual application: loading, navigation with back/forward history, global keys."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from ..data import BIG, load_index, release_memory
from ..index import Filter, TimelineIndex
from ..loader import DEFAULT_MAX_BYTES, Diagnostic, LoadError, load_head
from ..safetext import one_line
from .history import History, Location
from .screens.home import HomeScreen
from .screens.loading import LoadingScreen
from .widgets.links import Link, Target

if TYPE_CHECKING:
    from textual.command import Provider

    from .screens.actor import ActorScreen
    from .screens.entry import EntryScreen

    PagesScreen = HomeScreen | EntryScreen | ActorScreen


def _timeline_commands() -> type[Provider]:
    """The command palette provider, imported when the palette first opens."""
    from .commands import TimelineCommands

    return TimelineCommands


def _warm(index: TimelineIndex) -> None:
    index.warm_up()
    release_memory()


def _unexpected(paths: Sequence[str], error: Exception) -> LoadError:
    """A failure of the loader other than bad data, as a message the user can act on."""
    name = paths[0] if paths else "timeline"
    return LoadError(
        [
            Diagnostic(
                name,
                1,
                1,
                f"could not be loaded: {type(error).__name__}: {error}",
                "this is a bug in timeline-explorer; --check FILE shows whether the data is valid",
            )
        ]
    )


def _is_page(screen: Screen[Any]) -> bool:
    """Pages (home, entry, actor) are what the history moves between; dialogs are not."""
    return bool(getattr(screen, "IS_PAGE", False))


class TimelineApp(App[None]):
    """Scroll a timeline, open entries, and jump between linked actors."""

    CSS_PATH = "app.tcss"
    TITLE = "timeline-explorer"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {_timeline_commands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", tooltip="Quit timeline-explorer"),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True, tooltip="Quit at once"),
        Binding("question_mark", "help", "Help", tooltip="Show every key"),
        Binding("a", "pick_actor", "Actor", tooltip="Go to an actor"),
        Binding("backspace,left_square_bracket", "go_back", "Back", tooltip="Go back"),
        Binding("right_square_bracket", "go_forward", "Fwd", show=False, tooltip="Go forward"),
    ]

    def __init__(
        self,
        index: TimelineIndex | None = None,
        paths: Sequence[str] = (),
        initial_filter: Filter | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
        use_cache: bool = False,
    ) -> None:
        super().__init__()
        self.index = index
        self.paths = tuple(paths)
        self.initial_filter = initial_filter or Filter()
        self.max_bytes = max_bytes
        self.use_cache = use_cache
        self.load_error: LoadError | None = None
        self.loading = False  # a loader thread is still at work
        self.history = History(Location("home"))
        self.home: HomeScreen | None = None
        self.animation_level = "none"

    # -- start-up ----------------------------------------------------------------------------

    def on_mount(self) -> None:
        """Show the data, or a progress bar while a worker loads it."""
        self._quit_on_signals()
        self._guard_job_control()
        if self.index is not None:
            self._show_home(self.index)
            return
        head = load_head(self.paths) if self.use_cache else None
        if head is not None:  # an unchanged big file: its first rows at once, the rest after
            dataset, total = head
            self.index = TimelineIndex.build(dataset)
            self._show_home(self.index, loading_total=total)
        else:
            self.push_screen(LoadingScreen(", ".join(self.paths) or "timeline"))
        # Paint first: the worker then holds the interpreter for long stretches.
        self.set_timer(0.05, self._load)

    def _quit_on_signals(self) -> None:
        """SIGTERM, SIGINT and SIGHUP end the app cleanly, giving the terminal back."""
        try:
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
                loop.add_signal_handler(sig, self.exit)
        except (NotImplementedError, RuntimeError, ValueError):  # pragma: no cover
            pass  # not the main thread, or no signals here: Textual's defaults apply

    def _guard_job_control(self) -> None:
        """Continue after a bare SIGSTOP without starting the terminal's application mode twice.

        Textual restarts application mode on every SIGCONT, as if the app had been suspended
        with SIGTSTP; after a SIGSTOP it had not, and a second input reader then loses keys
        (``q`` and Ctrl+C stop working). Only a continue that follows our own stop restarts it;
        any other just repaints the screen.
        """
        on_stop = signal.getsignal(signal.SIGTSTP)
        on_continue = signal.getsignal(signal.SIGCONT)
        if not callable(on_stop) or not callable(on_continue):
            return
        loop = asyncio.get_running_loop()
        suspended = False

        def stop(signum: int, frame: Any) -> None:
            nonlocal suspended
            suspended = True
            on_stop(signum, frame)

        def resume(signum: int, frame: Any) -> None:
            nonlocal suspended
            if suspended:
                suspended = False
                on_continue(signum, frame)
            else:
                loop.call_soon_threadsafe(self._repaint)

        try:
            signal.signal(signal.SIGTSTP, stop)
            signal.signal(signal.SIGCONT, resume)
        except ValueError:  # pragma: no cover - not the main thread
            pass

    def _repaint(self) -> None:
        """Draw the whole screen again (after the process was stopped and continued)."""
        self.refresh(repaint=True, layout=True)

    def _load(self) -> None:
        """Load the data in a daemon thread: quitting never waits for a parse to finish."""
        self.loading = True
        threading.Thread(target=self._load_in_thread, name="load", daemon=True).start()

    def _load_in_thread(self) -> None:
        last = -1

        def tell(callback: Callable[..., object], *args: object) -> None:
            with contextlib.suppress(RuntimeError):  # the app has already ended
                self.call_from_thread(callback, *args)

        def progress(done: int, total: int) -> None:
            nonlocal last
            percent = done * 100 // max(total, 1)
            if percent != last:
                last = percent
                tell(self._progress, done, total)

        try:
            index = load_index(
                self.paths, max_bytes=self.max_bytes, progress=progress, use_cache=self.use_cache
            )
        except LoadError as error:
            tell(self._failed, error)
            return
        except Exception as error:  # any other failure ends the app with its message
            tell(self._failed, _unexpected(self.paths, error))
            return
        tell(self._loaded, index)

    def _progress(self, done: int, total: int) -> None:
        if isinstance(self.screen, LoadingScreen):
            self.screen.set_progress(done, total)

    def _failed(self, error: LoadError) -> None:
        self.loading = False
        self.load_error = error
        self.exit(return_code=1)

    def _loaded(self, index: TimelineIndex) -> None:
        self.loading = False
        self.index = index
        if self.home is not None:  # the first rows are on screen: swap in everything
            cursor = self.home.replace_index(index)
            self.history = History(Location("home", cursor=cursor))
            self.call_after_refresh(self._warm_up)
            return
        if isinstance(self.screen, LoadingScreen):
            self.pop_screen()
        self._show_home(index)

    def _show_home(self, index: TimelineIndex, loading_total: int | None = None) -> None:
        self.title = one_line(index.title)
        self.home = HomeScreen(index, self.initial_filter, loading_total)
        self.push_screen(self.home)
        if len(index.entries) >= BIG:
            self.call_after_refresh(self._warm_up)

    def _warm_up(self) -> None:
        """Build search and actor indexes in a daemon thread once the first rows show
        (quitting does not wait for it)."""
        index = self.index
        if index is not None:
            threading.Thread(target=_warm, args=(index,), name="warm-up", daemon=True).start()

    # -- navigation --------------------------------------------------------------------------

    def _page(self) -> PagesScreen | None:
        """The top screen that is a page (not a dialog)."""
        for screen in reversed(self.screen_stack):
            if _is_page(screen):
                return cast("PagesScreen", screen)
        return None

    def remember(self, location: Location) -> None:
        """Store the state of the current page in the history before leaving it."""
        self.history.update_current(location)

    def visited(self, location: Location) -> None:
        """Record a new place (a jump within a page, or a new page)."""
        self.history.go(location)

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
            self.remember(page.location())
        location = Location(target.kind, target.id)
        self.visited(location)
        self._show(location)

    def _show(self, location: Location) -> None:
        """Make a location visible: reuse the page if it is on top, else open it."""
        assert self.index is not None and self.home is not None
        while len(self.screen_stack) > 1 and not _is_page(self.screen):
            self.pop_screen()
        page = self._page()
        if page is not None and page.location().same_page(location):
            page.restore(location)
            return
        while self.screen is not self.home and len(self.screen_stack) > 2:
            self.pop_screen()
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
        self.remember(page.location())
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

    def get_default_screen(self) -> Screen[None]:
        """An empty base screen; the home screen is pushed on top once data is there."""
        return Screen()
