"""The declaration of the format is the one source of every path that reads, writes or shows it.

The model's dataclasses are checked against it; a field added to a copy of it is carried by the
strict loader, the fast builder, the cache, ``dump``, the JSON output and the field table, and
refused loudly by the real declaration.
"""

from __future__ import annotations

import ast
import dataclasses
import json
import textwrap
from dataclasses import MISSING, make_dataclass
from pathlib import Path

import pytest

from timeline_explorer import cache, fastload, model
from timeline_explorer.export.fields import derive_fields
from timeline_explorer.export.json_doc import entry_json
from timeline_explorer.index import TimelineIndex
from timeline_explorer.loader import LoadError, load_text
from timeline_explorer.schema import SCHEMA, FieldSpec, RecordSpec, Schema, Show

from .dump import dump_yaml, record_document, to_document

SRC = Path(__file__).parent.parent / "src" / "timeline_explorer"

# The annotation each kind of value has in the model.
ANNOTATION = {
    "id": "str",
    "text": "str | None",
    "texts": "tuple[str, ...]",
    "date": "PartialDate | None",
    "choice": "str",
    "ref": "str | None",
    "refs": "tuple[str, ...]",
    "language": "str | None",
    "records": "tuple[Link, ...]",
}
REQUIRED_ANNOTATION = {"text": "str", "ref": "str", "date": "PartialDate"}


@pytest.mark.parametrize("spec", list(SCHEMA.records.values()), ids=lambda s: s.kind)
def test_the_model_is_what_the_declaration_says(spec: RecordSpec) -> None:
    fields = {f.name: f for f in dataclasses.fields(spec.record) if f.name != "order"}
    assert list(fields) != []
    assert set(fields) == {f.name for f in spec.fields}
    for declared in spec.fields:
        actual = fields[declared.name]
        expected = ANNOTATION[declared.type]
        if declared.required:
            expected = REQUIRED_ANNOTATION.get(declared.type, expected)
        assert actual.type == expected, declared.name
        if declared.required:
            assert actual.default is MISSING, declared.name
        else:
            assert actual.default == declared.default, declared.name
        if declared.type in ("ref", "refs"):
            assert declared.refers_to and set(declared.refers_to) <= set(SCHEMA.records)


def _calls_with_positional_records(path: Path) -> list[str]:
    names = {spec.record.__name__ for spec in SCHEMA.records.values()} | {"Dataset"}
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args:
            callee = node.func
            name = callee.id if isinstance(callee, ast.Name) else None
            if isinstance(callee, ast.Attribute):
                name = callee.attr
            if name in names:
                found.append(f"{path.name}:{node.lineno} {name}(...)")
    return found


def test_records_are_built_with_keyword_arguments_only() -> None:
    # Most fields are ``str | None``: two swapped positional arguments would pass mypy.
    modules = [p for p in SRC.rglob("*.py") if "tui" not in p.parts]
    assert len(modules) > 10
    found = [call for path in modules for call in _calls_with_positional_records(path)]
    assert found == []


def test_the_checker_sees_a_positional_construction(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("x = Statement('a', d, 'b', 't')\ny = Event(id='e', date=d, title='t')\n")
    assert _calls_with_positional_records(bad) == ["bad.py:1 Statement(...)"]


# -- one more field, in a copy of the declaration ----------------------------------------------

MOOD = FieldSpec("mood", "mood", "text", shared=True, show=Show("mood", "text", "brief", 45))
MoodStatement = make_dataclass(
    "MoodStatement",
    [(f.name, f.type, f) for f in dataclasses.fields(model.Statement)]
    + [("mood", "str | None", dataclasses.field(default=None))],
    frozen=True,
    slots=True,
    namespace={"type": property(lambda self: "statement"), "kind_label": "quote"},
)
WITH_MOOD = Schema(
    {
        **SCHEMA.records,
        "statement": dataclasses.replace(
            SCHEMA.records["statement"],
            record=MoodStatement,
            fields=(*SCHEMA.records["statement"].fields, MOOD),
        ),
    }
)
DOCUMENT = textwrap.dedent(
    """\
    actors: [{id: anna, name: Anna}]
    statements:
      - {id: s, date: 2025-09-04, speaker: anna, text: Yes., mood: calm}
      - {id: t, date: 2025-09-05, speaker: anna, text: No., responds_to: s}
    """
)


def test_the_real_declaration_refuses_the_new_key() -> None:
    with pytest.raises(LoadError) as caught:
        load_text(DOCUMENT, "m.yaml", fast=False)
    assert "unknown key 'mood' in statement #1" in caught.value.report()


def test_every_path_carries_a_field_added_to_the_declaration() -> None:
    strict = load_text(DOCUMENT, "m.yaml", fast=False, schema=WITH_MOOD)
    first, second = strict.statements
    assert isinstance(first, MoodStatement)
    assert (getattr(first, "mood"), getattr(second, "mood")) == ("calm", None)  # noqa: B009
    assert (first.text, second.responds_to) == ("Yes.", "s")

    built = fastload.load_fast([DOCUMENT], WITH_MOOD)
    if fastload.parser_available():
        assert built is not None
        assert tuple(built[0].statements) == strict.statements

    assert record_document(first, WITH_MOOD)["mood"] == "calm"
    assert "mood" not in record_document(second, WITH_MOOD)
    document = to_document(strict, WITH_MOOD)
    assert document["statements"][0]["mood"] == "calm"

    index = TimelineIndex.build(strict)
    assert entry_json(index, first)["mood"] == "calm"

    rows = {row.attr: row for row in derive_fields(WITH_MOOD)}
    assert rows["mood"].label == "mood" and rows["mood"].types == ("statement",)
    assert "mood" not in {row.attr for row in derive_fields()}

    payload = cache.encode(strict, WITH_MOOD)
    assert "calm" in json.dumps(payload)
    assert cache.decode(payload, WITH_MOOD) == strict


def test_a_field_the_model_lacks_fails_loudly() -> None:
    broken = Schema(
        {
            **SCHEMA.records,
            "event": dataclasses.replace(
                SCHEMA.records["event"], fields=(*SCHEMA.records["event"].fields, MOOD)
            ),
        }
    )
    text = "events: [{id: e, date: 2025, title: T, mood: calm}]\n"
    with pytest.raises(TypeError, match="mood"):
        load_text(text, fast=False, schema=broken)
    with pytest.raises(TypeError, match="mood"):
        fastload.load_fast([text], broken)


def test_dump_and_load_agree_on_every_record() -> None:
    story = (Path(__file__).parent / "data" / "small.yaml").read_text(encoding="utf-8")
    dataset = load_text(story, fast=False)
    again = load_text(dump_yaml(to_document(dataset)), fast=False)
    assert again == dataclasses.replace(dataset, files=again.files)
