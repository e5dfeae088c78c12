"""The cross-file checks, located: each problem that ``checks`` finds becomes a diagnostic at the
place it was written.

``checks`` holds the rules, shared with the fast path (unknown ids, references to the wrong kind
of record, ``responds_to`` cycles, contradictions of the timeline order); here the strict path
turns each problem into a :class:`Diagnostic` at the node that carries it, naming where the other
records are.
"""

from __future__ import annotations

from yaml.nodes import Node

from ..checks import Timeline, bad_references, reply_cycles
from ..model import Statement
from .diagnostics import Diagnostic, did_you_mean
from .source import SourceText, diag
from .walker import Definition, NodeReference


def check_references(
    references: list[NodeReference],
    definitions: dict[str, Definition],
    diagnostics: list[Diagnostic],
) -> None:
    """Report each reference to an unknown id (with the closest id of the kinds it may name)
    or to a record of the wrong kind, at the value that names it."""
    by_kind: dict[str, list[str]] = {}
    for name, definition in definitions.items():
        by_kind.setdefault(definition.kind, []).append(name)
    kinds = {name: definition.kind for name, definition in definitions.items()}
    for ref, found in bad_references(references, kinds):
        source, node = ref.where
        mark = node.start_mark
        expected = " or ".join(ref.expected)
        if found is None:
            candidates = [n for kind in ref.expected for n in by_kind.get(kind, [])]
            message = f"{ref.owner} names unknown {ref.role} '{ref.target}'" + did_you_mean(
                ref.target, candidates
            )
            hint = f"define the {expected} with id '{ref.target}', or fix the id"
        else:
            article = "an" if found[0] in "aeiou" else "a"
            message = f"{ref.owner} names '{ref.target}' as {ref.role}, but it is {article} {found}"
            hint = f"expected the id of {'an' if expected[0] in 'aeiou' else 'a'} {expected}"
        diagnostics.append(diag(source, mark.line + 1, mark.column + 1, message, hint))


def check_cycles(
    statements: list[tuple[Statement, SourceText, Node]], diagnostics: list[Diagnostic]
) -> None:
    """Report every responds_to cycle once, at the first statement of it in file order."""
    by_id = {s.id: (s, src, node) for s, src, node in statements}
    for cycle in reply_cycles(list(by_id), lambda sid: by_id[sid][0].responds_to):
        first = min(cycle, key=lambda sid: by_id[sid][0].order)
        _, src, node = by_id[first]
        mark = node.start_mark
        if len(cycle) == 1:
            message = f"statement '{first}' responds to itself"
        else:
            rotated = cycle[cycle.index(first) :] + cycle[: cycle.index(first)]
            message = "responds_to forms a cycle: " + " → ".join([*rotated, first])
        diagnostics.append(
            diag(
                src,
                mark.line + 1,
                mark.column + 1,
                message,
                "a reply must come after what it answers",
            )
        )


def check_order(
    line: Timeline,
    placements: dict[tuple[str, str, str], tuple[SourceText, Node]],
    definitions: dict[str, Definition],
    diagnostics: list[Diagnostic],
) -> None:
    """Report each contradiction of the order and each loop of after/before, located at the
    constraint that fails and naming where the other entry is."""
    entries = line.entries

    def place(i: int) -> str:
        found = definitions.get(entries[i].id)
        return f"{found.name}:{found.line}:{found.column}" if found else "?"

    for problem in line.problems():
        carried = [c for c in problem.constraints if line.origins[c][0] == problem.item]
        owner, field_name, target = line.origins[(carried or list(problem.constraints))[0]]
        where = placements.get((entries[owner].id, field_name, target))
        if where is None:
            continue
        source, node = where
        mark = node.start_mark
        message = problem.explain(lambda i: f"'{entries[i].id}'")
        if problem.kind == "cycle":
            others = [i for i in problem.items if i != owner]
            if others:
                message += " (" + ", ".join(f"'{entries[i].id}' at {place(i)}" for i in others)
                message += ")"
            hint = "an entry cannot come after itself: remove one of these after, before or "
            hint += "responds_to"
        else:
            item, other = entries[problem.item], entries[problem.other]
            message += (
                f" ('{item.id}' is dated {item.date.text}; '{other.id}' is dated "
                f"{other.date.text}, at {place(problem.other)})"
            )
            hint = "fix one of the dates, or the after, before, responds_to or event between them"
        diagnostics.append(diag(source, mark.line + 1, mark.column + 1, message, hint))
