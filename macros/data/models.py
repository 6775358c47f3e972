"""Typed models for every data file. Unknown fields are rejected; vocabularies come from data.

Fields that take a term from a controlled vocabulary (urgency, body region, treatment kind, ...)
are plain strings here, marked with `vocab(...)`; the loader checks them against
data/vocabularies.yml, and the schema generator turns the mark into an `enum`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from macros.data.text import NoteText, PlainLine, SafeText, SiteUrl, TitleLine, word_count

RECORD_ID = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
RecordId = Annotated[str, StringConstraints(pattern=RECORD_ID)]
SourceId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][\w.-]*$")]
URL_PATTERN = r"^https://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/[A-Za-z0-9._~:/?#&=%+,;@!()-]*)?$"
"""An https address; the characters are the URL ones that need no escaping in HTML or JSON (no quotes, no <>)."""
DOI_PATTERN = r"^10\.[0-9]{4,9}/[-._;():/A-Za-z0-9]+$"
"""Crossref's pattern for modern DOIs: digits, letters and -._;():/ only."""
RecordRef = Annotated[str, StringConstraints(pattern=r"^[a-z]+/[a-z0-9]+(?:-[a-z0-9]+)*$")]
SUMMARY_MAX_WORDS = 30
EDITOR_NOTES = (
    "Notes for editors and reviewers (gaps in the sources, checks to make). Never shown to readers; "
    "the linter and the preview's problem box list them."
)


def vocab(name: str, description: str = "", **kwargs):
    """A field whose value must be a term of vocabulary `name` in data/vocabularies.yml."""
    return Field(description=description, json_schema_extra={"x-vocabulary": name}, **kwargs)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Reviewer(Strict):
    """The clinician who signed a page off, as the page names them."""

    name: PlainLine = Field(description="Their name as readers should see it, e.g. Dr Asha Patel.")
    role: PlainLine = Field(
        description="Their role, e.g. Consultant neurosurgeon or Clinical specialist physiotherapist."
    )
    registration: PlainLine | None = Field(
        default=None, description="Professional registration, e.g. GMC 1234567 or HCPC PH12345 (optional)."
    )


REVIEW_STATUSES = ("draft", "reviewed")
PUBLISH_POLICIES = ("all", "reviewed-only")


class Review(Strict):
    """The clinical review of a page. Written by `make sign-off`, never by hand (see EDITORS.md)."""

    status: Literal["draft", "reviewed"] = Field(
        description="draft until a clinician signs the page off; make sign-off sets reviewed and the fields below."
    )
    reviewer: Reviewer | None = None
    reviewed_on: dt.date | None = Field(default=None, description="The day the clinician signed it off.")
    next_review: dt.date | None = Field(default=None, description="When it must be reviewed again.")
    fingerprint: str | None = Field(
        default=None,
        description="Written by make sign-off: a check of the text the clinician saw. An edit to the text after "
        "sign-off no longer matches it, and the page becomes 'changed since review'.",
    )


DRAFT = Review(status="draft")
REVIEW_FIELD = Field(default=DRAFT, description="The clinical review; without it, the page is a draft.")


HELP_LEVELS = ("emergency", "urgent", "routine")
"""Levels of help, most urgent first."""


class HelpSituation(Strict):
    """One situation that needs help, with the one level of urgency it has everywhere on the site."""

    id: RecordId
    level: str = vocab("urgency", "How urgently to get help: the same on every page that lists it.")
    text: SafeText = Field(description="The situation in the reader's words, with its sources.")
    red_flags: RecordId | None = Field(
        default=None,
        description="The national list of red flags it belongs to (such as cauda-equina): a page that lists one "
        "of its emergency items must list them all.",
    )
    editor_notes: list[NoteText] = Field(default=[], description=EDITOR_NOTES)


class HelpSituations(Strict):
    """data/help.yml: every situation that a help box can list, each with its level."""

    situations: list[HelpSituation] = Field(min_length=1)


class HelpLevels(Strict):
    """A record's help box: ids of situations in data/help.yml, under the level the site gives them."""

    emergency: list[RecordId] = Field(default=[], description="Ids of emergency situations (data/help.yml).")
    urgent: list[RecordId] = Field(default=[], description="Ids of urgent situations (data/help.yml).")
    routine: list[RecordId] = Field(default=[], description="Ids of routine situations (data/help.yml).")

    def situation_ids(self) -> tuple[str, ...]:
        """Every situation named, level by level."""
        return tuple(i for level in HELP_LEVELS for i in getattr(self, level))


class Sections(Strict):
    """The body of a record page, one optional field per section, shown in this order."""

    what_it_is: SafeText | None = None
    why_it_happens: SafeText | None = None
    what_you_may_notice: SafeText | None = None
    how_it_is_found: SafeText | None = None
    what_to_expect: SafeText | None = None
    what_helps: SafeText | None = None
    benefits_and_risks: SafeText | None = None
    recovery: SafeText | None = None
    living_with_it: SafeText | None = None


SECTION_TITLES = {
    "what_it_is": "What it is",
    "why_it_happens": "Why it happens",
    "what_you_may_notice": "What you may notice",
    "how_it_is_found": "How it is found",
    "what_to_expect": "What to expect",
    "what_helps": "What helps",
    "benefits_and_risks": "Benefits and risks",
    "recovery": "What recovery looks like",
    "living_with_it": "Living with it",
}


class Record(Strict):
    """Fields every record page has."""

    name: PlainLine = Field(description="The page title, in everyday words.")
    also_known_as: list[PlainLine] = Field(
        default=[], description="Other names, lay and medical, so that search finds the page."
    )
    summary: SafeText = Field(description=f"One plain sentence, at most {SUMMARY_MAX_WORDS} words.")
    sections: Sections
    when_to_get_help: HelpLevels | None = None
    review: Review = REVIEW_FIELD
    editor_notes: list[NoteText] = Field(default=[], description=EDITOR_NOTES)

    @field_validator("summary")
    @classmethod
    def _short_summary(cls, summary: str) -> str:
        words = word_count(summary)
        if words > SUMMARY_MAX_WORDS:
            raise ValueError(f"has {words} words; shorten it to {SUMMARY_MAX_WORDS} or fewer")
        return summary


class Condition(Record):
    body_regions: list[str] = vocab("body_regions", "Where in the body it shows.", default=[])
    symptoms: list[RecordId] = Field(default=[], description="Ids of symptoms it can cause.")
    causes: list[RecordId] = Field(default=[], description="Ids of causes and risk factors.")
    tests: list[RecordId] = Field(default=[], description="Ids of tests used to find it.")
    treatments: list[RecordId] = Field(default=[], description="Ids of treatments used for it.")
    look_alikes: list[RecordId] = Field(default=[], description="Ids of conditions it can be mistaken for.")
    caused_by: list[RecordId] = Field(default=[], description="Ids of other conditions that can lead to it.")


class Symptom(Record):
    urgency: str = vocab("urgency", "The level of help this symptom usually needs on its own.")
    body_regions: list[str] = vocab("body_regions", "Where in the body it is felt.", default=[])
    causes: list[RecordId] = Field(default=[], description="Ids of causes of the symptom itself (not via a condition).")
    treatments: list[RecordId] = Field(default=[], description="Ids of treatments that may ease it.")


class Cause(Record):
    cause_type: str = vocab("cause_types", "A direct cause, or a risk factor that makes it likelier.")


class Test(Record):
    test_kind: str = vocab("test_kinds", "What sort of test it is.")


class Treatment(Record):
    treatment_kind: str = vocab("treatment_kinds", "What sort of treatment it is.")


class Faq(Strict):
    question: PlainLine
    answer: SafeText
    group: str = vocab("faq_groups", "The heading it sits under on the FAQ page.")
    related: list[RecordRef] = Field(default=[], description="Pages that show this FAQ, as kind/id.")
    review: Review = REVIEW_FIELD
    editor_notes: list[NoteText] = Field(default=[], description=EDITOR_NOTES)


class Column(Strict):
    key: RecordId
    label: PlainLine


class Row(Strict):
    record: RecordRef | None = Field(default=None, description="The record this row describes, as kind/id.")
    label: PlainLine | None = Field(default=None, description="The row title when it has no record.")
    cells: dict[str, SafeText] = Field(description="One text per column key.")

    @model_validator(mode="after")
    def _titled(self):
        if not self.record and not self.label:
            raise ValueError("a row needs a record (kind/id) or a label; add one")
        return self


class Comparison(Strict):
    title: PlainLine
    summary: SafeText
    columns: list[Column] = Field(min_length=1)
    rows: list[Row] = Field(min_length=2)
    note: SafeText | None = None
    review: Review = REVIEW_FIELD
    editor_notes: list[NoteText] = Field(default=[], description=EDITOR_NOTES)


class GlossaryTerm(Strict):
    id: RecordId
    term: PlainLine = Field(description="The term as it usually appears in text.")
    forms: list[PlainLine] = Field(default=[], description="Other spellings and plurals to explain too.")
    definition: PlainLine = Field(description="A short plain definition shown as a tooltip.")
    record: RecordRef | None = Field(default=None, description="The page that explains it, as kind/id.")


class Glossary(Strict):
    terms: list[GlossaryTerm]


class Source(Strict):
    """One entry of the bibliography, with a full citation and the kind of evidence it is."""

    id: SourceId
    kind: str = vocab("source_kinds", "What kind of evidence it is; data/vocabularies.yml explains each kind.")
    authors: PlainLine | None = Field(
        default=None, description="Authors as 'Surname AB, Surname CD, et al.', or the organisation."
    )
    title: TitleLine = Field(description="The full title as published.")
    publisher: PlainLine = Field(description="Journal (with volume and pages where known) or publisher.")
    year: int | None = Field(default=None, ge=1900, le=2100, description="Year of publication or of the version read.")
    url: Annotated[str, StringConstraints(max_length=500, pattern=URL_PATTERN)] | None = Field(
        default=None, description="A stable https address: letters, digits and -._~:/?#&=%+ only."
    )
    doi: Annotated[str, StringConstraints(max_length=200, pattern=DOI_PATTERN)] | None = Field(
        default=None, description="The DOI without https://doi.org/, e.g. 10.1136/bmj.k186."
    )
    pmid: Annotated[str, StringConstraints(pattern=r"^\d+$")] | None = None
    pmcid: Annotated[str, StringConstraints(pattern=r"^PMC\d+$")] | None = None
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")] = Field(
        default="en",
        description="The language it is written in (en, es...): on a page in another language its title is "
        "marked as that language, so a screen reader reads it in the right voice.",
    )
    editor_notes: list[NoteText] = Field(default=[], description=EDITOR_NOTES)


class Bibliography(Strict):
    sources: list[Source]


class VocabTerm(Strict):
    id: RecordId
    label: PlainLine
    description: SafeText | None = None


class Vocabularies(Strict):
    urgency: list[VocabTerm]
    body_regions: list[VocabTerm]
    cause_types: list[VocabTerm]
    test_kinds: list[VocabTerm]
    treatment_kinds: list[VocabTerm]
    faq_groups: list[VocabTerm]
    source_kinds: list[VocabTerm]


class Settings(Strict):
    """The site's own settings. A clinic's name and numbers go in data/clinic.yml instead."""

    site_name: PlainLine
    site_description: PlainLine
    disclaimer: SafeText
    emergency_numbers: PlainLine = Field(
        description="Without data/clinic.yml, how the site names the emergency number, e.g. "
        "'999 in the UK, 911 in the US, 112 in the EU'. A clinic's own number replaces it."
    )
    content_version: Annotated[str, StringConstraints(pattern=r"^[0-9]+\.[0-9]+(\.[0-9]+)?$")] = Field(
        description="Raise it when the content changes; printed in every page's footer."
    )
    site_url: SiteUrl | None = Field(
        default=None,
        description="The public address of the site's home page, ending in /, e.g. https://example.org/guide/. "
        "With it, pages get canonical links, sitemap.xml lists every page, the 404 page works under a sub-path, "
        "and structured data, the content API and leaflets' QR codes use full addresses. Leave it out for a copy "
        "that is opened from a folder.",
    )
    languages: list[Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]] = Field(
        default=["en"],
        description="The editions to build, English first: en, and each language with translations beside the "
        "data (data/<kind>/<id>.<lang>.yml, data/locales/<lang>.po, docs/<lang>/). A clinic's languages win.",
    )
    publish: Literal["all", "reviewed-only"] = Field(
        default="all",
        description="all: every page, drafts marked 'Not yet clinically reviewed'. reviewed-only: only pages a "
        "clinician signed off whose text has not changed since; everything that links to the others drops the link.",
    )


@dataclass(frozen=True)
class RecordKind:
    folder: str
    """Folder under data/, and the URL prefix of its pages."""
    singular: str
    """One record of it: the schema's file name and `make new KIND=...`."""
    label: str
    """The heading of its index page."""
    model: type[Record]


KINDS = (
    RecordKind("conditions", "condition", "Conditions", Condition),
    RecordKind("symptoms", "symptom", "Symptoms", Symptom),
    RecordKind("causes", "cause", "Causes and risk factors", Cause),
    RecordKind("tests", "test", "Tests", Test),
    RecordKind("treatments", "treatment", "Treatments", Treatment),
)
"""The one list of record kinds; everything else (loader, schemas, skeleton, pages) derives from it."""

RECORD_KINDS: dict[str, type[Record]] = {kind.folder: kind.model for kind in KINDS}
"""Folder name under data/ -> model."""

KIND_LABELS = {kind.folder: (kind.label, kind.singular) for kind in KINDS}


def texts(model: BaseModel, loc: tuple = ()):
    """(loc, text) of every text value in a model, nested models and lists included."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else None
        if isinstance(value, str):
            yield (*loc, name), value
        elif isinstance(value, BaseModel):
            yield from texts(value, (*loc, name))
        elif items is not None:
            for key, item in items:
                if isinstance(item, str):
                    yield (*loc, name, key), item
                elif isinstance(item, BaseModel):
                    yield from texts(item, (*loc, name, key))
