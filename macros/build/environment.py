"""Wire the data into the macros plugin: load, check, link, then register the macros."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from macros.data.kept import keep_between_builds
from macros.data.loader import load_site
from macros.pages.page_macros import register
from macros.build.preview import is_preview
from macros.build.state import BuildState, PreviewMemory, attach
from macros.data.policy import policy, reviewed_only
from macros.data.problems import DataError, ProblemList
from macros.data.registry import build_site, with_reviews
from macros.data.translation import translate_site
from macros.pages.render import Parts

log = logging.getLogger("mkdocs.plugins.myelopathy_guide")


def load_graph(data_dir: Path, language: str = "en"):
    """Load and link the data (with its translation laid over it for another language than English);
    raise DataError with every problem found."""
    problems = ProblemList()
    site = load_site(data_dir, problems)
    if language != "en" and not problems:
        site, _ = translate_site(with_reviews(site, problems), language, problems)
    return build_site(site, problems)


def edition_language(config) -> str:
    """The language this build is for: `extra.edition` in the MkDocs configuration (mkdocs.es.yml), else en."""
    return (config.get("extra") or {}).get("edition") or "en"


def published_graph(site):
    """The graph the pages are built from under the publishing policy, and what it left out.

    With `publish: reviewed-only` the graph is rebuilt from the signed-off pages alone (its links
    are checked again, so nothing can dangle); with `publish: all` it is `site` itself.
    """
    if policy(site.data) != "reviewed-only":
        return site, []
    kept, withheld = reviewed_only(site.data)
    return build_site(kept, ProblemList(), rules=False), withheld


def log_withheld(withheld) -> None:
    if withheld:
        lines = "\n".join(f"  {w.ref} ({w.path}): {w.reason}" for w in withheld)
        log.info("publish: reviewed-only left out %d page(s) and every link to them:\n%s", len(withheld), lines)


def setup(env) -> None:
    data_dir = Path(env.project_dir) / "data"
    preview = is_preview()
    keep_between_builds(preview)
    problems: list[str] = []
    withheld = []
    try:
        site, withheld = published_graph(load_graph(data_dir, edition_language(env.conf)))
        log_withheld(withheld)
        if preview:
            PreviewMemory.remember((site, withheld))
    except DataError as exc:
        last = PreviewMemory.last_good() if preview else None
        if last is None:
            raise PluginError(str(exc)) from None
        site, withheld = last
        problems = [str(p) for p in sorted(exc.problems.items)]
        log.info("Preview shows the last good data; fix these problems:\n%s", exc)
    # Kept on the plugin, not in env.variables: the macros plugin serialises every variable to
    # JSON before each build (for its debug log), which costs seconds for a large data graph.
    state = BuildState(site=site, preview=preview, problems=problems, withheld=withheld, parts=Parts(site))
    attach(env, state)
    register(env, state.parts, frozenset(w.ref for w in withheld))
