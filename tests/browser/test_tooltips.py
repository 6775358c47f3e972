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
    focused = page.evaluate("() => document.activeElement.textContent").strip().lower()
    assert shown == glossary_definition(focused), f"the tooltip of '{focused}' is not its glossary definition"
    described_by = page.evaluate("() => document.activeElement.getAttribute('aria-describedby')")
    assert described_by, "the focused term is not described by its tooltip"


def glossary_definition(word: str) -> str:
    """The definition data/glossary.yml gives the term (or one of its forms) `word`."""
    from support import ROOT

    from macros.build.environment import load_graph

    for entry in load_graph(ROOT / "data").data.glossary.values():
        term = entry.model
        if word in {term.term.lower(), *(form.lower() for form in term.forms)}:
            return term.definition
    raise AssertionError(f"'{word}' is not a glossary term")
