"""What every page gets after its macros ran: numbered sources and glossary tooltips."""

from __future__ import annotations

import re
from pathlib import Path

from macros.data.loader import SiteData
from macros.data.models import Source
from macros.data.strings import ENGLISH, Strings, Untranslated

FOOTNOTE_REF = re.compile(r"\[\^([A-Za-z0-9][\w.-]*)\]")


def cited_in(markdown: str) -> list[str]:
    """Footnote references in order of first use; definitions (a line starting `[^ID]:`) excluded."""
    found = []
    for match in FOOTNOTE_REF.finditer(markdown):
        at_line_start = match.start() == 0 or markdown[match.start() - 1] == "\n"
        if at_line_start and markdown[match.end() : match.end() + 1] == ":":
            continue
        found.append(match.group(1))
    return list(dict.fromkeys(found))


FOOTNOTE_MARKER = "///Footnotes Go Here///"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]()<>#+!|])")


def _link(text: str, href: str) -> str:
    """A Markdown link whose text and address stay literal whatever characters they hold."""
    href = href.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return f"[{text}]({href})"


def format_source(source: Source, language: str = "en") -> str:
    """One bibliography entry as a line of Markdown: authors, title, publisher, year, DOI or address. On a
    page in another language than the source's, its words are marked with the source's language."""
    parts = [f"{source.authors}." if source.authors else "", f"{source.title}.", f"*{source.publisher}*"]
    if source.year:
        parts[-1] += f", {source.year}"
    parts[-1] += "."
    if source.language != language:
        words = " ".join(p for p in parts if p)
        parts = [f'<span lang="{source.language}">{words}</span>']
    if source.doi:
        parts.append(_link(f"doi:{source.doi}", f"https://doi.org/{source.doi}"))
    elif source.url:
        parts.append(_link(source.url.removeprefix("https://"), source.url))
    if source.pmid:
        parts.append(f"PMID {source.pmid}.")
    if source.pmcid:
        parts.append(f"{source.pmcid}.")
    return " ".join(p for p in parts if p)


def cited_sources(data: SiteData, docs_dir: Path) -> set[str]:
    """Ids of the sources that some page cites: in the data's reader text or in a hand-written page."""
    from macros.data.content_rules import reader_entries, reader_texts
    from macros.data.text import cited_ids

    cited = {sid for entry in reader_entries(data) for _, text in reader_texts(entry) for sid in cited_ids(text)}
    for page in docs_dir.rglob("*.md"):
        cited.update(cited_in(page.read_text(encoding="utf-8")))
    return cited


class UnknownSource(ValueError):
    pass


def add_sources(markdown: str, data: SiteData, page_path: str = "") -> str:
    """Append a numbered 'Sources' list for every source cited on the page."""
    cited = cited_in(markdown)
    unknown = [sid for sid in cited if sid not in data.sources and f"\n[^{sid}]:" not in markdown]
    if unknown:
        raise UnknownSource(
            f"{page_path}: cites {', '.join(f'[^{s}]' for s in unknown)}, not in data/sources.yml; "
            "fix the id or add the source"
        )
    if not cited:
        return markdown
    if FOOTNOTE_MARKER not in markdown:
        heading = data.strings.gettext("Sources")
        markdown += f"\n\n## {heading} {{: #sources }}\n\n{FOOTNOTE_MARKER}\n"
    definitions = "\n".join(f"[^{sid}]: {format_source(data.sources[sid].model, data.language)}" for sid in cited)
    return f"{markdown}\n\n{definitions}\n"


def _forms(term) -> list[str]:
    forms = []
    for form in (term.term, *term.forms):
        for variant in (form, form[:1].upper() + form[1:]):
            if variant not in forms:
                forms.append(variant)
    return forms


WORDS = re.compile(r"[^\W_]+")
"""Words in any language ("mielopatía" is one word)."""
_INDEXES: dict[tuple, dict[str, list[tuple[tuple[str, ...], list[str]]]]] = {}


def _glossary_index(data: SiteData) -> dict[str, list[tuple[tuple[str, ...], list[str]]]]:
    """Glossary forms by their first word: (all words, abbreviation lines); built once per build."""
    key = tuple((e.id, e.model.term, tuple(e.model.forms), e.model.definition) for e in data.glossary.values())
    if key not in _INDEXES:  # keyed by the glossary's content, so an edit in the preview is never served stale
        lines: dict[tuple[str, ...], list[str]] = {}
        for entry in data.glossary.values():
            if isinstance(entry.model.definition, Untranslated):
                continue  # a tooltip in English on a page in another language would say so nowhere
            for form in _forms(entry.model):
                words = tuple(WORDS.findall(form.lower()))
                if words:
                    lines.setdefault(words, []).append(f"*[{form}]: {entry.model.definition}")
        by_first: dict[str, list] = {}
        for words, form_lines in lines.items():
            by_first.setdefault(words[0], []).append((words, form_lines))
        _INDEXES.clear()
        _INDEXES[key] = by_first
    return _INDEXES[key]


def add_glossary_tooltips(markdown: str, data: SiteData) -> str:
    """Append abbreviation definitions for the glossary terms that occur on this page.

    Terms are looked up by their first word, so the cost grows with the page's length only,
    whatever the size of the glossary.
    """
    by_first = _glossary_index(data)
    words = WORDS.findall(markdown.lower())
    in_order = dict.fromkeys(words)  # each word once, in the order the page first uses it
    present = [word for word in in_order if word in by_first]
    if not present:
        return markdown
    joined = f" {' '.join(words)} "
    found: dict[str, None] = {}
    for first in present:
        for form_words, form_lines in by_first[first]:
            if len(form_words) == 1 or f" {' '.join(form_words)} " in joined:
                found.update(dict.fromkeys(form_lines))
    return f"{markdown}\n\n" + "\n".join(found) + "\n" if found else markdown


ABBR = re.compile(r'<abbr title="([^"]*)">')
HEADING = re.compile(r"<h([1-6])([^>]*)>(.*?)</h\1>", re.S)
ABBR_ELEMENT = re.compile(r"<abbr[^>]*>(.*?)</abbr>", re.S)


def _plain_heading(match: re.Match) -> str:
    level, attributes, inner = match.groups()
    return f"<h{level}{attributes}>{ABBR_ELEMENT.sub(lambda m: m.group(1), inner)}</h{level}>"


def focusable_terms(html: str) -> str:
    """Let keyboard users reach each glossary term once per page (its first use), to read its tooltip.

    Headings keep plain text: a dotted underline in a title reads as noise.
    """
    seen: set[str] = set()

    def first_only(match: re.Match) -> str:
        if match.group(1) in seen:
            return match.group(0)
        seen.add(match.group(1))
        return f'<abbr tabindex="0" title="{match.group(1)}">'

    html = HEADING.sub(_plain_heading, html)
    return ABBR.sub(first_only, html)


FOOTNOTES = re.compile(r'<div class="footnote">\s*<hr />\s*(<ol>.*?</ol>)\s*</div>', re.S)


def plain_terms(html: str) -> str:
    """No glossary tooltips: for sources, whose titles are the authors' words, not ours."""
    return ABBR_ELEMENT.sub(lambda m: m.group(1), html)


def fold_sources(html: str, strings: Strings = ENGLISH) -> str:
    """A page's numbered sources folded under "Sources (N)", without glossary tooltips in the titles.

    A footnote link opens the fold (assets/javascripts/open-target.js; Chromium also opens it itself).
    `strings`: the edition's words.
    """

    def folded(match: re.Match) -> str:
        count = match.group(1).count('<li id="fn:')
        summary = strings.ngettext(
            "Sources for this page ({count} source)", "Sources for this page ({count} sources)", count
        ).format(count=count)
        return (
            f'<details class="mg-sources" id="sources"><summary>{summary}</summary>'
            f'<div class="footnote">{plain_terms(match.group(1))}</div></details>'
        )

    return FOOTNOTES.sub(folded, html)
