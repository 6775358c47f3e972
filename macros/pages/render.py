"""Markdown parts shared by generated pages and by macros in hand-written pages.

Each function returns Markdown from one Jinja template; links come from `links`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import cached_property
from pathlib import Path

import jinja2

from macros.data.clinic import help_wording
from macros.data.models import HELP_LEVELS, HelpLevels
from macros.data.registry import Site
from macros.data.strings import ENGLISH, Strings, Untranslated, lines_with_note, with_note
from macros.data.text import CITATION, citations_to_footnotes
from macros.pages import links
from macros.pages.template_cache import COMPILED

TEMPLATES = Path(__file__).parent / "templates"


def make_environment(strings: Strings = ENGLISH) -> jinja2.Environment:
    """The templates' environment; `_("...")` in a template is the interface's word in the edition's language."""
    env = jinja2.Environment(
        extensions=["jinja2.ext.i18n"],
        bytecode_cache=COMPILED,
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # output is Markdown; every data text is checked for markup when loaded
    )
    env.install_gettext_callables(strings.gettext, strings.ngettext, newstyle=True)
    return env


ONLY_ENGLISH = "This part is only in English."


def md(text: str, strings: Strings = ENGLISH) -> str:
    """Data text as page Markdown: citations become footnote references. English text on a page of
    another language (no translation yet) comes with a note that says so."""
    markdown = citations_to_footnotes(text)
    if isinstance(text, Untranslated):
        note = f"*({strings.gettext(ONLY_ENGLISH)})*"
        return f"{note}\n\n{markdown}" if "\n" in markdown.strip() else f"{markdown} {note}"
    return markdown


def name(text: str, strings: Strings = ENGLISH) -> str:
    """A name or title on a page of another language: marked when it is still in English."""
    return with_note(text, strings)


def plain(text: str) -> str:
    """Data text without citations, on one line (for meta descriptions and table cells)."""
    return " ".join(re.sub(r"\s*" + CITATION.pattern, "", text).split())


def long_date(iso: str, strings: Strings = ENGLISH) -> str:
    """2026-12-02 -> 2 December 2026 (2 de diciembre de 2026): dates readers read without effort, in the
    edition's language."""
    date = dt.date.fromisoformat(str(iso))
    if strings.language == "en":
        return f"{date.day} {date:%B %Y}"
    from babel.dates import format_date  # only another edition than English needs Babel

    return format_date(date, format="long", locale=strings.language)


def plain_with_note(text: str, strings: Strings = ENGLISH) -> str:
    """plain(text), followed by "(in English)" on a page of another language while it has no translation."""
    shown = plain(text)
    return with_note(Untranslated(shown), strings) if isinstance(text, Untranslated) else shown


def clinic_contact(clinic, strings: Strings = ENGLISH) -> dict:
    """How to reach the clinic, as the footer and the leaflets show it in the edition's language: name, phone,
    address, opening hours and booking, the last two with "(in English)" while they have no translation."""
    return {
        "name": clinic.name,
        "phone": clinic.phone,
        "address": list(clinic.address),
        "opening_hours": lines_with_note(clinic.opening_hours, strings),
        "booking": plain_with_note(clinic.booking, strings),
    }


def front_matter(**meta) -> str:
    """Page metadata as one line of JSON, which is valid YAML and many times faster to write."""
    return json.dumps(meta, ensure_ascii=False) + "\n"


class Parts:
    """Renders the pieces of pages; one instance per build."""

    def __init__(self, site: Site):
        self.site = site
        self.data = site.data
        self.strings = site.data.strings
        self.env = make_environment(self.strings)
        self._inputs: dict[tuple[str, str], tuple[tuple, tuple]] = {}

    def md(self, text: str) -> str:
        return md(text, self.strings)

    def name(self, text: str) -> str:
        return name(text, self.strings)

    def _(self, text: str) -> str:
        return self.strings.gettext(text)

    @cached_property
    def templates_key(self) -> tuple:
        """Every template file with its modification time and size: changes when a template is edited."""
        return tuple(
            (str(path.relative_to(TEMPLATES)), path.stat().st_mtime_ns, path.stat().st_size)
            for path in sorted(TEMPLATES.rglob("*"))
            if path.is_file()
        )

    def record_inputs(self, kind: str, record_id: str) -> tuple[tuple, tuple]:
        """What both a record's page and its API file are made from, for data/kept.py: the models (the
        record, the clinic, every linked record, its FAQs and help situations) and the plain values
        (its link groups, FAQ and situation ids, and review state). Worked out once per build: the page
        and the API file ask for the same record's."""
        if (kind, record_id) not in self._inputs:
            self._inputs[kind, record_id] = self._record_inputs(kind, record_id)
        return self._inputs[kind, record_id]

    def _record_inputs(self, kind: str, record_id: str) -> tuple[tuple, tuple]:
        site, data = self.site, self.data
        record = site.record(kind, record_id)
        groups = site.related(kind, record_id)
        faq_ids = tuple(site.faqs_for.get((kind, record_id), []))
        help = getattr(record, "when_to_get_help", None)
        situation_ids = help.situation_ids() if help else ()
        models = (
            record,
            data.clinic,
            *(site.record(group.kind, rid) for group in groups for rid in group.ids),
            *(data.faqs[f].model if f in data.faqs else None for f in faq_ids),
            *(data.situations[s].model if s in data.situations else None for s in situation_ids),
        )
        values = (
            kind,
            record_id,
            faq_ids,
            situation_ids,
            tuple((g.relation, g.reverse, g.title, g.kind, tuple(g.ids)) for g in groups),
            json.dumps(data.reviews[f"{kind}/{record_id}"].meta(), sort_keys=True, default=str),
        )
        return models, values

    @cached_property
    def help_wording(self) -> dict:
        return help_wording(self.data.clinic, self.data.settings.emergency_numbers, self.strings)

    def template(self, name: str) -> jinja2.Template:
        return self.env.get_template(name)

    def link(self, kind: str, record_id: str, from_src: str, with_summary: bool = False) -> dict:
        record = self.site.record(kind, record_id)
        return {
            "name": self.name(record.name),
            "href": links.relative(from_src, links.record_path(kind, record_id)),
            "summary": plain(record.summary) if with_summary else "",
        }

    def ref_link(self, ref: str, from_src: str) -> dict:
        kind, _, record_id = ref.partition("/")
        return self.link(kind, record_id, from_src)

    def site_help(self) -> HelpLevels:
        """Every situation in data/help.yml under its level: the site-wide help box."""
        by_level = {level: [] for level in HELP_LEVELS}
        for situation_id, entry in self.data.situations.items():
            by_level[entry.model.level].append(situation_id)
        return HelpLevels(**by_level)

    def help_levels(self, help: HelpLevels, heading: bool = True, fold_routine: bool = False) -> str:
        """A help box: each situation's text from data/help.yml, under the level the site gives it."""
        situations = self.data.situations
        shown = {
            level: [self.md(situations[i].model.text) for i in getattr(help, level)] for level in self.help_wording
        }
        return self.template("help_levels.md.j2").render(
            help=shown, help_wording=self.help_wording, help_heading=heading, fold_routine=fold_routine
        )

    def unreviewed_inside(self, ref: str, page_ref: str | None) -> bool:
        """True when a signed-off page shows a part (FAQ, table) no clinician has signed off as it stands:
        the part then says so itself. On a draft page, the page's own notice covers it."""
        reviews = self.data.reviews
        page = reviews.get(page_ref) if page_ref else None
        part = reviews.get(ref)
        return bool(page and page.publishable and part and not part.publishable)

    def faq(self, faq_id: str, page_ref: str | None) -> dict:
        model = self.data.faqs[faq_id].model
        return {
            "anchor": links.faq_anchor(faq_id),
            "question": self.name(model.question),
            "answer": self.md(model.answer),
            "unreviewed": self.unreviewed_inside(f"faqs/{faq_id}", page_ref),
        }

    def faq_items(self, faq_ids: list[str], page_ref: str | None = None) -> str:
        faqs = [self.faq(faq_id, page_ref) for faq_id in faq_ids]
        return self.template("faq_items.md.j2").render(faqs=faqs)

    def faqs_by_group(self, group: str | None = None) -> list[tuple[str, list[str]]]:
        """(group label, faq ids) in vocabulary order; one group when `group` is given."""
        out = []
        for term in self.data.vocab.faq_groups:
            if group and term.id != group:
                continue
            ids = sorted(
                (fid for fid, e in self.data.faqs.items() if e.model.group == term.id),
                key=lambda fid: self.data.faqs[fid].model.question,
            )
            if ids:
                out.append((self.name(term.label), ids))
        return out

    def related_groups(self, kind: str, record_id: str, from_src: str) -> list[tuple[str, list[dict]]]:
        return [
            (self._(group.title), [self.link(group.kind, rid, from_src) for rid in group.ids])
            for group in self.site.related(kind, record_id)
        ]

    def comparison_table(self, comparison_id: str, from_src: str, page_ref: str | None = None) -> str:
        comparison = self.data.comparisons[comparison_id].model
        rows = []
        for row in comparison.rows:
            link = self.ref_link(row.record, from_src) if row.record else None
            rows.append(
                {
                    "title": self.name(row.label) if row.label else link["name"],
                    "href": link["href"] if link else None,
                    "cells": [
                        self.md(type(row.cells[c.key])(" ".join(row.cells[c.key].split()))).replace("|", "\\|")
                        for c in comparison.columns
                    ],
                }
            )
        return self.template("comparison_table.md.j2").render(
            columns=[self.name(c.label) for c in comparison.columns],
            rows=rows,
            unreviewed=self.unreviewed_inside(f"comparisons/{comparison_id}", page_ref),
        )
