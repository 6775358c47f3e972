"""Translations: a file `<name>.<lang>.yml` beside each English data file holds its translated text only.

A translation is laid over the English data and the result is checked by the same models and rules.
Only reader-facing text may be translated (TRANSLATABLE below); ids, links, levels and sources always
come from the English file, so that a page's help levels, red flags and citations cannot drift between
languages. A text with no translation keeps the English wording, marked `Untranslated`, and the page
says so next to it. Each translation records `translation.english`, the fingerprint of the English
text it was made from (`python -m macros.tools.cli translated <lang>` writes it): when the English
changes, the translation is out of date, on its page and in the linter. A translation has its own
review state, draft until a reviewer signs it off.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from pydantic import BaseModel, Field

from macros.data import models
from macros.data.clinic import Clinic
from macros.data.loader import Entry, SiteData, _read, load_search, validate
from macros.data.problems import ProblemList, dotted
from macros.data.review import fingerprint
from macros.data.strings import Untranslated, load_strings

LANGUAGE = re.compile(r"^[a-z]{2}$")
ENGLISH = "en"
NAMES = {"en": "English", "es": "Español"}
"""Each language's name in itself, for the language switcher."""

TRANSLATABLE: dict[type[BaseModel], tuple[str, ...]] = {
    models.Record: ("name", "also_known_as", "summary", "sections"),
    models.Sections: tuple(models.Sections.model_fields),
    models.Faq: ("question", "answer"),
    models.Comparison: ("title", "summary", "note", "columns", "rows"),
    models.Column: ("label",),
    models.Row: ("label", "cells"),
    models.GlossaryTerm: ("term", "forms", "definition"),
    models.HelpSituation: ("text",),
    models.VocabTerm: ("label", "description"),
    models.Settings: ("site_name", "site_description", "disclaimer", "emergency_numbers"),
    Clinic: ("opening_hours", "booking", "urgent_care"),
}
"""The fields a translation may hold, per model; everything else comes from the English file."""

FREE_LISTS = ("also_known_as", "forms", "opening_hours")
"""Lists of names a translation may give even where the English has none (Spanish plurals, other names)."""

LIST_FILES = {"help": "situations", "glossary": "terms"}
"""Files that are one list of items with ids: a translation lists the items it translates, by id."""


def fields_of(cls: type[BaseModel]) -> tuple[str, ...]:
    for klass in cls.__mro__:
        if klass in TRANSLATABLE:
            return TRANSLATABLE[klass]
    return ()


class TranslationInfo(models.Strict):
    """The `translation:` block of a translation file."""

    english: str | None = Field(
        default=None,
        description="Fingerprint of the English text this translation was made from; written by "
        "`python -m macros.tools.cli translated <lang>` once the translation matches the English.",
    )
    review: models.Review = Field(
        default=models.DRAFT, description="The translation's own review: draft until a reviewer signs it off."
    )


@dataclass
class Translation:
    """What a page knows about its translation."""

    language: str
    path: str | None
    """The translation file, or None when there is none (the page is all in English)."""
    info: TranslationInfo = field(default_factory=TranslationInfo)
    english_fingerprint: str = ""
    untranslated: frozenset = frozenset()
    """loc of every text shown in English."""
    line: int = 1
    """The line of the translation's `translation:` block (where an out-of-date translation is reported)."""
    reader_text: str = ""
    """The translated text as readers see it: what a reviewer signs off (its fingerprint goes in the review)."""

    @property
    def out_of_date(self) -> bool:
        """The English changed since the translation was made (or it never recorded what it was made from)."""
        return self.path is not None and self.info.english != self.english_fingerprint

    @property
    def status(self) -> str:
        if self.path is None:
            return "missing"
        if self.out_of_date:
            return "out-of-date"
        review = self.info.review
        if review.status != "reviewed":
            return "draft"
        signed = fingerprint(self.reader_text, review.reviewer, review.reviewed_on, review.next_review)
        return "reviewed" if review.fingerprint == signed else "changed"


def texts_of(model: BaseModel, loc: tuple = ()):
    """(loc, text) of every translatable text of a model, in field order."""
    for name in fields_of(type(model)):
        value = getattr(model, name, None)
        if value is None:
            continue
        here = (*loc, name)
        if isinstance(value, str):
            yield here, value
        elif isinstance(value, BaseModel):
            yield from texts_of(value, here)
        elif isinstance(value, dict):
            for key, item in value.items():
                yield (*here, key), item
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from texts_of(item, (*here, index))
                else:
                    yield (*here, index), item


def english_fingerprint(model: BaseModel) -> str:
    """A short hash of a model's translatable English text: a translation records the one it was made from."""
    joined = "\x1e".join(f"{dotted(loc)}\x1f{text}" for loc, text in texts_of(model))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]


def translation_path(path: Path, language: str) -> Path:
    return path.with_name(f"{path.stem}.{language}.yml")


def _merge(cls: type[BaseModel], english: dict, translated: dict, loc: tuple, doc, problems: ProblemList):
    """English data with the translated fields laid over it, and the locs left in English."""
    allowed = fields_of(cls)
    merged = dict(english)
    untranslated: set[tuple] = set()
    for key in translated:
        if key == "translation" and not loc:
            continue
        if key not in allowed or (key not in english and key not in FREE_LISTS):
            where = (*loc, key)
            why = (
                "is not in the English file" if key in allowed else "comes from the English file and is not translated"
            )
            hint = f"; a translation here may hold only {', '.join(allowed)}" if allowed else ""
            problems.add(doc.path, doc.line(where), dotted(where), f"{why}{hint}; remove it")
    for key in allowed:
        if key in FREE_LISTS and key in translated and key not in english:
            merged[key] = translated[key]  # a language may need other names or forms than the English has
            continue
        if key not in english or english[key] is None:
            continue
        here, value, ours = (*loc, key), english[key], translated.get(key)
        annotation = cls.model_fields[key].annotation
        sub = _submodel(annotation)
        if ours is None:
            untranslated.add(here)
            continue
        if sub is not None and isinstance(value, dict) and isinstance(ours, dict):
            merged[key], left = _merge(sub, value, ours, here, doc, problems)
            untranslated |= left
        elif sub is not None and isinstance(value, list) and isinstance(ours, list):
            if len(ours) != len(value):
                problems.add(
                    doc.path,
                    doc.line(here),
                    dotted(here),
                    f"has {len(ours)} items and the English has {len(value)}; translate each, in the same order",
                )
                untranslated.add(here)
                continue
            items = []
            for index, (en_item, our_item) in enumerate(zip(value, ours, strict=True)):
                if not isinstance(our_item, dict) or not isinstance(en_item, dict):
                    items.append(en_item)
                    continue
                for same in ("key",):
                    if same in en_item and our_item.get(same, en_item[same]) != en_item[same]:
                        problems.add(
                            doc.path,
                            doc.line((*here, index, same)),
                            dotted((*here, index, same)),
                            f"is '{our_item.get(same)}' but the English item here is '{en_item[same]}'; keep the order",
                        )
                item, left = _merge(
                    sub, en_item, {k: v for k, v in our_item.items() if k != "key"}, (*here, index), doc, problems
                )
                items.append(item)
                untranslated |= left
            merged[key] = items
        elif isinstance(value, dict) and isinstance(ours, dict):  # comparison cells: text per column key
            for extra in set(ours) - set(value):
                problems.add(
                    doc.path, doc.line((*here, extra)), dotted((*here, extra)), "is not a key of the English; remove it"
                )
            merged[key] = {k: ours.get(k, v) for k, v in value.items()}
            untranslated |= {(*here, k) for k in value if k not in ours}
        else:
            merged[key] = ours
    return merged, untranslated


def _submodel(annotation):
    """The model class a field holds (directly or as list items), if any."""
    args = getattr(annotation, "__args__", None) or (annotation,)
    for arg in args:
        inner = getattr(arg, "__args__", None) or (arg,)
        for candidate in inner:
            if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                return candidate
    return None


def mark_untranslated(model: BaseModel, locs, loc: tuple = ()) -> BaseModel:
    """A copy of `model` whose texts at `locs` (and everything under them) are Untranslated."""
    if not locs:
        return model
    update = {}
    for name in fields_of(type(model)):
        value = getattr(model, name, None)
        here = (*loc, name)
        whole = here in locs
        inside = whole or any(other[: len(here)] == here for other in locs)
        if value is None or not inside:
            continue
        update[name] = _mark(value, locs, here, whole)
    return model.model_copy(update=update)


def _mark(value, locs, here, whole):
    if isinstance(value, str):
        return Untranslated(value) if whole or here in locs else value
    if isinstance(value, BaseModel):
        if whole:
            return mark_untranslated(value, {(*here, n) for n in fields_of(type(value))}, here)
        return mark_untranslated(value, locs, here)
    if isinstance(value, dict):
        return {k: _mark(v, locs, (*here, k), whole or (*here, k) in locs) for k, v in value.items()}
    if isinstance(value, list):
        return [_mark(v, locs, (*here, i), whole or (*here, i) in locs) for i, v in enumerate(value)]
    return value


def _translate_entry(entry: Entry, cls, language: str, root: Path, problems: ProblemList) -> tuple[Entry, Translation]:
    english_path = root.parent / entry.doc.path
    path = translation_path(english_path, language)
    english = english_fingerprint(entry.model)
    every = frozenset(loc for loc, _ in texts_of(entry.model))
    if not path.exists():
        state = Translation(language, None, english_fingerprint=english, untranslated=every)
        return replace(entry, model=mark_untranslated(entry.model, every)), state
    doc = _read(path, root, problems)
    if doc is None or not isinstance(doc.data, dict):
        if doc is not None:
            problems.add(doc.path, 1, "", "should be a group of fields (key: value lines)")
        return replace(entry, model=mark_untranslated(entry.model, every)), Translation(
            language, None, english_fingerprint=english, untranslated=every
        )
    info = TranslationInfo()
    if "translation" in doc.data:
        info = validate(TranslationInfo, doc, problems, ("translation",)) or info
    merged, left = _merge(cls, entry.raw(), doc.data, (), doc, problems)
    model = validate(cls, replace(doc, data=merged), problems) or entry.model
    left_texts = frozenset(loc for loc, _ in texts_of(model) if any(loc[: len(gone)] == gone for gone in left))
    reader_text = "\n".join(text for _, text in texts_of(model))
    state = Translation(
        language, doc.path, info, english, left_texts, doc.line(("translation", "english")), reader_text
    )
    return replace(entry, model=mark_untranslated(model, left_texts), doc=doc), state


def _translate_items(
    site: SiteData, name: str, entries: dict[str, Entry], cls, language: str, problems: ProblemList
) -> dict[str, Entry]:
    """help.yml and glossary.yml: items by id; an item the translation lacks stays in English, marked."""
    key = LIST_FILES[name]
    path = site.root / f"{name}.{language}.yml"
    doc = _read(path, site.root, problems) if path.exists() else None
    ours: dict[str, tuple[int, dict]] = {}
    if doc is not None:
        items = doc.data.get(key) if isinstance(doc.data, dict) else None
        if not isinstance(items, list):
            problems.add(
                doc.path, 1, key, f"the file needs one list '{key}:' with an entry per translated item; add it"
            )
            items = []
        for index, item in enumerate(items):
            if not isinstance(item, dict) or item.get("id") not in entries:
                problems.add(
                    doc.path,
                    doc.line((key, index)),
                    dotted((key, index, "id")),
                    "names no item of the English file; fix the id",
                )
                continue
            ours[item["id"]] = (index, {k: v for k, v in item.items() if k != "id"})
    out = {}
    for item_id, entry in entries.items():
        english = entry.raw()
        if item_id not in ours:
            every = {loc for loc, _ in texts_of(entry.model)}
            out[item_id] = replace(entry, model=mark_untranslated(entry.model, every))
            continue
        index, translated = ours[item_id]
        merged, left = _merge(cls, english, translated, (key, index), doc, problems)
        fake = replace(doc, data={key: {index: {"id": item_id, **merged}}})
        model = validate(cls, fake, problems, (key, index)) or entry.model
        left = {loc[2:] for loc in left}
        out[item_id] = Entry(item_id, mark_untranslated(model, left), doc, (key, index))
    return out


def _translate_single(site: SiteData, name: str, model: BaseModel, english_doc_data: dict, language: str, problems):
    """settings.yml, vocabularies.yml and clinic.yml."""
    path = site.root / f"{name}.{language}.yml"
    every = {loc for loc, _ in texts_of(model)} if not isinstance(model, models.Vocabularies) else set()
    if not path.exists():
        return mark_untranslated(model, every) if every else model
    doc = _read(path, site.root, problems)
    if doc is None or not isinstance(doc.data, dict):
        return model
    if isinstance(model, models.Vocabularies):
        return _translate_vocabularies(model, doc, problems)
    merged, left = _merge(type(model), english_doc_data, doc.data, (), doc, problems)
    translated = validate(type(model), replace(doc, data=merged), problems) or model
    return mark_untranslated(translated, left)


def _translate_vocabularies(vocab: models.Vocabularies, doc, problems: ProblemList) -> models.Vocabularies:
    update = {}
    for name in models.Vocabularies.model_fields:
        terms = getattr(vocab, name)
        ours = doc.data.get(name) or []
        by_id = {item.get("id"): (i, item) for i, item in enumerate(ours) if isinstance(item, dict)}
        for unknown in set(by_id) - {t.id for t in terms}:
            index = by_id[unknown][0]
            problems.add(
                doc.path,
                doc.line((name, index)),
                dotted((name, index, "id")),
                "names no term of the English; fix the id",
            )
        new_terms = []
        for term in terms:
            if term.id not in by_id:
                new_terms.append(mark_untranslated(term, {("label",), ("description",)}))
                continue
            index, item = by_id[term.id]
            merged, left = _merge(
                models.VocabTerm,
                term.model_dump(exclude_none=True),
                {k: v for k, v in item.items() if k != "id"},
                (name, index),
                doc,
                problems,
            )
            fake = replace(doc, data={name: {index: merged}})
            checked = validate(models.VocabTerm, fake, problems, (name, index)) or term
            new_terms.append(mark_untranslated(checked, {loc[2:] for loc in left}))
        update[name] = new_terms
    for extra in set(doc.data) - set(models.Vocabularies.model_fields):
        problems.add(doc.path, doc.line((extra,)), extra, "is not a vocabulary of data/vocabularies.yml; remove it")
    return vocab.model_copy(update=update)


@dataclass
class Translated:
    """A language's view of the data, with each page's translation state by ref (kind/id)."""

    language: str
    states: dict[str, Translation] = field(default_factory=dict)


def translate_site(site: SiteData, language: str, problems: ProblemList) -> tuple[SiteData, Translated]:
    """The site's data in `language`: every translation laid over the English, checked by the same models."""
    result = Translated(language)
    if language == ENGLISH:
        return site, result
    records = {}
    for kind, entries in site.records.items():
        cls = models.RECORD_KINDS[kind]
        records[kind] = {}
        for record_id, entry in entries.items():
            records[kind][record_id], result.states[f"{kind}/{record_id}"] = _translate_entry(
                entry, cls, language, site.root, problems
            )
    faqs, comparisons = {}, {}
    for folder, target, cls in (("faqs", faqs, models.Faq), ("comparisons", comparisons, models.Comparison)):
        for item_id, entry in getattr(site, folder).items():
            target[item_id], result.states[f"{folder}/{item_id}"] = _translate_entry(
                entry, cls, language, site.root, problems
            )
    settings_doc = _read(site.root / "settings.yml", site.root, ProblemList())
    clinic_doc = _read(site.root / "clinic.yml", site.root, ProblemList()) if site.clinic else None
    translated = replace(
        site,
        settings=_translate_single(
            site, "settings", site.settings, settings_doc.data if settings_doc else {}, language, problems
        ),
        vocab=_translate_single(site, "vocabularies", site.vocab, {}, language, problems),
        clinic=_translate_single(site, "clinic", site.clinic, clinic_doc.data, language, problems)
        if clinic_doc and isinstance(clinic_doc.data, dict)
        else site.clinic,
        situations=_translate_items(site, "help", site.situations, models.HelpSituation, language, problems),
        glossary=_translate_items(site, "glossary", site.glossary, models.GlossaryTerm, language, problems),
        records=records,
        faqs=faqs,
        comparisons=comparisons,
        search=load_search(site.root, problems, f"search.{language}"),
        language=language,
        strings=load_strings(site.root, language),
        translations=result.states,
    )
    return translated, result
