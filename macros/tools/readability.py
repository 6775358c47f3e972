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


TEXTSTAT_DEFAULT = "en_US"
"""textstat's own language, which the English grades (and their bars in tests/test_content.py) are counted in."""
EASE = {"es": ("Fernández Huerta", textstat.fernandez_huerta)}
"""Each other edition's reading-ease formula (0 to 100, higher is easier), counted with its own syllables."""
EASE_SUMMARY_MIN, EASE_PAGE_MIN, EASE_MEDIAN_MIN = 50.0, 60.0, 70.0
"""Fernández Huerta: 60 to 70 reads as normal, 70 to 80 fairly easy, 80 to 90 easy."""


def ease(text: str, language: str) -> float:
    """The language's reading ease of `text` (textstat's syllables for that language, then back to its default,
    en_US: "en" would be another hyphenation dictionary, and the English grades would move)."""
    textstat.set_lang(language)
    try:
        return round(EASE[language][1](plain(text)), 1)
    finally:
        textstat.set_lang(TEXTSTAT_DEFAULT)


def ease_scores(data: SiteData, language: str) -> list[Score]:
    """Each record of an edition (its data with the translation laid over it): summary and page ease."""
    out = []
    for kind, entries in data.records.items():
        for record_id, entry in entries.items():
            page = page_text(entry.model, data.situations)
            out.append(Score(f"{kind}/{record_id}", ease(entry.model.summary, language), ease(page, language)))
    return sorted(out, key=lambda s: (s.page, s.ref))


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
    """`python -m macros.tools.readability [es]`: English grades, or another edition's reading ease."""
    data = load_site(Path(__file__).resolve().parents[2] / "data")
    language = sys.argv[1] if len(sys.argv) > 1 else "en"
    if language == "en":
        print(table(scores(data)))
        return 0
    from macros.data.problems import ProblemList
    from macros.data.translation import translate_site

    translated, _ = translate_site(data, language, ProblemList())
    print(f"{EASE[language][0]} reading ease (higher is easier), hardest pages first")
    print(table(ease_scores(translated, language)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
