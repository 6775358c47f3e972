"""Helpers shared by the tests: copy the project, build it with MkDocs, read the built HTML."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROJECT_PARTS = ["mkdocs.yml", "mkdocs.offline.yml", "docs", "data", "macros", "overrides", "deploy"]


def copy_project(dest: Path) -> Path:
    """A copy of everything the build reads, so a test can change it freely."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    return dest


def run_build(project: Path, site_dir: Path, *extra: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir), *extra],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def cli(project: Path, *args: str, timeout: int = 900) -> subprocess.CompletedProcess:
    """The editors' and clinics' command (python -m macros.tools.cli) run in `project` on its own data."""
    return subprocess.run(
        [sys.executable, "-m", "macros.tools.cli", "--data", str(project / "data"), *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def run_check(project: Path) -> subprocess.CompletedProcess:
    return cli(project, "check", timeout=120)


class PageParser(HTMLParser):
    """Collects ids, links and visible text of one HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.srcs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href") is not None:
            self.links.append(attrs["href"])
        for name in ("src", "href") if tag in ("script", "img", "link", "iframe", "source") else ():
            if attrs.get(name):
                self.srcs.append(attrs[name])

    def handle_data(self, data):
        self.text.append(data)


def parse(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def english_yml(folder: Path) -> list[Path]:
    """The English data files of a folder, without their translations (x.es.yml)."""
    return sorted(p for p in folder.glob("*.yml") if "." not in p.stem)


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


REVIEWER = ["--reviewer", "Dr Test Fixture", "--role", "Consultant neurologist"]
SIGNED = [
    "pages/index",
    "pages/when-to-get-help",
    "pages/faq",
    "conditions/degenerative-cervical-myelopathy",
    "conditions/cervical-radiculopathy",
    "symptoms/clumsy-hands",
    "symptoms/numbness",
    "tests/mri",
    "faqs/how-common-is-dcm",
    "faqs/can-myelopathy-be-reversed",
    "comparisons/myelopathy-vs-radiculopathy",
    "comparisons/dcm-look-alikes",
]
"""What the reviewed-only tests sign off: a home page, records of three kinds, FAQs, comparisons."""


def sign_off(project: Path, *refs: str, extra=()) -> subprocess.CompletedProcess:
    """Sign `refs` off in `project` with the real command, as the fixture reviewer (never real content)."""
    result = cli(project, "sign-off", *refs, *REVIEWER, *extra, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def publish_reviewed_only(project: Path, clinic: bool = False) -> None:
    """Set publish: reviewed-only in settings.yml, or in the example clinic's file (copied in with its logo)."""
    if clinic:
        fixture = ROOT / "tests" / "fixtures" / "clinic"
        (project / "data" / "clinic.yml").write_text((fixture / "clinic.yml").read_text() + "publish: reviewed-only\n")
        shutil.copytree(fixture / "clinic", project / "data" / "clinic", dirs_exist_ok=True)
    else:
        settings = project / "data" / "settings.yml"
        settings.write_text(settings.read_text().replace("\npublish: all\n", "\npublish: reviewed-only\n"))
