"""Watch data files for changes, and call back once per burst of changes, in a thread.

Each file's *directory* is watched (with ``watchfiles.watch``, the platform's change notification)
and the events are filtered to the files themselves, so that an editor's atomic save (write a
temporary file, rename it over the original) and a file that disappears for a moment are seen
like any other change. Where notification cannot start (no inotify watches left, some network
file systems, ``watchfiles`` missing) or when asked, the files are polled instead: their size,
modification time and inode are compared every :data:`POLL_INTERVAL` seconds. Setting
``WATCHFILES_FORCE_POLLING`` (watchfiles' own switch, for file systems where notification starts
but never fires) polls too: this poller, which sees changes within the same second and a file
renamed over another of the same size, where watchfiles' polling compares whole seconds.

Changes are coalesced: the callback runs once the files have been quiet for the debounce delay
(:data:`DEBOUNCE`), or at the latest after :data:`MAX_WAIT` while a file keeps changing, with the
set of the watched paths that changed (as they were given). While a changed file is missing, the
callback waits the longest (:data:`MAX_WAIT`) for it to come back, so that a save that removes
the file and writes it again is reported once, when the file is whole. The callback runs in the
watcher's own thread: a user interface hands the news to its own. Nothing here knows Textual.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any, Literal

DEBOUNCE = 0.15  # seconds of quiet after the last change before the callback runs
MAX_WAIT = 1.0  # seconds after the first change of a burst by which the callback runs anyway
POLL_INTERVAL = 0.25  # seconds between two looks at the files when polling
_STEP = 0.05  # how often the threads look at the stop flag, in seconds
_READY_MS = 50  # the notifier reports "no change" this often (ms): the first one says it watches
_START_TIMEOUT = 5.0  # seconds for notification to start before polling is used instead

ChangeCallback = Callable[[frozenset[str]], None]
Mode = Literal["notify", "polling"]
Signature = tuple[int, int, int, int] | None


FORCE_POLLING = "WATCHFILES_FORCE_POLLING"


def _force_polling() -> bool:
    """True when watchfiles' switch asks for polling (set, and not empty, 0 or false)."""
    value = os.environ.get(FORCE_POLLING, "").strip().lower()
    return value not in ("", "0", "false", "no", "off")


def file_signature(path: str) -> Signature:
    """What polling compares: (device, inode, size, mtime_ns) of a file, None when missing."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


class FileWatcher:
    """Watches some files and calls ``callback(changed_paths)`` after each burst of changes.

    Args:
        paths: the files to watch; standard input (``-``) is skipped.
        callback: called in the watcher's thread with the paths (as given) that changed.
        polling: True to poll, False to use notification only (raise when it cannot start),
            None (the default) to use notification where it starts and polling elsewhere.
        debounce: seconds of quiet before the callback runs.
        max_wait: seconds after a burst's first change by which the callback runs anyway.
        poll_interval: seconds between two looks at the files when polling.

    Use :meth:`start` and :meth:`stop`, or the watcher as a context manager.
    """

    def __init__(
        self,
        paths: Iterable[str],
        callback: ChangeCallback,
        *,
        polling: bool | None = None,
        debounce: float = DEBOUNCE,
        max_wait: float = MAX_WAIT,
        poll_interval: float = POLL_INTERVAL,
    ) -> None:
        self.paths = tuple(dict.fromkeys(p for p in paths if p != "-"))
        self._callback = callback
        self._polling = polling
        self._debounce = debounce
        self._max_wait = max(max_wait, debounce)
        self._poll_interval = poll_interval
        self._stop = threading.Event()
        self._notify_stop = threading.Event()  # also set when notification is given up
        self._wake = threading.Event()
        self._lock = threading.Lock()
        self._pending: set[str] = set()
        self._first_change = 0.0
        self._last_change = 0.0
        self._threads: list[threading.Thread] = []
        self._starter: threading.Thread | None = None  # the thread of :meth:`start_soon`
        self._notifier: Any = None  # watchfiles' generator of change sets, when notifying
        self._first_batch: set[tuple[Any, str]] | None = None
        # Every name a watched file is seen under (its absolute path and, for a symbolic link,
        # its target's), mapped to the paths as given.
        self._names: dict[str, set[str]] = {}
        for path in self.paths:
            for name in {os.path.abspath(path), os.path.realpath(path)}:
                self._names.setdefault(name, set()).add(path)
        self.mode: Mode | None = None
        self.reason: str | None = None  # why notification was not used, when polling
        self.error: BaseException | None = None  # the last exception raised by the callback

    # -- life cycle ----------------------------------------------------------------------

    def start(self) -> FileWatcher:
        """Start watching; changes made after this returns are seen. Returns the watcher."""
        if self._threads:
            raise RuntimeError("the watcher is already started")
        if self._polling:
            self.reason = "asked for"
        elif self._polling is None and _force_polling():
            self.reason = f"{FORCE_POLLING} is set"
        else:
            try:
                self._notifier = self._start_notify()
            except Exception as exc:  # any failure to start: poll instead, or report
                if self._polling is False:
                    raise
                self.reason = f"change notification could not start ({exc})"
        if self._notifier is not None:
            self.mode = "notify"
            watch_loop: Callable[[], None] = self._notify_loop
        else:
            self.mode = "polling"
            signatures = {path: file_signature(path) for path in self.paths}
            watch_loop = lambda: self._poll_loop(signatures)  # noqa: E731
        self._threads = [
            threading.Thread(target=watch_loop, name="file-watcher", daemon=True),
            threading.Thread(target=self._dispatch_loop, name="file-watcher-calls", daemon=True),
        ]
        for thread in self._threads:
            thread.start()
        return self

    def start_soon(self) -> FileWatcher:
        """Start watching in a thread of its own and return at once, so that the caller (a
        user interface about to paint) is not kept waiting while change notification starts
        (about 0.05 s a watcher). A change made after this returns is still seen: once the
        watcher watches, each file is compared with the signature it had here. Returns the
        watcher; a failure to start is kept in :attr:`error`, with no watching.
        """
        if self._threads or self._starter is not None:
            raise RuntimeError("the watcher is already started")
        before = {path: file_signature(path) for path in self.paths}

        def begin() -> None:
            if self._stop.is_set():
                return
            try:
                self.start()
            except Exception as exc:  # kept for the caller, as a callback's failure is
                self.error = exc
                return
            changed = {path for path, was in before.items() if file_signature(path) != was}
            if changed:
                self._changed(changed)

        self._starter = threading.Thread(target=begin, name="file-watcher-start", daemon=True)
        self._starter.start()
        return self

    def stop(self, timeout: float = 2.0) -> None:
        """Stop watching and wait (at most ``timeout`` seconds) for the threads to end.

        A change not yet reported is dropped. Safe to call more than once, and from the callback.
        """
        self._stop.set()
        self._notify_stop.set()
        self._wake.set()
        current = threading.current_thread()
        starter = self._starter
        if starter is not None and starter is not current:
            starter.join(timeout)  # its threads, if it started them, are joined below
        for thread in self._threads:
            if thread is not current:
                thread.join(timeout)
        notifier, self._notifier = self._notifier, None
        if notifier is not None and not any(t.is_alive() for t in self._threads[:1]):
            with contextlib.suppress(Exception):
                notifier.close()

    @property
    def running(self) -> bool:
        """True between :meth:`start` and :meth:`stop`."""
        return bool(self._threads) and not self._stop.is_set()

    def __enter__(self) -> FileWatcher:
        return self if self._threads else self.start()

    def __exit__(self, *args: object) -> None:
        self.stop()

    # -- the two ways of seeing changes --------------------------------------------------

    def _start_notify(self) -> Any:
        """Watch the directories that hold the files (under all their names), not recursively.

        Uses :func:`watchfiles.watch` in the watcher's thread. Returns the running generator
        once it watches, so that a change made after :meth:`start` returns is seen; raises what
        kept it from starting.
        """
        import watchfiles

        directories = sorted({os.path.dirname(name) for name in self._names})
        for directory in directories:
            if not os.path.isdir(directory):
                raise FileNotFoundError(f"no directory {directory}")
        if not directories:
            raise FileNotFoundError("no file to watch")
        step = int(_STEP * 1000)
        changes = watchfiles.watch(
            *directories,
            watch_filter=None,
            debounce=step,
            step=step,
            stop_event=self._notify_stop,
            rust_timeout=_READY_MS,
            yield_on_timeout=True,
            raise_interrupt=False,
            recursive=False,
            ignore_permission_denied=True,
            force_polling=False,
        )
        ready = threading.Event()
        failure: list[BaseException] = []

        def first() -> None:  # the first yield (at worst a timeout) comes once it watches
            try:
                self._first_batch = next(changes, None)
            except Exception as exc:
                failure.append(exc)
            ready.set()

        starter = threading.Thread(target=first, name="file-watcher-start", daemon=True)
        starter.start()
        if not ready.wait(_START_TIMEOUT):
            self._notify_stop.set()  # ends the generator once it runs; polling goes on
            raise TimeoutError("change notification did not start in time")
        if failure:
            raise failure[0]
        return changes

    def _notify_loop(self) -> None:
        changes = self._notifier
        batch: set[tuple[Any, str]] | None = self._first_batch
        while batch is not None and not self._stop.is_set():
            changed: set[str] = set()
            for _change, name in batch:
                changed.update(self._names.get(os.path.abspath(name), ()))
            if changed:
                self._changed(changed)
            try:
                batch = next(changes, None)
            except Exception as exc:  # the notifier died: go on polling
                self.reason = f"change notification failed ({exc})"
                self.mode = "polling"
                self._changed(set(self.paths))
                self._poll_loop({path: file_signature(path) for path in self.paths})
                return
        with contextlib.suppress(Exception):
            changes.close()

    def _poll_loop(self, signatures: dict[str, Signature]) -> None:
        while not self._stop.wait(self._poll_interval):
            changed = set()
            for path, before in signatures.items():
                now = file_signature(path)
                if now != before:
                    signatures[path] = now
                    changed.add(path)
            if changed:
                self._changed(changed)

    # -- coalescing and calling back -----------------------------------------------------

    def _changed(self, paths: set[str]) -> None:
        now = time.monotonic()
        with self._lock:
            if not self._pending:
                self._first_change = now
            self._pending |= paths
            self._last_change = now
        self._wake.set()

    def _dispatch_loop(self) -> None:
        while not self._stop.is_set():
            self._wake.wait()
            self._wake.clear()
            while not self._stop.is_set():
                with self._lock:
                    if not self._pending:
                        break
                    now = time.monotonic()
                    latest = self._first_change + self._max_wait
                    due = min(self._last_change + self._debounce, latest)
                    if any(not os.path.exists(path) for path in self._pending):
                        due = latest  # deleted, or being saved by rename: give it a moment
                    if now >= due:
                        changed = frozenset(self._pending)
                        self._pending.clear()
                    else:
                        changed = frozenset()
                if changed:
                    try:
                        self._callback(changed)
                    except Exception as exc:  # kept for the caller; the watcher goes on
                        self.error = exc
                else:
                    self._stop.wait(min(max(due - now, 0.005), _STEP))
