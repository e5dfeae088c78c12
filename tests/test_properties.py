"""Property tests of the loader: valid documents round-trip; mutated ones load or explain.

The number of examples is bounded (see ``settings``) so CI stays fast.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline_explorer.loader import LoadError, load_text
from timeline_explorer.model import ACTOR_KINDS, STATEMENT_KINDS, PartialDate

from .dump import dump_yaml, to_document

PROFILE = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)

slugs = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,12}", fullmatch=True)
texts = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() != "")
maybe_text = st.none() | texts


def _starts(text: str) -> int:
    return PartialDate.parse(text).start


@st.composite
def dates(draw: st.DrawFn) -> str:
    year = draw(st.integers(1, 2100))
    precision = draw(st.integers(0, 4))
    if precision == 0:
        return f"{year:04d}"
    month = draw(st.integers(1, 12))
    if precision == 1:
        return f"{year:04d}-{month:02d}"
    day = draw(st.integers(1, 28))
    if precision == 2:
        return f"{year:04d}-{month:02d}-{day:02d}"
    hour, minute = draw(st.integers(0, 23)), draw(st.integers(0, 59))
    tz = draw(st.sampled_from(["", "Z", "+02:00", "-05:30"]))
    return f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}{tz}"


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    ids = draw(st.lists(slugs, min_size=4, max_size=24, unique=True))
    n_sources = draw(st.integers(0, min(2, len(ids) - 2)))
    n_actors = draw(st.integers(1, min(6, len(ids) - n_sources - 1)))
    source_ids, rest = ids[:n_sources], ids[n_sources:]
    actor_ids, rest = rest[:n_actors], rest[n_actors:]
    n_events = draw(st.integers(0, len(rest)))
    event_ids, statement_ids = rest[:n_events], rest[n_events:]

    def pick(pool: list[str], most: int = 3) -> list[str]:
        return draw(st.lists(st.sampled_from(pool), max_size=most, unique=True)) if pool else []

    doc: dict[str, Any] = {}
    if draw(st.booleans()):
        doc["title"] = draw(texts)
    if draw(st.booleans()):
        doc["language"] = draw(st.sampled_from(["it", "en", "pt-BR"]))
    doc["sources"] = [{"id": s, "title": draw(texts), "url": draw(maybe_text)} for s in source_ids]
    doc["actors"] = [
        {
            "id": a,
            "name": draw(texts),
            "kind": draw(st.sampled_from(ACTOR_KINDS)),
            "description": draw(maybe_text),
            "aliases": draw(st.lists(texts, max_size=2)),
            "links": [{"to": t, "type": draw(texts)} for t in pick(actor_ids, 2)],
        }
        for a in actor_ids
    ]
    doc["events"] = [
        {
            "id": e,
            "date": draw(dates()),
            "title": draw(texts),
            "description": draw(maybe_text),
            "place": draw(maybe_text),
            "actors": pick(actor_ids),
            "sources": pick(source_ids, 1),
            "tags": draw(st.lists(texts, max_size=2)),
        }
        for e in event_ids
    ]
    # A reply, or a statement at an event, is dated at or after what it names (anything else is
    # a contradiction, tested apart): it takes that date, or its own when it is later.
    statements = []
    dated = {e["id"]: e["date"] for e in doc["events"]}
    for n, s in enumerate(statement_ids):
        earlier = event_ids + statement_ids[:n]
        event = draw(st.none() | st.sampled_from(event_ids)) if event_ids else None
        responds_to = draw(st.none() | st.sampled_from(earlier)) if earlier else None
        when = draw(dates())
        for named in (event, responds_to):
            if named is not None and _starts(dated[named]) > _starts(when):
                when = dated[named]
        dated[s] = when
        statements.append(
            {
                "id": s,
                "date": when,
                "speaker": draw(st.sampled_from(actor_ids)),
                "text": draw(texts),
                "kind": draw(st.sampled_from(STATEMENT_KINDS)),
                "context": draw(maybe_text),
                "on_behalf_of": draw(st.none() | st.sampled_from(actor_ids)),
                "mentions": pick(actor_ids),
                "event": event,
                "responds_to": responds_to,
            }
        )
    doc["statements"] = statements
    return doc


def _strip_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_none(v) for k, v in value.items() if v not in (None, [])}
    if isinstance(value, list):
        return [_strip_none(v) for v in value]
    return value


@PROFILE
@given(documents())
def test_valid_documents_round_trip(document: dict[str, Any]) -> None:
    text = dump_yaml(_strip_none(document))
    first = load_text(text, "generated.yaml")
    again = load_text(dump_yaml(to_document(first)), "dumped.yaml")
    assert again == first
    assert [a.id for a in first.actors] == [a["id"] for a in document["actors"]]
    assert [s.text for s in first.statements] == [s["text"] for s in document["statements"]]


MUTATIONS = st.sampled_from(
    ["delete", "insert", "duplicate-line", "swap-lines", "indent", "truncate"]
)


@PROFILE
@given(
    documents(),
    st.lists(st.tuples(MUTATIONS, st.integers(0, 10**6), st.characters()), min_size=1, max_size=4),
)
def test_mutated_documents_load_or_explain(
    document: dict[str, Any], mutations: list[tuple[str, int, str]]
) -> None:
    text = dump_yaml(_strip_none(document))
    for kind, where, char in mutations:
        lines = text.split("\n")
        at = where % max(len(text), 1)
        row = where % max(len(lines), 1)
        if kind == "delete":
            text = text[:at] + text[at + 1 :]
        elif kind == "insert":
            text = text[:at] + char + text[at:]
        elif kind == "duplicate-line":
            lines.insert(row, lines[row])
            text = "\n".join(lines)
        elif kind == "swap-lines" and len(lines) > 1:
            other = (row + 1) % len(lines)
            lines[row], lines[other] = lines[other], lines[row]
            text = "\n".join(lines)
        elif kind == "indent":
            lines[row] = "  " + lines[row]
            text = "\n".join(lines)
        elif kind == "truncate":
            text = text[:at]
    try:
        load_text(text, "mutated.yaml")
    except LoadError as error:
        assert error.diagnostics
        line_count = text.count("\n") + 2
        for diagnostic in error.diagnostics:
            assert 1 <= diagnostic.line <= line_count
            assert diagnostic.column >= 1
            assert diagnostic.message
        assert error.report()
