"""The intranet server configuration: nginx, with a Content-Security-Policy the built site passes.

The only inline scripts are Material's own small bootstraps; their SHA-256 hashes are read from
the built site, so the policy allows exactly them and nothing else.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import jinja2

from macros.build.publish import ROOT

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>(.*?)</script>", re.S)
"""Inline scripts that run; JSON and JSON-LD blocks are data, which the policy does not govern."""


def inline_script_hashes(site_dir: Path) -> list[str]:
    hashes = set()
    for page in site_dir.rglob("*.html"):
        for body in INLINE_SCRIPT.findall(page.read_text(encoding="utf-8")):
            hashes.add(base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode())
    return sorted(hashes)


def render_config(site_dir: Path, root: str, listen: str = "80", server_name: str = "_", path: str = "/") -> str:
    """The server block; `path` is where the site sits in the address (/guide/ for https://example.org/guide/)."""
    path = "/" + path.strip("/") + "/" if path.strip("/") else "/"
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(ROOT / "deploy"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env.get_template("nginx.conf.j2").render(
        root=root.rstrip("/") or "/",
        listen=listen,
        server_name=server_name,
        path=path,
        script_hashes=inline_script_hashes(site_dir),
    )
