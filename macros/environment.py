"""Wire the data into the macros plugin: load, check, link, then register the macros."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from .loader import load_site
from .page_macros import register
from .problems import DataError, ProblemList
from .registry import build_site
from .render import Parts


def load_graph(data_dir: Path):
    """Load and link the data; raise DataError with every problem found."""
    problems = ProblemList()
    return build_site(load_site(data_dir, problems), problems)


def setup(env) -> None:
    data_dir = Path(env.project_dir) / "data"
    try:
        site = load_graph(data_dir)
    except DataError as exc:
        raise PluginError(str(exc)) from None
    env.variables["site_graph"] = site
    env.variables["settings"] = site.data.settings
    register(env, Parts(site))
