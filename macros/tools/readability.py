"""Plain-language scores per record: Flesch-Kincaid grade of the summary and of the whole page text.

`python -m macros.tools.readability` prints a table, worst pages first. textstat 0.7.3 is pinned: it
needs no download (later versions fetch a corpus at run time) and scores move between releases.
"""

from __future__ import annotations

import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

import textstat

from macros.data.loader import SiteData, load_site
from macros.pages.render import plain

# Flesch-Kincaid grades: each summary at most 8 and each page at most 10 (the content brief);
# the site's medians at most 6 (the clinical review's bar for plain words).
SUMMARY_MAX, PAGE_MAX, SUMMARY_MEDIAN_MAX, PAGE_MEDIAN_MAX = 8.0, 10.0, 6.0, 6.0


@dataclass(frozen=True)
class Score:
    ref: str
    summary: float
    page: float


def page_text(record, situations: dict) -> str:
    """The text a reader sees on a record's page; help items come from `situations` (id -> Entry)."""
    parts = [record.summary, *(t for t in record.sections.model_dump().values() if t)]
    if record.when_to_get_help:
        for ids in record.when_to_get_help.model_dump().values():
            parts.extend(situations[i].model.text for i in ids if i in situations)
    return "\n".join(plain(p.replace("\n- ", "\n")) + ("" if p.rstrip().endswith(".") else ".") for p in parts)


def grade(text: str) -> float:
    return round(textstat.flesch_kincaid_grade(plain(text)), 1)


def scores(data: SiteData) -> list[Score]:
    out = []
    for kind, entries in data.records.items():
        for record_id, entry in entries.items():
            out.append(
                Score(f"{kind}/{record_id}", grade(entry.model.summary), grade(page_text(entry.model, data.situations)))
            )
    return sorted(out, key=lambda s: (-s.page, s.ref))


def table(results: list[Score]) -> str:
    lines = [f"{'record':<52} {'summary':>8} {'page':>6}"]
    lines += [f"{s.ref:<52} {s.summary:>8} {s.page:>6}" for s in results]
    lines.append(
        f"{'median':<52} {statistics.median(s.summary for s in results):>8} "
        f"{statistics.median(s.page for s in results):>6}"
    )
    return "\n".join(lines)


def main() -> int:
    results = scores(load_site(Path(__file__).resolve().parents[2] / "data"))
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
