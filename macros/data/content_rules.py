"""Safety and evidence rules: what the content must say, not only how it is shaped.

Each rule has a name, a one-line description and a failing fixture in
tests/fixtures/invalid/<name>/ with the exact lines it prints. They run in every build, after the
references are checked, and stop it with one sentence per problem like every other data problem.
Hand-written pages in docs/ get the text rules too (`prose_problems`). The rules on help boxes
and red flags live in help_rules, which registers them here when it is imported (registry imports both).
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from macros.data.kept import Kept
from macros.data.loader import Entry, SiteData
from macros.data.models import texts
from macros.data.problems import ProblemList, dotted
from macros.data.text import CITATION, citation_groups, cited_ids

# Kinds of evidence (data/vocabularies.yml source_kinds) that the rules weigh.
AUTHORITATIVE = {"guideline", "national-information"}
"""What every help situation must cite: a guideline or national health information."""
PEER_REVIEWED = {"guideline", "systematic-review", "trial-or-cohort", "narrative-review"}
"""What every record must cite at least once."""
WEAK = "other"
"""May point to a fact, never support one alone."""
DISPUTE = "(sources disagree)"
MAX_DISPUTES = 14

REQUIRED_SECTIONS = {
    "conditions": ("what_it_is", "why_it_happens", "what_you_may_notice", "how_it_is_found", "what_helps"),
    "symptoms": ("what_it_is", "why_it_happens"),
    "causes": ("what_it_is", "why_it_happens"),
    "tests": ("what_it_is", "what_to_expect"),
    "treatments": ("what_it_is", "what_to_expect", "benefits_and_risks"),
}

LOCALE = re.compile(
    r"(?=[019AEGN])(?:"  # what every match starts with: the other places in a text are passed over at once
    r"(?<![\w.,/-])(?<!\d )(999|911|111|112|000)(?![\w/-]|[.,]\d)"
    r"|\bA\s?&\s?E\b|\bGPs?\b|\bER\b|\bNHS\b(?:\s+\d+|\s+[A-Z][a-z]+)?|\bNICE\b|\bGIRFT\b)"
)
"""Phone numbers and national service names: they come from settings or the clinic file."""
LOCALE_FIX = {
    "A&E": "an emergency department",
    "ER": "an emergency department",
    "GP": "your doctor",
}
EDITOR_NOTE = re.compile(
    r"(?=[otwnue])(?:"  # what every match starts with, in either case (as LOCALE)
    r"\b(our|the) sources (do not|don't|did not|give no|say nothing|are silent)|\bwe could not (find|trace|confirm)"
    r"|\bnot (yet )?verified\b|\bunsourced\b|(?-i:\bTODO\b)|\beditor'?s? note\b)",  # "todo": Spanish "all"
    re.I,
)


@dataclass(frozen=True)
class Rule:
    name: str
    description: str
    run: Callable[[SiteData, ProblemList], None]
    uses_sources: bool = False
    """Judges sources by their kind: skipped when a source failed to load, whose problem is already reported."""


RULES: list[Rule] = []


def rule(name: str, description: str, uses_sources: bool = False):
    def register(func):
        RULES.append(Rule(name, description, func, uses_sources))
        return func

    return register


def run_rules(data: SiteData, problems: ProblemList) -> None:
    sources_broken = any(key.startswith("sources/") for key in data.broken)
    for kept in (_READER_TEXTS, _WEAK_CLAIMS, _NO_EVIDENCE):
        kept.new_pass()
    global _this_run
    _this_run = {}  # several rules read every entry's texts: each model is walked once per run
    try:
        for each in RULES:
            if not (each.uses_sources and sources_broken):
                each.run(data, problems)
    finally:
        _this_run = None


def add_problem(problems: ProblemList, entry: Entry, loc: tuple, message: str) -> None:
    problems.add(entry.doc.path, entry.line(*loc), dotted((*entry.loc, *loc)), message)


def records(data: SiteData) -> Iterator[tuple[str, Entry]]:
    for kind, entries in data.records.items():
        for entry in entries.values():
            yield kind, entry


def reader_entries(data: SiteData) -> Iterator[Entry]:
    """Everything whose text readers see: records, FAQs, comparisons and help situations."""
    yield from (entry for _, entry in records(data))
    yield from data.faqs.values()
    yield from data.comparisons.values()
    yield from data.situations.values()


_READER_TEXTS: Kept[list[tuple[tuple, str]]] = Kept()
"""Each model's reader texts: models are frozen, the rules walk every entry several times, and the
preview reuses the models of unchanged files (loader.validate)."""


_this_run: dict[int, tuple[object, list[tuple[tuple, str]]]] | None = None
"""While run_rules runs: each model's reader texts (model id -> model, texts); None otherwise."""


def reader_texts(entry: Entry) -> list[tuple[tuple, str]]:
    """(loc, text) of every text readers see in an entry; editor_notes are left out."""
    model = entry.model
    run = _this_run
    if run is not None and (kept := run.get(id(model))) is not None and kept[0] is model:
        return kept[1]
    found = _READER_TEXTS.get(
        (model,),
        lambda: [(loc, text) for loc, text in texts(model) if loc[0] not in ("editor_notes", "when_to_get_help")],
    )
    if run is not None:
        run[id(model)] = (model, found)
    return found


def kind_of(data: SiteData, source_id: str) -> str | None:
    entry = data.sources.get(source_id)
    return entry.model.kind if entry else None


def source_kinds(data: SiteData) -> dict[str, str]:
    """Each source's kind by id, for the rules that look up every citation of every text."""
    return {source_id: entry.model.kind for source_id, entry in data.sources.items()}


def _kinds_key(kinds: dict[str, str]) -> str:
    """The sources' kinds as one short text: what a judgement kept for a model was made with."""
    return hashlib.sha1(repr(sorted(kinds.items())).encode()).hexdigest()


_WEAK_CLAIMS: Kept[list[tuple[tuple, tuple[str, ...]]]] = Kept()
"""Each model's claims cited only to weak sources, kept with the sources' kinds they were judged by."""
_NO_EVIDENCE: Kept[bool] = Kept()
"""Whether each record cites no guideline or peer-reviewed source, kept the same way."""


@rule(
    "weak-source",
    "A claim rests only on sources of kind 'other' (clinic, charity, law firm, blog or mirror pages).",
    uses_sources=True,
)
def weak_sources(data: SiteData, problems: ProblemList) -> None:
    kinds, weak = source_kinds(data), {}  # weak: each citation group's verdict (texts share groups)
    judged_by = _kinds_key(kinds)

    def weak_claims(entry: Entry) -> list[tuple[tuple, tuple[str, ...]]]:
        found = []
        for loc, text in reader_texts(entry):
            for ids in citation_groups(text):
                if ids not in weak:
                    weak[ids] = {kinds.get(sid) for sid in ids} == {WEAK}
                if weak[ids]:
                    found.append((loc, ids))
        return found

    for entry in reader_entries(data):
        for loc, ids in _WEAK_CLAIMS.get((entry.model,), lambda entry=entry: weak_claims(entry), extra=judged_by):
            add_problem(
                problems,
                entry,
                loc,
                f"the claim cited [@{', @'.join(ids)}] rests only on sources of kind 'other'; "
                "cite a guideline, national or peer-reviewed source that says it",
            )


@rule("record-evidence", "A record cites no guideline or peer-reviewed source.", uses_sources=True)
def record_evidence(data: SiteData, problems: ProblemList) -> None:
    kinds = source_kinds(data)
    judged_by = _kinds_key(kinds)

    def no_evidence(entry: Entry) -> bool:
        cited = {sid for _, text in reader_texts(entry) for sid in cited_ids(text)}
        return not {kinds.get(sid) for sid in cited} & PEER_REVIEWED

    for _, entry in records(data):
        if _NO_EVIDENCE.get((entry.model,), lambda entry=entry: no_evidence(entry), extra=judged_by):
            add_problem(
                problems,
                entry,
                ("name",),
                "cites no guideline or peer-reviewed source (guideline, systematic review, trial or cohort "
                "study, narrative review); add one that supports the page",
            )


@rule("full-citation", "A bibliography entry lacks authors, a year, or a DOI or URL, or has a placeholder title.")
def full_citations(data: SiteData, problems: ProblemList) -> None:
    for entry in data.sources.values():
        source = entry.model
        if re.match(r"(?i)about\s*:", source.title):
            add_problem(
                problems,
                entry,
                ("title",),
                "is a placeholder ('About: ...'); give the title as the source publishes it",
            )
        if not source.authors:
            add_problem(
                problems,
                entry,
                ("id",),
                "has no authors; add them ('Surname AB, Surname CD, et al.') or the organisation",
            )
        if not source.year:
            add_problem(problems, entry, ("id",), "has no year; add the year of publication or of the version read")
        if not (source.doi or source.url):
            add_problem(problems, entry, ("id",), "has neither doi nor url; add the DOI, or a stable https address")


@rule("duplicate-source", "Two bibliography entries for the same DOI, PMID or address.")
def duplicate_sources(data: SiteData, problems: ProblemList) -> None:
    seen: dict[tuple[str, str], str] = {}
    for source_id, entry in data.sources.items():
        source = entry.model
        keys = [("doi", (source.doi or "").lower()), ("pmid", source.pmid or ""), ("url", _address(source.url))]
        for field, key in keys:
            if not key:
                continue
            if (field, key) in seen:
                add_problem(
                    problems,
                    entry,
                    (field,),
                    f"is the same {field} as source '{seen[field, key]}'; merge the two entries and cite one id",
                )
                break
            seen[field, key] = source_id


def _address(url: str | None) -> str:
    return re.sub(r"^https://(www\.)?", "", url or "").rstrip("/").lower()


@rule("missing-section", "A record lacks a section that every page of its kind needs.")
def missing_sections(data: SiteData, problems: ProblemList) -> None:
    for kind, entry in records(data):
        needed = REQUIRED_SECTIONS[kind]
        missing = [name for name in needed if not getattr(entry.model.sections, name)]
        if missing:
            add_problem(
                problems,
                entry,
                ("sections",),
                f"has no {', '.join(missing)}; a {kind[:-1]} page needs {', '.join(needed)}: write the missing "
                "section from the sources",
            )


@rule("locale-text", "Text names a phone number or a national service; numbers and services come from settings.")
def locale_text(data: SiteData, problems: ProblemList) -> None:
    for entry in reader_entries(data):
        for loc, text in reader_texts(entry):
            if found := _locale_found(text):
                add_problem(problems, entry, loc, locale_message(found))


@functools.lru_cache(maxsize=65_536)
def _locale_found(text: str) -> str | None:
    """The first local number or service named in a text (kept per text: the preview re-checks every
    text on each rebuild, and these two searches are the slowest of the rules)."""
    found = LOCALE.search(CITATION.sub("", text))
    return found.group(0) if found else None


@functools.lru_cache(maxsize=65_536)
def _editor_note_found(text: str) -> str | None:
    found = EDITOR_NOTE.search(text)
    return found.group(0) if found else None


def locale_message(found: str) -> str:
    if found.isdigit():
        fix = "write 'your local emergency number' (the help box adds the number from settings)"
    elif found.replace(" ", "") in LOCALE_FIX:
        fix = f"write '{LOCALE_FIX[found.replace(' ', '')]}', which fits every country"
    else:
        fix = "say what the advice is and cite it, without naming the service"
    return f"names '{found}', a local number or service; {fix}"


@rule("editor-note-in-text", "Reader text holds a note for editors about gaps in the sources.")
def editor_notes_in_text(data: SiteData, problems: ProblemList) -> None:
    for entry in reader_entries(data):
        for loc, text in reader_texts(entry):
            if found := _editor_note_found(text):
                add_problem(
                    problems,
                    entry,
                    loc,
                    f"holds a note for editors ('{found}'); move it to editor_notes, which readers never see",
                )


@rule("dispute-limit", f"More than {MAX_DISPUTES} '{DISPUTE}' marks on the site.")
def dispute_limit(data: SiteData, problems: ProblemList) -> None:
    found = [
        (e, loc, text.count(DISPUTE)) for e in reader_entries(data) for loc, text in reader_texts(e) if DISPUTE in text
    ]
    total = sum(count for *_, count in found)
    if total > MAX_DISPUTES:
        for entry, loc, count in found:
            add_problem(
                problems,
                entry,
                loc,
                f"has {count} of the '{DISPUTE}' marks, and the site has more than the {MAX_DISPUTES} it allows; keep "
                "a mark only where the dispute changes a reader's choice and move the rest to editor_notes",
            )


PAGE_MARKUP = [
    (re.compile(r"<\s*/?\s*[A-Za-z!?]"), "contains HTML ({found}); write Markdown, or ask for a macro"),
    (re.compile(r"\b(?:javascript|vbscript|data):", re.I), "contains a script or data address ({found}); remove it"),
    (
        re.compile(r"\]\(\s*<?\s*(?:[a-z][a-z0-9+.-]*:|//)|<(?:https?|ftp):|^\s*\[[^\]]+\]:\s*\S", re.I),
        "links or points to another host ({found}); pages link only to this site, sources go in data/sources.yml",
    ),
    (re.compile(r"\{\s*[:.#]|\{\s*[A-Za-z-]+\s*=|^\s*attrs\s*:"), "sets HTML attributes ({found}); remove them"),
    (re.compile(r"^\s*\*\["), "defines an abbreviation ({found}); the glossary explains terms, use it instead"),
]
"""Markup a hand-written page may not use: the same limits as data text, for prose pages."""


def prose_problems(markdown: str, data: SiteData, page_path: str) -> list[str]:
    """The text rules for a hand-written page: markup that could run code or reach other hosts, local
    numbers, editors' notes, claims on weak sources."""
    out = []
    body = re.sub(r"(?s)^---\n.*?\n---\n", "", markdown)
    for number, line in enumerate(body.splitlines(), start=markdown[: len(markdown) - len(body)].count("\n") + 1):
        text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\{##.*?##\}", "", line)
        for pattern, message in PAGE_MARKUP:
            if found := pattern.search(text):
                out.append(
                    f"{page_path}:{number}: {message.format(found=repr(text[found.start() : found.start() + 16]))}"
                )
        if found := LOCALE.search(re.sub(r"\[\^[^\]]*\]", "", text)):
            out.append(f"{page_path}:{number}: {locale_message(found.group(0))}")
        if found := EDITOR_NOTE.search(text):
            out.append(f"{page_path}:{number}: holds a note for editors ('{found.group(0)}'); remove it from the page")
        for group in re.findall(r"(?:\[\^[A-Za-z0-9][\w.-]*\](?:<sup>,</sup>)?)+", text):
            ids = re.findall(r"\[\^([^\]]+)\]", group)
            if {kind_of(data, sid) for sid in ids} == {WEAK}:
                out.append(
                    f"{page_path}:{number}: the claim cited {''.join(f'[^{i}]' for i in ids)} rests only on sources "
                    "of kind 'other'; cite a guideline, national or peer-reviewed source that says it"
                )
    return out
