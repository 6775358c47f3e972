"""Data problems: one sentence each, naming file, line, field and what to do."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        subject = f"field '{self.field}'" if self.field else "file"
        return f"{where}: {subject}: {self.message}"


REPORT_MAX_LINES = 100
"""More lines than this help nobody: the first ones are printed, with the count of the rest."""


@dataclass
class ProblemList:
    """Collects every problem of a run, so that all are reported together."""

    items: list[Problem] = field(default_factory=list)

    def add(self, file: str, line: int, field_name: str, message: str) -> None:
        self.items.append(Problem(file, line, field_name, message))

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def report(self, limit: int = REPORT_MAX_LINES) -> str:
        lines = [str(p) for p in sorted(self.items)]  # not a set: a problem reported twice is a bug to see
        count = len(lines)
        head = f"The data has {count} problem{'s' if count != 1 else ''}; nothing was published:"
        shown = [f"  {line}" for line in lines[:limit]]
        if count > limit:
            shown.append(f"  ... and {count - limit} more; fix the ones above and check again")
        return "\n".join([head, *shown])


class DataError(Exception):
    """Raised when the data has problems; str() is the report for people."""

    def __init__(self, problems: ProblemList):
        self.problems = problems
        super().__init__(problems.report())


def dotted(loc: tuple) -> str:
    """('sections', 'what_it_is') -> 'sections.what_it_is'; list indexes in brackets."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out
