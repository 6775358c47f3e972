"""Every page of the built site in Chromium: disclaimer and emergency line visible, no console
error, no request to another host, and no serious or critical accessibility violation (axe-core,
WCAG 2.2 A and AA rules)."""

from __future__ import annotations

from support import html_pages

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
    "resultTypes": ["violations"],
}


def page_urls(site, base):
    for path in html_pages(site):
        rel = path.relative_to(site).as_posix()
        if rel.startswith("assets/"):
            continue
        yield rel, base + rel.removesuffix("index.html")


def check_page(page, watch, rel, axe) -> list[str]:
    problems = []
    for selector, what in ((".mg-disclaimer", "disclaimer"), (".mg-emergency-line", "emergency line")):
        if not page.locator(selector).first.is_visible():
            problems.append(f"{rel}: the {what} is not visible")
    page.wait_for_load_state("networkidle")
    results = axe.run(page, options=AXE_OPTIONS).response
    for violation in results["violations"]:
        if violation["impact"] in ("serious", "critical"):
            targets = [n["target"] for n in violation["nodes"][:3]]
            problems.append(f"{rel}: axe {violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    problems += [f"{rel}: request to another host: {url}" for url in watch.outside]
    problems += [f"{rel}: console error: {error}" for error in watch.errors]
    return problems


def check_pages(browser, pages, lang: str = "en") -> tuple[list[str], int]:
    """check_page on each (rel, url), in one browser context; also that each page says its language."""
    from axe_playwright_python.sync_playwright import Axe
    from conftest import DESKTOP, Watch

    axe = Axe()
    context = browser.new_context(viewport=DESKTOP)
    problems, count = [], 0
    try:
        for rel, url in pages:
            page = context.new_page()
            watch = Watch(page)
            page.goto(url, wait_until="load")
            problems += check_page(page, watch, rel, axe)
            if page.locator("html").get_attribute("lang") != lang:
                problems.append(f"{rel}: not marked lang={lang}")
            page.close()
            count += 1
    finally:
        context.close()
    return problems, count


def test_every_page_is_complete_clean_and_accessible(built_site, site_url, browser):
    problems, count = check_pages(browser, page_urls(built_site, site_url))
    assert count > 20
    assert not problems, f"{len(problems)} problems on {count} pages:\n" + "\n".join(problems)
