"""The link graph: checks every reference and computes reverse links before anything renders."""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import BaseModel

from .loader import Entry, SiteData, suggest
from .problems import DataError, ProblemList, dotted
from .text import cited_ids


@dataclass(frozen=True)
class Relation:
    source_kind: str
    field: str
    target_kind: str
    forward_title: str
    reverse_title: str


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
    links: dict[tuple[str, str], list[tuple[str, str, list[str]]]] = field(default_factory=dict)
    faqs_for: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    comparisons_for: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    def record(self, kind: str, record_id: str):
        return self.data.records[kind][record_id].model

    def related(self, kind: str, record_id: str) -> list[tuple[str, str, list[str]]]:
        """(title, target kind, ids) groups, forward relations first, then reverse ones."""
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


def _texts(model: BaseModel, loc: tuple = ()):
    """Every text value in a model, with its loc."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else None
        if isinstance(value, str):
            yield (*loc, name), value
        elif isinstance(value, BaseModel):
            yield from _texts(value, (*loc, name))
        elif items is not None:
            for key, item in items:
                if isinstance(item, str):
                    yield (*loc, name, key), item
                elif isinstance(item, BaseModel):
                    yield from _texts(item, (*loc, name, key))


def _check_citations(site: SiteData, entries, problems: ProblemList):
    """An unknown source id is reported once, where it is first cited, with the count of other places."""
    if "sources/*" in site.broken:  # sources.yml could not be read: that one problem is reported already
        return
    unknown: dict[str, list[tuple[Entry, tuple]]] = {}
    for entry in entries:
        for loc, text in _texts(entry.model):
            for source_id in cited_ids(text):
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
    forward: dict = {}
    reverse: dict = {}
    for rel in RELATIONS:
        for record_id, entry in site.records[rel.source_kind].items():
            targets = []
            for index, target in enumerate(getattr(entry.model, rel.field)):
                if _check_ref(site, entry, (rel.field, index), rel.target_kind, target, problems):
                    targets.append(target)
                    reverse.setdefault((rel.target_kind, target, rel), []).append(record_id)
            if targets:
                forward.setdefault((rel.source_kind, record_id), []).append(
                    (rel.forward_title, rel.target_kind, targets)
                )
    for (kind, record_id, rel), sources in reverse.items():
        groups = forward.setdefault((kind, record_id), [])
        same = next((g for g in groups if g[0] == rel.reverse_title and g[1] == rel.source_kind), None)
        if same:  # symmetric relation named on both sides: merge, no duplicates
            same[2].extend(s for s in sources if s not in same[2])
        else:
            groups.append((rel.reverse_title, rel.source_kind, sources))
    for groups in forward.values():
        for _title, _kind, ids in groups:
            ids.sort(key=lambda rid, k=_kind: site.records[k][rid].model.name.lower())
    graph.links = forward


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


def build_site(site_data: SiteData, problems: ProblemList | None = None) -> Site:
    """Check every reference and compute the graph; raise DataError with every problem so far."""
    problems = ProblemList() if problems is None else problems
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
    from .content_rules import run_rules

    run_rules(site_data, problems)
    if problems:
        raise DataError(problems)
    return graph
