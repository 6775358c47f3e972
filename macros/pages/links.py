"""The one place that maps an entity to its page and makes a relative Markdown link to it."""

from __future__ import annotations

import functools
import posixpath

PAGES = {
    "faq": "faq.md",
    "glossary": "glossary.md",
    "sources": "sources.md",
    "help": "when-to-get-help.md",
    "compare": "compare/index.md",
}


def record_path(kind: str, record_id: str) -> str:
    return f"{kind}/{record_id}.md"


def index_path(kind: str) -> str:
    return f"{kind}/index.md"


def comparison_path(comparison_id: str) -> str:
    return f"compare/{comparison_id}.md"


def page_url(directory_urls: bool, src_path: str) -> str:
    """The URL MkDocs gives the page built from `src_path` (the one place that makes page URLs)."""
    stem = src_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index")
        return stem if directory_urls else f"{stem}index.html"
    return f"{stem}/" if directory_urls else f"{stem}.html"


@functools.lru_cache(maxsize=262_144)
def relative(from_src: str, to_src: str) -> str:
    """A link MkDocs can resolve and validate: relative .md path from one page to another (kept per pair:
    posixpath.relpath is slow, and a large site asks for the same pairs thousands of times)."""
    if from_src == to_src:
        return posixpath.basename(to_src)
    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")


def faq_anchor(faq_id: str) -> str:
    return f"faq-{faq_id}"


def glossary_anchor(term_id: str) -> str:
    return f"term-{term_id}"


def source_anchor(source_id: str) -> str:
    return f"source-{source_id.lower()}"


def ref_target(ref: str) -> tuple[str, str | None]:
    """(page source path, anchor or None) where a ref (kind/id, pages/name) is shown."""
    kind, _, name = ref.partition("/")
    if kind == "pages":
        return f"{name}.md", None
    if kind == "faqs":
        return PAGES["faq"], faq_anchor(name)
    if kind == "comparisons":
        return comparison_path(name), None
    return record_path(kind, name), None
