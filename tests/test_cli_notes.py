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


@pytest.fixture()
def tagged(story: Path) -> Path:
    """The story with tags of the user's own on two entries and a note on an actor."""
    sidecar = Sidecar([str(story)])
    notes = sidecar.load()
    notes.set_tags("anna-peace", ["Follow-up", "verified"])
    notes.set_tags("bob-reply", ["follow-up"])
    notes.set_note("anna", "Spokeswoman since May")
    sidecar.save(notes)
    return story


def test_tag_keeps_the_entries_with_it_yours_or_the_datas(
    tagged: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = json.loads(printed(capsys, "--tag", "FOLLOW-UP", "--format", "json", str(tagged)))
    assert [e["id"] for e in document["entries"]] == ["anna-peace", "bob-reply"]
    assert document["filter"] == ["tag: FOLLOW-UP"]
    assert document["user_notes"]["tags"] == {
        "anna-peace": ["Follow-up", "verified"],
        "bob-reply": ["follow-up"],
    }
    # the data's own tag (summit is tagged "summit" in the file)
    text = printed(capsys, "--tag", "summit", str(tagged))
    assert "1 of 6 entries · tag: summit" in text and "Summit sulla libertà" in text
    # combined with --marked: marked and tagged
    text = printed(capsys, "--tag", "follow-up", "--marked", str(tagged))
    assert "1 of 6 entries · marked only · tag: follow-up" in text
    assert "He said peace was not possible" in text
    assert printed(capsys, "--tag", "nothing-tagged", str(tagged)).count("\n") < 5


def test_tag_without_a_sidecar_uses_the_datas_tags(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TIMELINE_EXPLORER_DATA", str(tmp_path / "user-data"))
    plain = tmp_path / "plain.yaml"
    shutil.copyfile(SMALL, plain)
    document = json.loads(printed(capsys, "--tag", "Summit", "--format", "json", str(plain)))
    assert [e["id"] for e in document["entries"]] == ["summit"]


def test_tags_and_actor_notes_in_text_and_markdown(
    tagged: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = printed(capsys, "--detail", "full", str(tagged))
    tail = text[text.index("Your marks and notes") :]
    assert "  2025-09-04 18:30 +02:00 anna-peace:\n    tags: Follow-up, verified\n" in tail
    assert "Anna Rossi:\n    Spokeswoman since May" in tail
    markdown = printed(capsys, "--format", "markdown", str(tagged))
    assert "  tags: Follow\\-up, verified  " in markdown


def test_html_shows_marks_tags_and_notes_escaped(
    tagged: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sidecar = Sidecar([str(tagged)])
    notes = sidecar.load()
    notes.set_note("anna-peace", "<script>alert(1)</script>\nsecond line \x1b[2J")
    notes.set_tags("summit", ['"><img src=x onerror=alert(2)>'])
    notes.set_note("bob", "Critic & <b>friend</b>")
    sidecar.save(notes)
    page = printed(capsys, "--format", "html", str(tagged))
    assert page.count("<script") == 1  # the page's own search script, nothing from the notes
    assert "<img" not in page and "<b>friend" not in page and "\x1b" not in page
    assert (
        '<p class="mine"><b>your note:</b> &lt;script&gt;alert(1)&lt;/script&gt;\n'
        "second line \\x1b[2J</p>"
    ) in page
    assert "your tags:</b> &quot;&gt;&lt;img src=x onerror=alert(2)&gt;</p>" in page
    assert '<article class="entry event marked" id="e-summit">' in page
    summit = page[page.index('id="e-summit"') :]
    assert summit.index("★ marked") < summit.index("</article>")
    bob = page[page.index('id="a-bob"') :]
    note = bob.index("your note:</b> Critic &amp; &lt;b&gt;friend&lt;/b&gt;")
    assert note < bob.index("</article>")


def test_timelinejs_appends_marks_tags_and_notes(
    tagged: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sidecar = Sidecar([str(tagged)])
    notes = sidecar.load()
    notes.set_note("anna-peace", "<i>first</i>\nsecond")
    sidecar.save(notes)
    document = json.loads(printed(capsys, "--format", "timelinejs", str(tagged)))
    events = {e["unique_id"]: e["text"]["text"] for e in document["events"]}
    assert events["e-summit"].endswith(
        '<p class="mine"><b>★ marked</b> by you</p>'
        '<p class="mine"><b>your note:</b> Check the dates<br>*twice*</p>'
    )
    assert events["e-anna-peace"].endswith(
        '<p class="mine"><b>your tags:</b> Follow-up, verified</p>'
        '<p class="mine"><b>your note:</b> &lt;i&gt;first&lt;/i&gt;<br>second</p>'
    )
    assert "mine" not in events["e-year-plan"]
    slide = document["title"]["text"]["text"]
    assert "your note on Anna Rossi:</b> Spokeswoman since May" in slide
    assert "your note on Bob Smith:</b> Critic since 2020" in slide


def test_html_and_timelinejs_without_a_sidecar_are_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TIMELINE_EXPLORER_DATA", str(tmp_path / "user-data"))
    plain = tmp_path / "small.yaml"
    shutil.copyfile(SMALL, plain)
    for fmt, golden in (("html", "small.html"), ("timelinejs", "small.timelinejs.json")):
        out = printed(capsys, "--format", fmt, str(plain))
        assert 'class="mine' not in out
        assert out == (SMALL.parent.parent / "golden" / golden).read_text(encoding="utf-8")


def test_tag_with_a_broken_sidecar_keeps_the_datas_tags_and_says_where(
    tagged: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tagged.with_name("story.notes.yaml").write_text("version: 1\ntags: {summit: x}\n")
    assert main(["--print", "--tag", "summit", str(tagged)]) == 0
    captured = capsys.readouterr()
    assert "story.notes.yaml:2:" in captured.err
    assert "1 of 6 entries · tag: summit" in captured.out
