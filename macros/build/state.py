"""The one object that owns a build's state, handed to the hooks and the macros explicitly.

define_env (build/environment.py) makes a BuildState once per build and attaches it to the macros
plugin under one documented attribute; the hooks read it with `of(config)`, the page macros get
it when they are registered. Material's templates can read only `config` and `page`, so the
state's `guide` (what every page shows) is also put in `config.extra["guide"]`: that copy is
the templates' whole contract, and its keys are listed on BuildState.guide.

The preview's memory of the last good data must outlive a rebuild, which re-creates the plugin
and reloads every module; it is kept by PreviewMemory on the `macros` package, which `mkdocs
serve` does not re-import.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

from macros.data.registry import Site
from macros.pages.render import Parts

ATTRIBUTE = "build_state"
"""The macros plugin's attribute that holds the BuildState (the only thing this package adds to it)."""


@dataclass
class BuildState:
    site: Site
    """The data graph the pages are built from: in a preview with problems, the last good one."""
    preview: bool
    """True under `mkdocs serve`: editors' notes and problems are shown on the pages."""
    parts: Parts
    """What renders the pieces of pages (pages/render.py), one for the whole build: the page macros, the
    generated pages, the content API, the reader tools and the clinic page share it, and what it works
    out once (templates, each record's inputs) is worked out once per build."""
    problems: list[str] = field(default_factory=list)
    """Data problems to show on every page (preview only: a real build stops on any problem)."""
    withheld: list = field(default_factory=list)
    """What `publish: reviewed-only` left out (data/policy.py Withheld), in ref order."""
    urls: dict = field(default_factory=dict)
    """Each page's source path -> its URL in this build (for search's red-flag and FAQ locations)."""
    guide: dict = field(default_factory=dict)
    """What every page shows, for the templates (copied to config.extra["guide"]): disclaimer,
    emergency_line, help_url, browse (label and url of each A-Z list), stamp, preview (True under mkdocs serve), and clinic (name, phone, tel, address,
    opening_hours, booking, page_url) or None. Filled by pages/branding.py."""

    structured_data: object = None
    """The schema.org JSON-LD maker (pages/structured_data.py StructuredData), made for the first page."""

    @property
    def data(self):
        return self.site.data

    def withheld_targets(self) -> set[tuple[str, str | None]]:
        """(source path, anchor or None) of everything left out, for unlinking hand-written links to it:
        the pages themselves, and the A-Z or comparisons index of a kind left with none."""
        from macros.pages.links import PAGES, index_path, ref_target

        targets = {ref_target(w.ref) for w in self.withheld}
        if self.withheld:
            targets |= {(index_path(kind), None) for kind, entries in self.data.records.items() if not entries}
            if not self.data.comparisons:
                targets.add((PAGES["compare"], None))
        return targets

    def withheld_pages(self) -> set[str]:
        """Source paths of every page left out (for the nav), hand-written or generated."""
        return {src for src, anchor in self.withheld_targets() if anchor is None}

    def withheld_prose(self) -> set[str]:
        """Source paths under docs/ of the hand-written pages left out (generated ones are not generated)."""
        from macros.pages.links import ref_target

        return {ref_target(w.ref)[0] for w in self.withheld if w.ref.startswith("pages/")}


def attach(plugin, state: BuildState) -> None:
    setattr(plugin, ATTRIBUTE, state)


def of(config) -> BuildState:
    """The state of the build `config` belongs to."""
    return getattr(config.plugins["macros"], ATTRIBUTE)


class PreviewMemory:
    """The last data graph that loaded without problems (with what the policy left out), kept across rebuilds."""

    _KEY = "_last_good_site"

    @classmethod
    def _holder(cls):
        return sys.modules["macros"]

    @classmethod
    def remember(cls, site: tuple[Site, list]) -> None:
        setattr(cls._holder(), cls._KEY, site)

    @classmethod
    def diffs(cls) -> dict:
        """The worklist's diffs against signed-off versions, kept across rebuilds (data/history.py)."""
        holder = cls._holder()
        if not hasattr(holder, "_review_diffs"):
            holder._review_diffs = {}
        return holder._review_diffs

    @classmethod
    def last_good(cls) -> tuple[Site, list] | None:
        return getattr(cls._holder(), cls._KEY, None)
