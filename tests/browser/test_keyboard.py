"""Keyboard: search opens from the keyboard, every FAQ opens with Enter and Space, focus is
visible, and a skip link reaches the content."""

from __future__ import annotations

ACTIVE = "() => document.activeElement"


def active(page, expression: str):
    return page.evaluate(f"() => {{ const e = document.activeElement; return {expression}; }}")


def test_search_opens_from_the_keyboard(open_page, site_url):
    page, watch = open_page(site_url + "conditions/")
    page.keyboard.press("/")
    assert active(page, "e && e.classList.contains('md-search__input')"), "'/' did not focus the search box"
    page.keyboard.type("tingling")
    page.locator("li.md-search-result__item").first.wait_for(state="visible")
    watch.assert_clean("keyboard search")


def test_every_faq_opens_with_enter_and_with_space(open_page, site_url):
    page, watch = open_page(site_url + "faq/")
    summaries = page.locator("article details > summary")
    count = summaries.count()
    assert count >= 15
    for index in range(count):
        summary = summaries.nth(index)
        details = summary.locator("xpath=..")
        summary.focus()
        page.keyboard.press("Enter")
        assert details.evaluate("d => d.open"), f"FAQ {index} did not open with Enter"
        page.keyboard.press("Enter")
        assert not details.evaluate("d => d.open"), f"FAQ {index} did not close with Enter"
        page.keyboard.press("Space")
        assert details.evaluate("d => d.open"), f"FAQ {index} did not open with Space"
    watch.assert_clean("FAQ keyboard")


def test_focus_is_visible(open_page, site_url):
    page, _ = open_page(site_url + "conditions/degenerative-cervical-myelopathy/")
    for _ in range(40):
        page.keyboard.press("Tab")
        if active(page, "e.closest('article') !== null && e.tagName === 'A'"):
            break
    else:
        raise AssertionError("Tab never reached a link in the content")
    style = active(
        page, "(() => { const s = getComputedStyle(e); return [s.outlineStyle, s.outlineWidth, s.boxShadow]; })()"
    )
    outline_style, outline_width, shadow = style
    assert (outline_style != "none" and outline_width != "0px") or shadow != "none", f"no visible focus: {style}"


def test_skip_link_reaches_the_content(open_page, site_url):
    page, _ = open_page(site_url + "symptoms/tingling/")
    page.keyboard.press("Tab")
    assert active(page, "e.classList.contains('md-skip')"), "the first Tab does not land on the skip link"
    assert page.locator("a.md-skip").is_visible(), "the skip link is not shown when focused"
    target = page.locator("a.md-skip").get_attribute("href").split("#")[1]
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => location.hash === '#{target}'")
    assert page.locator(f"article [id='{target}']").count() == 1, "the skip link does not point into the content"
