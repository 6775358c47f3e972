"""The content API: the records as JSON files under api/v1/, for patient portals and clinics' own systems.

    api/v1/index.json                  the kinds, their indexes and the schemas
    api/v1/<kind>/index.json           every record of a kind: id, name, summary, page and file addresses
    api/v1/<kind>/<id>.json            one record: fields, sections, help, related records, FAQs, sources, review
    api/v1/schemas/*.schema.json       the JSON Schemas the files follow (made from the models below)

The shape is versioned: a change to these models is a new version (API_VERSION), never an edit of v1;
tests/test_content_api.py holds v1's schemas and fails when the shape drifts. Addresses are absolute
when the site's public address is set (data/settings.yml site_url), else relative to the site's root.
Text is the data's own light Markdown (paragraphs, lists, *emphasis*; never HTML) with the citation
marks removed: an embedding page must escape it like any text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from macros.data.clinic import localise
from macros.data.kept import Kept
from macros.data.models import HELP_LEVELS, KINDS, SECTION_TITLES
from macros.data.text import CITATION, cited_ids
from macros.pages import links
from macros.pages.render import Parts, plain

API_VERSION = 1
API_ROOT = f"api/v{API_VERSION}"
_RECORD_FILES: Kept[str] = Kept()


class Shape(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Link(Shape):
    id: str
    name: str
    url: str = Field(description="The record's page.")
    api: str = Field(description="The record's file in this API.")


class Related(Shape):
    relation: str = Field(description="Where the link comes from, as kind.field, e.g. conditions.symptoms.")
    reverse: bool = Field(description="True when this record is the one named by the other record's field.")
    title: str = Field(description="The heading the page shows, e.g. 'Symptoms' or 'Used to find'.")
    kind: str
    records: list[Link]


class Section(Shape):
    key: str
    title: str
    text: str = Field(description="Light Markdown (paragraphs, '- ' lists, *emphasis*), citations removed.")
    sources: list[str] = Field(description="Ids of the sources this section cites (see `sources`).")


class SourceOut(Shape):
    id: str
    kind: str
    authors: str | None
    title: str
    publisher: str
    year: int | None
    url: str | None
    doi: str | None


class Question(Shape):
    question: str
    answer: str


class ReviewOut(Shape):
    status: Literal["draft", "reviewed", "changed"] = Field(
        description="reviewed: signed off by a clinician and unchanged since; changed: edited after sign-off."
    )
    reviewer: str | None = None
    role: str | None = None
    registration: str | None = None
    reviewed_on: str | None = None
    next_review: str | None = None


class RecordFile(Shape):
    """api/v1/<kind>/<id>.json"""

    api_version: Literal[1] = API_VERSION
    kind: str
    id: str
    name: str
    also_known_as: list[str]
    summary: str = Field(description="One plain sentence, citations removed.")
    url: str = Field(description="The record's page.")
    facts: dict[str, str] = Field(description="The record's kind-specific field, e.g. urgency or treatment_kind.")
    sections: list[Section]
    when_to_get_help: dict[str, list[str]] = Field(description="Situations by level: emergency, urgent, routine.")
    related: list[Related]
    faqs: list[Question]
    sources: list[SourceOut]
    review: ReviewOut


class IndexEntry(Link):
    summary: str


class KindIndex(Shape):
    """api/v1/<kind>/index.json"""

    api_version: Literal[1] = API_VERSION
    kind: str
    label: str
    url: str = Field(description="The A-Z page of this kind.")
    records: list[IndexEntry]


class KindEntry(Shape):
    kind: str
    label: str
    count: int
    index: str


class ApiIndex(Shape):
    """api/v1/index.json"""

    api_version: Literal[1] = API_VERSION
    site_name: str
    site_url: str = Field(description="The site's home page.")
    content_version: str
    kinds: list[KindEntry]
    schemas: dict[str, str]


SCHEMAS = {"index": ApiIndex, "kind-index": KindIndex, "record": RecordFile}


def schemas() -> dict[str, dict]:
    """The JSON Schema of each kind of file, by name."""
    return {name: model.model_json_schema() for name, model in SCHEMAS.items()}


_LIST_ITEM = re.compile(r"^(?:[-*]|\d+\.)\s")


def text_without_citations(text: str) -> str:
    """The text with citation marks removed and each paragraph on one line (list items keep theirs)."""
    paragraphs = re.split(r"\n\s*\n", re.sub(r"[ \t]*" + CITATION.pattern, "", text).strip())
    out = []
    for paragraph in paragraphs:
        lines = [line.strip() for line in paragraph.splitlines() if line.strip()]
        if any(_LIST_ITEM.match(line) for line in lines):
            out.append("\n".join(lines))
        else:
            out.append(" ".join(lines))
    return "\n\n".join(out)


class ContentApi:
    """Makes every file of the API for one build."""

    def __init__(self, parts: Parts, *, directory_urls: bool, site_url: str | None):
        self.parts = parts
        self.site = parts.site
        self.data = parts.data
        self.directory_urls = directory_urls
        self.base = site_url or ""
        self._sources: dict[str, SourceOut] = {}
        _RECORD_FILES.new_pass()

    def text(self, text: str) -> str:
        """Data text as the API gives it; a clinic's copy names its own emergency number, as its pages do."""
        return localise(text_without_citations(text), self.data.clinic, self.data.strings)

    def page(self, src: str) -> str:
        return self.base + links.page_url(self.directory_urls, src)

    def file(self, *path: str) -> str:
        return self.base + "/".join((API_ROOT, *path))

    def link(self, kind: str, record_id: str) -> Link:
        return Link(
            id=record_id,
            name=self.site.record(kind, record_id).name,
            url=self.page(links.record_path(kind, record_id)),
            api=self.file(kind, f"{record_id}.json"),
        )

    def record(self, kind: str, record_id: str) -> RecordFile:
        record = self.site.record(kind, record_id)
        sections = [
            Section(
                key=key,
                title=self.parts._(SECTION_TITLES[key]),
                text=self.text(text),
                sources=list(dict.fromkeys(cited_ids(text))),
            )
            for key, text in record.sections.model_dump().items()
            if text
        ]
        help = record.when_to_get_help
        situations = self.data.situations
        faq_ids = self.site.faqs_for.get((kind, record_id), [])
        cited = dict.fromkeys(sid for text in (record.summary, *_texts(record)) for sid in cited_ids(text))
        return RecordFile(
            kind=kind,
            id=record_id,
            name=record.name,
            also_known_as=list(record.also_known_as),
            summary=self.text(plain(record.summary)),
            url=self.page(links.record_path(kind, record_id)),
            facts={key: getattr(record, key) for key in FACTS if hasattr(record, key)},
            sections=sections,
            when_to_get_help={
                level: [self.text(situations[s].model.text) for s in getattr(help, level)] for level in HELP_LEVELS
            }
            if help
            else {},
            related=[
                Related(
                    relation=group.relation,
                    reverse=group.reverse,
                    title=group.title,
                    kind=group.kind,
                    records=[self.link(group.kind, rid) for rid in group.ids],
                )
                for group in self.site.related(kind, record_id)
            ],
            faqs=[
                Question(question=self.data.faqs[f].model.question, answer=self.text(self.data.faqs[f].model.answer))
                for f in faq_ids
                if f in self.data.faqs
            ],
            sources=[self.source(sid) for sid in cited if sid in self.data.sources],
            review=ReviewOut(**self.data.reviews[f"{kind}/{record_id}"].meta()),
        )

    def record_file(self, kind: str, record_id: str) -> str:
        """The record's JSON file, kept with every model and value it is made from (data/kept.py): in the
        preview, a record whose own file, linked records, FAQs, help situations, sources, review and
        clinic are all unchanged is not made again."""
        models, values = self.parts.record_inputs(kind, record_id)
        record = models[0]
        cited = tuple(dict.fromkeys(sid for text in (record.summary, *_texts(record)) for sid in cited_ids(text)))
        objects = (*models, *(_model(self.data.sources, s) for s in cited))
        plain_inputs = (*values, self.base, self.directory_urls, cited)
        return _RECORD_FILES.get(objects, lambda: _json(self.record(kind, record_id)), extra=plain_inputs)

    def source(self, source_id: str) -> SourceOut:
        """A source as the API shows it, made once per source (records cite the same sources many times)."""
        if source_id not in self._sources:
            model = self.data.sources[source_id].model
            self._sources[source_id] = SourceOut(**model.model_dump(include=set(SourceOut.model_fields)))
        return self._sources[source_id]

    def kind_index(self, kind) -> KindIndex:
        entries = self.data.records[kind.folder]
        return KindIndex(
            kind=kind.folder,
            label=kind.label,
            url=self.page(links.index_path(kind.folder)),
            records=[
                IndexEntry(**self.link(kind.folder, rid).model_dump(), summary=plain(entries[rid].model.summary))
                for rid in sorted(entries, key=lambda rid: entries[rid].model.name.lower())
            ],
        )

    def files(self) -> Iterator[tuple[str, str]]:
        """(path under the site, JSON text) for every file of the API, one at a time: a build writes each
        and lets it go (at 10,000 records the files come to about 200 MB)."""
        kinds = [kind for kind in KINDS if self.data.records.get(kind.folder)]
        for kind in kinds:
            yield f"{API_ROOT}/{kind.folder}/index.json", _json(self.kind_index(kind))
            for record_id in self.data.records[kind.folder]:
                yield f"{API_ROOT}/{kind.folder}/{record_id}.json", self.record_file(kind.folder, record_id)
        yield (
            f"{API_ROOT}/index.json",
            _json(
                ApiIndex(
                    site_name=self.data.settings.site_name,
                    site_url=self.page("index.md"),
                    content_version=self.data.settings.content_version,
                    kinds=[
                        KindEntry(
                            kind=k.folder,
                            label=k.label,
                            count=len(self.data.records[k.folder]),
                            index=self.file(k.folder, "index.json"),
                        )
                        for k in kinds
                    ],
                    schemas={name: self.file("schemas", f"{name}.schema.json") for name in SCHEMAS},
                )
            ),
        )
        for name, schema in schemas().items():
            yield f"{API_ROOT}/schemas/{name}.schema.json", json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


FACTS = ("urgency", "cause_type", "test_kind", "treatment_kind")
"""The one kind-specific field of a record, where it has one."""


def _texts(record):
    yield from (text for text in record.sections.model_dump().values() if text)


def _model(entries: dict, key: str):
    return entries[key].model if key in entries else None


def _json(model: BaseModel) -> str:
    return model.model_dump_json(indent=1) + "\n"
