"""Wire the data into the macros plugin: load, check, link, then register the macros."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from .loader import load_site
from .page_macros import register
from .preview import is_preview, last_good, remember
from .problems import DataError, ProblemList
from .registry import build_site
from .render import Parts

log = logging.getLogger("mkdocs.plugins.myelopathy_guide")


def load_graph(data_dir: Path):
    """Load and link the data; raise DataError with every problem found."""
    problems = ProblemList()
    return build_site(load_site(data_dir, problems), problems)


def setup(env) -> None:
    data_dir = Path(env.project_dir) / "data"
    problems: list[str] = []
    try:
        site = load_graph(data_dir)
        if is_preview():
            remember(site)
    except DataError as exc:
        site = last_good() if is_preview() else None
        if site is None:
            raise PluginError(str(exc)) from None
        problems = [str(p) for p in sorted(set(exc.problems.items))]
        log.info("Preview shows the last good data; fix these problems:\n%s", exc)
    # Kept on the plugin, not in env.variables: the macros plugin serialises every variable to
    # JSON before each build (for its debug log), which costs seconds for a large data graph.
    env.site_graph = site
    env.data_problems = problems
    register(env, Parts(site))
