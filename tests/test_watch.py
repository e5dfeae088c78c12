"""The file watcher: real files in a temporary directory, both notification and polling."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from timeline_explorer.watch import FileWatcher, file_signature

WITHIN = 2.0  # seconds a change may take to be reported


class Recorder:
    """Collects the callback's calls and lets a test wait for the next one."""

    def __init__(self) -> None:
        self.calls: list[frozenset[str]] = []
        self._event = threading.Event()

    def __call__(self, changed: frozenset[str]) -> None:
        self.calls.append(changed)
        self._event.set()

    def wait(self, timeout: float = WITHIN) -> set[str] | None:
        """The next call's paths, or None when none came within ``timeout`` seconds."""
        if not self._event.wait(timeout):
            return None
        self._event.clear()
        return set(self.calls[-1])


@pytest.fixture(params=["notify", "polling"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def _watch(paths: list[Path], recorder: Recorder, mode: str) -> FileWatcher:
    watcher = FileWatcher(
        [str(p) for p in paths],
        recorder,
        polling=(mode == "polling"),
        poll_interval=0.1,
        debounce=0.1,
        max_wait=0.6,
    )
    watcher.start()
    assert watcher.mode == mode
    return watcher


def _quiet(recorder: Recorder) -> None:
    """Nothing is reported for a while (the debounce delay and a poll or two)."""
    assert recorder.wait(0.35) is None, recorder.calls


def test_append_is_reported(tmp_path: Path, mode: str) -> None:
    story = tmp_path / "story.yaml"
    story.write_text("title: one\n")
    recorder = Recorder()
    with _watch([story], recorder, mode):
        with story.open("a") as handle:
            handle.write("language: en\n")
        assert recorder.wait() == {str(story)}


def test_atomic_rename_over_is_reported(tmp_path: Path, mode: str) -> None:
    story = tmp_path / "story.yaml"
    story.write_text("title: one\n")
    recorder = Recorder()
    with _watch([story], recorder, mode):
        temporary = tmp_path / ".story.yaml.swp"
        temporary.write_text("title: two\n")
        os.replace(temporary, story)
        assert recorder.wait() == {str(story)}
        # and the watch goes on after the file was replaced
        story.write_text("title: three\n")
        assert recorder.wait() == {str(story)}


def test_delete_then_recreate_is_reported(tmp_path: Path, mode: str) -> None:
    story = tmp_path / "story.yaml"
    story.write_text("title: one\n")
    recorder = Recorder()
    with _watch([story], recorder, mode):
        story.unlink()
        time.sleep(0.3)  # longer than the debounce delay: reported once, when back
        story.write_text("title: two, longer\n")
        assert recorder.wait() == {str(story)}
        assert len(recorder.calls) == 1
        story.write_text("title: three, longer still\n")
        assert recorder.wait() == {str(story)}


def test_two_files_in_two_directories(tmp_path: Path, mode: str) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = tmp_path / "a" / "one.yaml", tmp_path / "b" / "two.yaml"
    first.write_text("title: one\n")
    second.write_text("title: two\n")
    recorder = Recorder()
    with _watch([first, second], recorder, mode):
        second.write_text("title: two changed\n")
        assert recorder.wait() == {str(second)}
        first.write_text("title: one changed\n")
        assert recorder.wait() == {str(first)}


def test_a_symbolic_link_follows_its_target(tmp_path: Path, mode: str) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "desk").mkdir()
    target = tmp_path / "real" / "story.yaml"
    target.write_text("title: one\n")
    link = tmp_path / "desk" / "story.yaml"
    link.symlink_to(target)
    recorder = Recorder()
    with _watch([link], recorder, mode):
        with target.open("a") as handle:
            handle.write("language: en\n")
        assert recorder.wait() == {str(link)}


def test_unrelated_files_in_the_same_directory_are_ignored(tmp_path: Path, mode: str) -> None:
    story = tmp_path / "story.yaml"
    story.write_text("title: one\n")
    recorder = Recorder()
    with _watch([story], recorder, mode):
        (tmp_path / "other.yaml").write_text("title: other\n")
        (tmp_path / "story.yaml~").write_text("backup\n")
        (tmp_path / "sub").mkdir()
        story.read_text()  # reading the file is not a change
        _quiet(recorder)
    assert recorder.calls == []


def test_a_burst_of_writes_is_one_call(tmp_path: Path) -> None:
    story = tmp_path / "story.yaml"
    story.write_text("")
    recorder = Recorder()
    with _watch([story], recorder, "notify"):
        for number in range(10):
            with story.open("a") as handle:
                handle.write(f"# line {number}\n")
            time.sleep(0.01)
        assert recorder.wait() == {str(story)}
        _quiet(recorder)
    assert len(recorder.calls) == 1


def test_polling_is_used_where_notification_cannot_start(tmp_path: Path) -> None:
    # The file's directory does not exist yet: notification has nothing to watch.
    story = tmp_path / "later" / "story.yaml"
    recorder = Recorder()
    watcher = FileWatcher([str(story)], recorder, poll_interval=0.1).start()
    try:
        assert watcher.mode == "polling"
        assert watcher.reason is not None and "could not start" in watcher.reason
        story.parent.mkdir()
        story.write_text("title: one\n")
        assert recorder.wait() == {str(story)}
    finally:
        watcher.stop()
    with pytest.raises(FileNotFoundError):
        FileWatcher([str(tmp_path / "none" / "x.yaml")], recorder, polling=False).start()


def test_stop_is_prompt_and_ends_the_calls(tmp_path: Path, mode: str) -> None:
    story = tmp_path / "story.yaml"
    story.write_text("title: one\n")
    recorder = Recorder()
    watcher = _watch([story], recorder, mode)
    started = time.monotonic()
    watcher.stop()
    assert time.monotonic() - started < 0.5
    assert not watcher.running
    assert all(not t.is_alive() for t in threading.enumerate() if t.name.startswith("file-watch"))
    story.write_text("title: two\n")
    _quiet(recorder)


def test_a_failing_callback_does_not_stop_the_watch(tmp_path: Path) -> None:
    story = tmp_path / "story.yaml"
    story.write_text("title: one\n")
    recorder = Recorder()

    def callback(changed: frozenset[str]) -> None:
        recorder(changed)
        if len(recorder.calls) == 1:
            raise ValueError("boom")

    watcher = FileWatcher([str(story)], callback, polling=True, poll_interval=0.1).start()
    try:
        story.write_text("title: two\n")
        assert recorder.wait() is not None
        story.write_text("title: three, longer\n")
        assert recorder.wait() is not None
        assert isinstance(watcher.error, ValueError)
    finally:
        watcher.stop()


def test_a_file_deleted_for_good_is_reported(tmp_path: Path, mode: str) -> None:
    story = tmp_path / "story.yaml"
    story.write_text("title: one\n")
    recorder = Recorder()
    with _watch([story], recorder, mode):
        story.unlink()
        assert recorder.wait() == {str(story)}


def test_signature_of_a_missing_file_is_none(tmp_path: Path) -> None:
    story = tmp_path / "story.yaml"
    assert file_signature(str(story)) is None
    story.write_text("abc")
    signature = file_signature(str(story))
    assert signature is not None and signature[2] == 3


def test_watchfiles_force_polling_switch_polls_and_sees_an_atomic_save(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Where notification starts but never fires (some network file systems) users set
    # watchfiles' WATCHFILES_FORCE_POLLING: the files are polled, and a save that renames a new
    # file over the old one within the same second is still seen.
    monkeypatch.setenv("WATCHFILES_FORCE_POLLING", "1")
    story = tmp_path / "story.yaml"
    story.write_text("title: one\n")
    recorder = Recorder()
    watcher = FileWatcher([str(story)], recorder, poll_interval=0.1, debounce=0.1, max_wait=0.6)
    with watcher:
        assert watcher.mode == "polling"
        assert watcher.reason == "WATCHFILES_FORCE_POLLING is set"
        temporary = tmp_path / ".story.yaml.swp"
        temporary.write_text("title: two\n")
        os.replace(temporary, story)
        assert recorder.wait() == {str(story)}
        _quiet(recorder)


def test_stop_ends_the_notification_thread_and_its_start(tmp_path: Path) -> None:
    story = tmp_path / "story.yaml"
    story.write_text("title: one\n")
    recorder = Recorder()
    watcher = _watch([story], recorder, "notify")
    watcher.stop()
    time.sleep(0.2)  # the notifier looks at its stop flag every 50 ms
    names = [t.name for t in threading.enumerate() if t.is_alive()]
    assert not [name for name in names if name.startswith("file-watcher")], names


def test_start_soon_returns_at_once_and_misses_no_change(
    tmp_path: Path, mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A user interface starts the watcher before its first paint: the call does not wait for
    the watcher to start, and a change made while it is still starting is reported, once."""
    story = tmp_path / "story.yaml"
    story.write_text("title: one\n")
    recorder = Recorder()
    go_on = threading.Event()
    start = FileWatcher.start

    def slow_start(self: FileWatcher) -> FileWatcher:
        assert go_on.wait(WITHIN), "start_soon waited for the watcher to start"
        return start(self)

    monkeypatch.setattr(FileWatcher, "start", slow_start)
    watcher = FileWatcher(
        [str(story)], recorder, polling=(mode == "polling"), poll_interval=0.1, debounce=0.1
    )
    watcher.start_soon()  # returns while the start is held back
    try:
        story.write_text("title: two, a longer title\n")  # before the watcher watches
        go_on.set()
        assert recorder.wait() == {str(story)}
        _quiet(recorder)
        assert watcher.mode == mode
    finally:
        watcher.stop()
    assert not any(t.is_alive() for t in watcher._threads)


def test_start_soon_then_stop_at_once_leaves_no_thread(tmp_path: Path, mode: str) -> None:
    story = tmp_path / "story.yaml"
    story.write_text("title: one\n")
    watcher = FileWatcher([str(story)], Recorder(), polling=(mode == "polling")).start_soon()
    watcher.stop()
    time.sleep(0.2)
    assert not any(t.is_alive() for t in watcher._threads)
    assert watcher._starter is not None and not watcher._starter.is_alive()
