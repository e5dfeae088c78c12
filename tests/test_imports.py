"""Import hygiene: no import cycle in the package, and the core never reaches Textual.

The graph is read from the source with :mod:`ast`, so every import counts: at the top, inside
functions, and under ``TYPE_CHECKING``.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

PACKAGE = "timeline_explorer"
SOURCE = Path(__file__).parent.parent / "src" / PACKAGE
FRONT_ENDS = ("tui", "cli", "console", "serve", "__main__")
"""Modules (and packages) that may open a terminal UI; everything else is the core."""


def module_name(path: Path) -> str:
    parts = path.relative_to(SOURCE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(SOURCE.rglob("*.py"))}


def imports(name: str, path: Path, known: set[str]) -> tuple[set[str], set[str]]:
    """Modules of the package that ``name`` imports, and the top-level names of others."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    is_package = path.name == "__init__.py"
    inside: set[str] = set()
    outside: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".")
                base = base if is_package else base[:-1]
                base = base[: len(base) - (node.level - 1)]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            targets = [module]
            targets += [f"{module}.{alias.name}" for alias in node.names]
        else:
            continue
        for target in targets:
            if target in known:
                inside.add(target)
            elif not target.startswith(PACKAGE):
                outside.add(target.split(".")[0])
    inside.discard(name)
    return inside, outside


@functools.cache
def graph() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    found = modules()
    known = set(found)
    edges: dict[str, set[str]] = {}
    external: dict[str, set[str]] = {}
    for name, path in found.items():
        edges[name], external[name] = imports(name, path, known)
    return edges, external


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan's algorithm)."""
    counter = 0
    number: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        nonlocal counter
        number[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for other in sorted(edges.get(node, ())):
            if other not in number:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], number[other])
        if low[node] == number[node]:
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(edges):
        if node not in number:
            visit(node)
    return groups


def is_front_end(name: str) -> bool:
    parts = name.split(".")
    return len(parts) > 1 and parts[1] in FRONT_ENDS


def test_the_graph_sees_the_imports() -> None:
    edges, external = graph()
    assert f"{PACKAGE}.tui.screens.home" in edges[f"{PACKAGE}.tui.app"]
    assert f"{PACKAGE}.tui.app" in edges[f"{PACKAGE}.cli"]  # imported inside a function
    assert "textual" in external[f"{PACKAGE}.tui.app"]
    assert f"{PACKAGE}.index" in edges[f"{PACKAGE}.tui.text"]  # a relative import, two dots


LOADER_FLOW = ("diagnostics", "source", "nodes", "walker", "cross_checks", "pipeline", "indexed")
"""The modules of the ``loader`` package in the order the data flows through them."""


def test_the_loader_package_imports_only_down_its_flow() -> None:
    """Each module of the loader imports only modules before it in the flow, and the package
    re-exports the entry points: no module reaches back up (a cycle waiting to happen)."""
    edges, external = graph()
    names = [f"{PACKAGE}.loader.{module}" for module in LOADER_FLOW]
    assert sorted(n for n in edges if n.startswith(f"{PACKAGE}.loader.")) == sorted(names)
    for i, name in enumerate(names):
        inside = {m for m in edges[name] if m.startswith(f"{PACKAGE}.loader")}
        assert inside <= set(names[:i]), name
    assert {f"{PACKAGE}.loader.pipeline", f"{PACKAGE}.loader.indexed"} <= edges[f"{PACKAGE}.loader"]
    assert "yaml" not in external[f"{PACKAGE}.loader.diagnostics"]  # messages need no parser
    assert f"{PACKAGE}.loader" in edges[f"{PACKAGE}.cli"]


def test_cycles_are_found() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle() -> None:
    edges, _ = graph()
    assert cycles(edges) == []


@pytest.mark.parametrize("name", sorted(n for n in modules() if not is_front_end(n)))
def test_the_core_never_reaches_textual(name: str) -> None:
    """No core module imports Textual or a front end, directly or through another module."""
    edges, external = graph()
    seen = {name}
    todo = [name]
    while todo:
        for other in edges[todo.pop()]:
            if other not in seen:
                seen.add(other)
                todo.append(other)
    assert not [m for m in seen if is_front_end(m)]
    assert not [m for m in seen if "textual" in external[m]]
