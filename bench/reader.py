"""Reader-side figures of a built site: what a record page costs to download, the search index,
and first contentful paint from file:// in headless Chromium."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

PAGE = "conditions/degenerative-cervical-myelopathy/index.html"


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


def reader_side(site: Path) -> dict:
    page = site / PAGE
    html = page.read_text()
    assets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html) + re.findall(r'<script src="([^"]+)"', html)
    files = [page, *((page.parent / a).resolve() for a in assets)]
    index = site / "search" / "search_index.json"
    return {
        "page": PAGE,
        "page_with_css_js_gzip_kb": round(sum(gz(f) for f in files) / 1024, 1),
        "files": len(files),
        "search_index_kb": round(index.stat().st_size / 1024, 1),
        "search_index_gzip_kb": round(gz(index) / 1024, 1),
        "first_contentful_paint_ms": first_contentful_paint(page),
    }


def first_contentful_paint(page: Path):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return "not measured: playwright is not installed (make install-test)"
    if not Path("/usr/bin/chromium").exists():
        return "not measured: Chromium is not installed (make install-test)"
    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=args)
        values = []
        for _ in range(3):
            tab = browser.new_page()
            tab.goto(page.as_uri(), wait_until="load")
            values.append(
                tab.evaluate(
                    "() => new Promise(done => new PerformanceObserver((list, obs) => {"
                    "  const e = list.getEntriesByName('first-contentful-paint')[0];"
                    "  if (e) { obs.disconnect(); done(e.startTime); }"
                    "}).observe({type: 'paint', buffered: true}))"
                )
            )
            tab.close()
        browser.close()
    return round(sorted(values)[1], 1)
