"""data/search.yml: how search reads a reader's words (synonyms, spelling slips, filler words).

Editors keep these lists; the build hands them to the search worker (macros/build/search_worker.py).
Every entry is lower-case words as search splits text (a hyphen would split a word, so such an
entry could never match); a synonym may be a phrase of words joined by spaces, and sits in one
group only.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints

from macros.data.models import Strict
from macros.data.problems import ProblemList, dotted
from macros.data.yaml_source import YamlDocument

WORD = r"[a-z0-9]+(?:['’][a-z]+)?"
WORD_PATTERN = rf"^{WORD}$"
PHRASE_PATTERN = rf"^{WORD}(?: {WORD})*$"
LETTERS_PATTERN = r"^[a-z]{1,6}$"
PATTERN_HINTS = {
    WORD_PATTERN: "write one word in lower case, with no hyphen or space (search splits words there)",
    PHRASE_PATTERN: "write lower-case words separated by single spaces, with no hyphen (search splits words there)",
    LETTERS_PATTERN: "write 1 to 6 lower-case letters, like ph",
}
Word = Annotated[str, StringConstraints(pattern=WORD_PATTERN, max_length=40)]
Phrase = Annotated[str, StringConstraints(pattern=PHRASE_PATTERN, max_length=60)]
"""A synonym: one word, or words joined by single spaces ("pins and needles")."""
Letters = Annotated[str, StringConstraints(pattern=LETTERS_PATTERN)]


def _pair(value: list[str]) -> list[str]:
    if len(value) != 2:
        raise ValueError("a slip is two groups of letters, the one readers type and the right one, like [f, ph]")
    return value


class SearchTerms(Strict):
    synonyms: list[Annotated[list[Phrase], Field(min_length=2)]] = Field(
        description="Groups of words readers use for the same thing; a query with one also finds the others."
    )
    slips: list[Annotated[list[Letters], AfterValidator(_pair)]] = Field(
        default=[], description="Pairs of letters readers swap, like [ph, f]; a misspelt word is tried both ways."
    )
    filler: list[Word] = Field(
        default=[], description="Words of a question that say nothing about its topic; search leaves them out."
    )
    questions: list[Word] = Field(
        default=[],
        description="Words a question starts with (why, how, can...): a query of three words or more that starts "
        "with one, or ends in ?, is read as a question, and the FAQ answering it ranks first.",
    )


def check_search_terms(terms: SearchTerms, doc: YamlDocument, problems: ProblemList) -> None:
    """What the model cannot see alone: a word in two groups, or both a synonym and filler."""
    seen: dict[str, tuple] = {}
    for g, group in enumerate(terms.synonyms):
        for w, word in enumerate(group):
            loc = ("synonyms", g, w)
            if word in seen:
                first = seen[word]
                problems.add(
                    doc.path,
                    doc.line(loc),
                    dotted(loc),
                    f"'{word}' is already in the group at line {doc.line(first)}; "
                    "keep each word in one group (merge the two groups if they mean the same)",
                )
            else:
                seen[word] = loc
    filler_seen: set[str] = set()
    for f, word in enumerate(terms.filler):
        loc = ("filler", f)
        if word in seen:
            problems.add(
                doc.path,
                doc.line(loc),
                dotted(loc),
                f"'{word}' is also a synonym at line {doc.line(seen[word])}; filler words are left out of "
                "searches, so remove it from one of the two lists",
            )
        if word in filler_seen:
            problems.add(doc.path, doc.line(loc), dotted(loc), f"'{word}' is listed twice; remove one")
        filler_seen.add(word)
