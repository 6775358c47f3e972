"""The offline build opened from disk (file://): navigation, search, tooltips and FAQs work, and
no request leaves the folder."""

from __future__ import annotations

import pytest
from conftest import Watch
from support import ROOT, english_yml


@pytest.fixture
def from_disk(browser, offline_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    watch = Watch(page)
    page.goto(offline_site.joinpath("index.html").as_uri())
    yield page, watch
    watch.assert_clean("offline build")
    context.close()


def test_navigation_from_disk(from_disk):
    page, _ = from_disk
    page.locator('nav.md-nav--primary a.md-nav__link[href$="conditions/index.html"]').first.click()
    page.wait_for_url("**/conditions/index.html")
    page.locator("article a", has_text="Degenerative cervical myelopathy").first.click()
    page.wait_for_url("**/conditions/degenerative-cervical-myelopathy.html")
    assert page.locator(".mg-disclaimer").is_visible()


def test_search_from_disk(from_disk):
    page, _ = from_disk
    page.click("input.md-search__input")
    page.keyboard.type("pins and needles")
    first = page.locator("li.md-search-result__item a.md-search-result__link").first
    first.wait_for(state="attached", timeout=15_000)
    page.wait_for_timeout(800)
    assert "symptoms/tingling.html" in first.get_attribute("href")
    assert page.locator(".md-search-result__meta").inner_text() != "Initializing search"


def test_misspelling_red_flag_and_did_you_mean_from_disk(from_disk):
    from test_search import help_box, open_search, retype

    page, _ = from_disk
    open_search(page)
    pages = retype(page, "fisiotherapy")
    assert pages[0].endswith("treatments/physiotherapy.html"), pages[:3]
    assert help_box(page)["suggestion"] == "physiotherapy"
    pages = retype(page, "saddle numbness")
    assert any(p.endswith("/when-to-get-help.html") for p in pages[:3]), pages[:3]
    retype(page, "qwxz zzkv")
    box = help_box(page)
    assert box["shown"] and box["empty"]
    assert any(href.endswith("conditions/index.html") for _, href in box["links"])


def test_tooltips_and_faqs_from_disk(from_disk):
    page, _ = from_disk
    page.goto(page.url.replace("index.html", "faq.html"))
    details = page.locator("article details").first
    details.locator("summary").click()
    assert details.evaluate("d => d.open")
    term = page.locator("article abbr").first
    term.hover()
    page.locator(".md-tooltip2--active").wait_for(state="visible", timeout=5_000)


def test_explorer_and_diary_from_disk(from_disk):
    page, _ = from_disk
    page.goto(page.url.rsplit("/", 1)[0] + "/symptom-explorer.html")
    page.wait_for_selector(".mg-explorer--ready")
    page.locator(".mg-explorer__form input[value='saddle-numbness']").first.check()
    assert page.locator(".mg-explorer__emergency").is_visible()
    first = page.locator(".mg-explorer__results .mg-explorer__name a").first
    assert first.get_attribute("href").endswith("conditions/cauda-equina-syndrome.html")
    first.click()
    page.wait_for_url("**/conditions/cauda-equina-syndrome.html")
    page.goto(page.url.rsplit("/", 2)[0] + "/symptom-diary.html")
    page.wait_for_selector(".mg-diary--ready")
    page.check("#mg-diary-walking-2")
    page.click(".mg-diary__form button[type=submit]")
    page.reload()
    page.wait_for_selector(".mg-diary--ready")
    assert page.locator(".mg-diary__entries tbody tr").count() == 1, "the diary did not keep its entry from a file"


def test_the_offline_copy_has_the_api_and_structured_data_with_no_address(offline_site):
    import json

    from schemaorg import page_jsonld, problems

    record = json.loads(
        (offline_site / "api" / "v1" / "conditions" / "degenerative-cervical-myelopathy.json").read_text()
    )
    assert record["url"] == "conditions/degenerative-cervical-myelopathy.html"
    html = (offline_site / "conditions" / "degenerative-cervical-myelopathy.html").read_text()
    graph = page_jsonld(html)[0]
    assert graph["url"] == "degenerative-cervical-myelopathy.html" and problems(graph) == []
    assert 'rel="canonical"' not in html


def test_the_offline_copy_carries_the_leaflets(offline_site):
    from pypdf import PdfReader

    conditions = {p.stem for p in english_yml(ROOT / "data" / "conditions")}
    made = {p.stem for p in (offline_site / "leaflets").glob("*.pdf")}
    assert made == conditions | {"symptom-diary"}
    text = PdfReader(offline_site / "leaflets" / "degenerative-cervical-myelopathy.pdf").pages[0].extract_text()
    assert "Degenerative cervical myelopathy" in text
