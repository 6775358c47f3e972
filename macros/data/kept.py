"""Values kept with the objects they were computed from, for the preview's rebuilds.

The preview re-reads every data file on each rebuild, but gets the same parsed document back while a
file's text is unchanged (yaml_source), and the same frozen model for that document (loader). So
"the same object as last time" means "the same input": a value computed from some objects can be
reused while the very same objects (identity, not equality) come back.

Each Kept holds the objects of every value it keeps, so their ids cannot be reused by new objects
while the value is kept. A value not asked for during one pass (one build) is dropped at the start
of the pass after, so the cache holds at most two builds' worth and edited files' values go.

Only the preview keeps anything (keep_between_builds(True), from build/environment.py): a one-off
`mkdocs build` makes each value once, and holding them all to its end would only add to its peak
memory (the API files alone are about 200 MB at 10,000 records).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")

_keeping = False


def keep_between_builds(on: bool) -> None:
    """Whether Kept values outlive the build that made them (the preview's rebuilds) or are not kept."""
    global _keeping
    _keeping = on


def keeping() -> bool:
    """True in the preview: what a build works out may be kept for the next one."""
    return _keeping


class Kept(Generic[T]):
    def __init__(self) -> None:
        self._now: dict[tuple, tuple[tuple, T]] = {}
        self._before: dict[tuple, tuple[tuple, T]] = {}

    def new_pass(self) -> None:
        """Start a build: what the last build did not ask for is dropped."""
        self._before, self._now = self._now, {}

    def get(self, objects: tuple, make: Callable[[], T | None], extra: Hashable = None) -> T | None:
        """The value for these objects (and the plain value `extra`), made by `make` if not kept.
        None is never kept, and nothing is kept outside the preview."""
        if not _keeping:
            return make()
        key = (tuple(map(id, objects)), extra)  # a kept value holds its objects: their ids stay theirs
        kept = self._now.get(key) or self._before.get(key)
        if kept is None:
            value = make()
            if value is None:  # a failed check is not kept: it runs, and reports, again
                return None
            kept = (objects, value)
        self._now[key] = kept
        return kept[1]
