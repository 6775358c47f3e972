"""Fast live preview: under `mkdocs serve --dirty`, rebuild only the pages whose inputs changed.

MkDocs' dirty mode decides by file time, which is wrong for pages made from data: a page changes
when any record it shows changes. Here each generated page gets a fingerprint of its rendered
Markdown plus everything every page shares (glossary, sources, settings, clinic, vocabularies,
templates, code, mkdocs.yml); a page is rebuilt when its fingerprint changed. Hand-written pages
call macros over all data, so they are always rebuilt. After the build, the search index (which
MkDocs writes only for the pages it rebuilt) is merged with the entries of the pages it skipped,
and pages whose record was deleted are removed, so nothing is stale.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sys
from dataclasses import dataclass, field
from pathlib import Path

SHARED_DATA = ("glossary.yml", "sources.yml", "settings.yml", "clinic.yml", "vocabularies.yml", "help.yml")


@dataclass
class PreviewState:
    fingerprints: dict[str, str] = field(default_factory=dict)
    pending: dict[str, str] = field(default_factory=dict)
    dest_paths: dict[str, str] = field(default_factory=dict)
    search: dict[str, list] = field(default_factory=dict)
    rebuilt: int = 0


def state() -> PreviewState:
    holder = sys.modules[__name__.rpartition(".")[0]]
    if not hasattr(holder, "_preview_state"):
        holder._preview_state = PreviewState()
    return holder._preview_state


class _DropDirtyWarning(logging.Filter):
    """The preview is dirty on purpose and is kept correct here: its warning would fail strict mode."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("A 'dirty' build is being performed")


def quiet_dirty_warning() -> None:
    logger = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(f, _DropDirtyWarning) for f in logger.filters):
        logger.addFilter(_DropDirtyWarning())


def shared_key(project: Path) -> str:
    """Everything that every page depends on, as one hash."""
    digest = hashlib.sha1()
    for name in SHARED_DATA:
        path = project / "data" / name
        digest.update(path.read_bytes() if path.is_file() else b"-")
    for folder in ("overrides", "macros"):
        for path in sorted((project / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                stat = path.stat()
                digest.update(f"{path.relative_to(project)}:{stat.st_mtime_ns}:{stat.st_size}".encode())
    digest.update((project / "mkdocs.yml").read_bytes())
    return digest.hexdigest()


def mark_modified(files, generated: dict[str, str], project: Path, page_extras: object = None) -> None:
    """Tell MkDocs which pages changed since the last preview build.

    `page_extras` is whatever the theme shows on every page besides the data (such as the list of
    data problems in the preview): when it changes, every page is rebuilt.
    """
    current = state()
    key = shared_key(project) + json.dumps(page_extras, sort_keys=True, default=str)
    current.pending, current.rebuilt = {}, 0
    for file in files.documentation_pages():
        markdown = generated.get(file.src_uri)
        fingerprint = hashlib.sha1((key + markdown).encode()).hexdigest() if markdown is not None else ""
        current.pending[file.src_uri] = fingerprint
        current.dest_paths[file.src_uri] = file.abs_dest_path
        changed = (
            not fingerprint
            or current.fingerprints.get(file.src_uri) != fingerprint
            or not Path(file.abs_dest_path).exists()
        )
        current.rebuilt += changed
        file.is_modified = lambda changed=changed: changed


def finish(config) -> None:
    """Merge the search index, remove pages of deleted records, remember the fingerprints."""
    current = state()
    site = Path(config.site_dir)
    for src_uri in set(current.fingerprints) - set(current.pending):
        dest = Path(current.dest_paths.pop(src_uri, ""))
        if dest.is_file():
            dest.unlink()
    index_path = site / "search" / "search_index.json"
    if index_path.is_file():
        index = json.loads(index_path.read_text(encoding="utf-8"))
        rebuilt: dict[str, list] = {}
        for doc in index["docs"]:
            rebuilt.setdefault(doc["location"].split("#")[0], []).append(doc)
        urls = {_url(config, src) for src in current.pending}
        current.search = {url: docs for url, docs in current.search.items() if url in urls}
        current.search.update(rebuilt)
        index["docs"] = [doc for url in sorted(current.search) for doc in current.search[url]]
        index_path.write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
    current.fingerprints = dict(current.pending)


def _url(config, src_uri: str) -> str:
    from macros.pages.links import page_url

    return page_url(config.use_directory_urls, src_uri)
