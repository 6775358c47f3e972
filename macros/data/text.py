"""Rules for text that comes from data files, and the citation syntax inside it.

Data text is an allow-list, not a deny-list: it may use paragraphs, lists (lines starting
`- `, `* ` or `1. `), *emphasis* and **bold**, and citations written `[@D1]` or `[@D1, @F0]`.
Glossary terms are explained automatically. Everything else Markdown or its extensions would
turn into markup (HTML, links, link definitions, images, attribute lists, abbreviations,
tables, headings, block quotes, code, admonitions and other blocks, footnotes) is refused with
a sentence that says what to do, because pages would otherwise run code or fetch from other
hosts on an editor's typo or a hostile edit.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Annotated

from pydantic import AfterValidator, StringConstraints

CITATION = re.compile(r"\[@([A-Za-z0-9][\w.-]*(?:\s*[,;]\s*@[A-Za-z0-9][\w.-]*)*)\]")
CITED_ID = re.compile(r"@([A-Za-z0-9][\w.-]*)")

TEXT_MAX_CHARS = 20_000
"""The longest text field: the longest real one is under 3,000 characters."""
CITATIONS_MAX = 60
"""The most citations one text field may carry."""

PUNCTUATION = set(".,;:!?¿¡'\"’‘“”()-–—/%+°×±≤≥…*_&£€$")
"""Characters besides letters, digits and spaces that prose may use."""

_CHARACTER_HELP = {  # character -> (what it makes in Markdown, what to do)
    "<": ("HTML", "write plain text instead, or 'less than'"),
    ">": ("HTML or a quote block", "write plain text instead, or 'more than'"),
    "{": ("a curly brace", "remove it, braces are reserved for templates and attribute lists"),
    "}": ("a curly brace", "remove it, braces are reserved for templates and attribute lists"),
    "[": ("a square bracket", "only citations [@ID] may use them; links, link definitions and abbreviations cannot"),
    "]": ("a square bracket", "only citations [@ID] may use them; links, link definitions and abbreviations cannot"),
    "`": ("code", "write plain text instead"),
    "|": ("a table or block divider", "use a comma or 'or' instead"),
    "\\": ("a Markdown escape", "remove the backslash"),
    "@": ("an address or mention outside a citation", "write 'at', or cite as [@ID]"),
    "#": ("a heading or an id", "remove it, headings come from the page layout"),
    "=": ("Markdown markup", "write 'equals' or 'is' instead"),
    "~": ("Markdown markup", "write 'about' instead"),
    "^": ("Markdown markup", "remove it"),
    "\t": ("a tab, which Markdown may show as code", "use spaces"),
}

_LINE_RULES = [
    (re.compile(r"^(?:!!!|\?\?\?|///|:::)"), "starts a block ({found}); data text may only have paragraphs and lists"),
    (re.compile(r"^:\s"), "starts a definition list ({found}); write a sentence instead"),
    (re.compile(r"^(?:[-*_]\s*){3,}$"), "is a divider line ({found}); remove it, sections come from the page layout"),
]

_WWW = re.compile(r"[wW]{3}\.")

_INLINE_RULES = [  # (pattern, message, a quick test that is True for every text the pattern can match)
    (
        re.compile(r"&[A-Za-z#][A-Za-z0-9]*;"),
        "contains an HTML entity ({found}); type the character itself",
        lambda text: "&" in text,
    ),
    (
        re.compile(r"\b(?:javascript|vbscript|data|file):", re.I),
        "contains a script or data address ({found}); remove it",
        lambda text: ":" in text,
    ),
    (
        re.compile(r"\b(?:https?|ftp):|\bwww\.", re.I),
        "contains a web address ({found}); sources and their addresses belong in data/sources.yml",
        lambda text: ":" in text or _WWW.search(text) is not None,  # no other character matches w, W or . in re.I
    ),
    (
        re.compile(r"\+\+"),
        "contains '++', which Markdown may turn into markup; write 'plus' instead",
        lambda text: "++" in text,
    ),
]
"""Searched in every text of every file: a case-blind pattern that starts with a word boundary tries
each position in turn, so each is searched only in texts that hold the characters a match needs."""


_NOT_PLAIN = re.compile("[^\\w \n" + re.escape("".join(sorted(PUNCTUATION))) + "]")
"""Characters that need a closer look: not a letter, digit, space, newline or listed punctuation."""


def _snippet(value: str, start: int) -> str:
    return repr(value[start : start + 12].split("\n")[0])


def check_safe_text(value: str) -> str:
    """Allow prose, lists, emphasis and citations; refuse everything else with one sentence."""
    if len(value) > TEXT_MAX_CHARS:
        raise ValueError(f"has {len(value):,} characters; the most a text may have is {TEXT_MAX_CHARS:,}, so split it")
    citations = CITATION.findall(value)
    if len(citations) > CITATIONS_MAX:
        raise ValueError(f"has {len(citations)} citations; the most a text may have is {CITATIONS_MAX}, so cite fewer")
    stripped = CITATION.sub("", value)
    if "[@" in stripped:
        raise ValueError("has a citation that is not closed; write it as [@ID] or [@ID1, @ID2]")
    in_list, blank_before = False, True
    for line in stripped.split("\n"):
        text = line.strip()
        if not text:
            blank_before = True
            continue
        indent = len(line) - len(line.lstrip(" "))
        is_item = re.match(r"^(?:[-*+]|\d{1,9}\.)\s", text) is not None  # Markdown has no "1)" lists
        if blank_before and (indent >= 8 or (indent >= 4 and not in_list)):
            raise ValueError(
                f"has a line indented four spaces after a blank line ({text[:12]!r}), which shows as code; "
                "remove the indent"
            )
        for pattern, message in _LINE_RULES:
            if pattern.search(text):
                raise ValueError(message.format(found=repr(text[:12])))
        if is_item:
            in_list = True
        elif blank_before and indent == 0:
            in_list = False
        blank_before = False
    for pattern, message, may_match in _INLINE_RULES:
        found = may_match(stripped) and pattern.search(stripped)
        if found:
            raise ValueError(message.format(found=_snippet(stripped, found.start())))
    for found in _NOT_PLAIN.finditer(stripped):
        index, char = found.start(), found.group()
        category = unicodedata.category(char)
        if char in _CHARACTER_HELP:
            what, fix = _CHARACTER_HELP[char]
        elif category[0] in "LN" or category in ("Mn", "Mc", "Zs"):
            continue
        elif category[0] in "CZ":
            what, fix = f"an invisible control character U+{ord(char):04X}", "delete it and retype the text around it"
        else:
            what, fix = "a symbol that is not a letter, number or ordinary punctuation", "write plain text instead"
        raise ValueError(f"contains {what} ({_snippet(stripped, index)}); {fix}")
    return value


@functools.lru_cache(maxsize=262_144)
def cited_ids(value: str) -> tuple[str, ...]:
    """Source ids cited in a text, in order of appearance (kept per text: the checks, the pages and the
    API ask for the same texts' citations many times in one build)."""
    return tuple(cid for group in citation_groups(value) for cid in group)


@functools.lru_cache(maxsize=262_144)
def citation_groups(value: str) -> tuple[tuple[str, ...], ...]:
    """The source ids of each citation in a text ("[@D1, @F0]" is one), kept per text as cited_ids."""
    return tuple(tuple(CITED_ID.findall("@" + group)) for group in CITATION.findall(value))


def citations_to_footnotes(value: str) -> str:
    """Turn `[@D1, @F0]` into Markdown footnote references, shown as superscript "1,2"."""
    return CITATION.sub(lambda m: "<sup>,</sup>".join(f"[^{cid}]" for cid in CITED_ID.findall("@" + m.group(1))), value)


def word_count(value: str) -> int:
    return len(re.findall(r"[^\W_]+(?:['’-][^\W_]+)*", CITATION.sub("", value)))


SafeText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(check_safe_text)]
"""Prose from data: light Markdown and citations, nothing else."""


def check_plain_line(value: str) -> str:
    """A one-line field also goes into HTML attributes and JSON: no double quotes there."""
    if '"' in value:
        raise ValueError('contains a double quote ("); use single quotes or none')
    return check_safe_text(value)


_TITLE_BRACKETS = re.compile(r"\[([^\[\]^@]*)\](?![(\[:])")


def check_title(value: str) -> str:
    """A published title may hold square brackets ("[Editorial]"), but never as a link."""
    return value if check_plain_line(_TITLE_BRACKETS.sub(r"(\1)", value)) else value


def check_note(value: str) -> str:
    """Editors' notes are shown escaped, never as Markdown: refuse only template syntax and control characters."""
    if "{{" in value or "{%" in value:
        raise ValueError("contains template syntax ({{ or {%); remove it")
    if value.replace("\n", "").isprintable():  # no control character (nor any other unprintable one)
        return value
    bad = next((c for c in value if unicodedata.category(c)[0] == "C" and c != "\n"), None)
    if bad:
        raise ValueError(f"contains an invisible control character (U+{ord(bad):04X}); delete it")
    return value


PlainLine = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200, pattern=r"^[^\n]*$"),
    AfterValidator(check_plain_line),
]
"""A one-line name, label or alias."""

TitleLine = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=400, pattern=r"^[^\n]*$"),
    AfterValidator(check_title),
]
"""A one-line title of a published work, which may be long."""

SITE_URL_PATTERN = r"^https?://[A-Za-z0-9.-]+(?::[0-9]+)?/(?:[A-Za-z0-9._~%-]+/)*$"
"""The public address of the site's home page: http(s), a host, an optional port and path, ending in /."""

SiteUrl = Annotated[str, StringConstraints(strip_whitespace=True, max_length=300, pattern=SITE_URL_PATTERN)]
"""Where the published site lives, such as https://example.org/guide/ (canonical links, sitemap, QR codes)."""

NoteText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=TEXT_MAX_CHARS), AfterValidator(check_note)
]
"""A note for editors: never rendered as Markdown, shown escaped in the preview and by the linter."""
