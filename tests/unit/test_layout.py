"""The map holds: one package guichet.*, imports pointing one way, no cycle.

Read from the source with ``ast`` (nothing is imported), so a new module is checked the
day it is written.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

from tests.support.paths import REPO

PARTS = ("content", "voice", "kiosk", "tours", "hardware")
ALLOWED = {
    # part: the parts it may import (besides itself)
    "content": set(),
    "voice": {"content"},
    "tours": {"content", "voice"},
    "hardware": {"voice"},
    "kiosk": {"content", "voice", "tours", "hardware"},
}


def _modules() -> dict[str, Path]:
    found = {}
    for part in PARTS:
        for path in sorted((REPO / part).rglob("*.py")):
            rel = path.relative_to(REPO).with_suffix("").parts
            name = ".".join(("guichet", *(rel[:-1] if rel[-1] == "__init__" else rel)))
            found[name] = path
    return found


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The guichet modules ``path`` imports (``from pkg import module`` counts the module)."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.startswith("guichet.")}
        elif isinstance(node, ast.ImportFrom) and node.module:
            module = node.module
            if node.level:  # relative imports: none today, but resolve them if one comes
                base = name.split(".")[: -node.level]
                module = ".".join([*base, module])
            if not module.startswith("guichet."):
                continue
            subs = {f"{module}.{a.name}" for a in node.names} & known
            out |= subs or {module}
    return {m for m in out if m in known}


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, set(modules)) for name, path in modules.items()}


def test_no_module_imports_the_old_top_level_names() -> None:
    for name, path in _modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                assert node.module.split(".")[0] not in PARTS, f"{name}: from {node.module}"
            if isinstance(node, ast.Import):
                for alias in node.names:
                    assert alias.name.split(".")[0] not in PARTS, f"{name}: import {alias.name}"


def test_imports_point_one_way() -> None:
    wrong = []
    for name, imported in _graph().items():
        part = name.split(".")[1]
        for target in imported:
            other = target.split(".")[1]
            if other != part and other not in ALLOWED[part]:
                wrong.append(f"{name} -> {target}")
    assert not wrong, "imports against the arrows of ARCHITECTURE.md:\n" + "\n".join(wrong)


def test_nothing_imports_the_kiosk_but_the_kiosk() -> None:
    users = {n for n, imported in _graph().items()
             if any(t.startswith("guichet.kiosk") for t in imported)}
    assert all(n.startswith("guichet.kiosk") for n in users), users


def test_no_import_cycle_between_modules() -> None:
    graph = _graph()
    # Tarjan's strongly connected components: any component of two or more is a cycle.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1 or node in graph[node]:
                cycles.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    assert not cycles, f"import cycles: {cycles}"


def test_every_package_folder_is_installed() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    folders = {".".join(("guichet", *p.parent.relative_to(REPO).parts))
               for part in PARTS for p in (REPO / part).rglob("__init__.py")}
    assert folders == listed, (f"in pyproject, not a folder: {listed - folders}; "
                               f"a folder pyproject forgets: {folders - listed}")


def test_guichet_imports_from_outside_the_checkout_and_the_bare_names_do_not(
        tmp_path: Path) -> None:
    code = ("import importlib, importlib.util\n"
            f"for part in {PARTS!r}:\n"
            "    importlib.import_module('guichet.' + part)\n"
            "    assert importlib.util.find_spec(part) is None, part\n"
            "print('ok')\n")
    run = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                         text=True, check=False, env={"PATH": "/usr/bin:/bin"})
    assert run.returncode == 0 and run.stdout.strip() == "ok", run.stderr


def test_no_module_is_over_400_lines() -> None:
    long = {name: n for name, path in _modules().items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > 420}
    assert not long, long
