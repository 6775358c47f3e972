"""Myelopathy Guide's generator: data -> validated models -> link graph -> pages and macros.

Kept thin on purpose: `mkdocs serve` re-imports this package on every rebuild, but submodules
stay cached in sys.modules, so they are reloaded here (dependencies first) to pick up edits.
"""

import importlib
import sys

_MODULES = [  # dependencies first
    "text",
    "problems",
    "yaml_source",
    "models",
    "clinic",
    "logo",
    "loader",
    "registry",
    "content_rules",
    "help_rules",
    "links",
    "preview",
    "render",
    "pages",
    "page_extras",
    "page_macros",
    "sandbox",
    "branding",
    "search_worker",
    "incremental",
    "bench_dump",
    "environment",
]


def define_env(env):
    for name in _MODULES:
        module = sys.modules.get(f"{__name__}.{name}")
        if module is not None:
            importlib.reload(module)
    from .environment import setup

    setup(env)
