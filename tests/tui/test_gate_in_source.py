"""A static check of the renderers' source: text from the data reaches a widget only through the
gate, and no widget given text that is not a literal reads it as markup.

The hostile-fixture walk (test_hostile_screens.py) proves what the screens show today; this test
catches a new call site before it ever renders: a field of a record (``actor.name``,
``link.type``…) written straight into ``Text``, ``Segment``, ``Static``, a palette hit or a
notice, without ``visible``/``one_line``/``escaped`` or a helper that applies them.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import timeline_explorer

PACKAGE = Path(timeline_explorer.__file__).parent
SOURCES = [*sorted((PACKAGE / "tui").rglob("*.py")), PACKAGE / "plain.py"]

# Calls that put text on a screen or into a renderable.
RENDERERS = {
    "Text",
    "assemble",
    "append",
    "Segment",
    "Static",
    "Label",
    "Option",
    "Hit",
    "DiscoveryHit",
    "Content",
    "add_row",
    "notify",
    "update",
    "Link",
    "Block",
}
# Calls whose result has passed the gate (or builds on it).
GATES = {
    "visible",
    "one_line",
    "escaped",
    "visible_tabs",
    "entry_label",
    "literal",
    "highlighted",
    "help_text",
    "fact",
    "labelled",
    "name",  # Shown.name: one_line of the actor's name
    "short",  # Shown.short: one_line
    "quote_text",  # wraps text already made visible
    "row_text",
    "truncate",  # cuts text already made visible
    "_md",
}
# Fields of the model's records that hold free text from the data.
DATA_FIELDS = {
    "name",
    "title",
    "text",
    "description",
    "place",
    "context",
    "type",
    "url",
    "publisher",
    "aliases",
    "tags",
}


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _raw_data(node: ast.AST) -> list[ast.AST]:
    """Data-field reads or ``actor_name(...)`` calls inside ``node`` not under a gate call."""
    found: list[ast.AST] = []

    def walk(item: ast.AST) -> None:
        if isinstance(item, ast.Call):
            name = _name(item.func)
            if name in GATES:
                return
            if name == "actor_name":
                found.append(item)
                return
        if (
            isinstance(item, ast.Attribute)
            and item.attr in DATA_FIELDS
            and isinstance(item.ctx, ast.Load)
            and not _is_self(item.value)
        ):
            found.append(item)
            return
        for child in ast.iter_child_nodes(item):
            walk(child)

    walk(node)
    return found


def _is_self(value: ast.expr) -> bool:
    """``self.title``, ``binding.description``: the program's own state, not the data's."""
    return isinstance(value, ast.Name) and value.id in ("self", "binding")


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_data_reaches_renderers_only_through_the_gate(path: Path) -> None:
    tree = ast.parse(path.read_text(), str(path))
    problems = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or _name(node.func) not in RENDERERS:
            continue
        arguments = [*node.args, *(k.value for k in node.keywords)]
        for argument in arguments:
            for raw in _raw_data(argument):
                problems.append(f"{path.name}:{getattr(raw, 'lineno', 0)}: {ast.unparse(raw)}")
    assert problems == []


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_widgets_given_computed_text_never_read_it_as_markup(path: Path) -> None:
    tree = ast.parse(path.read_text(), str(path))
    problems = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        if name not in ("Static", "Label", "notify"):
            continue
        first = node.args[0] if node.args else None
        if first is None or isinstance(first, ast.Constant):
            continue  # a literal written here, or no text
        markup = next((k.value for k in node.keywords if k.arg == "markup"), None)
        plain_value = isinstance(markup, ast.Constant) and markup.value is False
        if not plain_value and not _is_renderable(first):
            problems.append(f"{path.name}:{node.lineno}: {ast.unparse(node)[:80]}")
    assert problems == []


def _is_renderable(node: ast.expr) -> bool:
    """A Text or Table built here is never read as markup."""
    return isinstance(node, ast.Call) and _name(node.func) in ("Text", "assemble")
