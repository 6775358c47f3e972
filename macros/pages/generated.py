"""Whole generated pages: one per record, an A-Z index per kind, one per comparison.

`generated_pages(parts)` returns {src_path: markdown}; the MkDocs hook turns each into a File.
"""

from __future__ import annotations

import json

from macros.data.kept import Kept
from macros.data.models import KIND_LABELS, SECTION_TITLES, Record
from macros.pages import links
from macros.pages.render import Parts, front_matter, plain

INDEX_INTROS = {
    "conditions": "Conditions this site explains, from A to Z. Other names are listed too, and point to the page.",
    "symptoms": "Things you may notice, from A to Z. Look for the words you would use yourself.",
    "causes": "Causes and risk factors, from A to Z.",
    "tests": "Tests and examinations a doctor may use, from A to Z.",
    "treatments": "Treatments, from self-care to surgery, from A to Z.",
}


def _review_meta(parts: Parts, ref: str) -> dict:
    """page.meta.review: the state the page shows, reviewer and dates when signed off (data/review.py)."""
    return parts.data.reviews[ref].meta()


def _translation_meta(parts: Parts, ref: str) -> dict:
    """page.meta.translation on a page of another edition than English: missing, out-of-date, draft, changed or
    reviewed, with the translation's reviewer once signed off (data/translation.py);
    overrides/partials/translation-notice.html shows it."""
    state = parts.data.translations.get(ref)
    if not state:
        return {}
    meta = {"status": state.status}
    review = state.info.review
    if state.status == "reviewed":  # who checked the translation, and when
        meta.update(reviewer=review.reviewer.name, role=review.reviewer.role, reviewed_on=str(review.reviewed_on))
    return {"translation": meta}


_RECORD_PAGES: Kept[str] = Kept()


def record_page(parts: Parts, kind: str, record_id: str, with_editor_notes: bool = False) -> str:
    """A record's page, kept with every model and value it is made from (data/kept.py): in the preview,
    a page whose record, linked records, FAQs, comparisons, help situations, review, vocabularies,
    settings, clinic and templates are all unchanged is not made again."""
    site, data = parts.site, parts.data
    models, values = parts.record_inputs(kind, record_id)
    comparison_ids = tuple(site.comparisons_for.get((kind, record_id), []))
    faq_ids, ref = site.faqs_for.get((kind, record_id), []), f"{kind}/{record_id}"
    objects = (*models, data.vocab, data.settings, *(data.comparisons[c].model for c in comparison_ids))
    plain_inputs = (
        *values,
        with_editor_notes,
        parts.templates_key,
        comparison_ids,
        tuple(parts.unreviewed_inside(f"faqs/{f}", ref) for f in faq_ids),
        json.dumps(_translation_meta(parts, ref)),
    )
    return _RECORD_PAGES.get(
        objects, lambda: _record_page(parts, kind, record_id, with_editor_notes), extra=plain_inputs
    )


def _record_page(parts: Parts, kind: str, record_id: str, with_editor_notes: bool) -> str:
    record: Record = parts.site.record(kind, record_id)
    src = links.record_path(kind, record_id)
    urgency = None
    if getattr(record, "urgency", None):
        urgency = next(t for t in parts.data.vocab.urgency if t.id == record.urgency)
    notes = record.editor_notes if with_editor_notes else []
    extra = {"editor_notes": [plain(n) for n in notes]} if notes else {}
    meta = front_matter(
        title=parts.name(record.name),
        description=plain(record.summary),
        tags=[record.name, *record.also_known_as],
        render_macros=False,
        record_kind=kind,
        review=_review_meta(parts, f"{kind}/{record_id}"),
        **_translation_meta(parts, f"{kind}/{record_id}"),
        **extra,  # notes for editors: only in the preview, never in a published page
    )
    site = parts.site
    return parts.template("record.md.j2").render(
        front_matter=meta,
        title=parts.name(record.name),
        record=record,
        kind=kind,
        summary=parts.md(record.summary),
        aliases=[parts.name(alias) for alias in record.also_known_as],
        urgency=urgency,
        urgency_admonition={"emergency": "danger", "urgent": "warning"}.get(urgency.id, "info") if urgency else "",
        help_page=links.relative(src, links.PAGES["help"]),
        sections=[
            (parts._(title), parts.md(getattr(record.sections, key)))
            for key, title in SECTION_TITLES.items()
            if getattr(record.sections, key)
        ],
        help_block=parts.help_levels(record.when_to_get_help, fold_routine=True) if record.when_to_get_help else "",
        help_link=links.relative(src, links.PAGES["help"]),
        related=parts.related_groups(kind, record_id, src),
        comparisons=[
            {
                "name": parts.name(parts.data.comparisons[cid].model.title),
                "href": links.relative(src, links.comparison_path(cid)),
            }
            for cid in site.comparisons_for.get((kind, record_id), [])
        ],
        faqs=[parts.faq(fid, f"{kind}/{record_id}") for fid in site.faqs_for.get((kind, record_id), [])],
    )


_INDEX_PAGES: Kept[str] = Kept()


def index_page(parts: Parts, kind: str) -> str:
    """A kind's A-Z list, kept with the kind's records (data/kept.py): in the preview, a list whose
    records are all unchanged (and the same, under the same ids) is not made again."""
    entries = parts.data.records[kind]
    return _INDEX_PAGES.get(
        (parts.strings, *(entry.model for entry in entries.values())),
        lambda: _index_page(parts, kind),
        extra=(kind, tuple(entries), parts.templates_key),
    )


def _index_page(parts: Parts, kind: str) -> str:
    src = links.index_path(kind)
    entries = []
    for record_id, entry in parts.data.records[kind].items():
        record = entry.model
        href = links.relative(src, links.record_path(kind, record_id))
        name = parts.name(record.name)
        entries.append({"name": name, "href": href, "summary": plain(record.summary), "see": False})
        for alias in record.also_known_as:
            entries.append({"name": parts.name(alias), "href": href, "target": name, "see": True})
    entries.sort(key=lambda e: (e["name"].lower(), e["see"]))
    letters: dict[str, list] = {}
    for entry in entries:
        first = entry["name"][0].upper()
        letters.setdefault(first if first.isalpha() else "0–9", []).append(entry)  # "## #" is an empty heading
    title, intro = parts._(KIND_LABELS[kind][0]), parts._(INDEX_INTROS[kind])
    return parts.template("index.md.j2").render(
        front_matter=front_matter(title=title, description=intro, render_macros=False),
        title=title,
        intro=intro,
        letters=sorted(letters.items()),
    )


def comparison_page(parts: Parts, comparison_id: str) -> str:
    comparison = parts.data.comparisons[comparison_id].model
    src = links.comparison_path(comparison_id)
    return parts.template("comparison.md.j2").render(
        front_matter=front_matter(
            title=parts.name(comparison.title),
            description=plain(comparison.summary),
            render_macros=False,
            review=_review_meta(parts, f"comparisons/{comparison_id}"),
            **_translation_meta(parts, f"comparisons/{comparison_id}"),
        ),
        comparison=comparison,
        title=parts.name(comparison.title),
        summary=parts.md(comparison.summary),
        table=parts.comparison_table(comparison_id, src),
        note=parts.md(comparison.note) if comparison.note else None,
    )


def comparisons_index(parts: Parts) -> str:
    src = links.PAGES["compare"]
    items = sorted(parts.data.comparisons.items(), key=lambda item: item[1].model.title.lower())
    intro = parts._("Tables that set similar conditions, tests and treatments side by side.")
    title = parts._("Comparisons")
    return parts.template("list_page.md.j2").render(
        front_matter=front_matter(title=title, description=intro, render_macros=False),
        title=title,
        intro=intro,
        links=[
            {
                "name": parts.name(e.model.title),
                "href": links.relative(src, links.comparison_path(cid)),
                "summary": plain(e.model.summary),
            }
            for cid, e in items
        ],
    )


def generated_pages(parts: Parts, with_editor_notes: bool = False) -> dict[str, str]:
    """Every page that comes from data, by source path; the live preview shows editors' notes."""
    site = parts.site
    _RECORD_PAGES.new_pass()
    _INDEX_PAGES.new_pass()
    pages = {}
    for kind, entries in site.data.records.items():
        if entries:  # publish: reviewed-only may leave a kind with none; then it has no index either
            pages[links.index_path(kind)] = index_page(parts, kind)
        for record_id in entries:
            pages[links.record_path(kind, record_id)] = record_page(parts, kind, record_id, with_editor_notes)
    for comparison_id in site.data.comparisons:
        pages[links.comparison_path(comparison_id)] = comparison_page(parts, comparison_id)
    if site.data.comparisons:
        pages[links.PAGES["compare"]] = comparisons_index(parts)
    return pages
