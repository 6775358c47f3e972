"""The interface's own words (headings, buttons, help wording) in each language.

English is written in the code and templates, marked for translation (`_("...")` in Python and Jinja,
`t("...")` in the site's scripts); each other language has a gettext catalogue, data/locales/<lang>.po,
read with Babel. A translator edits the .po file with any gettext tool; `python -m macros.tools.cli
strings` lists what is marked and adds what is missing to every catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

LOCALES = "locales"
"""The catalogues' folder under data/."""


@dataclass(frozen=True)
class Strings:
    """gettext for one language: the English text itself when a catalogue has no translation for it."""

    language: str = "en"
    messages: dict = field(default_factory=dict)

    def gettext(self, text: str) -> str:
        return self.messages.get(text) or text

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        forms = self.messages.get((singular, plural))
        if forms and all(forms):
            return forms[0] if n == 1 else forms[1]
        return singular if n == 1 else plural

    def missing(self, ids) -> list[str]:
        """Which of these English texts have no translation (none are missing in English)."""
        if self.language == "en":
            return []
        return [i for i in ids if not self.messages.get(i)]


ENGLISH = Strings()


class Untranslated(str):
    """English text shown on a page of another language, because the translation has none: marked
    so that the page shows it with a note ('This part is only in English'), never silently."""

    __slots__ = ()


def with_note(text: str, strings: Strings = ENGLISH) -> str:
    """A name or short text on a page of another language, followed by "(in English)" while it has no
    translation."""
    if not isinstance(text, Untranslated):
        return text
    note = strings.gettext("in English")
    return f"{text} ({note})"


def lines_with_note(lines, strings: Strings = ENGLISH) -> list[str]:
    """Lines a translation gives as a whole (opening hours): "(in English)" once, after the last, while
    they have no translation."""
    lines = list(lines)
    if lines and isinstance(lines[-1], Untranslated):
        lines[-1] = with_note(lines[-1], strings)
    return lines


def catalogue_path(data_dir: Path, language: str) -> Path:
    return data_dir / LOCALES / f"{language}.po"


def load_strings(data_dir: Path, language: str) -> Strings:
    """The language's catalogue; English needs none."""
    if language == "en":
        return ENGLISH
    path = catalogue_path(data_dir, language)
    if not path.exists():
        return Strings(language)
    from babel.messages.pofile import read_po  # only another edition than English needs Babel

    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    messages = {}
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, tuple):
            messages[tuple(message.id)] = tuple(message.string)
        else:
            messages[message.id] = message.string
    return Strings(language, messages)
