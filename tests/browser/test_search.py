"""Search as a reader types it: each lay query in tests/search_queries.yml puts its page first."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

QUERIES = yaml.safe_load((Path(__file__).resolve().parents[1] / "search_queries.yml").read_text())


def search(page, query: str):
    """Type into the real search box; return the first result's link."""
    page.click("input.md-search__input")
    page.keyboard.type(query)
    first = page.locator("li.md-search-result__item").first
    first.wait_for(state="visible", timeout=10_000)
    wait_until_settled(page)
    return first.locator("a.md-search-result__link").first


def wait_until_settled(page, quiet_ms: int = 600, timeout_ms: int = 10_000):
    """Results update as each letter is typed: wait until the list has stopped changing."""
    page.wait_for_function(
        """([quiet, started]) => {
            const now = performance.now(), html = document.querySelector('.md-search-result__list').innerHTML;
            if (window.__lastResults !== html) { window.__lastResults = html; window.__changedAt = now; }
            return now - window.__changedAt >= quiet;
        }""",
        arg=[quiet_ms, 0],
        polling=100,
        timeout=timeout_ms,
    )


@pytest.mark.parametrize("case", QUERIES, ids=[c["query"] for c in QUERIES])
def test_query_puts_the_right_page_first(open_page, site_url, case):
    page, watch = open_page(site_url)
    first = search(page, case["query"])
    href = first.get_attribute("href").split("#")[0].split("?")[0]
    assert href.endswith("/" + case["expect"]), f"{case['query']!r} first found {href}"
    first.click()
    page.wait_for_url(f"**/{case['expect']}*")
    watch.assert_clean(f"search for {case['query']!r}")


def test_query_table_covers_every_alias_of_the_starting_records():
    from support import ROOT

    covered = {(c["query"].lower(), c["expect"]) for c in QUERIES}
    for kind, ids in {
        "conditions": ["degenerative-cervical-myelopathy", "cervical-radiculopathy", "cauda-equina-syndrome"],
        "symptoms": ["twitching", "tingling", "heavy-legs", "clumsy-hands", "bladder-changes"],
    }.items():
        for record_id in ids:
            record = yaml.safe_load((ROOT / "data" / kind / f"{record_id}.yml").read_text())
            for alias in record.get("also_known_as", []):
                assert (alias.lower(), f"{kind}/{record_id}/") in covered, f"no query for alias {alias!r}"
