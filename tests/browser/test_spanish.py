"""The Spanish edition in Chromium: pages accessible (axe) with their disclaimer and emergency line,
Spanish lay queries typed into the real search box, and the offline copy from file:// in both languages."""

from __future__ import annotations

import functools
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from conftest import DESKTOP, QuietHandler, Watch
from test_every_page import check_pages, page_urls
from test_search import open_search, report, retype, share_right

TESTS = Path(__file__).parent.parent
QUERIES = yaml.safe_load((TESTS / "search_queries_es.yml").read_text(encoding="utf-8"))
QUESTIONS = yaml.safe_load((TESTS / "search_questions_es.yml").read_text(encoding="utf-8"))
BAR = 0.90


@pytest.fixture(scope="module")
def editions_url(editions_site):
    handler = functools.partial(QuietHandler, directory=str(editions_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def spanish_sample(site: Path, base: str):
    """Every hand-written page and A-Z index, and the first two pages of each generated kind: the templates
    are the ones test_every_page.py checks on every English page; what differs here is the language."""
    seen: dict[str, int] = {}
    for rel, url in page_urls(site, base):
        parts = rel.split("/")
        if len(parts) > 2 and parts[-1] == "index.html":  # kind/id/index.html: a generated page
            seen[parts[0]] = seen.get(parts[0], 0) + 1
            if seen[parts[0]] > 2:
                continue
        yield rel, url


def test_spanish_pages_are_complete_clean_and_accessible(editions_site, editions_url, browser):
    pages = ((f"es/{rel}", url) for rel, url in spanish_sample(editions_site / "es", editions_url + "es/"))
    problems, count = check_pages(browser, pages, lang="es")
    assert count > 30
    assert not problems, f"{len(problems)} problems on {count} pages:\n" + "\n".join(problems)


def test_spanish_lay_queries_put_the_right_page_first(editions_url, open_page, capsys):
    assert len(QUERIES) >= 30 and len({q["page"] for q in QUERIES}) >= 20
    page, _ = open_page(editions_url + "es/")
    open_search(page)
    base = editions_url + "es/"
    misses = []
    for case in QUERIES:
        pages = retype(page, case["query"])
        first = pages[0].removeprefix(base) if pages else ""
        if first != case["page"]:
            misses.append(f"{case['query']!r} -> {first or 'nothing'} (want {case['page']})")
    share = 1 - len(misses) / len(QUERIES)
    with capsys.disabled():
        print(f"\nsearch Spanish lay queries: {share:.1%} right first" + "".join(f"\n  miss: {m}" for m in misses))
    assert share >= BAR, "\n".join(misses)


def test_spanish_questions_put_a_page_that_answers_first(editions_site, editions_url, open_page, capsys):
    """Whole questions as people type them in Spanish (no accents, no ¿): the first result answers it."""
    assert len(QUESTIONS) >= 40
    for case in QUESTIONS:
        for expected in case["expect"]:
            assert (editions_site / "es" / expected / "index.html").is_file(), f"{expected} is not a page"
    page, watch = open_page(editions_url + "es/")
    share, misses = share_right(page, editions_url + "es/", QUESTIONS, offline=False)
    report(capsys, "Spanish questions", share, misses)
    assert share >= BAR, f"Spanish questions: {share:.0%} right first; misses: {misses}"
    watch.assert_clean("Spanish questions")


@pytest.mark.parametrize("edition", ["", "es/"])
def test_offline_copy_works_from_disk_in_both_languages(browser, offline_site, edition):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    watch = Watch(page)
    page.goto(offline_site.joinpath(edition + "conditions/degenerative-cervical-myelopathy.html").as_uri())
    title = "Mielopatía cervical degenerativa" if edition else "Degenerative cervical myelopathy"
    assert page.locator("h1").first.inner_text().strip() == title
    switch = page.locator("a.mg-language__link").first
    switch.click()
    page.wait_for_load_state("load")
    other = "Degenerative cervical myelopathy" if edition else "Mielopatía cervical degenerativa"
    assert page.locator("h1").first.inner_text().strip() == other
    page.go_back()
    open_search(page)
    query = "cola de caballo" if edition else "cauda equina"
    results = retype(page, query)
    assert results and results[0].endswith("conditions/cauda-equina-syndrome.html"), results[:3]
    assert not watch.outside and not watch.errors, (watch.outside, watch.errors)
    context.close()
