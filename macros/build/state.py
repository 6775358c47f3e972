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

ATTRIBUTE = "build_state"
"""The macros plugin's attribute that holds the BuildState (the only thing this package adds to it)."""


@dataclass
class BuildState:
    site: Site
    """The data graph the pages are built from: in a preview with problems, the last good one."""
    preview: bool
    """True under `mkdocs serve`: editors' notes and problems are shown on the pages."""
    problems: list[str] = field(default_factory=list)
    """Data problems to show on every page (preview only: a real build stops on any problem)."""
    guide: dict = field(default_factory=dict)
    """What every page shows, for the templates (copied to config.extra["guide"]): disclaimer,
    emergency_line, help_url, stamp, problems, and clinic (name, phone, tel, address,
    opening_hours, booking, page_url) or None. Filled by pages/branding.py."""

    @property
    def data(self):
        return self.site.data


def attach(plugin, state: BuildState) -> None:
    setattr(plugin, ATTRIBUTE, state)


def of(config) -> BuildState:
    """The state of the build `config` belongs to."""
    return getattr(config.plugins["macros"], ATTRIBUTE)


class PreviewMemory:
    """The last data graph that loaded without problems, kept across the preview's rebuilds."""

    _KEY = "_last_good_site"

    @classmethod
    def _holder(cls):
        return sys.modules["macros"]

    @classmethod
    def remember(cls, site: Site) -> None:
        setattr(cls._holder(), cls._KEY, site)

    @classmethod
    def last_good(cls) -> Site | None:
        return getattr(cls._holder(), cls._KEY, None)
