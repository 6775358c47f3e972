"""The built site: one page per record, links both ways, disclaimer everywhere, no broken links."""

from __future__ import annotations

import json
import posixpath
from urllib.parse import unquote, urlsplit

import pytest
from support import ROOT, html_pages, parse

from macros.data.registry import RELATIONS

KINDS = ("conditions", "symptoms", "causes", "tests", "treatments")


def record_html(site, kind, record_id):
    return site / kind / record_id / "index.html"


def test_one_page_per_record_and_none_without(built_site, data_files):
    for kind in KINDS:
        expected = set(data_files[kind])
        built = {p.parent.name for p in (built_site / kind).glob("*/index.html")}
        assert built == expected, f"{kind}: pages {sorted(built ^ expected)} do not match data files"
        assert (built_site / kind / "index.html").is_file(), f"no A-Z index for {kind}"


def test_each_a_to_z_index_lists_every_record_and_alias(built_site, data_files):
    for kind in KINDS:
        page = parse(built_site / kind / "index.html")
        text = " ".join("".join(page.text).split())
        for record_id, record in data_files[kind].items():
            assert f"{record_id}/" in page.links, f"{kind} index does not link {record_id}"
            for name in [record["name"], *record.get("also_known_as", [])]:
                assert name in text, f"{kind} index misses the name {name!r}"


def _links_to(site, from_kind, from_id, to_kind, to_id) -> bool:
    links = parse(record_html(site, from_kind, from_id)).links
    target = f"../../{to_kind}/{to_id}/" if from_kind != to_kind else f"../{to_id}/"
    return target in links


def test_every_relation_links_both_ways(built_site, data_files):
    checked = 0
    for rel in RELATIONS:
        for source_id, record in data_files[rel.source_kind].items():
            for target_id in record.get(rel.field, []):
                assert _links_to(built_site, rel.source_kind, source_id, rel.target_kind, target_id), (
                    f"{rel.source_kind}/{source_id} does not link to {rel.target_kind}/{target_id}"
                )
                assert _links_to(built_site, rel.target_kind, target_id, rel.source_kind, source_id), (
                    f"{rel.target_kind}/{target_id} does not link back to {rel.source_kind}/{source_id}"
                )
                checked += 1
    assert checked > 20


def test_disclaimer_and_emergency_line_on_every_html_page(built_site):
    pages = html_pages(built_site)
    assert (built_site / "404.html") in pages
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert 'class="mg-disclaimer' in html and "not medical advice" in html, f"{path} has no disclaimer"
        assert 'class="mg-emergency-line"' in html, f"{path} has no emergency line"


def _resolve(site, page, href):
    """The file and anchor a link points at; None for links to other hosts."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "tel:")):
        return None, None
    if not parts.path:
        return page, parts.fragment
    base = site if parts.path.startswith("/") else page.parent  # the 404 page links from the root
    target = (base / unquote(parts.path).lstrip("/")).resolve()
    if target.is_dir():
        target = target / "index.html"
    return target, parts.fragment


def test_no_broken_internal_link_or_anchor(built_site):
    parsed = {p.resolve(): parse(p) for p in html_pages(built_site)}
    broken = []
    for page, info in parsed.items():
        for href in info.links + info.srcs:
            target, fragment = _resolve(built_site, page, href)
            if target is None:
                continue
            if not target.exists():
                broken.append(f"{page.relative_to(built_site.resolve())}: {href} (no such file)")
            elif fragment and target.suffix == ".html" and fragment not in parsed[target.resolve()].ids:
                broken.append(f"{page.relative_to(built_site.resolve())}: {href} (no such anchor)")
    assert not broken, "\n".join(broken[:30])


def test_no_page_requests_another_host(built_site):
    """Scripts, styles, images and frames all come from the site itself."""
    for path in html_pages(built_site):
        for src in parse(path).srcs:
            assert not urlsplit(src).netloc, f"{path} loads {src} from another host"


def test_record_page_shows_every_part(built_site):
    html = record_html(built_site, "conditions", "degenerative-cervical-myelopathy").read_text()
    for part in (
        'class="mg-summary"',
        "Also known as",
        "What it is",
        "When to get help",
        "Related pages",
        'class="footnote"',
        "Not yet clinically reviewed.",
        "Questions people ask",
        'id="faq-can-myelopathy-be-reversed"',
    ):
        assert part in html, f"DCM page lacks {part!r}"
    assert (
        "../../compare/myelopathy-vs-radiculopathy/"
        in parse(record_html(built_site, "conditions", "degenerative-cervical-myelopathy")).links
    )


def test_no_raw_markup_from_data_reaches_a_page(built_site):
    for path in html_pages(built_site):
        html = path.read_text(encoding="utf-8")
        for raw in ("[@", "{{", "{%", "[^"):
            assert raw not in html, f"{path} shows raw {raw!r}"


def test_glossary_terms_become_tooltips(built_site):
    html = record_html(built_site, "symptoms", "heavy-legs").read_text()
    assert '<abbr title="Muscles that are stiff and tight' in html


def search_entries(site):
    return json.loads((site / "search" / "search_index.json").read_text())["docs"]


@pytest.mark.parametrize("kind", KINDS)
def test_every_alias_is_in_the_search_index(built_site, data_files, kind):
    entries = search_entries(built_site)
    for record_id, record in data_files[kind].items():
        location = f"{kind}/{record_id}/"
        page_entries = [e for e in entries if e["location"] == location]
        assert page_entries, f"{location} is not in the search index"
        tags = page_entries[0].get("tags", [])
        for name in [record["name"], *record.get("also_known_as", [])]:
            assert name in tags, f"search does not know {location} as {name!r}"


def test_disclaimer_is_not_indexed_by_search(built_site):
    for entry in search_entries(built_site):
        assert "not medical advice" not in entry["text"], f"{entry['location']} indexes the disclaimer"


def test_internal_links_are_relative(built_site):
    """Relative links keep working from a folder; only the 404 page, served at any depth, is exempt."""
    for path in html_pages(built_site):
        if path.name == "404.html":
            continue
        for href in parse(path).links:
            assert not href.startswith("/"), f"{path}: absolute link {href} breaks the offline build"


def test_comparison_page_is_a_table_of_records(built_site):
    page = built_site / "compare" / "myelopathy-vs-radiculopathy" / "index.html"
    html = page.read_text()
    assert "<table>" in html
    links = parse(page).links
    assert "../../conditions/degenerative-cervical-myelopathy/" in links
    assert posixpath.normpath("../../conditions/cervical-radiculopathy/") + "/" in links


def test_root_is_clean():
    assert not (ROOT / "docs" / "conditions").exists(), "record pages must come from data, not stubs in docs/"


def test_notes_for_editors_never_reach_a_built_page_or_the_search_index(built_site):
    from macros.build.environment import load_graph
    from macros.pages.render import plain

    data = load_graph(ROOT / "data").data
    entries = [*data.faqs.values(), *data.comparisons.values(), *data.sources.values(), *data.situations.values()]
    entries += [e for kind in data.records.values() for e in kind.values()]
    notes = [plain(note) for e in entries for note in e.model.editor_notes]
    assert notes, "the real data has notes for editors; this test needs at least one"
    built = [p.read_text() for p in html_pages(built_site)]
    built.append((built_site / "search" / "search_index.json").read_text())
    import html

    for note in notes:
        forms = {note, html.escape(note), html.escape(note, quote=False), json.dumps(note)[1:-1]}
        assert not any(form in text for form in forms for text in built), f"an editor's note reached the site: {note}"
    assert not any("mg-editor-notes" in text for text in built)


def test_no_heading_is_empty(built_site):
    """An A-Z index groups names that start with a digit under '0–9' (a bare '#' made an empty heading)."""
    import re

    for path in html_pages(built_site):
        empty = re.findall(r"<h[1-6][^>]*>\s*</h[1-6]>", path.read_text())
        assert not empty, f"{path.relative_to(built_site)}: empty heading {empty}"
    assert '<h2 id="09">0–9</h2>' in (built_site / "tests" / "index.html").read_text()


def test_sources_page_groups_every_source_by_kind_strongest_first(built_site):
    """Each kind of evidence has its heading in the vocabulary's order; sources no page cites come last."""
    import re

    from macros.build.environment import load_graph
    from macros.pages.extras import cited_sources
    from macros.pages.links import source_anchor

    data = load_graph(ROOT / "data").data
    page = (built_site / "sources" / "index.html").read_text()
    headings = re.findall(r'<h2 id="([^"]+)">', page)
    present = [k for k in data.vocab.source_kinds if any(e.model.kind == k.id for e in data.sources.values())]
    assert [h for h in headings if h != "further-reading"] == [re.sub(r"\W+", "-", k.label.lower()) for k in present]
    further = page.index('<h2 id="further-reading">') if "further-reading" in headings else len(page)
    cited = cited_sources(data, ROOT / "docs")
    for source_id in data.sources:
        at = page.index(f'id="{source_anchor(source_id)}"')
        assert page.count(f'id="{source_anchor(source_id)}"') == 1, source_id
        assert (at > further) == (source_id not in cited), f"{source_id} is in the wrong part of the page"
