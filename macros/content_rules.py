"""Safety and evidence rules: what the content must say, not only how it is shaped.

Each rule has a name, a one-line description and a failing fixture in
tests/fixtures/invalid/<name>/ with the exact lines it prints. They run in every build, after the
references are checked, and stop it with one sentence per problem like every other data problem.
Hand-written pages in docs/ get the text rules too (`prose_problems`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .loader import Entry, SiteData, suggest
from .models import HELP_LEVELS
from .problems import ProblemList, dotted
from .text import CITATION, CITED_ID

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
NEEDS_HELP_BOX = ("conditions", "symptoms")

LOCALE = re.compile(
    r"(?<![\w.,/-])(999|911|111|112|000)(?![\w/-]|[.,]\d)"
    r"|\bA\s?&\s?E\b|\bGPs?\b|\bER\b|\bNHS\b(?:\s+\d+|\s+[A-Z][a-z]+)?|\bNICE\b|\bGIRFT\b"
)
"""Phone numbers and national service names: they come from settings or the clinic file."""
LOCALE_FIX = {
    "A&E": "an emergency department",
    "ER": "an emergency department",
    "GP": "your doctor",
}
EDITOR_NOTE = re.compile(
    r"\b(our|the) sources (do not|don't|did not|give no|say nothing|are silent)|\bwe could not (find|trace|confirm)"
    r"|\bnot (yet )?verified\b|\bunsourced\b|\bTODO\b|\beditor'?s? note\b",
    re.I,
)
ACTION = re.compile(
    r"\b(call|phone|ring|go to|see (your|a) (doctor|nurse)|book|ask for|make an appointment|get help)\b", re.I
)


@dataclass(frozen=True)
class Rule:
    name: str
    description: str
    run: Callable[[SiteData, ProblemList], None]


RULES: list[Rule] = []


def rule(name: str, description: str):
    def register(func):
        RULES.append(Rule(name, description, func))
        return func

    return register


def run_rules(data: SiteData, problems: ProblemList) -> None:
    for each in RULES:
        each.run(data, problems)


def _add(problems: ProblemList, entry: Entry, loc: tuple, message: str) -> None:
    problems.add(entry.doc.path, entry.line(*loc), dotted((*entry.loc, *loc)), message)


def _records(data: SiteData) -> Iterator[tuple[str, Entry]]:
    for kind, entries in data.records.items():
        for entry in entries.values():
            yield kind, entry


def _reader_entries(data: SiteData) -> Iterator[Entry]:
    """Everything whose text readers see: records, FAQs, comparisons and help situations."""
    yield from (entry for _, entry in _records(data))
    yield from data.faqs.values()
    yield from data.comparisons.values()
    yield from data.situations.values()


def reader_texts(entry: Entry) -> Iterator[tuple[tuple, str]]:
    """(loc, text) of every text readers see in an entry; editor_notes are left out."""
    from .registry import _texts

    for loc, text in _texts(entry.model):
        if loc[0] not in ("editor_notes", "when_to_get_help"):
            yield loc, text


def _kind(data: SiteData, source_id: str) -> str | None:
    entry = data.sources.get(source_id)
    return entry.model.kind if entry else None


@rule("help-level", "A record lists a help situation under another level than data/help.yml gives it.")
def help_levels(data: SiteData, problems: ProblemList) -> None:
    for _, entry in _records(data):
        help_box = entry.model.when_to_get_help
        if help_box is None:
            continue
        for level in HELP_LEVELS:
            for index, situation_id in enumerate(getattr(help_box, level)):
                loc = ("when_to_get_help", level, index)
                situation = data.situations.get(situation_id)
                if situation is None and f"help/{situation_id}" not in data.broken:
                    _add(
                        problems,
                        entry,
                        loc,
                        f"there is no help situation '{situation_id}'{suggest(situation_id, data.situations)}; "
                        "use an id from data/help.yml or add the situation there",
                    )
                elif situation is not None and situation.model.level != level:
                    site_level = situation.model.level
                    lower = HELP_LEVELS.index(level) > HELP_LEVELS.index(site_level)
                    _add(
                        problems,
                        entry,
                        loc,
                        f"'{situation_id}' is {site_level} everywhere on the site, but is listed here as {level}"
                        f"{' (lower)' if lower else ''}; move it under {site_level}",
                    )


@rule("partial-red-flags", "A page lists some emergency items of a national red-flag list, but not all of them.")
def partial_red_flags(data: SiteData, problems: ProblemList) -> None:
    sets: dict[str, list[str]] = {}
    for situation_id, entry in data.situations.items():
        if entry.model.red_flags and entry.model.level == "emergency":
            sets.setdefault(entry.model.red_flags, []).append(situation_id)
    for _, entry in _records(data):
        box = entry.model.when_to_get_help
        listed = set(box.emergency) if box else set()
        for name, members in sets.items():
            missing = [m for m in members if m not in listed]
            if listed & set(members) and missing:
                _add(
                    problems,
                    entry,
                    ("when_to_get_help", "emergency"),
                    f"lists part of the {name} red flags; a red-flag list is never shortened, so add "
                    f"{', '.join(missing)}",
                )


@rule("help-box", "A condition or symptom page has no help box.")
def help_boxes(data: SiteData, problems: ProblemList) -> None:
    for kind, entry in _records(data):
        box = entry.model.when_to_get_help
        if kind in NEEDS_HELP_BOX and (box is None or not any(getattr(box, level) for level in HELP_LEVELS)):
            _add(
                problems,
                entry,
                (),
                f"a {kind[:-1]} page needs a help box; add when_to_get_help with situation ids from data/help.yml",
            )


@rule("help-source", "A help situation cites no guideline or national health information.")
def help_sources(data: SiteData, problems: ProblemList) -> None:
    for entry in data.situations.values():
        kinds = {
            _kind(data, sid) for group in CITATION.findall(entry.model.text) for sid in CITED_ID.findall("@" + group)
        }
        if not kinds & AUTHORITATIVE:
            _add(
                problems,
                entry,
                ("text",),
                "cites no guideline or national health information; cite the national pathway or "
                "guidance this situation comes from",
            )


@rule("help-item-action", "A help situation hedges, carries a note for editors or names an action of its own.")
def help_item_action(data: SiteData, problems: ProblemList) -> None:
    for entry in data.situations.values():
        text = CITATION.sub("", entry.model.text)
        if DISPUTE in text or EDITOR_NOTE.search(text):
            _add(
                problems,
                entry,
                ("text",),
                "says the sources disagree or holds a note for editors; a help item needs one clear level, "
                "so give the higher one and move the note to editor_notes",
            )
        elif found := ACTION.search(text):
            _add(
                problems,
                entry,
                ("text",),
                f"names an action of its own ('{found.group(0)}'); the level's heading says what to do, "
                "so describe only the situation",
            )


@rule("weak-source", "A claim rests only on sources of kind 'other' (clinic, charity, law firm, blog or mirror pages).")
def weak_sources(data: SiteData, problems: ProblemList) -> None:
    for entry in _reader_entries(data):
        for loc, text in reader_texts(entry):
            for group in CITATION.findall(text):
                ids = CITED_ID.findall("@" + group)
                kinds = {_kind(data, sid) for sid in ids}
                if kinds == {WEAK}:
                    _add(
                        problems,
                        entry,
                        loc,
                        f"the claim cited [@{', @'.join(ids)}] rests only on sources of kind 'other'; "
                        "cite a guideline, national or peer-reviewed source that says it",
                    )


@rule("record-evidence", "A record cites no guideline or peer-reviewed source.")
def record_evidence(data: SiteData, problems: ProblemList) -> None:
    for _, entry in _records(data):
        cited = {
            sid
            for _, text in reader_texts(entry)
            for group in CITATION.findall(text)
            for sid in CITED_ID.findall("@" + group)
        }
        if not {_kind(data, sid) for sid in cited} & PEER_REVIEWED:
            _add(
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
            _add(
                problems,
                entry,
                ("title",),
                "is a placeholder ('About: ...'); give the title as the source publishes it",
            )
        if not source.authors:
            _add(
                problems,
                entry,
                ("id",),
                "has no authors; add them ('Surname AB, Surname CD, et al.') or the organisation",
            )
        if not source.year:
            _add(problems, entry, ("id",), "has no year; add the year of publication or of the version read")
        if not (source.doi or source.url):
            _add(problems, entry, ("id",), "has neither doi nor url; add the DOI, or a stable https address")


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
                _add(
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
    for kind, entry in _records(data):
        needed = REQUIRED_SECTIONS[kind]
        missing = [name for name in needed if not getattr(entry.model.sections, name)]
        if missing:
            _add(
                problems,
                entry,
                ("sections",),
                f"has no {', '.join(missing)}; a {kind[:-1]} page needs {', '.join(needed)}: write the missing "
                "section from the sources",
            )


@rule("locale-text", "Text names a phone number or a national service; numbers and services come from settings.")
def locale_text(data: SiteData, problems: ProblemList) -> None:
    for entry in _reader_entries(data):
        for loc, text in reader_texts(entry):
            if found := LOCALE.search(CITATION.sub("", text)):
                _add(problems, entry, loc, locale_message(found.group(0)))


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
    for entry in _reader_entries(data):
        for loc, text in reader_texts(entry):
            if found := EDITOR_NOTE.search(text):
                _add(
                    problems,
                    entry,
                    loc,
                    f"holds a note for editors ('{found.group(0)}'); move it to editor_notes, which readers never see",
                )


@rule("dispute-limit", f"More than {MAX_DISPUTES} '{DISPUTE}' marks on the site.")
def dispute_limit(data: SiteData, problems: ProblemList) -> None:
    found = [
        (e, loc, text.count(DISPUTE)) for e in _reader_entries(data) for loc, text in reader_texts(e) if DISPUTE in text
    ]
    total = sum(count for *_, count in found)
    if total > MAX_DISPUTES:
        for entry, loc, count in found:
            _add(
                problems,
                entry,
                loc,
                f"has {count} of the '{DISPUTE}' marks, and the site has more than the {MAX_DISPUTES} it allows; keep "
                "a mark only where the dispute changes a reader's choice and move the rest to editor_notes",
            )


def prose_problems(markdown: str, data: SiteData, page_path: str) -> list[str]:
    """The text rules for a hand-written page: local numbers, editors' notes, claims on weak sources."""
    out = []
    body = re.sub(r"(?s)^---\n.*?\n---\n", "", markdown)
    for number, line in enumerate(body.splitlines(), start=markdown[: len(markdown) - len(body)].count("\n") + 1):
        text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "", line)
        if found := LOCALE.search(re.sub(r"\[\^[^\]]*\]", "", text)):
            out.append(f"{page_path}:{number}: {locale_message(found.group(0))}")
        if found := EDITOR_NOTE.search(text):
            out.append(f"{page_path}:{number}: holds a note for editors ('{found.group(0)}'); remove it from the page")
        for group in re.findall(r"(?:\[\^[A-Za-z0-9][\w.-]*\](?:<sup>,</sup>)?)+", text):
            ids = re.findall(r"\[\^([^\]]+)\]", group)
            if {_kind(data, sid) for sid in ids} == {WEAK}:
                out.append(
                    f"{page_path}:{number}: the claim cited {''.join(f'[^{i}]' for i in ids)} rests only on sources "
                    "of kind 'other'; cite a guideline, national or peer-reviewed source that says it"
                )
    return out
