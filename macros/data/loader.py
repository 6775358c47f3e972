"""Load every data file into validated models, collecting all problems of the run."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from macros.data import models
from macros.data.clinic import PHONE_PATTERN, Clinic
from macros.data.kept import Kept
from macros.data.logo import logo_problem
from macros.data.problems import DataError, ProblemList, dotted
from macros.data.search_terms import PATTERN_HINTS, SearchTerms, check_search_terms
from macros.data.strings import ENGLISH, Strings
from macros.data.text import SITE_URL_PATTERN
from macros.data.yaml_source import YamlDocument, YamlProblem, read_yaml


@dataclass
class Entry:
    """One validated file (or list item) with the document it came from, for line numbers."""

    id: str
    model: Any
    doc: YamlDocument
    loc: tuple = ()

    def line(self, *loc) -> int:
        return self.doc.line((*self.loc, *loc))

    def raw(self):
        """The plain data this entry was validated from."""
        data = self.doc.data
        for part in self.loc:
            data = data[part]
        return data


@dataclass
class SiteData:
    root: Path
    settings: models.Settings
    vocab: models.Vocabularies
    sources: dict[str, Entry]
    glossary: dict[str, Entry]
    records: dict[str, dict[str, Entry]]
    situations: dict[str, Entry]
    """Help situations from data/help.yml, by id, in file order."""
    clinic: Clinic | None = None
    faqs: dict[str, Entry] = field(default_factory=dict)
    comparisons: dict[str, Entry] = field(default_factory=dict)
    broken: set[str] = field(default_factory=set)
    """'kind/id' of files that failed to load: references to them are not reported again."""
    search: SearchTerms = field(default_factory=lambda: SearchTerms(synonyms=[]))
    """Synonyms, spelling slips and filler words from data/search.yml (optional)."""
    language: str = "en"
    """The edition's language: en, or the language data/translation.py laid over the English."""
    strings: Strings = ENGLISH
    """The interface's words in that language (data/locales/<lang>.po)."""
    translations: dict = field(default_factory=dict)
    """Translation state of every record, FAQ and comparison by ref, in an edition other than English."""
    reviews: dict = field(default_factory=dict)
    """Review state of every record, FAQ, comparison and hand-written page by ref (data/review.py),
    filled in by registry.build_site."""

    @property
    def root_url(self) -> str | None:
        """The English edition's public address (clinic.yml's, else settings.yml's), ending in /; None when not set."""
        return (self.clinic and self.clinic.site_url) or self.settings.site_url

    @property
    def site_url(self) -> str | None:
        """This edition's public address: the root's, plus <lang>/ for an edition other than English."""
        root = self.root_url
        return f"{root}{self.language}/" if root and self.language != "en" else root


_ALL_FIELDS = sorted(
    {
        name
        for cls in (
            *models.RECORD_KINDS.values(),
            models.Sections,
            models.HelpLevels,
            models.HelpSituation,
            models.Review,
            models.Reviewer,
            models.Faq,
            models.Comparison,
            models.Row,
            models.Column,
            models.GlossaryTerm,
            models.Source,
            models.Settings,
            Clinic,
            models.VocabTerm,
        )
        for name in cls.model_fields
    }
)

_PATTERN_HINTS = {
    models.RECORD_ID: "use lower-case words joined by hyphens, like 'heavy-legs'",
    r"^[a-z]+/[a-z0-9]+(?:-[a-z0-9]+)*$": "write it as kind/id, like 'symptoms/tingling'",
    models.URL_PATTERN: "write a stable https:// address with no spaces, quotes or angle brackets",
    models.DOI_PATTERN: "write the DOI alone, like 10.1136/bmj.k186, without https://doi.org/",
    SITE_URL_PATTERN: "write the address of the site's home page, like https://example.org/guide/ (ending in /)",
    PHONE_PATTERN: "write digits with optional spaces, brackets, hyphens and a leading +, like 020 7946 0000",
    **PATTERN_HINTS,
}


def suggest(word: str, options) -> str:
    close = difflib.get_close_matches(str(word), list(options), n=1, cutoff=0.5)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _explain(error: dict) -> str:
    kind, value = error["type"], error.get("input")
    if kind == "missing":
        return "is required but missing; add it"
    if kind == "extra_forbidden":
        if error["loc"][-1] in _ALL_FIELDS:
            return "is not a field of this kind of file; remove it (it belongs in another file)"
        return f"is not a known field; remove it or fix its spelling{suggest(error['loc'][-1], _ALL_FIELDS)}"
    if kind == "value_error":
        return error["msg"].removeprefix("Value error, ")
    if kind == "string_pattern_mismatch":
        hint = _PATTERN_HINTS.get(error.get("ctx", {}).get("pattern"), "check its format")
        return f"{value!r} is not in the expected form; {hint}"
    if kind.startswith("date"):
        return f"{value!r} is not a date; write it as YYYY-MM-DD, like 2026-11-21"
    if kind == "list_type":
        return "should be a list; put each item on its own line starting with '- '"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "should be a group of fields (key: value lines indented below it)"
    if kind == "string_type":
        return f"should be text, not {type(value).__name__}; put it in quotes if needed"
    if kind == "literal_error":
        return f"{value!r} is not allowed; use {error.get('ctx', {}).get('expected', 'one of the listed values')}"
    if kind == "string_too_short":
        return "is empty; write some text or remove the field"
    return f"{error['msg']}; correct the value"


_VALIDATED: Kept[BaseModel] = Kept()
"""The model validated from each document (and part of it): the preview re-reads every file on each
rebuild but gets the same document back while a file's text is unchanged (yaml_source.parse_yaml), and
models are frozen, so that document's model is reused, not validated again."""


def validate(cls: type[BaseModel], doc: YamlDocument, problems: ProblemList, loc: tuple = ()):
    """Validate `doc.data` (or the part at `loc`) as `cls`; record problems and return None on failure."""
    return _VALIDATED.get((doc, cls), lambda: _validate(cls, doc, problems, loc), extra=loc)


def _validate(cls: type[BaseModel], doc: YamlDocument, problems: ProblemList, loc: tuple):
    data = doc.data
    for part in loc:
        data = data[part]
    if not isinstance(data, dict):
        problems.add(doc.path, doc.line(loc), dotted(loc), "should be a group of fields (key: value lines)")
        return None
    try:
        return cls.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            where = (*loc, *error["loc"])
            problems.add(doc.path, doc.line(where), dotted(where), _explain(error))
        return None


_VOCAB_VALUES: Kept[list] = Kept()
"""Each model's vocabulary fields (models are frozen: the preview walks an unchanged file's model once)."""


def check_vocabulary(entry: Entry, vocab: models.Vocabularies, problems: ProblemList) -> None:
    """Every field marked with vocab(...) must use a term of that vocabulary."""
    for loc, name, value in _VOCAB_VALUES.get((entry.model,), lambda: list(_vocab_values(entry.model))):
        terms = [t.id for t in getattr(vocab, name)]
        if value not in terms:
            problems.add(
                entry.doc.path,
                entry.line(*loc),
                dotted((*entry.loc, *loc)),
                f"{value!r} is not in the {name} vocabulary{suggest(value, terms)}; use one of: {', '.join(terms)}",
            )


def _vocab_values(model: BaseModel, loc: tuple = ()):
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        extra = info.json_schema_extra or {}
        if isinstance(extra, dict) and "x-vocabulary" in extra:
            values = value if isinstance(value, list) else [value]
            for index, item in enumerate(values):
                item_loc = (*loc, name, index) if isinstance(value, list) else (*loc, name)
                yield item_loc, extra["x-vocabulary"], item
        elif isinstance(value, BaseModel):
            yield from _vocab_values(value, (*loc, name))


def _read(path: Path, root: Path, problems: ProblemList) -> YamlDocument | None:
    display = path.relative_to(root.parent).as_posix() if root.parent in path.parents else str(path)
    try:
        doc = read_yaml(path, display)
    except YamlProblem as exc:
        problems.add(display, exc.line, "", exc.message)
        return None
    if doc.data is None:
        problems.add(display, 1, "", "is empty; fill it in or delete the file")
        return None
    return doc


def _load_single(root: Path, name: str, cls, problems: ProblemList):
    path = root / f"{name}.yml"
    if not path.exists():
        problems.add(f"{root.name}/{name}.yml", 0, "", "is missing; the site needs this file")
        return None, None
    doc = _read(path, root, problems)
    return (validate(cls, doc, problems), doc) if doc else (None, None)


def _load_clinic(root: Path, problems: ProblemList) -> Clinic | None:
    """data/clinic.yml is optional: without it the site speaks neutrally."""
    if not (root / "clinic.yml").exists():
        return None
    clinic, doc = _load_single(root, "clinic", Clinic, problems)
    if clinic and clinic.logo:
        problem = logo_problem(root, clinic.logo)
        if problem:
            problems.add(doc.path, doc.line(("logo",)), "logo", problem)
    return clinic


def load_search(root: Path, problems: ProblemList, name: str = "search") -> SearchTerms:
    """data/search.yml (search.<lang>.yml for another language) is optional: without it search reads
    words only as typed."""
    if not (root / f"{name}.yml").exists():
        return SearchTerms(synonyms=[])
    terms, doc = _load_single(root, name, SearchTerms, problems)
    if terms is None:
        return SearchTerms(synonyms=[])
    check_search_terms(terms, doc, problems)
    return terms


def _load_folder(root: Path, folder: str, cls, problems: ProblemList) -> dict[str, Entry]:
    entries = {}
    for path in sorted(p for p in (root / folder).glob("*") if p.suffix.lower() in (".yml", ".yaml")):
        if is_translation_file(path):
            continue  # read by data/translation.py for its language
        doc = _read(path, root, problems)
        if not doc:
            continue
        record_id = path.stem
        if path.suffix != ".yml" or not _is_id(record_id):
            problems.add(
                doc.path,
                1,
                "",
                f"file name '{path.name}' must be an id in lower-case words "
                "joined by hyphens, ending in .yml, like 'heavy-legs.yml'; rename the file",
            )
            continue
        model = validate(cls, doc, problems)
        if model is not None:
            entries[record_id] = Entry(record_id, model, doc)
    return entries


SINGLE_FILES = ("settings", "vocabularies", "help", "sources", "glossary", "clinic", "search")
FOLDERS = (*models.RECORD_KINDS, "faqs", "comparisons")
_LOOKS_LIKE_DATA = re.compile(r"\.ya?ml(?:\.|$)|\.ya?ml~$", re.I)
TRANSLATED_FILES = ("settings", "vocabularies", "help", "glossary", "search", "clinic")
"""Single files that may have a translation beside them (search.<lang>.yml is the language's own word list)."""
_TRANSLATION_NAME = re.compile(r"^(?P<stem>[^.]+)\.(?P<language>[a-z]{2})\.yml$")


def is_translation_file(path: Path) -> bool:
    """`x.es.yml`: the Spanish translation of `x.yml`."""
    return _TRANSLATION_NAME.match(path.name) is not None


def _unread_files(root: Path, problems: ProblemList) -> None:
    """A file that looks like data but would not be read is a problem, not a silent skip.

    Hidden files (an editor's swap files) are left alone; everything else whose name holds .yml
    or .yaml must be a file the loader reads.
    """
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if any(part.startswith(".") for part in relative.parts) or not _LOOKS_LIKE_DATA.search(path.name):
            continue
        display = f"{root.name}/{relative.as_posix()}"
        parent = relative.parts[0] if len(relative.parts) > 1 else ""
        translation = _TRANSLATION_NAME.match(path.name)
        if translation and len(relative.parts) <= 2 and (len(relative.parts) == 1 or parent in FOLDERS):
            english = path.with_name(f"{translation['stem']}.yml")
            if len(relative.parts) == 2 and english.exists():
                continue
            if len(relative.parts) == 1 and translation["stem"] in TRANSLATED_FILES and english.exists():
                continue
            what = f"{root.name}/{relative.parent.as_posix()}/{english.name}".replace("/./", "/")
            reason = f"is a translation of {what}, which does not exist"
            if len(relative.parts) == 1 and translation["stem"] not in TRANSLATED_FILES:
                reason = f"is a translation of a file that has none (those are {', '.join(TRANSLATED_FILES)})"
            problems.add(display, 0, "", f"{reason}; rename or delete it")
            continue
        if len(relative.parts) == 1:
            if path.suffix == ".yml" and path.stem in SINGLE_FILES:
                continue
            reason = f"is not a file the site reads (those are {', '.join(f + '.yml' for f in SINGLE_FILES)})"
            fix = "rename it, move it into the folder of its kind, or delete it"
        elif parent == "schemas":
            continue
        elif parent not in FOLDERS:
            reason = f"is in {root.name}/{parent}/, which is not a folder the site reads{suggest(parent, FOLDERS)}"
            fix = f"move it into one of {', '.join(FOLDERS)}"
        elif len(relative.parts) > 2:
            reason = "is in a subfolder, which the site does not read"
            fix = f"move it up into {root.name}/{parent}/"
        elif path.suffix.lower() in (".yml", ".yaml"):
            continue  # read by _load_folder, which checks the name
        else:
            reason = "is not read: only files ending in .yml are"
            fix = "delete it or move it out of data/ (a backup belongs elsewhere)"
        problems.add(display, 0, "", f"{reason}; {fix}")


def _is_id(text: str) -> bool:
    return re.match(models.RECORD_ID, text) is not None


def _load_items(root: Path, name: str, cls, problems: ProblemList, broken: set[str]) -> tuple[bool, dict[str, Entry]]:
    """A list file (sources, glossary terms, help situations) item by item.

    A mistake in one item drops only that item (its id goes into `broken`, so that references to
    it are not reported again); the file as a whole must have the one list key and nothing else.
    """
    ((key, field_info),) = cls.model_fields.items()
    item_cls = field_info.annotation.__args__[0]
    path = root / f"{name}.yml"
    if not path.exists():
        problems.add(f"{root.name}/{name}.yml", 0, "", "is missing; the site needs this file")
        return False, {}
    doc = _read(path, root, problems)
    if doc is None:
        return False, {}
    if not isinstance(doc.data, dict) or not isinstance(doc.data.get(key), list):
        problems.add(doc.path, 1, key, f"the file needs one list '{key}:' with an entry per item; add it")
        return False, {}
    for extra in set(doc.data) - {key}:
        problems.add(doc.path, doc.line((extra,)), extra, f"is not a field of this file; only '{key}' belongs here")
    items = []
    for index, raw in enumerate(doc.data[key]):
        item = validate(item_cls, doc, problems, (key, index))
        if item is None:
            if isinstance(raw, dict) and raw.get("id"):
                broken.add(f"{name}/{raw['id']}")
            continue
        items.append(Entry(item.id, item, doc, (key, index)))
    return True, _unique(items, doc, key, problems)


def _unique(items: list[Entry], doc: YamlDocument, key: str, problems: ProblemList) -> dict[str, Entry]:
    """Entries by id; a repeated id is a problem."""
    entries: dict[str, Entry] = {}
    for entry in items:
        item, index = entry.model, entry.loc[1]
        if item.id in entries:
            first = entries[item.id].line()
            problems.add(
                doc.path,
                entry.line("id"),
                dotted((key, index, "id")),
                f"id '{item.id}' is used twice (first at line {first}); give each entry its own id",
            )
            continue
        entries[item.id] = entry
    return entries


def load_site(root: Path, problems: ProblemList | None = None) -> SiteData:
    """Read and validate everything under data/.

    With `problems` given, problems are added to it and whatever loaded is returned, so that the
    caller can go on to check links and report everything at once; without it, any problem raises
    DataError. Without valid settings and vocabularies nothing can go on, so those always raise.
    """
    raise_at_end = problems is None
    problems = ProblemList() if problems is None else problems
    _VALIDATED.new_pass()
    _VOCAB_VALUES.new_pass()
    settings, _ = _load_single(root, "settings", models.Settings, problems)
    vocab, _ = _load_single(root, "vocabularies", models.Vocabularies, problems)
    broken: set[str] = set()
    help_loaded, situations = _load_items(root, "help", models.HelpSituations, problems, broken)
    sources_loaded, sources = _load_items(root, "sources", models.Bibliography, problems, broken)
    if not sources_loaded:
        broken.add("sources/*")
    _, glossary = _load_items(root, "glossary", models.Glossary, problems, broken)
    clinic = _load_clinic(root, problems)
    search = load_search(root, problems)
    _unread_files(root, problems)
    records = {kind: _load_folder(root, kind, cls, problems) for kind, cls in models.RECORD_KINDS.items()}
    faqs = _load_folder(root, "faqs", models.Faq, problems)
    comparisons = _load_folder(root, "comparisons", models.Comparison, problems)
    if None in (settings, vocab) or not help_loaded:
        raise DataError(problems)
    site = SiteData(
        root=root,
        settings=settings,
        vocab=vocab,
        sources=sources,
        glossary=glossary,
        records=records,
        situations=situations,
        clinic=clinic,
        faqs=faqs,
        comparisons=comparisons,
        search=search,
    )
    for entry in _all_entries(site):
        check_vocabulary(entry, vocab, problems)
    site.broken = {Path(p.file).with_suffix("").as_posix().removeprefix(f"{root.name}/") for p in problems.items}
    site.broken |= broken
    if problems and raise_at_end:
        raise DataError(problems)
    return site


def _all_entries(site: SiteData):
    for entries in site.records.values():
        yield from entries.values()
    yield from site.faqs.values()
    yield from site.sources.values()
    yield from site.situations.values()
