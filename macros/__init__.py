"""Myelopathy Guide's generator: data -> validated models -> link graph -> pages and macros.

The flow is data/ (YAML to models to the link graph) -> pages/ (Markdown from templates) ->
build/ (MkDocs glue) -> tools/ (editors' and clinics' commands); each folder imports only those
before it (tests/test_layout.py checks it). Kept thin on purpose: `mkdocs serve` re-imports this
package on every rebuild, but submodules stay cached in sys.modules, so when any module file changed
they are all reloaded here, dependencies first, in an order worked out from their imports (so no module
can be forgotten). While no module changes, they are kept, with their caches.
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


_loaded_code: tuple = ()
"""The code key of the modules in sys.modules: while it holds, their caches (parsed data files, compiled
templates) stay valid across the preview's rebuilds."""


def code_key() -> tuple:
    """Every module file with its modification time and size: changes when any module is edited."""
    return tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in _HERE.rglob("*.py")))


def define_env(env):
    global _loaded_code
    key = code_key()
    if key != _loaded_code:  # a module was edited (or this is the first build): run the new code
        if any(name.startswith(f"{__name__}.") for name in sys.modules):  # none yet in a first build
            for name in reload_order():
                module = sys.modules.get(name)
                if module is not None:
                    importlib.reload(module)
        _loaded_code = key
    from macros.build.environment import setup

    setup(env)
