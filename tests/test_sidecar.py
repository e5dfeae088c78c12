"""The sidecar of marks, notes and tags: its place, strict reading, atomic writing, fallbacks."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_explorer import sidecar as sidecar_module
from timeline_explorer.loader import LoadError, load_paths
from timeline_explorer.sidecar import (
    Notes,
    Sidecar,
    SidecarError,
    dump,
    fallback_path,
    parse,
    sidecar_path,
)

from .conftest import SMALL


@pytest.fixture
def story(tmp_path: Path) -> Path:
    """A copy of the small story in a directory of its own."""
    directory = tmp_path / "desk"
    directory.mkdir()
    path = directory / "story.yaml"
    path.write_bytes(SMALL.read_bytes())
    return path


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    """The user's data directory, for fallbacks."""
    return tmp_path / "user-data"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _sample() -> Notes:
    notes = Notes()
    notes.toggle_mark("summit")
    notes.toggle_mark("anna-peace")
    notes.set_note("summit", "Check the dates with the desk.\nSecond line: «libertà».\n")
    notes.set_note("anna", "Spokesperson since 2024")
    notes.set_tags("summit", ["follow-up", "verified", "follow-up", " "])
    return notes


def test_sidecar_names() -> None:
    assert sidecar_path("news/story.yaml") == os.path.join("news", "story.notes.yaml")
    assert sidecar_path("story.yml") == "story.notes.yaml"
    assert sidecar_path("story") == "story.notes.yaml"
    assert sidecar_path("-") is None
    one, two = fallback_path("a/story.yaml", "/d"), fallback_path("b/story.yaml", "/d")
    assert one != two
    assert os.path.basename(one).startswith("story-") and one.endswith(".notes.yaml")
    assert fallback_path("a/story.yaml", "/d") == one


def test_round_trip_through_the_file(story: Path, elsewhere: Path) -> None:
    before = _digest(story)
    car = Sidecar([str(story)], fallback_dir=str(elsewhere))
    assert car.load() == Notes()
    notes = _sample()
    message = car.save(notes)
    written = story.parent / "story.notes.yaml"
    assert message == f"notes saved to {written}"
    text = written.read_text(encoding="utf-8")
    assert "version: 1" in text
    assert "marked:\n- summit\n- anna-peace\n" in text
    assert "  summit: |\n    Check the dates with the desk.\n" in text
    assert "  summit: [follow-up, verified]" in text
    again = Sidecar([str(story)], fallback_dir=str(elsewhere)).load()
    assert again == notes
    assert again.tags_of("summit") == ["follow-up", "verified"]
    assert again.note("anna") == "Spokesperson since 2024"
    assert _digest(story) == before
    assert not elsewhere.exists()
    # only the sidecar was added beside the data; no temporary file is left
    assert sorted(p.name for p in story.parent.iterdir()) == ["story.notes.yaml", "story.yaml"]


@settings(max_examples=60, deadline=None)
@given(
    marked=st.lists(st.from_regex(r"[a-z0-9][a-z0-9_-]{0,8}", fullmatch=True), unique=True),
    notes=st.dictionaries(
        st.from_regex(r"[a-z0-9][a-z0-9_-]{0,8}", fullmatch=True),
        st.text(min_size=1).filter(str.strip),
        max_size=4,
    ),
)
def test_any_text_survives_the_format(marked: list[str], notes: dict[str, str]) -> None:
    original = Notes(marked=marked, notes=notes)
    assert parse(dump(original, "story.yaml")) == original


def test_editing_marks_notes_and_tags() -> None:
    notes = Notes()
    assert notes.toggle_mark("a") is True
    assert notes.is_marked("a")
    assert notes.toggle_mark("a") is False
    assert not notes.is_marked("a")
    notes.set_note("a", "text")
    notes.set_note("a", "   ")
    assert notes.note("a") is None
    notes.set_tags("a", [])
    assert notes.empty


def _ids(path: Path) -> set[str]:
    """Every id of a data file: entries and actors."""
    dataset = load_paths([str(path)])
    ids = {event.id for event in dataset.events} | {actor.id for actor in dataset.actors}
    return ids | {statement.id for statement in dataset.statements}


def test_orphans_are_kept_and_listed(story: Path, elsewhere: Path) -> None:
    car = Sidecar([str(story)], fallback_dir=str(elsewhere))
    car.load()
    notes = _sample()
    notes.set_note("gone-later", "a note on an entry removed from the data")
    notes.toggle_mark("vanished")
    car.save(notes)
    ids = _ids(story)
    assert "summit" in ids
    assert notes.orphans(ids) == ["vanished", "gone-later"]
    # the data loses an entry: its marks and notes stay in the file, listed as orphans
    story.write_text(
        story.read_text()
        .replace("id: summit", "id: summit-2")
        .replace("event: summit", "event: summit-2")
    )
    again = Sidecar([str(story)], fallback_dir=str(elsewhere))
    kept = again.load()
    assert kept.note("summit") is not None and kept.is_marked("summit")
    new_ids = _ids(story)
    assert kept.orphans(new_ids) == ["summit", "vanished", "gone-later"]
    again.save(kept)
    assert Sidecar([str(story)], fallback_dir=str(elsewhere)).load().note("summit") is not None


BROKEN = """\
version: 1
marked: [summit]
notes:
  summit: one
  summit: two
"""


def test_a_broken_sidecar_is_reported_and_never_overwritten(story: Path, elsewhere: Path) -> None:
    written = story.parent / "story.notes.yaml"
    written.write_text(BROKEN)
    car = Sidecar([str(story)], fallback_dir=str(elsewhere))
    with pytest.raises(LoadError) as caught:
        car.load()
    report = caught.value.report()
    assert f"{written}:5:3: error: duplicate key 'summit' in notes (first at line 4)" in report
    with pytest.raises(SidecarError, match=r"story.notes.yaml:5:3 has an error"):
        car.save(_sample())
    assert written.read_text() == BROKEN
    assert not elsewhere.exists()
    # fixed by hand: read again, then saving works
    written.write_text(BROKEN.replace("  summit: two\n", ""))
    notes = car.load()
    assert notes.note("summit") == "one"
    notes.toggle_mark("bob")
    car.save(notes)
    assert Sidecar([str(story)], fallback_dir=str(elsewhere)).load().marked == ["summit", "bob"]


@pytest.mark.parametrize(
    ("text", "place", "message"),
    [
        ("marked: []\n", "1:1", "missing the key 'version'"),
        ("version: 9\n", "1:10", "version 9, newer than this program reads"),
        ("version: one\n", "1:10", "expected a version number, found the text 'one'"),
        ("version: 1.5\n", "1:10", "expected a version number, found the number '1.5'"),
        ("version: 1\nmark: [a]\n", "2:1", "unknown key 'mark' in the notes file (did you mean"),
        ("version: 1\nmarked: [Summit]\n", "2:10", "'Summit' is not an id"),
        ("version: 1\nmarked: [a, b, a]\n", "2:16", "'a' is marked twice (first at line 2)"),
        ("version: 1\nnotes:\n  a: [x]\n", "3:6", "expected text for the note on 'a'"),
        ("version: 1\ntags:\n  a: x\n", "3:6", "expected a list for the tags of 'a'"),
        ("version: 1\nmarked: &m [a]\ntags: {a: *m}\n", "2:9", "aliases"),
        ("version: !!python/name:os.system 1\n", "1:10", "the tag '!!python/name:os.system'"),
        ("version: 1\nnotes: {a: 'x'\n", "3:1", "flow mapping"),
        ("", "1:1", "the notes file is empty"),
    ],
)
def test_problems_are_reported_with_their_place(
    story: Path, elsewhere: Path, text: str, place: str, message: str
) -> None:
    written = story.parent / "story.notes.yaml"
    written.write_text(text)
    with pytest.raises(LoadError) as caught:
        Sidecar([str(story)], fallback_dir=str(elsewhere)).load()
    first = caught.value.report().splitlines()[0]
    assert first.startswith(f"{written}:{place}: error: "), first
    assert message in first


def test_binary_and_non_utf8_sidecars_are_reported(story: Path, elsewhere: Path) -> None:
    written = story.parent / "story.notes.yaml"
    written.write_bytes(b"version: 1\nnotes: {a: caf\xe9}\n")
    with pytest.raises(LoadError, match=r"story.notes.yaml:2:15: error: not valid UTF-8"):
        Sidecar([str(story)], fallback_dir=str(elsewhere)).load()
    written.write_bytes(b"version: 1\n\x00")
    with pytest.raises(LoadError, match=r"story.notes.yaml:2:1: error: a NUL byte"):
        Sidecar([str(story)], fallback_dir=str(elsewhere)).load()


def test_a_sidecar_changed_on_disk_is_not_overwritten(story: Path, elsewhere: Path) -> None:
    car = Sidecar([str(story)], fallback_dir=str(elsewhere))
    car.load()
    car.save(_sample())
    written = story.parent / "story.notes.yaml"
    edited = written.read_text().replace("Spokesperson since 2024", "Spokesperson until 2025")
    written.write_text(edited)
    with pytest.raises(SidecarError, match="changed on disk since it was read"):
        car.save(Notes())
    assert written.read_text() == edited
    assert car.load().note("anna") == "Spokesperson until 2025"


def test_never_writes_a_data_file(story: Path, elsewhere: Path) -> None:
    # a data file that is itself named like a sidecar of another data file
    other = story.parent / "story.notes.yaml"
    other.write_bytes(SMALL.read_bytes().replace(b"id: ", b"id: x"))
    before = _digest(other), _digest(story)
    car = Sidecar([str(story), str(other)], fallback_dir=str(elsewhere))
    with pytest.raises(LoadError):
        car.load()  # it is not a notes file
    with pytest.raises(SidecarError):
        car.save(_sample())
    car.error = None  # even when told to go ahead, the data file is refused by its path
    with pytest.raises(SidecarError, match="is a data file"):
        car.save(_sample())
    assert (_digest(other), _digest(story)) == before


def _directory_is_writable_despite_mode(directory: Path) -> bool:
    probe = directory / ".probe"
    try:
        probe.write_text("")
    except PermissionError:
        return False
    probe.unlink()
    return True


def test_a_read_only_directory_falls_back_to_the_user_data_dir(
    story: Path, elsewhere: Path
) -> None:
    before = _digest(story)
    story.parent.chmod(0o500)
    try:
        if _directory_is_writable_despite_mode(story.parent):
            pytest.skip("permissions do not stop this user (root): see the next tests")
        car = Sidecar([str(story)], fallback_dir=str(elsewhere))
        car.load()
        message = car.save(_sample())
        assert message.startswith(f"notes saved to {car.fallback}: cannot write beside the data")
        assert "Permission denied" in message
        assert Sidecar([str(story)], fallback_dir=str(elsewhere)).load() == _sample()
    finally:
        story.parent.chmod(0o700)
    assert _digest(story) == before


def test_a_directory_gone_falls_back_to_the_user_data_dir(tmp_path: Path, elsewhere: Path) -> None:
    # The data was opened, then its directory went away (an unmounted share, a moved folder):
    # the notes are not lost.
    data = tmp_path / "share" / "story.yaml"
    car = Sidecar([str(data)], fallback_dir=str(elsewhere))
    assert car.load() == Notes()
    message = car.save(_sample())
    assert car.path == car.fallback
    assert message.startswith(f"notes saved to {car.fallback}: cannot write beside the data (")
    assert "No such file or directory" in message
    assert Path(car.fallback).parent == elsewhere
    assert Sidecar([str(data)], fallback_dir=str(elsewhere)).load() == _sample()


def test_an_unwritable_directory_falls_back_and_the_newer_file_wins(
    story: Path, elsewhere: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    car = Sidecar([str(story)], fallback_dir=str(elsewhere))
    car.load()
    first = _sample()
    car.save(first)  # beside the data
    real_mkstemp = tempfile.mkstemp

    def read_only(*args: object, dir: str, **kwargs: object) -> tuple[int, str]:
        if os.path.samefile(dir, story.parent):
            raise OSError(30, "Read-only file system")
        return real_mkstemp(*args, dir=dir, **kwargs)  # type: ignore[call-overload,no-any-return]

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    second = _sample()
    second.set_note("bob", "a later note")
    time.sleep(0.01)
    message = car.save(second)
    assert message == (
        f"notes saved to {car.fallback}: cannot write beside the data "
        f"({car.primary}: Read-only file system)"
    )
    fresh = Sidecar([str(story)], fallback_dir=str(elsewhere))
    assert fresh.load() == second
    assert fresh.path == fresh.fallback
    monkeypatch.undo()
    # writable again: written beside the data, which is newer, and read from there
    second.set_note("bob", "back home")
    assert fresh.save(second) == f"notes saved to {fresh.primary}"
    final = Sidecar([str(story)], fallback_dir=str(elsewhere))
    assert final.load().note("bob") == "back home"
    assert final.path == final.primary


def test_stdin_data_keeps_its_notes_in_the_user_data_dir(elsewhere: Path) -> None:
    car = Sidecar(["-"], fallback_dir=str(elsewhere))
    assert car.primary is None
    car.load()
    assert car.save(_sample()) == f"notes saved to {car.fallback}"
    assert Sidecar(["-"], fallback_dir=str(elsewhere)).load() == _sample()


def test_a_failed_rename_leaves_the_old_file_whole(
    story: Path, elsewhere: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    car = Sidecar([str(story)], fallback_dir=str(elsewhere))
    car.load()
    car.save(_sample())
    written = story.parent / "story.notes.yaml"
    old = written.read_bytes()

    def broken_replace(source: str, target: str) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        sidecar_module.write_atomic(str(written), b"version: 1\n" * 1000)
    assert written.read_bytes() == old
    assert sorted(p.name for p in story.parent.iterdir()) == ["story.notes.yaml", "story.yaml"]


WRITER = textwrap.dedent(
    """
    import sys
    from timeline_explorer.sidecar import write_atomic

    path = sys.argv[1]
    marked = "".join(f"  - entry-{i}\\n" for i in range(20000))
    versions = [
        f"version: 1\\nmarked:\\n{marked}notes:\\n  entry-1: version {n}\\n".encode()
        for n in range(2)
    ]
    write_atomic(path, versions[0])
    print("ready", flush=True)
    while True:
        for data in versions:
            write_atomic(path, data)
    """
)


def test_a_writer_killed_mid_way_leaves_the_old_or_the_new_file(tmp_path: Path) -> None:
    target = tmp_path / "story.notes.yaml"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    for delay in (0.05, 0.12):
        process = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(target)], stdout=subprocess.PIPE, env=env
        )
        assert process.stdout is not None
        assert process.stdout.readline() == b"ready\n"
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        notes = parse(target.read_text(encoding="utf-8"), str(target))  # whole
        assert len(notes.marked) == 20000
        assert notes.note("entry-1") in ("version 0", "version 1")


def test_the_user_data_dir_can_be_named_by_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TIMELINE_EXPLORER_DATA", str(tmp_path / "data-home"))
    car = Sidecar(["-"])
    assert Path(car.fallback).parent == tmp_path / "data-home" / "notes"
    car.load()
    car.save(_sample())
    assert Sidecar(["-"]).load() == _sample()
    assert (tmp_path / "data-home" / "notes").stat().st_mode & 0o077 == 0


def test_an_older_broken_sidecar_beside_the_data_is_not_overwritten(
    story: Path, elsewhere: Path
) -> None:
    beside = story.parent / "story.notes.yaml"
    beside.write_text(BROKEN)
    os.utime(beside, (1_000_000_000, 1_000_000_000))
    car = Sidecar([str(story)], fallback_dir=str(elsewhere))
    Path(car.fallback).parent.mkdir(parents=True)
    Path(car.fallback).write_text(dump(_sample(), "story.yaml"))
    assert car.load() == _sample()  # the newer of the two
    assert car.path == car.fallback
    message = car.save(Notes(marked=["bob"]))
    assert message == (
        f"notes saved to {car.fallback}: cannot write beside the data "
        f"({beside}: has errors, not overwritten)"
    )
    assert beside.read_text() == BROKEN
    assert Sidecar([str(story)], fallback_dir=str(elsewhere)).load() == Notes(marked=["bob"])


def test_temporary_files_left_by_a_crash_are_removed_later(story: Path, elsewhere: Path) -> None:
    stale = story.parent / ".story.notes.yaml.k1ll3d.tmp"
    fresh = story.parent / ".story.notes.yaml.w0rk1n.tmp"
    other = story.parent / ".story.yaml.k1ll3d.tmp"
    for path in (stale, fresh, other):
        path.write_text("version: 1\nmarked: [a")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    car = Sidecar([str(story)], fallback_dir=str(elsewhere))
    car.load()
    car.save(_sample())
    assert not stale.exists()
    assert fresh.exists() and other.exists()


def test_a_sidecar_that_is_a_symbolic_link_stays_one(story: Path, elsewhere: Path) -> None:
    shared = story.parent.parent / "shared.notes.yaml"
    shared.write_text(dump(Notes(marked=["summit"]), "story.yaml"))
    link = story.parent / "story.notes.yaml"
    link.symlink_to(shared)
    car = Sidecar([str(story)], fallback_dir=str(elsewhere))
    notes = car.load()
    notes.toggle_mark("bob")
    car.save(notes)
    assert link.is_symlink()
    assert parse(shared.read_text()).marked == ["summit", "bob"]
