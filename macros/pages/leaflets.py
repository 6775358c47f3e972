"""Printable A4 leaflets: one PDF per condition and a paper symptom diary, made with WeasyPrint.

Each leaflet is HTML from a template in templates/ (escaped, unlike the Markdown templates), turned
into a tagged PDF (PDF/UA-1) with real, selectable text in DejaVu Sans. Everything on it comes from
the data: the record's text with its sources numbered, its help box, the emergency line, the clinic's
numbers, the review dates and the disclaimer. With a site address (settings.yml or clinic.yml
site_url) a QR code leads to the same page online; without one, the leaflet simply has no QR code.

WeasyPrint and segno are imported only when a leaflet is made, so the site build does not need them.
"""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
import markupsafe

from macros.data.clinic import emergency_line, help_wording
from macros.data.loader import SiteData
from macros.data.models import HELP_LEVELS, SECTION_TITLES, HelpLevels, Source
from macros.data.policy import policy
from macros.data.registry import Site
from macros.data.review import ReviewState
from macros.data.strings import ENGLISH, Strings
from macros.pages import links
from macros.pages.leaflet_text import LeafletText
from macros.pages.render import TEMPLATES, clinic_contact, long_date, plain
from macros.pages.render import name as shown_name


def N_(text: str) -> str:
    """Marks English text for translation where it is written; it is translated where it is shown."""
    return text


DIARY_FILE = "symptom-diary.pdf"
DIARY_PAGE = "symptom-diary.md"
MAX_BYTES = 300_000
"""A leaflet clinics can email and patients can download on a slow phone connection."""

MEASURES = (
    (N_("Hands"), N_("buttons, writing, holding things")),
    (N_("Walking"), N_("distance, stiffness, heavy legs")),
    (N_("Balance"), N_("feeling unsteady, falls")),
    (N_("Bladder"), N_("rushing, leaks, trouble starting")),
    (N_("Pain"), N_("neck, arms, back or legs")),
)
"""The online diary's measures (overrides/assets/javascripts/diary.js, MEASURES), so paper and screen agree."""
SCALE = (N_("None"), N_("Slight"), N_("Moderate"), N_("Bad"), N_("Very bad"))
"""Scores 0 to 4, as diary.js SCALE."""
DIARY_ROWS = 14


class LeafletError(Exception):
    """A leaflet could not be made as it should be; the message says which and what to do."""


def online_url(site_url: str, src_path: str) -> str:
    """The full address of the page built from `src_path`, for the QR code and the line under it."""
    return site_url + links.page_url(True, src_path)


def qr_data_uri(url: str) -> str:
    """A QR code for `url` as an SVG data URI: vector, so it prints sharp at any size."""
    import segno

    return segno.make(url, error="m", micro=False).svg_data_uri(scale=4, border=2)


def review_line(state: ReviewState | None, strings: Strings = ENGLISH) -> str:
    if state is None or state.status != "reviewed":
        return strings.gettext("Not yet clinically reviewed.")
    review = state.review
    return strings.gettext("Reviewed on {reviewed_on} by {reviewer}, {role}. Next review due {next_review}.").format(
        reviewed_on=long_date(review.reviewed_on, strings),
        reviewer=review.reviewer.name,
        role=review.reviewer.role,
        next_review=long_date(review.next_review, strings),
    )


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


def source_entry(source: Source) -> dict:
    """One source in full: authors, title, publisher and year, and where to find it."""
    publisher = f"{source.publisher}, {source.year}" if source.year else source.publisher
    words = [source.authors, source.title, publisher]
    href = f"https://doi.org/{source.doi}" if source.doi else source.url
    return {"text": " ".join(_sentence(w) for w in words if w), "href": href}


def short_action(action: str, strings: Strings = ENGLISH) -> str:
    """A level's lead-in as a sentence on its own ("... now if:" -> "... now."), as the online diary shows it
    (diary.js removes the same words, in the edition's language)."""
    do_this_if, if_ = re.escape(strings.gettext("Do this if:")), re.escape(strings.gettext("if:"))
    return re.sub(rf",? {if_}$", ".", re.sub(rf" {do_this_if}$", "", action))


def _online(data: SiteData, ref: str, src_path: str) -> str | None:
    """The page's address online, or None: no site address, or the page is not published."""
    if not data.site_url:
        return None
    state = data.reviews.get(ref)
    if policy(data) == "reviewed-only" and state is not None and not state.publishable:
        return None
    return online_url(data.site_url, src_path)


def common_context(data: SiteData, ref: str, src_path: str, language: str) -> dict:
    """What every leaflet shows: who it is from, how to reach them, the emergency line, the small print."""
    clinic, settings = data.clinic, data.settings
    url = _online(data, ref, src_path)
    contact = clinic_contact(clinic, data.strings) if clinic is not None else None
    return {
        "language": language,
        "organisation": clinic.name if clinic else settings.site_name,
        "phone": clinic.phone if clinic else None,
        "site_name": settings.site_name,
        "emergency": emergency_line(clinic, settings.emergency_numbers, data.strings),
        "contact": contact,
        "version": settings.content_version,
        "disclaimer": plain(settings.disclaimer),
        "online_url": url,
        "qr": qr_data_uri(url) if url else None,
    }


def help_boxes(text: LeafletText, data: SiteData, help: HelpLevels) -> list[dict]:
    """A record's help box by level, most urgent first: the level's title and lead-in, then its situations."""
    wording = help_wording(data.clinic, data.settings.emergency_numbers, data.strings)
    return [
        {
            "level": level,
            "title": wording[level]["title"],
            "action": wording[level]["action"],
            "situations": [text.inline(data.situations[i].model.text) for i in getattr(help, level)],
        }
        for level in HELP_LEVELS
        if getattr(help, level)
    ]


def condition_context(site: Site, condition_id: str, language: str = "en") -> dict:
    data = site.data
    record = site.record("conditions", condition_id)
    ref = f"conditions/{condition_id}"
    strings = data.strings
    text = LeafletText(data.clinic, strings=strings)
    # in reading order, so that sources are numbered as the reader meets them
    summary = text.inline(record.summary)
    sections = [
        {"title": strings.gettext(title), "blocks": text.blocks(getattr(record.sections, key))}
        for key, title in SECTION_TITLES.items()
        if getattr(record.sections, key)
    ]
    help = help_boxes(text, data, record.when_to_get_help) if record.when_to_get_help else []
    return {
        **common_context(data, ref, links.record_path("conditions", condition_id), language),
        "name": shown_name(record.name, strings),
        "also_known_as": [shown_name(alias, strings) for alias in record.also_known_as],
        "summary": summary,
        "sections": sections,
        "help": help,
        "review": review_line(data.reviews.get(ref), strings),
        "sources": [source_entry(data.sources[sid].model) for sid in text.cited if sid in data.sources],
    }


def diary_context(site: Site, language: str = "en") -> dict:
    """The paper diary: the online diary's measures and scale, and the help it shows when a score rises."""
    data = site.data
    strings = data.strings
    _ = strings.gettext
    wording = help_wording(data.clinic, data.settings.emergency_numbers, strings)
    help = [
        {
            "level": "emergency",
            "title": wording["emergency"]["title"],
            "when": _("Your bladder score has gone up by 2 or more since an earlier day."),
            "lines": [
                short_action(wording["emergency"]["action"], strings),
                emergency_line(data.clinic, data.settings.emergency_numbers, strings),
            ],
        },
        {
            "level": "urgent",
            "title": wording["urgent"]["title"],
            "when": _("Your hands, walking or balance score has gone up by 2 or more since an earlier day."),
            "lines": [short_action(wording["urgent"]["action"], strings)],
        },
    ]
    return {
        **common_context(data, "pages/symptom-diary", DIARY_PAGE, language),
        "measures": [{"label": _(label), "hint": _(hint)} for label, hint in MEASURES],
        "scale": [(number, _(word)) for number, word in enumerate(SCALE)],
        "rows": DIARY_ROWS,
        "help": help,
    }


_ENVIRONMENTS: dict[str, tuple[Strings, jinja2.Environment]] = {}


def _environment(strings: Strings = ENGLISH) -> jinja2.Environment:
    """The leaflet templates' environment for one language: `_("...")` in a template is the interface's
    word in that language (newstyle gettext, as pages/render.py's), made once per catalogue."""
    kept = _ENVIRONMENTS.get(strings.language)
    if kept is not None and kept[0] is strings:
        return kept[1]
    # Autoescape on (the Markdown templates have it off): every value is text for HTML here.
    env = jinja2.Environment(
        extensions=["jinja2.ext.i18n"],
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_callables(strings.gettext, strings.ngettext, newstyle=True)
    env.filters["css_words"] = css_words
    _ENVIRONMENTS[strings.language] = (strings, env)
    return env


def css_words(text: str) -> markupsafe.Markup:
    """Words for a CSS string in the stylesheet (the page numbers): letters, digits and spaces only."""
    return markupsafe.Markup(re.sub(r"[^\w ]", "", text))


def render_html(template: str, context: dict, strings: Strings = ENGLISH) -> str:
    return _environment(strings).get_template(template).render(**context)


def condition_html(site: Site, condition_id: str, language: str = "en") -> str:
    context = condition_context(site, condition_id, language)
    return render_html("leaflet_condition.html.j2", context, site.data.strings)


def diary_html(site: Site, language: str = "en") -> str:
    return render_html("leaflet_diary.html.j2", diary_context(site, language), site.data.strings)


def write_pdf(html: str, path: Path) -> Path:
    """One tagged PDF (PDF/UA-1) from leaflet HTML; raises LeafletError when it comes out too big."""
    from weasyprint import HTML

    HTML(string=html, base_url=None).write_pdf(path, pdf_variant="pdf/ua-1")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise LeafletError(
            f"{path.name} is {size / 1000:.0f} KB, over the {MAX_BYTES / 1000:.0f} KB a leaflet may be; "
            "shorten the record or split it"
        )
    return path


def write_leaflets(site: Site, out_dir: Path, *, language: str = "en") -> list[Path]:
    """A leaflet per condition (<id>.pdf) and the paper diary (symptom-diary.pdf) in `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = [
        write_pdf(condition_html(site, condition_id, language), out_dir / f"{condition_id}.pdf")
        for condition_id in sorted(site.data.records.get("conditions", {}))
    ]
    paths.append(write_pdf(diary_html(site, language), out_dir / DIARY_FILE))
    return paths
