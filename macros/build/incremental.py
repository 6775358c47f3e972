"""Fast live preview: under `mkdocs serve --dirty`, rebuild only the pages whose inputs changed.

MkDocs' dirty mode decides by file time, which is wrong for pages made from data: a page changes
when any record it shows changes. Here each generated page gets a fingerprint of its rendered
Markdown plus everything every page shares (glossary, sources, settings, clinic, vocabularies,
templates, code, mkdocs.yml); a page is rebuilt when its fingerprint changed. Hand-written pages
call macros over all data, so their macros always run, and the page is rendered again only when the
Markdown they give changed (skip_unchanged_prose). After the build, the search index (which MkDocs
writes only for the pages it rebuilt) is merged with the entries of the pages it skipped
(merge_search_index), and pages whose record was deleted are removed, so nothing is stale.

fast_rebuilds sets up `mkdocs serve` (with or without --dirty) for this: a save is noticed from the
system's change reports (watcher), and garbage is collected while the preview is idle (IdleCollector).
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

SHARED_DATA = ("glossary.yml", "sources.yml", "settings.yml", "clinic.yml", "vocabularies.yml", "help.yml")


@dataclass
class PreviewState:
    fingerprints: dict[str, str] = field(default_factory=dict)
    pending: dict[str, str] = field(default_factory=dict)
    dest_paths: dict[str, str] = field(default_factory=dict)
    search: dict[str, tuple[list, str]] = field(default_factory=dict)
    """Each page's search entries, and the same as JSON text, by page URL."""
    rebuilt: int = 0
    key: str = ""
    """What every page shares in this build (shared_key and the theme's extras), as one hash."""
    written: dict[str, int] = field(default_factory=dict)
    """Hash of what write_changed last wrote to each path."""
    written_now: set[str] = field(default_factory=set)
    """Paths write_changed was given in this build: the others (a deleted record's API file) are removed."""
    rendered: dict[str, tuple] = field(default_factory=dict)
    """Hand-written pages' last rendering (content, toc, title, anchors), to restore when unchanged."""
    hashed: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    """Each generated page's last (shared key, Markdown, fingerprint): a page whose Markdown is the very
    string of the last build (pages/generated.py keeps unchanged pages' text) is not hashed again."""


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
    # and their translations, and the interface's words, for another edition than English
    for path in sorted([*(project / "data").glob("*.??.yml"), *(project / "data" / "locales").glob("*.po")]):
        digest.update(path.name.encode() + path.read_bytes())
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
    current.pending, current.rebuilt, current.key = {}, 0, key
    hashed, current.hashed = current.hashed, {}
    for file in files.documentation_pages():
        markdown = generated.get(file.src_uri)
        fingerprint = ""
        if markdown is not None:
            last = hashed.get(file.src_uri)
            if last is not None and last[0] == key and last[1] is markdown:
                fingerprint = last[2]
            else:
                fingerprint = hashlib.sha1((key + markdown).encode()).hexdigest()
            current.hashed[file.src_uri] = (key, markdown, fingerprint)
        current.pending[file.src_uri] = fingerprint
        current.dest_paths[file.src_uri] = file.abs_dest_path
        changed = (
            not fingerprint
            or current.fingerprints.get(file.src_uri) != fingerprint
            or not Path(file.abs_dest_path).exists()
        )
        current.rebuilt += changed
        file.is_modified = lambda changed=changed: changed


def write_changed(path: Path, text: str) -> None:
    """Write a file the build makes (API, reader tools) unless the preview wrote the same text there last."""
    current = state()
    digest = hash(text)
    current.written_now.add(str(path))
    if current.written.get(str(path)) == digest and path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    current.written[str(path)] = digest


def skip_unchanged_prose(page, markdown: str) -> None:
    """A hand-written page calls macros over all data, so it is read on every rebuild; once its macros
    have run, its final Markdown shows whether it changed. Unchanged: its last rendering is restored
    and MkDocs skips writing it. Changed: it is rendered, and the rendering kept for next time."""
    current = state()
    src = page.file.src_uri
    if current.pending.get(src) != "":  # a generated page: decided by mark_modified already
        return
    fingerprint = hashlib.sha1((current.key + markdown).encode()).hexdigest()
    current.pending[src] = fingerprint
    kept = current.rendered.get(src)
    if kept and current.fingerprints.get(src) == fingerprint and Path(page.file.abs_dest_path).exists():
        current.rebuilt -= 1
        page.file.is_modified = lambda: False
        page.render = lambda config, files: _restore(page, kept)
        return
    render = page.render

    def render_and_keep(config, files):
        render(config, files)
        current.rendered[src] = (page.content, page.toc, page._title_from_render, page.present_anchor_ids)

    page.render = render_and_keep


def _restore(page, kept: tuple) -> None:
    page.content, page.toc, page._title_from_render, page.present_anchor_ids = kept


def search_indexes_rebuilt_pages_only(config) -> None:
    """Under `mkdocs serve --dirty`, Material's search plugin (kept across rebuilds) holds the last index
    and merges the pages it rebuilt into it, dropping old entries by the first rebuilt page's address
    only, then encodes the whole index again. merge_search_index does this for every page: the plugin is
    told to index the rebuilt pages alone, as it does under plain `mkdocs serve`."""
    for plugin in config.plugins.values():
        if hasattr(plugin, "search_index_prev"):
            plugin.is_dirty = False
            plugin.search_index_prev = None


def merge_search_index(config) -> list[dict] | None:
    """The whole search index, written over the one the search plugin wrote for the pages this build
    rebuilt: every other page's entries are kept from earlier builds, each page's also as its JSON text,
    so the index (14 MB at 1,000 records) is joined and written, not parsed and encoded again.
    Returns every entry (the "Did you mean" vocabulary is made from them), or None with no index."""
    current = state()
    index_path = Path(config.site_dir) / "search" / "search_index.json"
    if not index_path.is_file():
        return None
    index = json.loads(index_path.read_text(encoding="utf-8"))
    rebuilt: dict[str, list] = {}
    for doc in index["docs"]:
        rebuilt.setdefault(doc["location"].split("#")[0], []).append(doc)
    urls = {_url(config, src) for src in current.pending}
    current.search = {url: kept for url, kept in current.search.items() if url in urls}
    for url, docs in rebuilt.items():
        current.search[url] = (docs, ",".join(_compact(doc) for doc in docs))
    order = sorted(current.search)
    head = _compact({"config": index["config"]})[:-1]
    index_path.write_text(
        f'{head},"docs":[{",".join(current.search[url][1] for url in order if current.search[url][1])}]}}',
        encoding="utf-8",
    )
    return [doc for url in order for doc in current.search[url][0]]


def _compact(value) -> str:
    """JSON as the search plugin writes it."""
    return json.dumps(value, separators=(",", ":"), default=str)


def finish(config) -> None:
    """Remove pages of deleted records and files no longer made, remember the fingerprints."""
    current = state()
    for gone in set(current.written) - current.written_now:
        Path(gone).unlink(missing_ok=True)
        current.written.pop(gone)
    current.written_now = set()
    for src_uri in set(current.fingerprints) - set(current.pending):
        dest = Path(current.dest_paths.pop(src_uri, ""))
        if dest.is_file():
            dest.unlink()
    current.fingerprints = dict(current.pending)


def _url(config, src_uri: str) -> str:
    from macros.pages.links import page_url

    return page_url(config.use_directory_urls, src_uri)


POLL_SECONDS = 0.1
"""How often the preview looks for saved files where it must poll (MkDocs itself polls every 0.5 s)."""

FORCE_POLLING = "MYELOPATHY_GUIDE_POLL"
"""Set to 1 to poll even where the system reports changes (a folder shared into a container or over a network,
where a save on the other side is never reported)."""


def watcher(paths: list[str]):
    """What notices a saved file: the system's own change reports (inotify on Linux, FSEvents on macOS),
    so a save is seen at once and nothing walks the data folders ten times a second during a rebuild;
    polling every POLL_SECONDS where those cannot watch these paths (inotify's watch limit, say) or
    FORCE_POLLING is set. Returns an observer that is not started yet."""
    import os

    from watchdog import events
    from watchdog.observers import Observer
    from watchdog.observers.polling import PollingObserver

    class ChangesOnly(Observer):
        """Reports what changes a file (not a build merely opening and reading one), through symlinks."""

        def schedule(self, event_handler, path, *, recursive=False, event_filter=None, follow_symlink=False):
            changes = [
                events.FileCreatedEvent,
                events.FileDeletedEvent,
                events.FileModifiedEvent,
                events.FileMovedEvent,
                events.FileClosedEvent,
            ]
            return super().schedule(event_handler, path, recursive=recursive, event_filter=changes, follow_symlink=True)

    if os.environ.get(FORCE_POLLING) != "1" and Observer is not PollingObserver:
        probe = ChangesOnly()
        try:
            for path in paths:
                probe.schedule(events.FileSystemEventHandler(), path, recursive=True)
            probe.start()
        except OSError:
            pass
        else:
            return ChangesOnly()
        finally:
            if probe.is_alive():
                probe.stop()
                probe.join()
    return PollingObserver(timeout=POLL_SECONDS)


class IdleCollector:
    """Python's full garbage collection looks at every object alive. In the preview that is the whole
    data graph, the kept pages and the search index, and every other rebuild triggered one in the middle
    of the build (0.17 s of 0.95 at 1,000 records). Instead, once the preview has been idle for
    IDLE_SECONDS, collect everything and freeze what is left (gc.freeze), so that collections during the
    next build look only at what it makes. Before each collection the frozen objects are unfrozen, so
    what a rebuild left unreachable is still freed."""

    IDLE_SECONDS = 0.5

    def __init__(self) -> None:
        self._timer: threading.Timer | None = None

    def start(self) -> None:
        self.cancel()
        self._timer = threading.Timer(self.IDLE_SECONDS, self.collect)
        self._timer.daemon = True
        self._timer.start()

    def cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    @staticmethod
    def collect() -> None:
        gc.unfreeze()
        gc.collect()
        gc.freeze()


def fast_rebuilds(server, config):
    """Make `mkdocs serve` rebuild like `mkdocs serve --dirty`, which this module keeps correct, and
    notice saved files at once (watcher). The server's own builder re-reads mkdocs.yml with the command
    line's options; this one re-reads it with the options the first build ended with (address, strictness)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    def rebuild(new_config=None):
        new_config = new_config or load_config(
            config_file=config.config_file_path,
            site_dir=config.site_dir,
            dev_addr=str(config.dev_addr),
            strict=config.strict,
        )
        new_config.site_url = config.site_url
        collector.cancel()
        try:
            build(new_config, serve_url=config.site_url, dirty=True)
        finally:
            collector.start()

    collector = IdleCollector()
    collector.start()
    server.builder = rebuild
    if not server.observer.is_alive():  # not started yet: replace MkDocs' half-second polling
        paths = list(server._watched_paths)
        server.observer = watcher(paths)
        server._watched_paths.clear()
        server._watch_refs.clear()
        for path in paths:
            server.watch(path)
    server.build_delay = 0.05
    _list_theme_files_once()
    _read_front_matter_once()
    return server


def _read_front_matter_once() -> None:
    """MkDocs reads each hand-written page's front matter with PyYAML's pure-Python loader on every
    build (a few ms a page): in the preview, a page whose text is unchanged gets a copy of what was
    read last time."""
    import copy
    import functools

    from mkdocs.utils import meta

    if hasattr(meta.get_data, "mg_read_once"):
        return
    read = functools.lru_cache(maxsize=4096)(meta.get_data)

    def get_data(doc: str):
        markdown, data = read(doc)
        return markdown, copy.deepcopy(data)

    get_data.mg_read_once = True
    meta.get_data = get_data


def _list_theme_files_once() -> None:
    """MkDocs lists the theme's files on every build by walking the theme folders (Material's holds
    some 14,000 icons) and matching each name against a dozen patterns: about 0.2 s per rebuild. In the
    preview the list is kept while no theme folder outside the installed packages (overrides/) gains
    or loses a file; the files are still copied and checked for changes as before."""
    from mkdocs.structure import files as mkdocs_files

    original = mkdocs_files.Files.add_files_from_theme
    if getattr(original, "mg_listed_once", False):
        return
    listed: dict[tuple, list[tuple[str, str]]] = {}

    def add_files_from_theme(self, env, config) -> None:
        installed = Path(mkdocs_files.__file__).parents[2]
        editable = [Path(d) for d in config.theme.dirs if not Path(d).is_relative_to(installed)]
        tree = tuple(sorted(str(p) for d in editable for p in d.rglob("*") if p.is_file()))
        key = (tuple(config.theme.dirs), tuple(config.theme.static_templates), tree)
        if key not in listed:
            probe = mkdocs_files.Files([])
            original(probe, env, config)
            listed.clear()
            listed[key] = [(file.src_uri, file.src_dir) for file in probe]
        for src_uri, src_dir in listed[key]:
            if self.get_file_from_path(src_uri) is None:
                self.append(mkdocs_files.File(src_uri, src_dir, config.site_dir, config.use_directory_urls))

    add_files_from_theme.mg_listed_once = True
    mkdocs_files.Files.add_files_from_theme = add_files_from_theme
