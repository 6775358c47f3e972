"""The link graph: checks every reference and computes reverse links before anything renders."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from macros.data import help_rules  # noqa: F401  (importing it registers the help rules)
from macros.data.content_rules import run_rules
from macros.data.kept import Kept
from macros.data.loader import Entry, SiteData, suggest
from macros.data.models import texts
from macros.data.problems import DataError, ProblemList, dotted
from macros.data.review import load_prose, review_states
from macros.data.text import cited_ids


@dataclass(frozen=True)
class Relation:
    source_kind: str
    field: str
    target_kind: str
    forward_title: str
    reverse_title: str

    @property
    def id(self) -> str:
        """'conditions.look_alikes': the kind of record that names the relation, and its field."""
        return f"{self.source_kind}.{self.field}"

    @property
    def symmetric(self) -> bool:
        """Named the same way from both ends (look-alikes): one group on each page, not two."""
        return self.source_kind == self.target_kind and self.forward_title == self.reverse_title


@dataclass
class LinkGroup:
    """One group of related records on a record's page."""

    relation: str
    """The Relation.id it comes from."""
    reverse: bool
    """True when the page is the target of the relation (the links were computed backwards)."""
    title: str
    kind: str
    """Kind of the records in `ids`."""
    ids: list[str]


RELATIONS = [
    Relation("conditions", "symptoms", "symptoms", "Symptoms", "Conditions that can cause this"),
    Relation("conditions", "causes", "causes", "Causes and risk factors", "Conditions it can lead to"),
    Relation("conditions", "tests", "tests", "Tests", "Used to find"),
    Relation("conditions", "treatments", "treatments", "Treatments", "Used for"),
    Relation(
        "conditions",
        "look_alikes",
        "conditions",
        "Conditions it can be mistaken for",
        "Conditions it can be mistaken for",
    ),
    Relation("conditions", "caused_by", "conditions", "Can be caused by", "Can lead to"),
    Relation("symptoms", "causes", "causes", "Possible causes", "Symptoms it can cause"),
    Relation("symptoms", "treatments", "treatments", "What may ease it", "May ease these symptoms"),
]


@dataclass
class Site:
    """Validated data plus the computed graph. Keys of `links` are (kind, id)."""

    data: SiteData
    links: dict[tuple[str, str], list[LinkGroup]] = field(default_factory=dict)
    faqs_for: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    comparisons_for: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    def record(self, kind: str, record_id: str):
        return self.data.records[kind][record_id].model

    def related(self, kind: str, record_id: str) -> list[LinkGroup]:
        """The record's link groups, forward relations first, then reverse ones."""
        return self.links.get((kind, record_id), [])


def _split_ref(ref: str) -> tuple[str, str]:
    kind, _, record_id = ref.partition("/")
    return kind, record_id


def _check_ref(site: SiteData, entry: Entry, loc: tuple, kind: str, record_id: str, problems: ProblemList):
    if kind not in site.records:
        problems.add(
            entry.doc.path,
            entry.line(*loc),
            dotted((*entry.loc, *loc)),
            f"'{kind}' is not a kind of record{suggest(kind, site.records)}; use one of: {', '.join(site.records)}",
        )
        return False
    if f"{kind}/{record_id}" in site.broken:
        return False
    if record_id not in site.records[kind]:
        problems.add(
            entry.doc.path,
            entry.line(*loc),
            dotted((*entry.loc, *loc)),
            f"there is no {kind[:-1]} with id '{record_id}'{suggest(record_id, site.records[kind])}; "
            f"fix the id or add data/{kind}/{record_id}.yml",
        )
        return False
    return True


_CITED: Kept[list[tuple[tuple, tuple[str, ...]]]] = Kept()
"""Each model's citations by place (the preview reuses the models of unchanged files, loader.validate)."""


def _cited_places(entry: Entry) -> list[tuple[tuple, tuple[str, ...]]]:
    def places():
        return [(loc, ids) for loc, text in texts(entry.model) if (ids := cited_ids(text))]

    return _CITED.get((entry.model,), places)


def _check_citations(site: SiteData, entries, problems: ProblemList):
    """An unknown source id is reported once, where it is first cited, with the count of other places."""
    if "sources/*" in site.broken:  # sources.yml could not be read: that one problem is reported already
        return
    unknown: dict[str, list[tuple[Entry, tuple]]] = {}
    _CITED.new_pass()
    for entry in entries:
        for loc, ids in _cited_places(entry):
            for source_id in ids:
                if source_id not in site.sources and f"sources/{source_id}" not in site.broken:
                    unknown.setdefault(source_id, []).append((entry, loc))
    for source_id, places in unknown.items():
        entry, loc = places[0]
        others = len({(e.doc.path, e.line(*where)) for e, where in places[1:]} - {(entry.doc.path, entry.line(*loc))})
        also = (
            f" ({others} other place{'s' if others != 1 else ''} cite{'s' if others == 1 else ''} it too)"
            if others
            else ""
        )
        problems.add(
            entry.doc.path,
            entry.line(*loc),
            dotted((*entry.loc, *loc)),
            f"cites '{source_id}', which is not in data/sources.yml{suggest(source_id, site.sources)}{also}; "
            "fix the id or add the source",
        )


def _link_records(site: SiteData, graph: Site, problems: ProblemList):
    groups: dict[tuple[str, str], dict[tuple[str, bool], LinkGroup]] = {}

    def group(kind: str, record_id: str, rel: Relation, reverse: bool) -> LinkGroup:
        """The page's group for this relation; a symmetric relation has one group, whichever end names it."""
        key = (rel.id, reverse and not rel.symmetric)
        page = groups.setdefault((kind, record_id), {})
        if key not in page:
            title, other = (rel.reverse_title, rel.source_kind) if reverse else (rel.forward_title, rel.target_kind)
            page[key] = LinkGroup(rel.id, reverse, title, other, [])
        return page[key]

    for rel in RELATIONS:
        for record_id, entry in site.records[rel.source_kind].items():
            for index, target in enumerate(getattr(entry.model, rel.field)):
                if _check_ref(site, entry, (rel.field, index), rel.target_kind, target, problems):
                    forward = group(rel.source_kind, record_id, rel, reverse=False)
                    if target not in forward.ids:
                        forward.ids.append(target)
    for rel in RELATIONS:  # reverse groups after every forward one, as pages list them
        for record_id, entry in site.records[rel.source_kind].items():
            for target in getattr(entry.model, rel.field):
                if target in site.records[rel.target_kind]:
                    back = group(rel.target_kind, target, rel, reverse=True)
                    if record_id not in back.ids:
                        back.ids.append(record_id)
    for page in groups.values():
        for each in page.values():
            each.ids.sort(key=lambda rid, k=each.kind: site.records[k][rid].model.name.lower())
    graph.links = {key: list(page.values()) for key, page in groups.items()}


def _link_refs(site: SiteData, graph: Site, problems: ProblemList):
    for faq_id, entry in site.faqs.items():
        for index, ref in enumerate(entry.model.related):
            kind, record_id = _split_ref(ref)
            if _check_ref(site, entry, ("related", index), kind, record_id, problems):
                graph.faqs_for.setdefault((kind, record_id), []).append(faq_id)
    for comparison_id, entry in site.comparisons.items():
        keys = [c.key for c in entry.model.columns]
        for index, row in enumerate(entry.model.rows):
            if row.record:
                kind, record_id = _split_ref(row.record)
                if _check_ref(site, entry, ("rows", index, "record"), kind, record_id, problems):
                    graph.comparisons_for.setdefault((kind, record_id), []).append(comparison_id)
            for key in row.cells:
                if key not in keys:
                    problems.add(
                        entry.doc.path,
                        entry.line("rows", index, "cells", key),
                        dotted(("rows", index, "cells", key)),
                        f"'{key}' is not a column of this table{suggest(key, keys)}; use one of: {', '.join(keys)}",
                    )
            for key in keys:
                if key not in row.cells:
                    problems.add(
                        entry.doc.path,
                        entry.line("rows", index, "cells"),
                        dotted(("rows", index, "cells")),
                        f"has no text for column '{key}'; add one (write 'Not known' if unknown)",
                    )
    for entry in site.glossary.values():
        if entry.model.record:
            kind, record_id = _split_ref(entry.model.record)
            _check_ref(site, entry, ("record",), kind, record_id, problems)


def _check_unique_names(site: SiteData, problems: ProblemList):
    """Two records with the same title would confuse readers and search alike."""
    by_name: dict[str, list[Entry]] = {}
    for entries in site.records.values():
        for entry in entries.values():
            by_name.setdefault(entry.model.name.lower(), []).append(entry)
    for same in by_name.values():
        for entry in same if len(same) > 1 else ():
            others = ", ".join(e.doc.path for e in same if e is not entry)
            problems.add(
                entry.doc.path,
                entry.line("name"),
                "name",
                f"'{entry.model.name}' is also the name of {others}; give each record its own name",
            )


def with_reviews(site_data: SiteData, problems: ProblemList) -> SiteData:
    """Work out the review state of every page, once: from the English, whose text the reviewers signed off
    (an edition's pages show the English pages' clinical review, so this runs before translating)."""
    if not site_data.reviews:
        docs = site_data.root.parent / "docs"
        prose = load_prose(docs, problems) if docs.is_dir() else {}
        site_data.reviews = review_states(site_data, prose, problems, dt.date.today())
    return site_data


def build_site(site_data: SiteData, problems: ProblemList | None = None, rules: bool = True) -> Site:
    """Check every reference and compute the graph; raise DataError with every problem so far.

    Also works out the review state of every page (data/review.py), once. `rules=False` skips the
    content rules, for a copy of data that passed them already (policy.reviewed_only's).
    """
    problems = ProblemList() if problems is None else problems
    with_reviews(site_data, problems)
    graph = Site(site_data)
    _link_records(site_data, graph, problems)
    _link_refs(site_data, graph, problems)
    _check_unique_names(site_data, problems)
    _check_citations(
        site_data,
        [
            entry
            for entries in (
                *site_data.records.values(),
                site_data.faqs,
                site_data.comparisons,
                site_data.glossary,
                site_data.situations,
            )
            for entry in entries.values()
        ],
        problems,
    )
    if rules:
        run_rules(site_data, problems)
    if problems:
        raise DataError(problems)
    return graph
