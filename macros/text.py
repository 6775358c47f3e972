"""Rules for text that comes from data files, and the citation syntax inside it.

Data text may use light Markdown (paragraphs, lists, *emphasis*) and citations written
`[@D1]` or `[@D1, @F0]`. It may not carry HTML, links, images, attribute lists or template
syntax: pages would then run code or fetch from other hosts on an editor's typo.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, StringConstraints

CITATION = re.compile(r"\[@([A-Za-z0-9][\w.-]*(?:\s*[,;]\s*@[A-Za-z0-9][\w.-]*)*)\]")
CITED_ID = re.compile(r"@([A-Za-z0-9][\w.-]*)")

_FORBIDDEN = [
    (re.compile(r"<\s*/?\s*[A-Za-z!?]"), "contains HTML ({found}); write plain text instead"),
    (re.compile(r"&[A-Za-z#][A-Za-z0-9]*;"), "contains an HTML entity ({found}); type the character itself"),
    (re.compile(r"\{|\}"), "contains a curly brace ({found}); remove it, braces are reserved for templates"),
    (re.compile(r"!\["), "contains an image ({found}); images cannot come from data text"),
    (re.compile(r"\]\("), "contains a Markdown link ({found}); related pages are linked from the relation fields"),
    (re.compile(r"\[\^"), "contains a footnote ({found}); cite sources as [@ID] instead"),
    (re.compile(r"javascript:|data:", re.I), "contains a script or data address ({found}); remove it"),
]


def check_safe_text(value: str) -> str:
    """Reject markup that could inject HTML, scripts, external requests or template code."""
    for pattern, message in _FORBIDDEN:
        found = pattern.search(value)
        if found:
            snippet = value[found.start() : found.start() + 12].split("\n")[0]
            raise ValueError(message.format(found=repr(snippet)))
    stripped = CITATION.sub("", value)
    if "[@" in stripped:
        raise ValueError("has a citation that is not closed; write it as [@ID] or [@ID1, @ID2]")
    return value


def cited_ids(value: str) -> list[str]:
    """Source ids cited in a text, in order of appearance."""
    return [cid for group in CITATION.findall(value) for cid in CITED_ID.findall("@" + group)]


def citations_to_footnotes(value: str) -> str:
    """Turn `[@D1, @F0]` into Markdown footnote references, shown as superscript "1,2"."""
    return CITATION.sub(lambda m: "<sup>,</sup>".join(f"[^{cid}]" for cid in CITED_ID.findall("@" + m.group(1))), value)


def word_count(value: str) -> int:
    return len(re.findall(r"[A-Za-z0-9'’-]+", CITATION.sub("", value)))


SafeText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(check_safe_text)]
"""Prose from data: light Markdown and citations, nothing else."""

PlainLine = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200, pattern=r"^[^\n]*$"),
    AfterValidator(check_safe_text),
]
"""A one-line name, label or alias."""

TitleLine = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=400, pattern=r"^[^\n]*$"),
    AfterValidator(check_safe_text),
]
"""A one-line title of a published work, which may be long."""
