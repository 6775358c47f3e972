"""Screenshots of each page type, desktop and mobile, into tests/screenshots/ (ignored by git)."""

from __future__ import annotations

import pytest
from conftest import DESKTOP, MOBILE, SCREENSHOTS

PAGE_TYPES = {
    "home": "",
    "condition": "conditions/degenerative-cervical-myelopathy/",
    "symptom": "symptoms/clumsy-hands/",
    "cause": "causes/wear-and-tear/",
    "test": "tests/mri/",
    "treatment": "treatments/acdf/",
    "a-z-index": "symptoms/",
    "comparison": "compare/myelopathy-vs-radiculopathy/",
    "faq": "faq/",
    "glossary": "glossary/",
    "when-to-get-help": "when-to-get-help/",
    "prose": "living-with-myelopathy/",
    "not-found": "no-such-page/",
}


@pytest.mark.parametrize("device,viewport", [("desktop", DESKTOP), ("mobile", MOBILE)])
def test_screenshot_every_page_type(open_page, site_url, device, viewport):
    SCREENSHOTS.mkdir(exist_ok=True)
    for name, path in PAGE_TYPES.items():
        page, _ = open_page(site_url + path, viewport=viewport)
        target = SCREENSHOTS / f"{name}-{device}.png"
        page.screenshot(path=str(target), full_page=name not in ("glossary", "faq"))
        assert target.stat().st_size > 5_000, f"{target} is empty"
