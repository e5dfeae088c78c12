"""Loading for an interactive session, in one place: before the UI or inside it, the worker
thread, the cached first rows, warming the lazy indexes, handing memory back, live reload when
the files change (:class:`LiveReload`), the signals that end or pause the process, and leaving
at once when a parse cannot be interrupted.

No terminal or Textual imports: a front end passes callbacks (the TUI runs them on its own
thread with ``call_from_thread``).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import KW_ONLY, dataclass, field
from typing import TYPE_CHECKING, Any

from .collector import collector_paused as collector_paused  # re-exported
from .data import BIG, release_memory
from .data import load_index as load_index  # re-exported: tests replace it here
from .index import TimelineIndex
from .limits import SMALL_FILES
from .loader import Diagnostic, LoadError, load_head
from .watch import FileWatcher

if TYPE_CHECKING:
    from .changes import Changes

ProgressFn = Callable[[int, int], None]


def load_before_ui(paths: Sequence[str]) -> bool:
    """True when the files are small enough to load before the interactive view opens (an
    unreadable file too: the loader then reports it before the screen is taken)."""
    try:
        return sum(os.path.getsize(p) for p in paths) < SMALL_FILES
    except OSError:
        return True


def cached_preview(paths: Sequence[str]) -> tuple[TimelineIndex, int] | None:
    """The first rows of an unchanged big file from the cache, indexed, and how many entries
    the whole file holds; None when there is no such preview."""
    head = load_head(paths)
    if head is None:
        return None
    dataset, total = head
    return TimelineIndex.build(dataset), total


def unexpected(paths: Sequence[str], error: BaseException) -> LoadError:
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


@dataclass(eq=False)
class FileJob:
    """What a job on the data files is given, shared by :class:`Loading` and :class:`LiveReload`.

    Args:
        paths: the files.
        max_bytes: the size limit per file.
        use_cache: read and write the cache.
        tell: runs a callback on the front end's thread (and drops it once the front end ended).
        ready: run in the loading thread on each new index before it is handed over: the front
            end builds there what showing it needs at once (``rows.prepare``), so that the
            swap-in does not hold its thread.
    """

    paths: Sequence[str]
    _: KW_ONLY
    max_bytes: int
    use_cache: bool
    tell: Callable[..., None]
    ready: Callable[[TimelineIndex], None] | None = None

    def __post_init__(self) -> None:
        self.paths = tuple(self.paths)


@dataclass(eq=False, kw_only=True)
class Loading(FileJob):
    """One load of files in a daemon thread: quitting never waits for a parse to finish.

    Args (besides those of :class:`FileJob`):
        prepare: run in the thread on the new index before ``loaded`` is told; its result is
            kept in :attr:`prepared` (e.g. what changed, so that a big diff does not hold the
            front end's thread).
    """

    prepare: Callable[[TimelineIndex], object] | None = None
    prepared: object = field(default=None, init=False)
    running: bool = field(default=False, init=False)  # the thread is still at work

    def start(
        self,
        progress: ProgressFn,
        loaded: Callable[[TimelineIndex], None],
        failed: Callable[[LoadError], None],
    ) -> None:
        """Start the thread; ``progress``, ``loaded`` and ``failed`` are called through
        ``tell``, and exactly one of the last two once."""
        self.running = True

        def finish(callback: Callable[[Any], None], value: object) -> None:
            self.running = False
            callback(value)

        def work() -> None:
            last = -1

            def report(done: int, total: int) -> None:
                nonlocal last
                percent = done * 100 // max(total, 1)
                if percent != last:
                    last = percent
                    self.tell(progress, done, total)

            try:
                with collector_paused():
                    index = load_index(
                        self.paths,
                        max_bytes=self.max_bytes,
                        progress=report,
                        use_cache=self.use_cache,
                    )
                    if self.ready is not None:
                        self.ready(index)
                    if self.prepare is not None:
                        self.prepared = self.prepare(index)
            except LoadError as error:
                self.tell(finish, failed, error)
                return
            except Exception as error:  # any other failure ends the session with its message
                self.tell(finish, failed, unexpected(self.paths, error))
                return
            self.tell(finish, loaded, index)

        threading.Thread(target=work, name="load", daemon=True).start()


@dataclass(eq=False, kw_only=True)
class LiveReload(FileJob):
    """Watch the data files and load them again in the background after each change.

    Changes come from a :class:`~timeline_explorer.watch.FileWatcher` (standard input is not
    watched); each burst starts one :class:`Loading` of every file with the usual loader. A
    change seen while a reload is running starts another once it ends (the result in between
    is dropped). What changed from :attr:`shown` (the data on screen, which the front end sets)
    is worked out in the loading thread too. ``reloaded`` (with the new index and the changes)
    and ``broken`` run through ``tell`` on the front end's thread.

    Args (besides those of :class:`FileJob`, with ``paths`` as loaded):
        reloaded: called with the new index and what changed after a good load.
        broken: called with the error after a load that failed (the front end keeps its data).
        polling: passed to the watcher (None: notification where it works, else polling).
    """

    reloaded: Callable[[TimelineIndex, Changes], None]
    broken: Callable[[LoadError], None]
    polling: bool | None = None
    watcher: FileWatcher | None = field(default=None, init=False)
    loading: Loading | None = field(default=None, init=False)
    pending: bool = field(default=False, init=False)  # a change came while a reload was running
    shown: TimelineIndex | None = field(default=None, init=False)  # the data on screen

    @property
    def files(self) -> tuple[str, ...]:
        """The files that can be watched (not standard input)."""
        return tuple(p for p in self.paths if p != "-")

    def start(self) -> None:
        """Start watching without waiting for the watcher to start (a front end calls this
        before its first paint); a change made after this returns is seen all the same. With
        no watcher at all, the session goes on without live reload."""
        if self.files and self.watcher is None:
            self.watcher = FileWatcher(self.files, self._seen, polling=self.polling).start_soon()

    def stop(self) -> None:
        """Stop watching (a reload already running finishes in its daemon thread, unheard)."""
        watcher, self.watcher = self.watcher, None
        if watcher is not None:
            watcher.stop(timeout=0.5)

    @property
    def running(self) -> bool:
        """True while a reload is at work."""
        return self.loading is not None and self.loading.running

    def _seen(self, _changed: frozenset[str]) -> None:
        """In the watcher's thread: hand the news to the front end."""
        self.tell(self.reload)

    def reload(self) -> None:
        """Load the files again now (on the front end's thread), or after the running reload."""
        if self.running:
            self.pending = True
            return
        from .changes import Changes, compare  # what a reload needs, not a start

        self.pending = False
        shown = self.shown

        def changes(index: TimelineIndex) -> Changes:
            return compare(shown, index) if shown is not None else Changes()

        self.loading = Loading(
            self.paths,
            max_bytes=self.max_bytes,
            use_cache=self.use_cache,
            tell=self.tell,
            ready=self.ready,
            prepare=changes,
        )
        self.loading.start(lambda _done, _total: None, self._loaded, self._failed)

    def _loaded(self, index: TimelineIndex) -> None:
        if self.pending:
            self.reload()
        elif self.watcher is not None and self.loading is not None:
            from .changes import Changes

            found = self.loading.prepared
            self.reloaded(index, found if isinstance(found, Changes) else Changes())

    def _failed(self, error: LoadError) -> None:
        if self.pending:
            self.reload()
        elif self.watcher is not None:
            self.broken(error)


def _warm(index: TimelineIndex) -> None:
    with collector_paused():
        index.warm_up()
    release_memory()


def warm_up(index: TimelineIndex, *, always: bool = True) -> None:
    """Build the search and actor indexes in a daemon thread (quitting does not wait for it)
    and hand the parse's memory back; with ``always=False`` only for a big timeline."""
    if always or len(index.entries) >= BIG:
        threading.Thread(target=_warm, args=(index,), name="warm-up", daemon=True).start()


INTERFACE_SWITCH = 0.0005
"""Seconds a thread may hold the interpreter while another waits for it, in an interactive
session (Python's default is 0.005)."""


def favour_interface() -> Callable[[], None]:
    """Let the interface's threads (its event loop, the terminal's input and output) take the
    interpreter back from a loading thread within :data:`INTERFACE_SWITCH` instead of 5 ms.

    A key answered while a big file loads crosses three threads, each of which waited up to the
    whole default interval for a busy loader to let go: measured at 100,000 entries, a ↓ took
    16–25 ms (median) during loading against 10–14 ms with this, and 4 ms idle. It costs a
    loading thread nothing while the interface is idle (no thread is waiting then). Returns
    what puts the interval back as it was, for when the interface ends.
    """
    previous = sys.getswitchinterval()
    sys.setswitchinterval(INTERFACE_SWITCH)
    return lambda: sys.setswitchinterval(previous)


def quit_on_signals(stop: Callable[[], None]) -> None:
    """SIGTERM, SIGINT and SIGHUP call ``stop`` on the running event loop (which ends the
    session cleanly, giving the terminal back)."""
    try:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            loop.add_signal_handler(sig, stop)
    except (NotImplementedError, RuntimeError, ValueError):  # pragma: no cover
        pass  # not the main thread, or no signals here: the defaults apply


def guard_job_control(repaint: Callable[[], None]) -> None:
    """Continue after a bare SIGSTOP without starting the terminal's application mode twice.

    Textual restarts application mode on every SIGCONT, as if the app had been suspended
    with SIGTSTP; after a SIGSTOP it had not, and a second input reader then loses keys
    (``q`` and Ctrl+C stop working). Only a continue that follows our own stop restarts it;
    any other calls ``repaint`` on the event loop.
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
            loop.call_soon_threadsafe(repaint)

    try:
        signal.signal(signal.SIGTSTP, stop)
        signal.signal(signal.SIGCONT, resume)
    except ValueError:  # pragma: no cover - not the main thread
        pass


def leave_now_if_loading(loading: Loading | LiveReload | None, code: int) -> None:
    """After the session ended: if its loader thread is still parsing, leave the process now.

    The parser cannot be interrupted, so waiting for it would keep a quit user waiting (the
    terminal is already restored). Output is flushed first.
    """
    if loading is None or not loading.running:
        return
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
    os._exit(code)
