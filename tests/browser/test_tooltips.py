"""Glossary terms show their definition on hover and on keyboard focus."""

from __future__ import annotations


def visible_tooltip(page) -> str:
    tip = page.locator(".md-tooltip2--active .md-tooltip2__inner")
    tip.wait_for(state="visible", timeout=5_000)
    return tip.inner_text()


def test_glossary_term_tooltip_on_hover(open_page, site_url):
    page, watch = open_page(site_url + "symptoms/heavy-legs/")
    term = page.locator("article abbr", has_text="Spasticity").first
    term.hover()
    assert visible_tooltip(page).startswith("Muscles that are stiff and tight")
    watch.assert_clean("tooltip hover")


def test_glossary_term_tooltip_on_keyboard_focus(open_page, site_url):
    page, _ = open_page(site_url + "symptoms/heavy-legs/")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.tagName === 'ABBR'"):
            break
    else:
        raise AssertionError("Tab never reached a glossary term")
    shown = visible_tooltip(page)
    described_by = page.evaluate("() => document.activeElement.getAttribute('aria-describedby')")
    assert described_by, "the focused term is not described by its tooltip"
    title = page.evaluate(f"() => document.getElementById('{described_by}').innerText")
    assert shown and shown == title
