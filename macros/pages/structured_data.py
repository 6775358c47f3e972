"""schema.org JSON-LD for every page, made from the models (what search engines and portals read).

Every page is a MedicalWebPage with its breadcrumb; a record page is `about` its record, typed as the
record's kind says (MedicalCondition, MedicalSignOrSymptom, MedicalCause or MedicalRiskFactor,
MedicalTest, MedicalTherapy, with SurgicalProcedure for surgery), with its links to other records as schema.org
properties; a page that shows questions is also an FAQPage. Addresses are absolute when the site's
public address is set (data/settings.yml site_url), else relative to the page (a copy in a folder).
`json_script` makes the text of the script element: nothing in it can close the element.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from mkdocs.utils import get_relative_url

from macros.data.clinic import localise
from macros.data.models import KIND_LABELS
from macros.data.registry import Site
from macros.data.strings import ENGLISH, Strings
from macros.pages import links
from macros.pages.render import plain

CONTEXT = "https://schema.org"
ANATOMY = {
    "neck": "SuperficialAnatomy",
    "arms-hands": "SuperficialAnatomy",
    "back": "SuperficialAnatomy",
    "legs-feet": "SuperficialAnatomy",
    "head": "SuperficialAnatomy",
}
"""Body regions that are places on the body (balance and walking, bladder and bowel, or the whole body are not)."""
SURGERY = ["MedicalTherapy", "SurgicalProcedure"]
"""Surgery treats (a MedicalTherapy, the type conditions' possibleTreatment expects) and is a surgical procedure."""

_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_LIST_MARK = re.compile(r"(?m)^\s*(?:[-*]|\d+\.)\s+")


def plain_words(text: str) -> str:
    """Data text as plain words: no citations, emphasis marks or list marks, on one line."""
    return plain(_EMPHASIS.sub(r"\2", _LIST_MARK.sub("", text)))


def json_script(graph: dict) -> str:
    """The JSON text for a <script type="application/ld+json">: <, > and & are escaped as JSON
    escapes, so no text from data can end the element or start another."""
    text = json.dumps(graph, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@dataclass
class PageFacts:
    """What the JSON-LD of one page is made from (the hook fills it from MkDocs' page)."""

    src: str
    """The page's source path, e.g. conditions/degenerative-cervical-myelopathy.md."""
    url: str
    """Its URL from the site's root, e.g. conditions/degenerative-cervical-myelopathy/."""
    title: str
    description: str
    review: dict = field(default_factory=dict)
    """page.meta.review (data/review.py ReviewState.meta)."""


class StructuredData:
    """Makes the JSON-LD graph of each page of one build."""

    def __init__(self, site: Site, *, site_url: str | None, urls: dict[str, str], titles: dict[str, str], **facts):
        self.site = site
        self.data = site.data
        self.site_url = site_url
        self.urls = urls
        """Source path -> URL of every page in this build (only pages that exist are linked)."""
        self.titles = titles
        """Source path -> title, for breadcrumbs."""
        self.site_name: str = facts["site_name"]
        self.language: str = facts["language"]

    def iri(self, target: str, page_url: str) -> str:
        """The address of `target` (a URL from the root): absolute with a site_url, else relative to the page."""
        if self.site_url:
            return self.site_url + target.removeprefix("./")
        return get_relative_url(target or ".", page_url or ".")

    def page_graph(self, page: PageFacts) -> dict:
        home = self.urls.get("index.md", "")
        web_page = {
            "@type": "MedicalWebPage",
            "url": self.iri(page.url, page.url),
            "name": page.title,
            "description": page.description,
            "inLanguage": self.language,
            "isPartOf": {"@type": "WebSite", "name": self.site_name, "url": self.iri(home, page.url)},
            "audience": {"@type": "MedicalAudience", "audienceType": "Patient"},
            "breadcrumb": self.breadcrumb(page),
        }
        if page.review.get("status") == "reviewed":
            web_page["lastReviewed"] = page.review["reviewed_on"]
            web_page["reviewedBy"] = {
                "@type": "Person",
                "name": page.review["reviewer"],
                "jobTitle": page.review["role"],
            }
        kind, record_id = _record_of(page.src)
        if kind in self.data.records and record_id in self.data.records[kind]:
            web_page["about"] = self.record(kind, record_id, page.url)
        elif page.src.startswith("compare/") and page.src != links.PAGES["compare"]:
            web_page["about"] = self.compared(page.src.removeprefix("compare/").removesuffix(".md"), page.url)
        questions = self.questions(page.src, kind, record_id)
        if questions:
            web_page["@type"] = ["MedicalWebPage", "FAQPage"]
            web_page["mainEntity"] = questions
        return {"@context": CONTEXT, **web_page}

    def breadcrumb(self, page: PageFacts) -> dict:
        """Home, the folder's index page (the A-Z list or the comparisons), then the page itself."""
        trail = ["index.md"]
        folder = page.src.rpartition("/")[0]
        if folder and page.src != f"{folder}/index.md" and f"{folder}/index.md" in self.urls:
            trail.append(f"{folder}/index.md")
        if page.src != "index.md":
            trail.append(page.src)
        items = []
        for position, src in enumerate(trail, start=1):
            name = page.title if src == page.src else self.titles.get(src) or _index_label(src, self.data.strings)
            items.append(
                {"@type": "ListItem", "position": position, "name": name, "item": self.iri(self.urls[src], page.url)}
            )
        return {"@type": "BreadcrumbList", "itemListElement": items}

    def reference(self, kind: str, record_id: str, page_url: str) -> dict:
        """A short node for a linked record: its type, name and address."""
        record = self.site.record(kind, record_id)
        node = {"@type": self.type_of(kind, record), "name": record.name}
        url = self.urls.get(links.record_path(kind, record_id))
        if url is not None:
            node["url"] = self.iri(url, page_url)
        return node

    def type_of(self, kind: str, record) -> str | list[str]:
        if kind == "causes":
            return "MedicalRiskFactor" if record.cause_type == "risk-factor" else "MedicalCause"
        if kind == "treatments":
            return SURGERY if record.treatment_kind == "surgery" else "MedicalTherapy"
        return {"conditions": "MedicalCondition", "symptoms": "MedicalSignOrSymptom", "tests": "MedicalTest"}[kind]

    def record(self, kind: str, record_id: str, page_url: str) -> dict:
        record = self.site.record(kind, record_id)
        node = self.reference(kind, record_id, page_url)
        node["description"] = plain_words(record.summary)
        if record.also_known_as:
            node["alternateName"] = list(record.also_known_as)
        anatomy = [
            {"@type": ANATOMY[term.id], "name": term.label}
            for term in self.data.vocab.body_regions
            if term.id in getattr(record, "body_regions", ()) and term.id in ANATOMY
        ]
        if anatomy:
            node["associatedAnatomy"] = anatomy
        for group in self.site.related(kind, record_id):
            for prop, values in self.relation_values(group, page_url, node["@type"]):
                if values:
                    node.setdefault(prop, []).extend(values)
        return node

    def relation_values(self, group, page_url: str, own_type: str):
        """(schema.org property, values) for one group of related records, or nothing when schema.org has
        no property for the relation."""
        refs = [self.reference(group.kind, rid, page_url) for rid in group.ids]
        relation = (group.relation, group.reverse)
        if relation == ("conditions.symptoms", False):
            yield "signOrSymptom", refs
        elif relation in {("conditions.causes", False), ("symptoms.causes", False)}:
            yield "riskFactor", [r for r in refs if r["@type"] == "MedicalRiskFactor"]
            yield "cause", [r for r in refs if r["@type"] == "MedicalCause"]
        elif relation == ("conditions.tests", False):
            yield "typicalTest", refs
        elif relation in {("conditions.treatments", False), ("symptoms.treatments", False)}:
            yield "possibleTreatment", refs
        elif group.relation == "conditions.look_alikes":
            yield "differentialDiagnosis", [{"@type": "DDxElement", "diagnosis": r} for r in refs]
        elif relation == ("conditions.caused_by", True):
            yield "possibleComplication", [r["name"] for r in refs]
        elif relation in {("conditions.causes", True), ("symptoms.causes", True)}:
            yield ("increasesRiskOf" if own_type == "MedicalRiskFactor" else "causeOf"), refs
        elif relation == ("conditions.tests", True):
            yield "usedToDiagnose", refs

    def compared(self, comparison_id: str, page_url: str) -> list[dict]:
        comparison = self.data.comparisons.get(comparison_id)
        if comparison is None:
            return []
        refs = [row.record.split("/", 1) for row in comparison.model.rows if row.record]
        return [self.reference(kind, rid, page_url) for kind, rid in refs if rid in self.data.records.get(kind, {})]

    def questions(self, src: str, kind: str | None, record_id: str | None) -> list[dict]:
        if src == links.PAGES["faq"]:
            faq_ids = list(self.data.faqs)
        elif kind:
            faq_ids = [f for f in self.site.faqs_for.get((kind, record_id), []) if f in self.data.faqs]
        else:
            return []
        return [
            {
                "@type": "Question",
                "name": self.data.faqs[f].model.question,
                "acceptedAnswer": {
                    "@type": "Answer",
                    "text": localise(plain_words(self.data.faqs[f].model.answer), self.data.clinic, self.data.strings),
                },
            }
            for f in faq_ids
        ]


def _record_of(src: str) -> tuple[str | None, str | None]:
    folder, _, name = src.rpartition("/")
    if folder in KIND_LABELS and name != "index.md":
        return folder, name.removesuffix(".md")
    return None, None


def _index_label(src: str, strings: Strings = ENGLISH) -> str:
    """A breadcrumb's name for a page with no title of its own, in the edition's language."""
    _ = strings.gettext
    if src == "index.md":
        return _("Home")
    folder = src.rpartition("/")[0]
    return _(KIND_LABELS[folder][0]) if folder in KIND_LABELS else _("Comparisons")
