"""MkDocs hooks: add a page for every data record, brand the site for a clinic, finish every page.

Loaded by MkDocs from mkdocs.yml `hooks:`. The data itself is loaded and checked by the macros
package's define_env (which runs first, in the macros plugin's on_config); these hooks read it
from there, so data and macros always agree within one build.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File


def _state(config):
    from macros.build.state import of

    return of(config)


def _site(config):
    return _state(config).site


def _offline(config) -> bool:
    """The copy opened from a folder (mkdocs.offline.yml): Material's offline plugin is on."""
    return any(name.endswith("offline") for name in config.plugins)


def _public_url(config) -> str | None:
    """The site's public address, for a build that is published at one (never the offline copy)."""
    return None if _offline(config) else _site(config).data.site_url


TEMPLATE_CACHE = ".cache/templates"
"""Where compiled templates are kept between builds, under the project (pages/template_cache.py)."""


def on_startup(command, dirty):
    """Before the plugins' on_config: the macros plugin's own `git` variable (a dozen `git` commands on
    every build) is left empty, since no page can read it (pages render in a sandbox that passes them
    no variables: build/sandbox.py)."""
    import mkdocs_macros.context

    mkdocs_macros.context.get_git_info = _no_git_info


def _no_git_info() -> dict:
    return {"status": False, "date": None, "diagnosis": "not read: pages cannot see it (macros/build/hooks.py)"}


def on_config(config):
    """Give the theme the settings it shows on every page, and brand it for a clinic if one is set."""
    from macros.pages.branding import apply_branding
    from macros.pages.page_macros import PAGE_MACROS
    from macros.pages.template_cache import COMPILED
    from macros.build.sandbox import sandbox_page_templates

    COMPILED.keep_in(Path(config.config_file_path).parent / TEMPLATE_CACHE)
    sandbox_page_templates(config.plugins["macros"], PAGE_MACROS)
    _editions(config)
    apply_branding(config, _state(config))
    public_url = _public_url(config)
    if public_url:
        config.site_url = public_url  # canonical links, sitemap.xml, and the 404 page under a sub-path
    withheld = _state(config).withheld_pages()
    if withheld and config.nav:
        from macros.pages.withheld import prune_nav

        config.nav = prune_nav(config.nav, withheld)
    if _state(config).preview:
        from macros.build.incremental import quiet_dirty_warning, search_indexes_rebuilt_pages_only

        quiet_dirty_warning()  # logged before on_files, between on_pre_build and reading the pages
        search_indexes_rebuilt_pages_only(config)
    return config


def _editions(config) -> None:
    """The language switcher's editions (overrides/partials/alternate.html); the nav and the footnotes'
    back-links in the edition's language."""
    from macros.build.editions import alternates, translate_nav

    data = _site(config).data
    # Written by the build that makes every edition (build/editions.py): a lone `mkdocs build` or
    # `mkdocs serve` makes one edition, and its pages do not link to editions that are not there.
    editions = (config.get("extra") or {}).get("editions") or []
    if len(editions) > 1:
        config.extra["edition_links"] = found = alternates(data.language, editions)
        if data.root_url and not _offline(config):
            for alt in found:
                alt["absolute"] = data.root_url + ("" if alt["lang"] == "en" else f"{alt['lang']}/")
        # Material reads extra.alternate twice: as a list, for <link rel="alternate" hreflang> to each edition's
        # root in every page's head (its script then fetches each root's sitemap.xml, which a page opened from
        # a folder may not do); and as a flag, to put the language switcher (our partials/alternate.html) in
        # the header. The copy opened from a folder gets the switcher only.
        config.extra["alternate"] = True if _offline(config) else found
    if data.language != "en":
        if config.nav:
            config.nav = translate_nav(config.nav, data.strings.gettext)
        footnotes = config.mdx_configs.setdefault("footnotes", {})  # each footnote's back-link says where it goes
        footnotes["BACKLINK_TITLE"] = data.strings.gettext("Jump back to footnote {} in the text")


def on_files(files, config):
    from macros.pages.branding import branding_files
    from macros.pages.generated import generated_pages

    pages = generated_pages(_state(config).parts, with_editor_notes=_state(config).preview)
    for src_path, markdown in pages.items():
        if files.get_file_from_path(src_path) is not None:
            raise PluginError(
                f"docs/{src_path} is written by hand, but the data generates a page at the same place; "
                "remove the hand-written file or rename the record"
            )
        files.append(File.generated(config, src_path, content=markdown))
    for file in branding_files(config, _state(config).parts):
        files.append(file)
    for src_path in _state(config).withheld_prose():
        if files.get_file_from_path(src_path) is not None:
            files.remove(files.get_file_from_path(src_path))
    _state(config).urls = {f.src_uri: f.url for f in files.documentation_pages()}
    if _state(config).preview:
        from macros.build.incremental import mark_modified

        mark_modified(files, pages, Path(config.config_file_path).parent, _state(config).guide)
    return files


def on_page_markdown(markdown, page, config, files):
    from macros.pages.extras import UnknownSource, add_glossary_tooltips, add_sources

    data = _site(config).data
    if not page.file.generated_by and page.file.abs_src_path:
        from macros.data.content_rules import prose_problems
        from macros.data.review import prose_ref

        found = prose_problems(
            Path(page.file.abs_src_path).read_text(encoding="utf-8"), data, f"docs/{page.file.src_path}"
        )
        if found:
            raise PluginError("\n".join(found))
        state = data.reviews.get(prose_ref(page.file.src_path))
        if state is not None:
            page.meta["review"] = state.meta()
    if _state(config).withheld:
        from macros.pages.withheld import unlink

        markdown = unlink(markdown, page.file.src_path, _state(config).withheld_targets())
    # Tooltips first: the terms are looked for in the page's own text, not in the titles of its sources
    # (more than half of a record page's Markdown, and shown without tooltips: extras.fold_sources).
    markdown = add_glossary_tooltips(markdown, data)
    try:
        markdown = add_sources(markdown, data, f"docs/{page.file.src_path}")
    except UnknownSource as exc:
        raise PluginError(str(exc)) from None
    if data.clinic:
        from macros.data.clinic import localise

        markdown = localise(markdown, data.clinic, data.strings)
    if _state(config).preview:
        from macros.build.incremental import skip_unchanged_prose

        skip_unchanged_prose(page, markdown)
    return markdown


def on_env(env, config, files):
    """Filters the theme's templates use (long_date: 2026-12-02 -> 2 December 2026, in the edition's
    language), and compiled templates kept across rebuilds."""
    from functools import partial

    from macros.pages.render import long_date
    from macros.pages.template_cache import COMPILED

    strings = _site(config).data.strings
    env.filters["long_date"] = partial(long_date, strings=strings)
    env.globals["_"] = strings.gettext  # the overrides' own words, in the edition's language
    env.bytecode_cache = COMPILED  # the theme's templates are compiled once, not on every build (template_cache.py)
    return env


def on_page_content(html, page, config, files):
    from macros.pages.extras import focusable_terms, fold_sources, plain_terms
    from macros.pages.links import PAGES

    if page.file.src_path == PAGES["sources"]:
        return plain_terms(html)
    return focusable_terms(fold_sources(html, _site(config).data.strings))


THEME_RAW_META = ("title", "description", "author")
"""Front-matter keys the theme writes into HTML (some into attributes) without escaping them."""


def on_page_context(context, page, config, nav):
    """Escape what the theme prints from page.meta unescaped, so a quote in a summary stays text."""
    from markupsafe import escape

    context["mg_jsonld"] = _structured_data(config, nav, page)  # from the text itself, before the escaping below
    for key in THEME_RAW_META:
        if isinstance(page.meta.get(key), str):
            page.meta[key] = escape(page.meta[key])
    _add_to_search(config, page)
    return context


def _structured_data(config, nav, page):
    """The page's schema.org JSON-LD (pages/structured_data.py), for overrides/main.html."""
    from markupsafe import Markup

    from macros.pages.structured_data import PageFacts, StructuredData, json_script

    state = _state(config)
    if state.structured_data is None:
        state.structured_data = StructuredData(
            state.site,
            site_url=_public_url(config),
            urls=state.urls,
            titles={p.file.src_uri: p.title for p in nav.pages},
            site_name=config.site_name,
            language=config.theme["language"],
        )
    facts = PageFacts(
        src=page.file.src_uri,
        url=page.url,
        title=str(page.title),
        description=str(page.meta.get("description") or config.site_description or ""),
        review=page.meta.get("review") or {},
    )
    return Markup(json_script(state.structured_data.page_graph(facts)))


def _add_to_search(config, page):
    """FAQ entries in the search index (build/search_index.py), after the search plugin's own."""
    from macros.build.search_index import add_faqs, search_entries
    from macros.pages.links import PAGES

    entries = search_entries(config)
    if entries is not None and page.file.src_path == PAGES["faq"]:
        add_faqs(entries, page.url, _site(config).data)


def _sitemap_alternates(config) -> None:
    """With every edition built and a public address: each page's twins in sitemap.xml (hreflang)."""
    alternates = config.extra.get("edition_links") or []
    if not alternates or not all(isinstance(alt, dict) and "absolute" in alt for alt in alternates):
        return
    import gzip

    from macros.build.editions import sitemap_with_alternates

    sitemap = Path(config.site_dir) / "sitemap.xml"
    if not sitemap.is_file():
        return
    own = next(alt["absolute"] for alt in alternates if alt["here"])
    xml = sitemap_with_alternates(
        sitemap.read_text(encoding="utf-8"), own, {alt["lang"]: alt["absolute"] for alt in alternates}
    )
    sitemap.write_text(xml, encoding="utf-8")
    with gzip.GzipFile(sitemap.with_suffix(".xml.gz"), "wb", mtime=0) as handle:
        handle.write(xml.encode("utf-8"))


STRINGS_JS = "assets/javascripts/strings.js"
"""The scripts' words in the edition's language (window.mgStrings; the scripts' t("...") reads it)."""


def scripts_strings(strings) -> str:
    import json

    messages = {k: v for k, v in strings.messages.items() if isinstance(k, str) and v}
    return "/* Generated by the build from data/locales/<lang>.po. */\nwindow.mgStrings = " + json.dumps(
        messages, ensure_ascii=False, sort_keys=True
    ) + ";\nwindow.mgT = function (text) { return (window.mgStrings && window.mgStrings[text]) || text; };\n"


def _write_reader_tools(config):
    """The data of the symptom explorer and diary (pages/reader_tools.py), for the pages that use them."""
    from macros.pages.reader_tools import tools_files

    for path, text in tools_files(_state(config).parts, config.use_directory_urls).items():
        _write(config, Path(config.site_dir) / path, text)


def _write_content_api(config):
    """api/v1/: every record as JSON, with indexes and schemas (pages/content_api.py)."""
    from macros.pages.content_api import ContentApi

    api = ContentApi(_state(config).parts, directory_urls=config.use_directory_urls, site_url=_public_url(config))
    for path, text in api.files():
        _write(config, Path(config.site_dir) / path, text)


def _write(config, target: Path, text: str) -> None:
    """A file the build makes besides the pages; the preview skips those it wrote the same last time."""
    if _state(config).preview:
        from macros.build.incremental import write_changed

        write_changed(target, text)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def on_serve(server, config, builder):
    """The preview as typed (`mkdocs serve`, with or without --dirty): rebuild only what changed
    (build/incremental.py) and notice a saved file within a tenth of a second."""
    from macros.build.incremental import fast_rebuilds

    return fast_rebuilds(server, config)


def on_post_build(config):
    from macros.build.search_client import ClientPatchError, patch_search_client
    from macros.build.search_index import search_entries, worker_terms, write_vocabulary
    from macros.build.search_worker import WorkerPatchError, patch_search_worker

    data = _site(config).data
    if _state(config).preview:  # the search plugin indexed only the pages this build rebuilt
        from macros.build.incremental import merge_search_index

        index_docs = merge_search_index(config)
    else:
        index_docs = search_entries(config)
    write_vocabulary(Path(config.site_dir), data, index_docs)
    _write(config, Path(config.site_dir) / STRINGS_JS, scripts_strings(data.strings))
    _sitemap_alternates(config)
    _write_reader_tools(config)
    _write_content_api(config)
    if _offline(config):  # the copy for clinics with no network carries the printable leaflets too
        from macros.pages.leaflets import LeafletError, write_leaflets

        try:
            write_leaflets(_site(config), Path(config.site_dir) / "leaflets", language=config.theme["language"])
        except LeafletError as exc:
            raise PluginError(str(exc)) from None
    try:
        patch_search_worker(Path(config.site_dir), worker_terms(data, _state(config).urls))
        patch_search_client(Path(config.site_dir))
    except (WorkerPatchError, ClientPatchError) as exc:
        raise PluginError(str(exc)) from None
    if _state(config).preview:
        from macros.build.incremental import finish
        from macros.build.preview import write_problems, write_worklist

        write_problems(config, _state(config).problems)
        write_worklist(config, _state(config))
        finish(config)
