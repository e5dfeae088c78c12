"""``--print`` with the user's marks and notes: ``--marked``, and the notes after the timeline in
text, Markdown and JSON; a broken sidecar is reported with its place."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from timeline_explorer.cli import main
from timeline_explorer.sidecar import Notes, Sidecar

from .conftest import SMALL


@pytest.fixture()
def story(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TIMELINE_EXPLORER_DATA", str(tmp_path / "user-data"))
    monkeypatch.setenv("NO_COLOR", "1")
    target = tmp_path / "story.yaml"
    shutil.copyfile(SMALL, target)
    sidecar = Sidecar([str(target)])
    sidecar.load()
    notes = Notes()
    notes.toggle_mark("summit")
    notes.toggle_mark("bob-reply")
    notes.set_note("summit", "Check the dates\n*twice*")
    notes.set_note("bob", "Critic since 2020")
    sidecar.save(notes)
    return target


def printed(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["--print", *args]) == 0
    return capsys.readouterr().out


def test_marked_keeps_only_the_marked_entries(
    story: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = story.read_bytes()
    out = printed(capsys, "--marked", "--format", "json", str(story))
    document = json.loads(out)
    assert [e["id"] for e in document["entries"]] == ["summit", "bob-reply"]
    assert document["filter"] == ["marked only"]
    assert document["user_notes"]["marked"] == ["summit", "bob-reply"]
    assert document["user_notes"]["notes"] == {
        "summit": "Check the dates\n*twice*",
        "bob": "Critic since 2020",
    }
    assert story.read_bytes() == before


def test_notes_follow_the_timeline_in_text_and_markdown(
    story: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = printed(capsys, str(story))
    tail = text[text.index("Your marks and notes") :]
    assert "marked: summit, bob-reply" in tail
    assert "    Check the dates\n    *twice*" in tail
    assert "Bob Smith:\n    Critic since 2020" in tail
    markdown = printed(capsys, "--format", "markdown", str(story))
    assert "## Your marks and notes" in markdown
    assert "  \\*twice\\*  " in markdown  # the note is text, never Markdown


def test_without_a_sidecar_the_output_is_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TIMELINE_EXPLORER_DATA", str(tmp_path / "user-data"))
    plain = tmp_path / "plain.yaml"
    shutil.copyfile(SMALL, plain)
    out = printed(capsys, "--format", "json", str(plain))
    assert "user_notes" not in json.loads(out)
    assert printed(capsys, "--marked", str(plain)).count("\n") < 5  # nothing marked


def test_a_broken_sidecar_is_reported_with_its_place(
    story: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story.with_name("story.notes.yaml").write_text("version: 1\nmarked: [summit\n")
    assert main(["--print", "--marked", str(story)]) == 1
    assert "story.notes.yaml:" in capsys.readouterr().err
    assert main(["--print", str(story)]) == 0  # without --marked: printed, with a warning
    captured = capsys.readouterr()
    assert "story.notes.yaml:" in captured.err and "Summit" in captured.out
