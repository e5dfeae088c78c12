"""The loader and validator: good files load, every kind of problem is reported with its place."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from timeline_explorer.loader import LoadError, load_paths, load_text
from timeline_explorer.model import Event, Statement

from .conftest import SMALL

HEAD = """\
actors:
  - {id: peskov, name: Dmitrij Peskov}
  - {id: putin, name: Vladimir Putin}
"""


def errors(text: str) -> list[str]:
    """The 'line:col: message' of every diagnostic for a document."""
    with pytest.raises(LoadError) as caught:
        load_text(textwrap.dedent(text), "t.yaml")
    return [f"{d.line}:{d.column}: {d.message}" for d in caught.value.diagnostics]


def test_small_fixture_loads_every_part() -> None:
    data = load_paths([str(SMALL)])
    assert data.title == "Small story: libertà e pace"
    assert [a.id for a in data.actors] == ["anna", "ministry", "bob"]
    assert data.actors[0].links[0].type == "spokesperson-of"
    summit = data.events[0]
    assert isinstance(summit, Event)
    assert summit.end is not None and summit.end.display() == "2025-09-05"
    reply = data.statements[1]
    assert isinstance(reply, Statement)
    assert reply.kind == "paraphrase"
    assert reply.text == "He said peace was not possible.\nNot this year."
    assert reply.language == "en"
    assert data.statements[0].language == "it"  # the file's default
    assert data.sources[0].url == "https://example.org/a"


def test_text_fields_keep_what_was_written() -> None:
    data = load_text(
        HEAD + "events:\n  - {id: e, date: 2025, title: no}\n  - {id: f, date: 2025, title: 1984}\n"
    )
    assert [e.title for e in data.events] == ["no", "1984"]


def test_the_issue_example_message() -> None:
    text = HEAD + textwrap.dedent("""\
        statements:
          - id: peskov-no
            date: 2025-09-05
            speaker: pescov
            text: "Assolutamente no."
        """)
    with pytest.raises(LoadError) as caught:
        load_text(text, "events.yaml")
    report = caught.value.report()
    assert (
        "events.yaml:7:14: error: statement 'peskov-no' names unknown speaker 'pescov' "
        "(did you mean 'peskov'?)" in report
    )
    assert "    7 |     speaker: pescov\n      |              ^" in report
    assert report.endswith("1 error")


def test_all_errors_are_reported_at_once() -> None:
    found = errors(
        """\
        titel: x
        actors:
          - id: Bad Id
            name: A
          - id: a
            name: [x]
            kind: persn
        events:
          - id: a
            date: 2025-13
            title: T
          - id: e2
            title: T
            actors: [zz]
        statements:
          - id: s
            date: 2025
            speaker: e2
            text: hi
            responds_to: s
        """
    )
    assert found == [
        "1:1: unknown key 'titel' in the file (did you mean 'title'?)",
        "3:9: 'Bad Id' is not a valid id",
        "6:11: expected text for the name of actor 'a', found a list",
        "7:11: 'persn' is not a valid kind of actor 'a' (did you mean 'person'?)",
        "9:9: duplicate id 'a': already used by actor at t.yaml:5:9",
        "10:11: bad date of event 'a': '2025-13' has month 13; months go from 01 to 12",
        "12:5: event 'e2' is missing the required key 'date'",
        "14:14: event 'e2' names unknown participant 'zz'",
        "18:14: statement 's' names 'e2' as speaker, but it is an event",
        "20:18: statement 's' responds to itself",
    ]


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ("", "1:1: the file is empty (or only comments)"),
        ("# nothing\n", "1:1: the file is empty (or only comments)"),
        ("- a\n- b\n", "1:1: expected a mapping at the top of the file, found a list"),
        ("actors: [1\n", "2:1: while parsing a flow sequence"),
        ("actors:\n\t- x\n", "2:1: found character that cannot start any token"),
        ("title: a\ntitle: b\n", "2:1: duplicate key 'title' in the file (first at line 1)"),
        (
            "title: !!python/object:os.system x\n",
            "1:8: the tag '!!python/object:os.system' is not allowed",
        ),
        (
            "events:\n  - {id: e, date: 2025-09-05, end: 2025-09-01, title: t}\n",
            "2:36: event 'e' ends (2025-09-01) before it starts (2025-09-05)",
        ),
        ("language: 42!\n", "1:11: '42!' is not a language tag"),
        ("actors: {a: 1}\n", "1:9: expected a list for actors, found a mapping"),
    ],
)
def test_single_problems(document: str, expected: str) -> None:
    found = errors(document)
    assert any(line.startswith(expected) for line in found), found


def test_reference_kinds_are_all_checked() -> None:
    found = errors(
        HEAD
        + """\
  - id: x
    name: X
    links: [{to: nobody, type: friend-of}]
sources: [{id: src, title: S}]
events:
  - {id: ev, date: 2025, title: E, actors: [putn], sources: [scr]}
statements:
  - id: s1
    date: 2025
    speaker: putin
    text: t
    on_behalf_of: kremln
    mentions: [peskv]
    event: evv
    responds_to: s9
    sources: [src2]
"""
    )
    messages = [f.split(": ", 1)[1] for f in found]
    assert messages == [
        "actor 'x' names unknown link target 'nobody'",
        "event 'ev' names unknown participant 'putn' (did you mean 'putin'?)",
        "event 'ev' names unknown source 'scr' (did you mean 'src'?)",
        "statement 's1' names unknown on_behalf_of actor 'kremln'",
        "statement 's1' names unknown mentioned actor 'peskv' (did you mean 'peskov'?)",
        "statement 's1' names unknown event 'evv' (did you mean 'ev'?)",
        "statement 's1' names unknown responds_to entry 's9'",
        "statement 's1' names unknown source 'src2' (did you mean 'src'?)",
    ]


def test_responds_to_cycles_of_two_and_more() -> None:
    def chain(pairs: list[tuple[str, str]]) -> str:
        body = "statements:\n"
        for sid, target in pairs:
            body += (
                f"  - {{id: {sid}, date: 2025, speaker: putin, text: t, responds_to: {target}}}\n"
            )
        return HEAD + body

    assert errors(chain([("a", "b"), ("b", "a")]))[-1].endswith(
        "responds_to forms a cycle: a → b → a"
    )
    long_cycle = errors(chain([("a", "b"), ("b", "c"), ("c", "d"), ("d", "a")]))
    assert long_cycle[-1].endswith("responds_to forms a cycle: a → b → c → d → a")


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    first = tmp_path / "one.yaml"
    second = tmp_path / "two.yaml"
    first.write_text(HEAD)
    second.write_text("actors:\n  - {id: putin, name: Putin again}\n")
    with pytest.raises(LoadError) as caught:
        load_paths([str(first), str(second)])
    (diag,) = caught.value.diagnostics
    assert diag.path.endswith("two.yaml") and (diag.line, diag.column) == (2, 10)
    # an actor defined differently in two files: both places named (identical ones merge)
    assert diag.message.startswith("actor 'putin' is defined here and at ")
    assert diag.message.endswith("one.yaml:3:10, differently (name)")


def test_files_merge_in_order(tmp_path: Path) -> None:
    first = tmp_path / "one.yaml"
    second = tmp_path / "two.yaml"
    first.write_text(HEAD + "events: [{id: e1, date: 2025-09-02, title: First}]\n")
    second.write_text("statements: [{id: s1, date: 2025-09-01, speaker: putin, text: Hi}]\n")
    data = load_paths([str(first), str(second)])
    assert [e.id for e in data.events] == ["e1"]
    assert data.statements[0].speaker == "putin"
