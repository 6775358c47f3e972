"""Wire the data into the macros plugin: load, check, link, then register the macros."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from macros.data.loader import load_site
from macros.pages.page_macros import register
from macros.build.preview import is_preview
from macros.build.state import BuildState, PreviewMemory, attach
from macros.data.problems import DataError, ProblemList
from macros.data.registry import build_site
from macros.pages.render import Parts

log = logging.getLogger("mkdocs.plugins.myelopathy_guide")


def load_graph(data_dir: Path):
    """Load and link the data; raise DataError with every problem found."""
    problems = ProblemList()
    return build_site(load_site(data_dir, problems), problems)


def setup(env) -> None:
    data_dir = Path(env.project_dir) / "data"
    preview = is_preview()
    problems: list[str] = []
    try:
        site = load_graph(data_dir)
        if preview:
            PreviewMemory.remember(site)
    except DataError as exc:
        site = PreviewMemory.last_good() if preview else None
        if site is None:
            raise PluginError(str(exc)) from None
        problems = [str(p) for p in sorted(exc.problems.items)]
        log.info("Preview shows the last good data; fix these problems:\n%s", exc)
    # Kept on the plugin, not in env.variables: the macros plugin serialises every variable to
    # JSON before each build (for its debug log), which costs seconds for a large data graph.
    state = BuildState(site=site, preview=preview, problems=problems)
    attach(env, state)
    register(env, Parts(site))
