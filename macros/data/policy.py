"""Publishing policy: `publish: reviewed-only` leaves out every page not signed off as it stands.

Drafts and pages changed since review are withheld; every reference to them (related lists, FAQ
links, comparison rows, glossary "read more" links) is dropped from what is left, so the link
graph built from the result has nothing dangling. A comparison left with fewer than two rows is
withheld too. Hand-written pages are withheld by source path; the build drops their files, their
nav entries and the links to them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from macros.data.loader import SiteData
from macros.data.problems import DataError, ProblemList
from macros.data.registry import RELATIONS
from macros.data.review import PAGES, STATE_LABELS

HOME = f"{PAGES}/index"


@dataclass(frozen=True)
class Withheld:
    ref: str
    title: str
    path: str
    reason: str


def policy(data: SiteData) -> str:
    """The publishing policy: the clinic file's, else the settings'."""
    if data.clinic is not None and data.clinic.publish:
        return data.clinic.publish
    return data.settings.publish


def reviewed_only(data: SiteData) -> tuple[SiteData, list[Withheld]]:
    """A copy of `data` with only signed-off, unchanged pages, and what was left out (in ref order).

    Raises DataError when what is left cannot be a site: no home page or no record at all.
    """
    withheld = {
        ref: Withheld(ref, state.title, state.path, STATE_LABELS[state.status].lower())
        for ref, state in data.reviews.items()
        if not state.publishable
    }
    kept = {
        kind: {rid: entry for rid, entry in entries.items() if f"{kind}/{rid}" not in withheld}
        for kind, entries in data.records.items()
    }

    def gone(kind: str, record_id: str) -> bool:
        return record_id not in kept.get(kind, {})

    for rel in RELATIONS:
        for record_id, entry in kept[rel.source_kind].items():
            ids = getattr(entry.model, rel.field)
            left = [target for target in ids if not gone(rel.target_kind, target)]
            if left != ids:
                model = entry.model.model_copy(update={rel.field: left})
                kept[rel.source_kind][record_id] = replace(entry, model=model)

    def ref_gone(ref: str) -> bool:
        kind, _, record_id = ref.partition("/")
        return gone(kind, record_id)

    faqs = {}
    for faq_id, entry in data.faqs.items():
        if f"faqs/{faq_id}" in withheld:
            continue
        related = [ref for ref in entry.model.related if not ref_gone(ref)]
        faqs[faq_id] = replace(entry, model=entry.model.model_copy(update={"related": related}))
    comparisons = {}
    for comparison_id, entry in data.comparisons.items():
        ref = f"comparisons/{comparison_id}"
        if ref in withheld:
            continue
        rows = [row for row in entry.model.rows if not (row.record and ref_gone(row.record))]
        if len(rows) < 2:
            withheld[ref] = Withheld(ref, entry.model.title, entry.doc.path, "fewer than two rows left")
            continue
        comparisons[comparison_id] = replace(entry, model=entry.model.model_copy(update={"rows": rows}))
    glossary = {
        term_id: (
            replace(entry, model=entry.model.model_copy(update={"record": None}))
            if entry.model.record and ref_gone(entry.model.record)
            else entry
        )
        for term_id, entry in data.glossary.items()
    }
    problems = ProblemList()
    if HOME in withheld:
        problems.add(
            withheld[HOME].path,
            data.reviews[HOME].line,
            "review",
            "the home page is not signed off (it is "
            f"{withheld[HOME].reason}), and a reviewed-only site cannot be published without it; "
            "have a clinician sign it off with make sign-off, or set publish: all",
        )
    if not any(kept.values()):
        problems.add(
            *_policy_line(data),
            "publish",
            "is reviewed-only, but no record is signed off, so the site would be empty; "
            "have a clinician sign records off with make sign-off (make review lists them), or set publish: all",
        )
    if problems:
        raise DataError(problems)
    filtered = replace(data, records=kept, faqs=faqs, comparisons=comparisons, glossary=glossary)
    return filtered, sorted(withheld.values(), key=lambda w: w.ref)


def _policy_line(data: SiteData) -> tuple[str, int]:
    """Where the policy is set: the clinic file when it sets one, else settings.yml."""
    name = "clinic.yml" if data.clinic is not None and data.clinic.publish else "settings.yml"
    lines = (data.root / name).read_text(encoding="utf-8").splitlines()
    line = next((n for n, text in enumerate(lines, 1) if text.startswith("publish:")), 0)
    return f"{data.root.name}/{name}", line
