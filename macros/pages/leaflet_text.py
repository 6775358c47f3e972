"""Data text as safe HTML for the printed leaflets: paragraphs, lists, bold and emphasis, and citations
numbered [1], [2] in the order a leaflet first cites them.

Data text holds only light Markdown (macros/data/text.py refuses everything else), so a small reader
does here what Markdown does on the site. Every piece of text is escaped before any tag is added.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from macros.data.clinic import Clinic, localise
from macros.data.strings import ENGLISH, Strings, Untranslated
from macros.data.text import CITATION, CITED_ID
from macros.pages.render import ONLY_ENGLISH

ITEM = re.compile(r"^(?P<indent> *)(?:[-*+]|(?P<number>\d{1,9})\.)\s+(?P<text>.*)$")
BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?!\*)|(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])")


@dataclass
class Block:
    """A paragraph (one item) or a list, as the template shows it."""

    tag: str
    """p, ul or ol."""
    items: list[Markup]
    start: int = 1
    """The first number of an ordered list."""


@dataclass
class LeafletText:
    """Turns the data texts of one leaflet into HTML, numbering the sources as they are first cited."""

    clinic: Clinic | None = None
    cited: list[str] = field(default_factory=list)
    """Source ids in the order of their numbers: [1] is cited[0]."""
    strings: Strings = ENGLISH
    """The leaflet's language: its words, and the note on English text that has no translation yet."""

    def number(self, source_id: str) -> int:
        if source_id not in self.cited:
            self.cited.append(source_id)
        return self.cited.index(source_id) + 1

    def only_english(self) -> Markup:
        """The note on English text shown in a leaflet of another language: '(This part is only in English.)'."""
        return Markup("<em>({})</em>").format(self.strings.gettext(ONLY_ENGLISH))

    def inline(self, text: str) -> Markup:
        """One line of text: escaped, citations as [1, 2], **bold** and *emphasis* as tags."""
        if isinstance(text, Untranslated):
            return self.inline(str(text)) + Markup(" ") + self.only_english()
        text = " ".join(localise(text, self.clinic, self.strings).split())
        pieces, position = [], 0
        for match in CITATION.finditer(text):
            pieces.append(escape(text[position : match.start()].rstrip()))
            numbers = ", ".join(str(self.number(sid)) for sid in CITED_ID.findall("@" + match.group(1)))
            # The space goes inside, unbreakable: a citation never starts a line, and WeasyPrint 70 breaks
            # a line after its first word when a line would have to end just before the citation.
            pieces.append(Markup('<span class="cite">\u00a0[{}]</span>').format(numbers))
            position = match.end()
        pieces.append(escape(text[position:]))
        html = str(Markup("").join(pieces))
        html = BOLD.sub(r"<strong>\2</strong>", html)
        html = EMPHASIS.sub(lambda m: f"<em>{m.group(1) or m.group(2)}</em>", html)
        return Markup(html)

    def blocks(self, text: str) -> list[Block]:
        """Paragraphs and lists, as Markdown reads them: a list starts a block with an item; a line that
        does not start an item carries on the one before it."""
        out: list[Block] = [Block("p", [self.only_english()])] if isinstance(text, Untranslated) else []
        for chunk in re.split(r"\n[ \t]*\n", text.strip()):
            lines = chunk.split("\n")
            first = ITEM.match(lines[0])
            previous = out[-1] if out else None
            if not first:
                indented = lines[0].startswith("  ") and previous is not None and previous.tag != "p"
                if indented:  # a second paragraph inside the last list item
                    previous.items[-1] += Markup(" ") + self.inline(chunk)
                else:
                    out.append(Block("p", [self.inline(chunk)]))
                continue
            tag = "ol" if first.group("number") else "ul"
            items: list[str] = []
            for line in lines:
                item = ITEM.match(line)
                if item:
                    items.append(item.group("text"))
                else:
                    items[-1] += " " + line.strip()
            html = [self.inline(item) for item in items]
            if previous is not None and previous.tag == tag:
                previous.items.extend(html)
            else:
                out.append(Block(tag, html, int(first.group("number") or 1)))
        return out
