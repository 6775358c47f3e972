"""The interface's words to translate: every English text the code marks, and each catalogue's state.

Marked texts are `_()`, `gettext()`, `ngettext()` and `N_()` calls in Python (macros/, read from its syntax
tree, f-strings included), the same in Jinja (page and leaflet templates, the theme's overrides; Babel's
extractor), `t()` in the site's scripts (Babel's), plus what the code translates as values (the nav titles
of mkdocs.yml, section titles, kind labels, the A-Z intros, related-page headings, the diary's measures
and constants passed by name).
`python -m macros.tools.cli strings` adds each missing text to every data/locales/<lang>.po (with an
empty translation for the translator) and lists those not translated yet.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file
from babel.messages.pofile import read_po, write_po

EDITORS_ONLY = {"macros/pages/worklist.py", "macros/pages/templates/worklist.html.j2"}
"""The reviewer's worklist is for editors, in English."""
NOT_SCRIPTS = {"iframe-worker-shim.js"}
GETTEXT_CALLS = {"_", "gettext", "ngettext", "N_"}
JINJA = {"extensions": "jinja2.ext.i18n", "newstyle_gettext": "true"}


def marked(project: Path) -> dict:
    """Every marked English text (a string, or a (singular, plural) pair) -> where it is marked."""
    found: dict = {}

    def add(message, where: str) -> None:
        if isinstance(message, tuple):
            message = tuple(m for m in message if m)
            message = message[0] if len(message) == 1 else message
        if message and (not isinstance(message, str) or message.strip()):
            places = found.setdefault(message, [])
            if where not in places:
                places.append(where)

    templates = [
        p for p in sorted((project / "macros").rglob("*.j2")) if p.relative_to(project).as_posix() not in EDITORS_ONLY
    ]
    templates += sorted((project / "overrides").rglob("*.html"))
    jobs = [(path, "jinja2", DEFAULT_KEYWORDS, JINJA) for path in templates]
    jobs += [
        (path, "javascript", {"t": None}, {})
        for path in sorted((project / "overrides").rglob("*.js"))
        if path.name not in NOT_SCRIPTS
    ]
    for path, method, keywords, options in jobs:
        rel = path.relative_to(project).as_posix()
        for line, message, _comments, _context in extract_from_file(method, str(path), keywords, options=options):
            add(message, f"{rel}:{line}")
    for path in sorted((project / "macros").rglob("*.py")):
        # Python by its syntax tree rather than Babel's extractor, which does not see constants passed by name
        # (_(ONLY_ENGLISH)) or calls inside f-strings (f"{strings.gettext('Sources')}")
        rel = path.relative_to(project).as_posix()
        if rel in EDITORS_ONLY:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", None)) in GETTEXT_CALLS
                and node.args
            ):
                continue
            first = node.args[0]
            if isinstance(first, ast.Name):
                value = getattr(importlib.import_module(rel[:-3].replace("/", ".")), first.id, None)
                if isinstance(value, str):
                    add(value, f"{rel}:{node.lineno}")
            elif isinstance(first, ast.Constant) and isinstance(first.value, str):
                plural = node.args[1] if len(node.args) > 1 else None
                if isinstance(plural, ast.Constant) and isinstance(plural.value, str):
                    add((first.value, plural.value), f"{rel}:{node.lineno}")
                else:
                    add(first.value, f"{rel}:{node.lineno}")
    for title in _nav_titles(yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)):
        add(title, "mkdocs.yml nav")
    for message, where in _tables():
        add(message, where)
    return found


def _nav_titles(config: dict):
    def walk(nav):
        if isinstance(nav, list):
            for item in nav:
                yield from walk(item)
        elif isinstance(nav, dict):
            for title, value in nav.items():
                yield title
                yield from walk(value)

    yield from walk(config.get("nav") or [])


def _tables():
    """Texts the code translates as values, from the tables that hold them."""
    from macros.data import models, registry
    from macros.pages import generated, leaflets

    yield from ((title, "macros/data/models.py SECTION_TITLES") for title in models.SECTION_TITLES.values())
    yield from ((kind.label, "macros/data/models.py KINDS") for kind in models.KINDS)
    yield from ((intro, "macros/pages/generated.py INDEX_INTROS") for intro in generated.INDEX_INTROS.values())
    for relation in registry.RELATIONS:
        yield relation.forward_title, "macros/data/registry.py RELATIONS"
        yield relation.reverse_title, "macros/data/registry.py RELATIONS"
    for label, hint in leaflets.MEASURES:
        yield label, "macros/pages/leaflets.py MEASURES"
        yield hint, "macros/pages/leaflets.py MEASURES"


def read_catalogue(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=path.stem)


def untranslated(catalog: Catalog, messages) -> list:
    """The marked texts a catalogue has no translation for."""
    out = []
    for message in messages:
        entry = catalog.get(message)
        strings = entry.string if entry is not None else None
        if entry is None or entry.fuzzy or not strings or (isinstance(strings, tuple) and not all(strings)):
            out.append(message)
    return out


def update(path: Path, found: dict) -> list:
    """Add every marked text the catalogue lacks (untranslated); return those still untranslated."""
    catalog = read_catalogue(path)
    for message, places in found.items():
        if catalog.get(message) is None:
            catalog.add(message, locations=[(place, 0) for place in places[:3]])
    with path.open("wb") as handle:
        write_po(handle, catalog, width=0, omit_header=False, include_lineno=False)
    return untranslated(catalog, found)
