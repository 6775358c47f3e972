"""The data linter: what the build checks, plus checks that keep the content sound over time.

Each check has a name, a one-line description and its own failing fixture in tests/fixtures/lint/.
`python -m macros.tools.cli lint` (or `make check`) prints one short line per finding.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from macros.data.loader import Entry, SiteData
from macros.data.models import texts
from macros.data.policy import policy
from macros.data.registry import Site
from macros.data.text import cited_ids
from macros.tools.readability import PAGE_MAX, PAGE_MEDIAN_MAX, SUMMARY_MAX, SUMMARY_MEDIAN_MAX, grade, page_text


@dataclass(frozen=True, order=True)
class Finding:
    level: str  # "error" or "warning"
    check: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.level.upper():7} {self.check:22} {self.where}: {self.message}"


@dataclass
class LintOptions:
    today: dt.date = field(default_factory=dt.date.today)
    overdue_months: int = 6
    originality_tool: Path | None = None
    project: Path = Path(".")


@dataclass(frozen=True)
class Check:
    name: str
    description: str
    run: Callable[[Site, LintOptions], Iterator[Finding]]


CHECKS: list[Check] = []


def check(name: str, description: str):
    def register(func):
        CHECKS.append(Check(name, description, func))
        return func

    return register


def _where(entry: Entry, *loc) -> str:
    return f"{entry.doc.path}:{entry.line(*loc)}"


def _reviewed_entries(data: SiteData) -> list[Entry]:
    """Everything with its own text, sources and review dates: records, FAQs and comparisons."""
    return [e for _, _, e in _records(data)] + list(data.faqs.values()) + list(data.comparisons.values())


def _records(data: SiteData):
    for kind, entries in data.records.items():
        for record_id, entry in entries.items():
            yield kind, record_id, entry


@check("orphan-record", "A record that no other record links to: readers can reach it only from the A-Z index.")
def orphan_records(site: Site, options: LintOptions):
    for kind, record_id, entry in _records(site.data):
        if not site.related(kind, record_id):
            yield Finding(
                "error",
                "orphan-record",
                _where(entry, "name"),
                f"nothing links to {kind}/{record_id}; link it from a condition or symptom",
            )


@check("no-source", "A record, FAQ or comparison that cites no source.")
def no_source(site: Site, options: LintOptions):
    data = site.data
    entries = _reviewed_entries(data)
    for entry in entries:
        if not any(cited_ids(text) for _, text in texts(entry.model)):
            yield Finding("error", "no-source", _where(entry), "cites no source; add [@ID] after each fact")


@check(
    "review-due",
    "A signed-off page past its next review: a warning, an error once overdue by more than the allowed months "
    "or at all under publish: reviewed-only.",
)
def review_due(site: Site, options: LintOptions):
    limit = options.overdue_months
    strict = policy(site.data) == "reviewed-only"
    for state in site.data.reviews.values():
        if state.due(options.today) != "overdue":
            continue
        due = state.review.next_review
        months = (options.today.year - due.year) * 12 + options.today.month - due.month
        level = "error" if strict or months > limit else "warning"
        rule = "publish is reviewed-only" if strict else f"the limit is {limit}"
        yield Finding(
            level,
            "review-due",
            f"{state.path}:{state.line}",
            f"{state.ref} was due for review on {due} ({months} months ago; {rule}); "
            "have a clinician review it and sign it off again",
        )


@check("changed-since-review", "A page a clinician signed off whose text has changed since: it needs their review.")
def changed_since_review(site: Site, options: LintOptions):
    left_out = " (publish: reviewed-only leaves it out until then)" if policy(site.data) == "reviewed-only" else ""
    for state in site.data.reviews.values():
        if state.status == "changed":
            yield Finding(
                "warning",
                "changed-since-review",
                f"{state.path}:{state.line}",
                f"{state.ref} changed after {state.review.reviewer.name} signed it off on {state.review.reviewed_on}; "
                f"make review shows what changed; a clinician signs it off again{left_out}",
            )


@check(
    "readability",
    "A summary above grade 8, a page above grade 10, or site medians above grade 6; in another edition, a "
    "summary under 50, a page under 60 or a median under 70 on its reading-ease formula (Fernández Huerta).",
)
def readability(site: Site, options: LintOptions):
    summaries, pages = [], []
    for _kind, _id, entry in _records(site.data):
        summary, page = grade(entry.model.summary), grade(page_text(entry.model, site.data.situations))
        summaries.append(summary)
        pages.append(page)
        if summary > SUMMARY_MAX:
            yield Finding(
                "error",
                "readability",
                _where(entry, "summary"),
                f"summary reads at grade {summary} (at most {SUMMARY_MAX}); use shorter sentences and words",
            )
        if page > PAGE_MAX:
            yield Finding(
                "error",
                "readability",
                _where(entry, "name"),
                f"the page reads at grade {page} (at most {PAGE_MAX}); use shorter sentences and words",
            )
    if summaries and statistics.median(summaries) > SUMMARY_MEDIAN_MAX:
        yield Finding(
            "error",
            "readability",
            "data",
            f"median summary grade {statistics.median(summaries)} "
            f"is above {SUMMARY_MEDIAN_MAX}; simplify the hardest summaries",
        )
    if pages and statistics.median(pages) > PAGE_MEDIAN_MAX:
        yield Finding(
            "error",
            "readability",
            "data",
            f"median page grade {statistics.median(pages)} is above {PAGE_MEDIAN_MAX}; simplify the hardest pages",
        )
    yield from _edition_readability(site)


def _edition_readability(site: Site):
    """Each other edition's reading ease (Fernández Huerta for Spanish), by the bars in tools/readability.py."""
    from macros.data.problems import ProblemList
    from macros.data.translation import translate_site
    from macros.tools.readability import EASE, EASE_MEDIAN_MIN, EASE_PAGE_MIN, EASE_SUMMARY_MIN, ease

    editions = (site.data.clinic and site.data.clinic.languages) or site.data.settings.languages
    for language in (code for code in editions if code in EASE):
        formula = EASE[language][0]
        translated, _ = translate_site(site.data, language, ProblemList())
        summaries, pages = [], []
        for _kind, _id, entry in _records(translated):
            summary = ease(entry.model.summary, language)
            page = ease(page_text(entry.model, translated.situations), language)
            summaries.append(summary)
            pages.append(page)
            for value, least, loc, what in (
                (summary, EASE_SUMMARY_MIN, "summary", "summary"),
                (page, EASE_PAGE_MIN, "name", "page"),
            ):
                if value < least:
                    yield Finding(
                        "error",
                        "readability",
                        _where(entry, loc),
                        f"the {language} {what} has {formula} reading ease {value} (at least {least}); "
                        "use shorter sentences and words",
                    )
        for values, what in ((summaries, "summary"), (pages, "page")):
            if values and statistics.median(values) < EASE_MEDIAN_MIN:
                yield Finding(
                    "error",
                    "readability",
                    "data",
                    f"median {language} {what} reading ease {statistics.median(values)} is under {EASE_MEDIAN_MIN}",
                )


MEDICAL_WORD = re.compile(
    r"\b[A-Za-z]+(?:opathy|opathies|itis|osis|ectomy|ectomies|otomy|oplasty|algia|aesthesia|esthesia|"
    r"trophy|ography|ogram|iasis|aemia|emia|plegia|paresis)\b"
)


NOT_MEDICAL = {"diagnosis", "diagnoses", "prognosis"}


@check("undefined-term", "A medical word (by its ending: -opathy, -itis, -ectomy, ...) with no glossary entry.")
def undefined_terms(site: Site, options: LintOptions):
    data = site.data
    forms = [form.lower() for e in data.glossary.values() for form in (e.model.term, *e.model.forms)]
    known = NOT_MEDICAL | {word for form in forms for word in form.split()}
    reported: set[str] = set()
    entries = _reviewed_entries(data)
    for entry in entries:
        for loc, text in texts(entry.model):
            for word in MEDICAL_WORD.findall(text):
                if word.lower() in known or word.lower() in reported:
                    continue
                reported.add(word.lower())
                yield Finding(
                    "error",
                    "undefined-term",
                    _where(entry, *loc),
                    f"'{word}' is not in data/glossary.yml; add a plain definition",
                )


@check("duplicate-alias", "The same name or alias on two records: search cannot tell which one is meant.")
def duplicate_aliases(site: Site, options: LintOptions):
    owners: dict[str, list[tuple[str, Entry, tuple, str]]] = {}
    for kind, record_id, entry in _records(site.data):
        for index, name in enumerate([entry.model.name, *entry.model.also_known_as]):
            loc = ("name",) if index == 0 else ("also_known_as", index - 1)
            owners.setdefault(" ".join(name.lower().split()), []).append((f"{kind}/{record_id}", entry, loc, name))
    for uses in owners.values():
        refs = {ref for ref, *_ in uses}
        if len(refs) < 2:
            continue
        for ref, entry, loc, name in uses:
            others = ", ".join(sorted(refs - {ref}))
            yield Finding(
                "error",
                "duplicate-alias",
                _where(entry, *loc),
                f"'{name}' is also a name of {others}; keep it on one record only",
            )


@check("copied-prose", "Runs of 8 or more words copied from the articles the topics were researched from.")
def copied_prose(site: Site, options: LintOptions):
    tool = options.originality_tool
    if tool is None or not tool.is_file():
        yield Finding(  # a clinic's clone has no ../shared: say the check did not run, without failing
            "warning",
            "copied-prose",
            str(tool or "check-originality"),
            "not checked: the originality checker (../shared/tools/check-originality) is not beside the project",
        )
        return
    result = subprocess.run([sys.executable, str(tool), str(options.project)], capture_output=True, text=True)
    for line in result.stdout.splitlines():
        where, _, rest = line.partition(": copied run")
        if rest:
            yield Finding("error", "copied-prose", where, "copied run" + rest.split(":", 1)[0] + "; rewrite it")


def run_checks(site: Site, options: LintOptions, only: list[str] | None = None) -> list[Finding]:
    findings = []
    for item in CHECKS:
        if only and item.name not in only:
            continue
        findings.extend(item.run(site, options))
    return sorted(findings)


@check("editor-note", "Notes for editors (editor_notes): never shown to readers, listed here to be worked off.")
def editor_notes(site: Site, options: LintOptions):
    data = site.data
    for entry in [*_reviewed_entries(data), *data.sources.values(), *data.situations.values()]:
        for index, note in enumerate(entry.model.editor_notes):
            yield Finding("note", "editor-note", _where(entry, "editor_notes", index), note)


@check(
    "translation",
    "Each edition's translations (settings.yml languages): a problem in one, a translation made from English "
    "text that has changed since (out of date), a page or a text with no translation yet, a draft translation.",
)
def translation(site: Site, options: LintOptions):
    from macros.data.problems import ProblemList
    from macros.data.translation import translate_site

    editions = (site.data.clinic and site.data.clinic.languages) or site.data.settings.languages
    for language in (code for code in editions if code != "en"):
        problems = ProblemList()
        _, translated = translate_site(site.data, language, problems)
        for problem in sorted(problems.items):
            yield Finding(
                "error", "translation", f"{problem.file}:{problem.line}", f"{problem.field}: {problem.message}"
            )
        for ref, state in sorted(translated.states.items()):
            where = state.path or f"data/{ref}.{language}.yml"
            if state.path is None:
                yield Finding(
                    "warning", "translation", where, f"{ref} has no {language} translation; its page is in English"
                )
            elif state.out_of_date:
                yield Finding(
                    "warning",
                    "translation",
                    f"{where}:{state.line}",
                    f"out of date: the English of {ref} changed after this translation was made; update it, then "
                    f"run `python -m macros.tools.cli translated {language} {ref}`",
                )
            elif state.untranslated:
                yield Finding(
                    "warning", "translation", where, f"{len(state.untranslated)} text(s) of {ref} shown in English"
                )
        drafts = [s for s in translated.states.values() if s.status == "draft"]
        if drafts:
            yield Finding(
                "note",
                "translation",
                f"data (editions: {language})",
                f"{len(drafts)} translation(s) into {language} are drafts that no reviewer has signed off yet",
            )
