"""The clinic's logo: a regular image file inside data/, and an SVG without scripts or outside requests.

The logo is copied into the site and shown on every page, so it is checked as strictly as text:
no path out of data/ (`..`, an absolute path, a symbolic link), a file whose bytes match its type,
at most LOGO_MAX_BYTES, and for SVG a real XML parse that refuses scripts, event handlers, embedded
HTML, entity declarations and references to anything but the drawing itself.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

LOGO_MAX_BYTES = 1_000_000
LOGO_SIGNATURES = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".webp": (b"RIFF",),
    ".svg": (),
}
LOGO_TYPES = tuple(LOGO_SIGNATURES)
_SVG_BANNED_ELEMENTS = {"script", "foreignobject", "iframe", "object", "embed", "audio", "video", "handler", "listener"}
_OUTSIDE_URL = re.compile(r"url\(\s*['\"]?\s*(?!#)", re.I)


def logo_problem(root: Path, logo: str) -> str | None:
    """None when `logo` (relative to data/) is safe to publish; otherwise one sentence saying what to do."""
    where = f"{root.name}/{logo}"
    relative = Path(logo)
    if relative.is_absolute() or ".." in relative.parts or "\\" in logo:
        return f"'{logo}' must be a path inside {root.name}/, like clinic/logo.png, without '..'; move the file there"
    if relative.suffix.lower() not in LOGO_TYPES:
        return f"'{logo}' is not an image the browser can show; use {', '.join(LOGO_TYPES)}"
    path = root / relative
    if any(p.is_symlink() for p in [path, *path.parents] if root in p.parents or p == path):
        return f"{where} is a symbolic link; copy the image itself into {root.name}/"
    if not path.is_file():
        return f"there is no file {where}; put the logo there or fix the path"
    size = path.stat().st_size
    if size > LOGO_MAX_BYTES:
        return f"{where} is {size:,} bytes; the most a logo may be is {LOGO_MAX_BYTES:,}, so save a smaller image"
    content = path.read_bytes()
    signatures = LOGO_SIGNATURES[relative.suffix.lower()]
    if signatures and not content.startswith(signatures):
        return f"{where} is not really a {relative.suffix.lower()[1:].upper()} image; export it again in that format"
    if relative.suffix.lower() == ".svg":
        return _svg_problem(content, where)
    return None


def _svg_problem(content: bytes, where: str) -> str | None:
    if re.search(rb"<!(?:DOCTYPE|ENTITY)", content, re.I):
        return f"{where} declares a DOCTYPE or entities, which a logo never needs; save it as plain SVG"
    try:
        root = ElementTree.fromstring(content)
    except ElementTree.ParseError as exc:
        return f"{where} is not valid SVG ({exc}); export it again"
    if _local(root.tag) != "svg":
        return f"{where} does not start with an <svg> element; export it again as SVG"
    for element in root.iter():
        name = _local(element.tag).lower()
        if name in _SVG_BANNED_ELEMENTS:
            return f"{where} holds a <{name}> element, which could run code; remove it from the logo"
        for attribute, value in element.attrib.items():
            attribute = _local(attribute).lower()
            if attribute.startswith("on"):
                return f"{where} has an event handler ({attribute}), which could run code; remove it from the logo"
            if attribute == "href" and not value.strip().startswith("#"):
                return f"{where} links to {value[:40]!r}; a logo may only refer to parts of itself (#id)"
            if _OUTSIDE_URL.search(value) or "javascript:" in value.lower():
                return f"{where} refers to an outside file in '{attribute}'; a logo may only refer to parts of itself"
        if name == "style" and element.text and (_OUTSIDE_URL.search(element.text) or "@import" in element.text):
            return f"{where} loads outside files from its style; remove url(...) and @import from the logo"
    return None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
