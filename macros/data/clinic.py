"""A clinic's own copy of the site: its settings (data/clinic.yml) and the help wording they give.

Without data/clinic.yml the site speaks neutrally ("your doctor", "your local emergency number")
and has no clinic page. With it, the clinic's name, numbers and wording appear in the header,
the footer, every "when to get help" box and a generated clinic page.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from macros.data.strings import ENGLISH, Strings, Untranslated, with_note
from macros.data.text import PlainLine, SafeText, SiteUrl

PHONE_PATTERN = r"^(?:\+?[0-9]|\([0-9])[0-9 ()-]{4,22}[0-9]$"
"""Digits with spaces, brackets and hyphens, a leading + or bracket: 020 7946 0000, (555) 010-4477."""
Phone = Annotated[str, StringConstraints(strip_whitespace=True, pattern=PHONE_PATTERN)]


def tel(phone: str) -> str:
    """The number for a tel: link: digits and a leading +, nothing else (the one place that cleans it)."""
    return "".join(ch for ch in phone if ch.isdigit() or ch == "+")


@cache
def material_languages() -> tuple[str, ...]:
    import material

    folder = Path(material.__file__).parent / "templates" / "partials" / "languages"
    return tuple(sorted(p.stem for p in folder.glob("*.html")))


class Clinic(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: PlainLine = Field(description="The clinic's name, shown in the header and footer.")
    logo: PlainLine | None = Field(default=None, description="Logo file, relative to data/, e.g. clinic/logo.png.")
    phone: Phone = Field(description="Main phone number, e.g. 020 7946 0000 or +44 20 7946 0000.")
    address: list[PlainLine] = Field(default=[], description="Address lines.")
    opening_hours: list[PlainLine] = Field(default=[], description="One line per day or range of days.")
    booking: SafeText = Field(description="How to book or ask a question, in one or two sentences.")
    emergency_number: Annotated[str, StringConstraints(pattern=r"^[0-9]{2,4}$")] = Field(
        description="The local emergency number: 999 in the UK, 911 in the US, 112 in the EU."
    )
    urgent_care: SafeText = Field(
        description="Where to get same-day help, completing 'Get help the same day: ...', e.g. 'call NHS 111'."
    )
    site_url: SiteUrl | None = Field(
        default=None,
        description="Where your copy is published, ending in /, e.g. https://intranet.example.org/spine-guide/ "
        "(replaces settings.yml site_url). Leave it out if the site is only opened from a folder.",
    )
    languages: list[Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]] | None = Field(
        default=None,
        description="Which editions to build, English first, e.g. [en, es] (replaces settings.yml languages); the "
        "offline copy and the leaflets include each.",
    )
    publish: Literal["all", "reviewed-only"] | None = Field(
        default=None,
        description="Overrides settings.yml publish: reviewed-only publishes only pages your clinicians signed off.",
    )
    language: str = Field(default="en", description="Language of the site's menus and buttons (a Material code).")
    accent_colour: Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")] | None = Field(
        default=None, description="Header colour as #RRGGBB; it must keep white text readable."
    )

    @field_validator("language")
    @classmethod
    def _known_language(cls, language: str) -> str:
        if language not in material_languages():
            raise ValueError(f"{language!r} is not a language the theme knows; use one of: en, de, fr, es, nl, ...")
        return language

    @field_validator("accent_colour")
    @classmethod
    def _readable(cls, colour: str | None) -> str | None:
        if colour and contrast_with_white(colour) < 4.5:
            raise ValueError(
                f"white text on {colour} has contrast {contrast_with_white(colour):.1f}:1, under 4.5:1; "
                "choose a darker colour"
            )
        return colour


def contrast_with_white(colour: str) -> float:
    """WCAG contrast ratio of white text on `colour` (#RRGGBB)."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return 1.05 / (luminance + 0.05)


def neutral_emergency(numbers: str, strings: Strings = ENGLISH) -> str:
    """The emergency number without a clinic: 'your local emergency number (<settings>)'."""
    return f"{strings.gettext(LOCAL_EMERGENCY_WORDS)} ({numbers})"


def help_wording(clinic: Clinic | None, numbers: str, strings: Strings = ENGLISH) -> dict[str, dict[str, str]]:
    """Title and lead-in sentence of each level of help, from the clinic's file, or neutral with the
    emergency numbers from data/settings.yml, in the edition's language."""
    _ = strings.gettext
    if clinic is None:
        return {
            "emergency": {
                "title": _("Emergency: call your local emergency number now"),
                "action": _("Call {number} or go to an emergency department now if:").format(
                    number=neutral_emergency(numbers, strings)
                ),
            },
            "urgent": {
                "title": _("Urgent: get help the same day"),
                "action": _("Contact your doctor for a same-day appointment, or an urgent advice line, if:"),
            },
            "routine": {
                "title": _("Routine: see your doctor"),
                "action": _("Book an appointment with your doctor if:"),
            },
        }
    number = clinic.emergency_number
    return {
        "emergency": {
            "title": _("Emergency: call {number} now").format(number=number),
            "action": _("Call {number} or go to an emergency department now if:").format(number=number),
        },
        "urgent": {
            "title": _("Urgent: get help the same day"),
            "action": _("Get help the same day: {where} You can also call {clinic} on {phone}. Do this if:").format(
                where=_sentence(clinic.urgent_care, strings), clinic=clinic.name, phone=clinic.phone
            ),
        },
        "routine": {
            "title": _("Routine: contact {clinic}").format(clinic=clinic.name),
            "action": _("Call {clinic} on {phone} or book an appointment if:").format(
                clinic=clinic.name, phone=clinic.phone
            ),
        },
    }


def emergency_line(clinic: Clinic | None, numbers: str, strings: Strings = ENGLISH) -> str:
    number = clinic.emergency_number if clinic else neutral_emergency(numbers, strings)
    return strings.gettext(
        "New trouble passing urine, numbness between your legs, or suddenly weak or unsteady legs? Call {number} now."
    ).format(number=number)


def emergency_call(clinic: Clinic | None, numbers: str, strings: Strings = ENGLISH) -> str:
    """Who to call, in the fewest words, for the one-line emergency line on phones:
    the clinic's number, or the numbers in data/settings.yml ('999, 911 or 112')."""
    if clinic:
        return clinic.emergency_number
    found = re.findall(r"\b\d{3}\b", numbers)
    if not found:
        return neutral_emergency(numbers, strings)
    return found[0] if len(found) == 1 else ", ".join(found[:-1]) + " " + strings.gettext("or") + " " + found[-1]


def _sentence(text: str, strings: Strings = ENGLISH) -> str:
    """The text as one sentence; "(in English)" before its full stop while an edition has no translation."""
    words, stop = " ".join(text.split()), "."
    if re.search(r"[.!?]$", words):
        words, stop = words[:-1], words[-1]
    return (with_note(Untranslated(words), strings) if isinstance(text, Untranslated) else words) + stop


LOCAL_EMERGENCY_WORDS = "your local emergency number"
LOCAL_EMERGENCY = re.compile(r"\byour local emergency number\b")


def localise(markdown: str, clinic: Clinic | None, strings: Strings = ENGLISH) -> str:
    """Page text says 'your local emergency number' (in the edition's language); a clinic's copy names its
    own number instead."""
    if not clinic:
        return markdown
    words = {LOCAL_EMERGENCY_WORDS, strings.gettext(LOCAL_EMERGENCY_WORDS)}
    pattern = re.compile("|".join(r"\b" + re.escape(w) + r"\b" for w in sorted(words)), re.I)
    return pattern.sub(clinic.emergency_number, markdown)
