"""Phones (375x812): the navigation drawer opens, tables scroll in their own box, body text is at
least 16 px and controls are at least 24x24 px."""

from __future__ import annotations

import pytest
from conftest import MOBILE


def test_navigation_drawer_opens(open_page, site_url):
    page, watch = open_page(site_url + "symptoms/tingling/", viewport=MOBILE)
    nav_link = page.locator(".md-sidebar--primary .md-nav__link", has_text="Conditions").first

    def on_screen() -> bool:
        box = nav_link.bounding_box()
        return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= MOBILE["width"]

    assert not on_screen(), "the navigation is already on screen before opening the drawer"
    page.click("label.md-header__button[for=__drawer]")
    page.wait_for_timeout(500)  # the drawer slides in
    assert on_screen(), "the navigation did not slide in"
    nav_link.click()
    page.wait_for_url("**/conditions/")
    watch.assert_clean("drawer")


def test_comparison_tables_scroll_inside_their_box(open_page, site_url):
    page, _ = open_page(site_url + "compare/dcm-look-alikes/", viewport=MOBILE)
    page_width = page.evaluate("() => document.documentElement.scrollWidth")
    assert page_width <= MOBILE["width"], f"the page is {page_width}px wide on a 375px screen"
    wrap = page.locator(".md-typeset__scrollwrap").first
    assert wrap.evaluate("w => w.querySelector('table') !== null")
    assert wrap.evaluate("w => getComputedStyle(w).overflowX") in ("auto", "scroll")
    assert wrap.evaluate("w => w.scrollWidth > w.clientWidth"), "the table fits, so this test proves nothing"


@pytest.mark.parametrize("path", ["conditions/degenerative-cervical-myelopathy/", "compare/care-by-severity/", "faq/"])
def test_body_text_is_at_least_16px(open_page, site_url, path):
    page, _ = open_page(site_url + path, viewport=MOBILE)
    sizes = page.evaluate(
        "() => [...document.querySelectorAll('article p, article li, article td, article th')]"
        ".map(e => parseFloat(getComputedStyle(e).fontSize))"
    )
    assert sizes and min(sizes) >= 16, f"{path}: smallest body text {min(sizes)}px"


CONTROLS = (
    ".md-header label, .md-header a, .md-header button, .md-sidebar--primary .md-nav__link, "
    "article summary, .md-footer a, .md-top, .md-search__input"
)


def test_tap_targets_are_at_least_24px(open_page, site_url):
    page, _ = open_page(site_url + "faq/", viewport=MOBILE)
    page.click("label.md-header__button[for=__drawer]")
    page.wait_for_timeout(400)
    small = controls_under_24px(page)
    page.reload()
    page.click("label.md-header__button[for=__search]")
    page.keyboard.type("neck")
    page.locator("li.md-search-result__item").first.wait_for(state="visible")
    page.wait_for_timeout(500)  # let the search dialog finish its transition
    small += controls_under_24px(page)
    assert not small, f"controls under 24x24 px: {small}"


def controls_under_24px(page) -> list[str]:
    return page.evaluate(
        """sel => [...document.querySelectorAll(sel)].filter(e => {
              const r = e.getBoundingClientRect(), s = getComputedStyle(e);
              const shown = r.width > 0 && r.height > 0 && s.visibility !== 'hidden';
              return shown && r.right > 0 && r.left < innerWidth && (r.width < 24 || r.height < 24);
           }).map(e => {
              const r = e.getBoundingClientRect();
              return `${e.tagName}.${e.className} ${e.textContent.trim().slice(0, 30)} ${r.width}x${r.height}`;
           })""",
        CONTROLS,
    )
