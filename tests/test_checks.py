"""The cross-file checks: references of the wrong kind or to nothing, and responds_to cycles.

Messages are compared whole, with their place and hint, as ``--check`` prints them.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from timeline_explorer.loader import Diagnostic, LoadError, load_paths, load_text

HEAD = """\
sources: [{id: paper, title: P}]
actors:
  - {id: anna, name: Anna}
  - {id: bob, name: Bob}
events:
  - {id: summit, date: 2025, title: S}
"""


def diagnostics(text: str) -> list[Diagnostic]:
    with pytest.raises(LoadError) as caught:
        load_text(textwrap.dedent(text), "t.yaml")
    return list(caught.value.diagnostics)


def only(text: str) -> tuple[int, int, str, str | None]:
    (diag,) = diagnostics(text)
    return diag.line, diag.column, diag.message, diag.hint


# -- references of the wrong kind: the article and the expected kinds ----------------------


@pytest.mark.parametrize(
    ("line", "message", "hint"),
    [
        (
            "  - {id: s, date: 2025, speaker: summit, text: t}",
            "statement 's' names 'summit' as speaker, but it is an event",
            "expected the id of an actor",
        ),
        (
            "  - {id: s, date: 2025, speaker: paper, text: t}",
            "statement 's' names 'paper' as speaker, but it is a source",
            "expected the id of an actor",
        ),
        (
            "  - {id: s, date: 2025, speaker: anna, text: t, responds_to: bob}",
            "statement 's' names 'bob' as responds_to entry, but it is an actor",
            "expected the id of an event or statement",
        ),
        (
            "  - {id: s, date: 2025, speaker: anna, text: t, responds_to: paper}",
            "statement 's' names 'paper' as responds_to entry, but it is a source",
            "expected the id of an event or statement",
        ),
        (
            "  - {id: s, date: 2025, speaker: anna, text: t, sources: [anna]}",
            "statement 's' names 'anna' as source, but it is an actor",
            "expected the id of a source",
        ),
        (
            "  - {id: s, date: 2025, speaker: anna, text: t, event: paper}",
            "statement 's' names 'paper' as event, but it is a source",
            "expected the id of an event",
        ),
    ],
)
def test_a_reference_of_the_wrong_kind(line: str, message: str, hint: str) -> None:
    found = only(HEAD + "statements:\n" + line + "\n")
    column = line.rindex(message.split("'")[3]) + 1
    assert found == (8, column, message, hint)


def test_a_reference_to_a_statement_of_the_wrong_kind() -> None:
    found = only(
        HEAD
        + "statements:\n"
        + "  - {id: s1, date: 2025, speaker: anna, text: t}\n"
        + "  - {id: s2, date: 2025, speaker: anna, text: t, event: s1}\n"
    )
    assert found == (
        9,
        57,
        "statement 's2' names 's1' as event, but it is a statement",
        "expected the id of an event",
    )


# -- references to nothing: the kinds named in the hint, suggestions of the right kind -------


def test_an_unknown_reply_target_names_both_kinds() -> None:
    found = only(HEAD + "statements: [{id: s, date: 2025, speaker: anna, text: t, responds_to: x}]")
    assert found == (
        7,
        71,
        "statement 's' names unknown responds_to entry 'x'",
        "define the event or statement with id 'x', or fix the id",
    )


def test_an_unknown_actor_names_one_kind() -> None:
    found = only(HEAD + "statements: [{id: s, date: 2025, speaker: ana, text: t}]")
    assert found == (
        7,
        43,
        "statement 's' names unknown speaker 'ana' (did you mean 'anna'?)",
        "define the actor with id 'ana', or fix the id",
    )


def test_suggestions_come_only_from_the_expected_kinds() -> None:
    # 'summitt' is close to the event 'summit', but a speaker must be an actor.
    (_, _, message, _) = only(HEAD + "statements: [{id: s, date: 2025, speaker: summitt, text: t}]")
    assert message == "statement 's' names unknown speaker 'summitt'"
    # A reply may answer an event or a statement: both are suggested.
    (_, _, message, _) = only(
        HEAD + "statements: [{id: s, date: 2025, speaker: anna, text: t, responds_to: sumit}]"
    )
    assert message == (
        "statement 's' names unknown responds_to entry 'sumit' (did you mean 'summit'?)"
    )


def test_a_reference_to_a_kind_the_files_never_define() -> None:
    found = only(
        "actors: [{id: anna, name: Anna}]\n"
        "statements: [{id: s, date: 2025, speaker: anna, text: t, sources: [paper]}]\n"
    )
    assert found == (
        2,
        68,
        "statement 's' names unknown source 'paper'",
        "define the source with id 'paper', or fix the id",
    )


def test_references_across_files_are_resolved(tmp_path: Path) -> None:
    first = tmp_path / "one.yaml"
    second = tmp_path / "two.yaml"
    first.write_text("statements: [{id: s, date: 2025, speaker: anna, text: t, event: summit}]\n")
    second.write_text(HEAD)
    data = load_paths([str(first), str(second)])
    assert data.statements[0].event == "summit"


# -- cycles ---------------------------------------------------------------------------------


def chain(*pairs: tuple[str, str]) -> str:
    body = HEAD + "statements:\n"
    for sid, target in pairs:
        body += f"  - {{id: {sid}, date: 2025, speaker: anna, text: t, responds_to: {target}}}\n"
    return body


def test_a_statement_answering_itself() -> None:
    assert only(chain(("a", "a"))) == (
        8,
        62,
        "statement 'a' responds to itself",
        "a reply must come after what it answers",
    )


def test_a_cycle_is_reported_once_from_its_first_statement_in_file_order() -> None:
    # The walk enters the cycle a → b → c → a at c, from x; it is still told from a, at a.
    found = only(chain(("x", "c"), ("a", "b"), ("b", "c"), ("c", "a")))
    assert found == (
        9,
        62,
        "responds_to forms a cycle: a → b → c → a",
        "a reply must come after what it answers",
    )


def test_a_cycle_of_two_written_backwards() -> None:
    found = only(chain(("q", "p"), ("p", "q")))
    assert found[:3] == (8, 62, "responds_to forms a cycle: q → p → q")


def test_two_cycles_are_two_errors_and_chains_are_none() -> None:
    found = diagnostics(
        chain(
            ("a", "b"),
            ("b", "a"),
            ("c", "summit"),
            ("d", "c"),
            ("e", "d"),
            ("f", "a"),
            ("g", "g"),
        )
    )
    assert [(d.line, d.message) for d in found] == [
        (8, "responds_to forms a cycle: a → b → a"),
        (14, "statement 'g' responds to itself"),
    ]


def test_a_long_chain_without_a_cycle_loads() -> None:
    pairs = [(f"s{i}", f"s{i - 1}") for i in range(1, 40)]
    data = load_text(chain(("s0", "summit"), *pairs))
    assert len(data.statements) == 40
