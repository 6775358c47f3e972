"""What the theme shows on every page (disclaimer, emergency line, build stamp) and a clinic's
branding: name in the header, contact block in the footer, logo, colour and a clinic page."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from mkdocs.structure.files import File

from macros.data.clinic import emergency_call, emergency_line, tel
from macros.data.models import KINDS
from macros.data.strings import lines_with_note
from macros.pages import links
from macros.pages.render import Parts, clinic_contact, front_matter, plain, plain_with_note

CLINIC_PAGE = "clinic.md"
CLINIC_CSS = "assets/stylesheets/clinic.css"


def build_date() -> str:
    """Today (UTC), or SOURCE_DATE_EPOCH's date for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)
    return moment.date().isoformat()


def apply_branding(config, state) -> None:
    """Fill the build state's `guide` (and its copy for the templates), and brand the theme for a clinic."""
    data = state.data
    clinic = data.clinic
    guide = {
        "disclaimer": plain(data.settings.disclaimer),
        "emergency_line": emergency_line(clinic, data.settings.emergency_numbers, data.strings),
        "emergency_call": emergency_call(clinic, data.settings.emergency_numbers, data.strings),
        "help_url": links.page_url(config.use_directory_urls, links.PAGES["help"]),
        "browse": [
            {
                "label": data.strings.gettext(kind.label),
                "url": links.page_url(config.use_directory_urls, links.index_path(kind.folder)),
            }
            for kind in KINDS
            if data.records.get(kind.folder)
        ],
        "stamp": data.strings.gettext("Content version {version}, built {date}").format(
            version=data.settings.content_version, date=build_date()
        ),
        "language": data.language,
        "clinic": None,
        "preview": state.preview,
    }
    if clinic:
        guide["clinic"] = {
            **clinic_contact(clinic, data.strings),
            "tel": "tel:" + tel(clinic.phone),
            "page_url": links.page_url(config.use_directory_urls, CLINIC_PAGE),
        }
        config.site_name = f"{data.settings.site_name}: {clinic.name}"
        if data.language == "en":  # another edition speaks its own language
            config.theme["language"] = clinic.language
        if clinic.logo:
            config.theme["logo"] = f"assets/clinic-logo{Path(clinic.logo).suffix.lower()}"
        if clinic.accent_colour:
            config.extra_css.append(CLINIC_CSS)
        contact = {data.strings.gettext("Contact the clinic"): CLINIC_PAGE}
        if config.nav is not None and contact not in config.nav:
            config.nav.append(contact)
    elif data.language != "en":
        config.site_name = data.settings.site_name
        config.site_description = plain(data.settings.site_description)
    state.guide = guide
    config.extra["guide"] = guide  # the templates' copy: Material's templates read only config and page


def branding_files(config, parts: Parts) -> list[File]:
    site = parts.site
    clinic = site.data.clinic
    if clinic is None:
        return []
    out = [File.generated(config, CLINIC_PAGE, content=clinic_page(parts))]
    if clinic.logo:
        suffix = Path(clinic.logo).suffix.lower()
        out.append(
            File.generated(config, f"assets/clinic-logo{suffix}", abs_src_path=str(site.data.root / clinic.logo))
        )
    if clinic.accent_colour:
        css = (
            "/* Generated from data/clinic.yml accent_colour. */\n"
            f"body[data-md-color-primary] {{ --md-primary-fg-color: {clinic.accent_colour}; "
            f"--md-primary-fg-color--dark: {clinic.accent_colour}; }}\n"
        )
        out.append(File.generated(config, CLINIC_CSS, content=css))
    return out


def clinic_page(parts: Parts) -> str:
    clinic = parts.data.clinic
    return parts.template("clinic.md.j2").render(
        front_matter=front_matter(
            title=parts._("Contact {clinic}").format(clinic=clinic.name),
            description=plain_with_note(clinic.booking, parts.strings),
            render_macros=False,
            search={"boost": 2},
        ),
        clinic=clinic,
        booking=parts.md(clinic.booking),
        opening_hours=lines_with_note(clinic.opening_hours, parts.strings),
        tel=tel(clinic.phone),
        help_block=parts.help_levels(parts.site_help(), heading=False),
    )
