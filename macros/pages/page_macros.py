"""Macros that hand-written pages in docs/ call. Each returns Markdown; none holds logic of its own."""

from __future__ import annotations

from pathlib import Path

from macros.data.loader import suggest
from macros.data.review import prose_ref
from macros.pages import links
from macros.pages.extras import cited_sources, format_source
from macros.pages.render import Parts


class MacroError(ValueError):
    """A macro called with a wrong argument: the message says what to write instead."""


PAGE_MACROS = (
    "comparison_table",
    "faqs",
    "related",
    "help_box",
    "term",
    "record_links",
    "symptom_finder",
    "glossary",
    "bibliography",
    "question_ticks",
    "symptom_diary",
)
"""The only names a hand-written page's template may call (build/sandbox.py enforces it)."""


def register(env, parts: Parts, withheld: frozenset[str] = frozenset()) -> None:
    """Register the page macros; a macro naming a page that `publish: reviewed-only` left out
    (a ref in `withheld`) shows nothing, as if the page had never been written."""
    data = parts.data
    _ = parts._

    def here() -> str:
        return env.page.file.src_path

    def need(options, value, what):
        if value not in options:
            raise MacroError(f"{here()}: there is no {what} '{value}'{suggest(value, options)}")

    @env.macro
    def comparison_table(comparison_id: str) -> str:
        """The comparison table `comparison_id` (a file in data/comparisons/)."""
        if f"comparisons/{comparison_id}" in withheld:
            return ""
        need(data.comparisons, comparison_id, "comparison")
        return parts.comparison_table(comparison_id, here(), prose_ref(here()))

    @env.macro
    def faqs(group: str | None = None) -> str:
        """All FAQs grouped under headings, or only those of one group without a heading."""
        if group:
            need([t.id for t in data.vocab.faq_groups], group, "FAQ group")
        blocks = []
        for label, ids in parts.faqs_by_group(group):
            heading = "" if group else f"## {label}\n\n"
            blocks.append(heading + parts.faq_items(ids, prose_ref(here())))
        return "\n".join(blocks)

    @env.macro
    def related(ref: str) -> str:
        """The related-pages block of a record, written kind/id."""
        if ref in withheld:
            return ""
        kind, _, record_id = ref.partition("/")
        need(data.records, kind, "kind of record")
        need(data.records[kind], record_id, f"{kind[:-1]}")
        lines = []
        for title, group in parts.related_groups(kind, record_id, here()):
            lines.append(f"**{title}:** " + ", ".join(f"[{g['name']}]({g['href']})" for g in group))
        return "\n\n".join(lines) + "\n"

    @env.macro
    def help_box(ref: str | None = None) -> str:
        """The three levels of help: for one record (kind/id), or the site-wide ones."""
        if ref is None:
            return parts.help_levels(parts.site_help(), heading=False)
        if ref in withheld:
            return ""
        kind, _, record_id = ref.partition("/")
        need(data.records, kind, "kind of record")
        need(data.records[kind], record_id, f"{kind[:-1]}")
        record = parts.site.record(kind, record_id)
        if not record.when_to_get_help:
            raise MacroError(f"{here()}: {ref} has no when_to_get_help to show")
        return parts.help_levels(record.when_to_get_help, heading=False)

    @env.macro
    def term(term_id: str, text: str | None = None) -> str:
        """A glossary term linked to its definition."""
        need(data.glossary, term_id, "glossary term")
        label = text or data.glossary[term_id].model.term
        return f"[{label}]({links.relative(here(), links.PAGES['glossary'])}#{links.glossary_anchor(term_id)})"

    @env.macro
    def record_links(kind: str, field: str | None = None, value: str | None = None) -> str:
        """A bulleted list of a kind's records, optionally only those whose `field` has `value`."""
        need(data.records, kind, "kind of record")
        chosen = []
        for record_id, entry in data.records[kind].items():
            current = getattr(entry.model, field, None) if field else None
            if field and not (current == value or (isinstance(current, list) and value in current)):
                continue
            chosen.append(parts.link(kind, record_id, here(), with_summary=True))
        chosen.sort(key=lambda link: link["name"].lower())
        return "\n".join(f"- [**{c['name']}**]({c['href']}): {c['summary']}" for c in chosen) + "\n"

    @env.macro
    def symptom_finder() -> str:
        """Symptoms grouped by body region, as cards, which the symptom explorer turns into tick boxes."""
        cards = []
        for region in data.vocab.body_regions:
            ids = [rid for rid, e in data.records["symptoms"].items() if region.id in e.model.body_regions]
            if not ids:
                continue
            names = sorted((parts.link("symptoms", rid, here()) for rid in ids), key=lambda x: x["name"])
            items = "\n".join(f"    - [{n['name']}]({n['href']})" for n in names)
            cards.append(f"-   **{region.label}**\n\n    ---\n\n{items}\n")
        # symptom-explorer.js turns this into the explorer (tick boxes, matching conditions); without
        # JavaScript it stays a list of symptom pages by body region
        return (
            '<div class="mg-explorer" data-mg-explorer markdown>\n\n<div class="grid cards" markdown>\n\n'
            + "\n".join(cards)
            + "\n</div>\n\n</div>\n"
        )

    @env.macro
    def question_ticks() -> str:
        """Where questions.js puts a tick box before each question in the page's lists."""
        diary = links.relative(here(), "symptom-diary.md")
        note = _(
            "Tick the questions you want to ask. Your ticks stay in this browser only, and the "
            "[symptom diary]({diary}) prints them with your summary for the appointment."
        ).format(diary=diary)
        return f'<p class="mg-questions__note" data-mg-questions hidden markdown>{note}</p>\n'

    @env.macro
    def symptom_diary(rows: int = 15) -> str:
        """The symptom diary (diary.js); without JavaScript, a paper diary table to print."""
        headings = (_("Date"), _("Symptom"), _("How bad (0-10)"), _("What I was doing"), _("Notes"))
        table = f"| {' | '.join(headings)} |\n| --- | --- | --- | --- | --- |\n"
        table += "| | | | | |\n" * rows
        how, name = _("Print this page and fill in a line each day, or copy the table into a notebook."), _("Name:")
        return (
            '<div class="mg-diary" data-mg-diary markdown>\n\n'
            '<div class="mg-diary__paper" data-mg-diary-paper markdown>\n\n'
            f"{how}\n\n{name} ______________________\n\n{table}\n</div>\n\n</div>\n"
        )

    @env.macro
    def glossary() -> str:
        """Every glossary term with its definition, A to Z."""
        out, read_more = [], _("Read more")
        for term_id, entry in sorted(data.glossary.items(), key=lambda i: i[1].model.term.lower()):
            t = entry.model
            more = ""
            if t.record:
                more = f" [{read_more}]({parts.ref_link(t.record, here())['href']})."
            forms = " " + _("(also: {forms})").format(forms=", ".join(t.forms)) if t.forms else ""
            out.append(f"**{t.term}**{{: #{links.glossary_anchor(term_id)} }}{forms}\n:   {t.definition}{more}\n")
        return "\n".join(out)

    @env.macro
    def bibliography() -> str:
        """The shared bibliography by kind of evidence, strongest first; sources no page cites last."""
        cited = cited_sources(data, Path(env.conf["docs_dir"]))
        out = []

        def listing(entries) -> str:
            return "\n".join(
                f"- **{sid}**{{: #{links.source_anchor(sid)} }}: {format_source(e.model, data.language)}"
                for sid, e in sorted(entries, key=lambda i: i[0].lower())
            )

        for kind in data.vocab.source_kinds:
            entries = [(sid, e) for sid, e in data.sources.items() if e.model.kind == kind.id and sid in cited]
            if entries:
                out.append(f"## {kind.label}\n\n{kind.description or ''}\n\n{listing(entries)}\n")
        further = [(sid, e) for sid, e in data.sources.items() if sid not in cited]
        if further:
            heading = _("Further reading")
            why = _("No page cites these at the moment; they are listed because editors used them for background.")
            out.append(f"## {heading}\n\n{why}\n\n{listing(further)}\n")
        return "\n".join(out)
