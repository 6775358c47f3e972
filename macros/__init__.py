"""Myelopathy Guide's generator: data -> validated models -> link graph -> pages and macros.

The flow is data/ (YAML to models to the link graph) -> pages/ (Markdown from templates) ->
build/ (MkDocs glue) -> tools/ (editors' and clinics' commands); each folder imports only those
before it (tests/test_layout.py checks it). Kept thin on purpose: `mkdocs serve` re-imports this
package on every rebuild, but submodules stay cached in sys.modules, so they are reloaded here,
dependencies first, in an order worked out from their imports (so no module can be forgotten).
"""

import ast
import importlib
import sys
from graphlib import TopologicalSorter
from pathlib import Path

_HERE = Path(__file__).resolve().parent


def module_imports() -> dict[str, set[str]]:
    """Every module of this package -> the modules of this package it imports."""
    modules = {
        ".".join((__name__, *path.relative_to(_HERE).with_suffix("").parts)).removesuffix(".__init__"): path
        for path in _HERE.rglob("*.py")
    }
    graph = {}
    for name, path in modules.items():
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found |= ({node.module} | {f"{node.module}.{alias.name}" for alias in node.names}) & modules.keys()
            elif isinstance(node, ast.Import):
                found |= {alias.name for alias in node.names} & modules.keys()
        graph[name] = found - {name}
    return graph


def reload_order() -> list[str]:
    """Modules of this package, each after the modules it imports (this package itself left out)."""
    return [name for name in TopologicalSorter(module_imports()).static_order() if name != __name__]


def define_env(env):
    for name in reload_order():
        module = sys.modules.get(name)
        if module is not None:
            importlib.reload(module)
    from macros.build.environment import setup

    setup(env)
