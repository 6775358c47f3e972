"""Screenshots of each page type, desktop and mobile, into tests/screenshots/ (ignored by git).

Each page must show its own heading, the disclaimer and real text before it is photographed, and
a missing page must answer 404: a blank or wrong page fails here, not just an empty PNG.
"""

from __future__ import annotations

import pytest
from conftest import DESKTOP, MOBILE, SCREENSHOTS

# page type -> (path, the page's heading)
PAGE_TYPES = {
    "home": ("", "Myelopathy Guide"),
    "condition": ("conditions/degenerative-cervical-myelopathy/", "Degenerative cervical myelopathy"),
    "symptom": ("symptoms/clumsy-hands/", "Clumsy hands"),
    "cause": ("causes/wear-and-tear/", "Wear and tear of the spine"),
    "test": ("tests/mri/", "MRI scan"),
    "treatment": ("treatments/acdf/", "Anterior cervical discectomy and fusion"),
    "a-z-index": ("symptoms/", "Symptoms"),
    "comparison": ("compare/myelopathy-vs-radiculopathy/", "Myelopathy or radiculopathy?"),
    "faq": ("faq/", "Questions people ask"),
    "glossary": ("glossary/", "Glossary"),
    "when-to-get-help": ("when-to-get-help/", "When to get help"),
    "prose": ("living-with-myelopathy/", "Living with myelopathy"),
}


@pytest.mark.parametrize("device,viewport", [("desktop", DESKTOP), ("mobile", MOBILE)])
def test_screenshot_every_page_type(open_page, site_url, device, viewport):
    SCREENSHOTS.mkdir(exist_ok=True)
    for name, (path, heading) in PAGE_TYPES.items():
        page, watch = open_page(site_url + path, viewport=viewport)
        assert page.locator("article h1").first.inner_text().strip() == heading, f"{name}: wrong or missing heading"
        body = page.locator("article").first.inner_text()
        assert len(body.split()) > 40, f"{name}: the page has almost no text"
        assert "Important:" in page.locator("footer, .md-footer, .mg-disclaimer").first.inner_text() or (
            "Important:" in page.content()
        ), f"{name}: no disclaimer"
        watch.assert_clean(name)
        target = SCREENSHOTS / f"{name}-{device}.png"
        page.screenshot(path=str(target), full_page=name not in ("glossary", "faq"))
        assert target.stat().st_size > 5_000, f"{target} is empty"


def test_a_missing_page_answers_404(open_page, site_url):
    page, _ = open_page(site_url + "no-such-page/")
    response = page.goto(site_url + "no-such-page/")
    assert response is not None and response.status == 404
