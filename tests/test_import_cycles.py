"""No import cycles anywhere in ``commboard``.

Builds the package's import graph from the source (the syntax tree, so the
modules are never run) and fails naming each cycle.  Every import counts: at
the top of a module, inside a function, under ``if TYPE_CHECKING:``, relative
or absolute, and ``from commboard.x import y`` where ``y`` is a submodule.  A
module that needs something from a sibling that needs it back is a sign that a
third, lower module is missing (see DESIGN.md).
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "commboard"


def module_names(root: Path) -> dict[str, Path]:
    """Every module of the package under ``root``, by dotted name (packages by their own name)."""
    names: dict[str, Path] = {}
    for path in sorted(root.rglob("*.py")):
        parts = (root.name, *path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names[".".join(parts)] = path
    return names


def _absolute(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    """The absolute module a ``from ... import`` names, resolving leading dots."""
    if node.level == 0:
        return node.module or ""
    base = module.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _owner(name: str, modules: dict[str, Path]) -> str | None:
    """The package module that ``name`` is, or is defined in (longest known prefix)."""
    parts = name.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in modules:
            return candidate
        parts.pop()
    return None


def imports_of(module: str, modules: dict[str, Path]) -> set[str]:
    """The package modules ``module`` imports, wherever in the file the import stands."""
    path = modules[module]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            source = _absolute(module, is_package, node)
            # ``from pkg import name``: the submodule ``pkg.name`` if there is one, else
            # ``pkg`` itself (where ``name`` is defined).
            targets = [
                f"{source}.{alias.name}" if f"{source}.{alias.name}" in modules else source
                for alias in node.names
            ]
        else:
            continue
        for target in targets:
            owner = _owner(target, modules)
            if owner is not None and owner != module:
                found.add(owner)
    return found


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module -> the package modules it imports, for the whole package under ``root``."""
    modules = module_names(root)
    return {name: imports_of(name, modules) for name in modules}


def _reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    """Every module ``start`` leads to through one or more imports."""
    seen: set[str] = set()
    todo = list(graph[start])
    while todo:
        node = todo.pop()
        if node not in seen:
            seen.add(node)
            todo += graph.get(node, ())
    return seen


def _loop_groups(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that reach one another (each a loop of two or more)."""
    reach = {node: _reachable(graph, node) for node in graph}
    groups: list[list[str]] = []
    placed: set[str] = set()
    for node in sorted(graph):
        if node in placed or node not in reach[node]:
            continue
        group = sorted(other for other in reach[node] if node in reach[other])
        placed.update(group)
        groups.append(group)
    return groups


def _cycle_through(group: list[str], graph: dict[str, set[str]]) -> list[str]:
    """One concrete loop inside a group, as the modules in import order back to the first."""
    members = set(group)
    start = group[0]
    paths = {start: [start]}
    frontier = [start]
    while frontier:  # breadth first: the shortest way round
        following: list[str] = []
        for node in frontier:
            for child in sorted(graph[node] & members):
                if child == start:
                    return [*paths[node], start]
                if child not in paths:
                    paths[child] = [*paths[node], child]
                    following.append(child)
        frontier = following
    raise AssertionError(f"no loop through {start} in {group}")  # the group is a loop


def import_cycles(graph: dict[str, set[str]]) -> list[str]:
    """Each cycle as ``a -> b -> a``, one line per group of modules that import one another."""
    return [" -> ".join(_cycle_through(group, graph)) for group in _loop_groups(graph)]


def test_the_package_has_no_import_cycle() -> None:
    graph = import_graph(PACKAGE)
    assert "commboard.board.session" in graph  # the walk found the package
    cycles = import_cycles(graph)
    assert cycles == [], "import cycles (break each with a lower module):\n" + "\n".join(cycles)


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "pkg"


def test_a_cycle_through_a_lazy_import_is_named(tmp_path: Path) -> None:
    pkg = _write(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/a.py": "from pkg.b import thing\n",
            "pkg/b.py": "def thing():\n    from pkg import c\n    return c\n",
            "pkg/c.py": "from . import a\n",
            "pkg/d.py": "import pkg.a\n",  # imports into the loop but is not part of it
        },
    )
    assert import_cycles(import_graph(pkg)) == ["pkg.a -> pkg.b -> pkg.c -> pkg.a"]


def test_submodule_imports_and_relative_parents_are_followed(tmp_path: Path) -> None:
    pkg = _write(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/sub/__init__.py": "from pkg.sub import low\n",
            "pkg/sub/low.py": "from typing import TYPE_CHECKING\n"
            "if TYPE_CHECKING:\n    from ..top import Top\n",
            "pkg/top.py": "from pkg.sub.low import helper\n",
        },
    )
    graph = import_graph(pkg)
    assert graph["pkg.sub"] == {"pkg.sub.low"}
    assert graph["pkg.sub.low"] == {"pkg.top"}
    assert import_cycles(graph) == ["pkg.sub.low -> pkg.top -> pkg.sub.low"]


def test_a_package_without_loops_passes(tmp_path: Path) -> None:
    pkg = _write(
        tmp_path,
        {
            "pkg/__init__.py": "from pkg.a import x\n",
            "pkg/a.py": "import os\nfrom pkg import b\nx = b.y\n",
            "pkg/b.py": "y = 1\n",
        },
    )
    graph = import_graph(pkg)
    assert graph == {"pkg": {"pkg.a"}, "pkg.a": {"pkg.b"}, "pkg.b": set()}
    assert import_cycles(graph) == []
