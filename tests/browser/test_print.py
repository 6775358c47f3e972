"""Printing a condition page keeps the disclaimer, sources and review state and drops the
navigation and search: checked in print media and in a real PDF made by Chromium."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

PAGE = "conditions/degenerative-cervical-myelopathy/"


def test_print_media_keeps_what_matters(open_page, site_url):
    page, _ = open_page(site_url + PAGE)
    page.emulate_media(media="print")
    for selector in (".mg-disclaimer", ".mg-review-notice", "div.footnote", ".mg-emergency-line"):
        assert page.locator(selector).first.is_visible(), f"{selector} is hidden in print"
    for selector in (".md-sidebar--primary", ".md-search", ".md-header", ".md-footer__inner"):
        assert not page.locator(selector).first.is_visible(), f"{selector} is printed"


def test_printed_pdf_has_disclaimer_sources_and_review_dates(open_page, site_url):
    page, _ = open_page(site_url + PAGE)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages)
    text = " ".join(text.split())
    for needed in ("not medical advice", "Sources", "Not yet clinically reviewed."):
        assert needed in text, f"the printed page lacks {needed!r}"
    for dropped in ("Search", "What you notice"):
        assert dropped not in text, f"the printed page still shows {dropped!r}"


def test_condition_leaflet_carries_the_clinic_details(browser, clinic_site):
    """The print view is the leaflet: with a clinic set, it carries the clinic's name and numbers."""
    context = browser.new_context()
    page = context.new_page()
    page.goto((clinic_site / "conditions" / "degenerative-cervical-myelopathy" / "index.html").as_uri())
    button = page.locator("button.mg-print")
    assert button.is_visible(), "no print button on a condition page"
    page.emulate_media(media="print")
    assert not button.is_visible()
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages).split())
    for needed in (
        "Riverside Spine Clinic",
        "020 7946 0000",
        "Emergency: call 999 now",
        "not medical advice",
        "Sources",
    ):
        assert needed in text, f"the leaflet lacks {needed!r}"
    context.close()


def test_a_signed_off_page_prints_its_reviewer_and_dates(browser, reviewed_only_site):
    _, site, _ = reviewed_only_site
    context = browser.new_context()
    page = context.new_page()
    page.goto((site / "conditions" / "degenerative-cervical-myelopathy" / "index.html").as_uri())
    page.emulate_media(media="print")
    assert page.locator(".mg-review").first.is_visible()
    assert page.locator(".mg-review-notice").count() == 0
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages).split())
    today = dt.date.today()
    reviewed = f"Reviewed by Dr Test Fixture, Consultant neurologist on {today.day} {today:%B %Y}."
    assert reviewed in text and "Next review" in text, text[-600:]
    context.close()
