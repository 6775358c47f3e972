"""How pages read on a phone (390x800) and a desktop: record pages are short enough, "When to get help"
is near the top, the emergency line is one line on phones, and type suits older eyes on every page
type (text size, heading weight and colour, line length). Figures for every page are printed."""

from __future__ import annotations

import statistics

import pytest
from conftest import DESKTOP
from support import html_pages

PHONE = {"width": 390, "height": 800}
KINDS = ("conditions", "symptoms", "causes", "tests", "treatments")


def record_pages(site):
    for path in html_pages(site):
        rel = path.relative_to(site).as_posix()
        kind = rel.split("/")[0]
        if kind in KINDS and rel.count("/") == 2:
            yield kind, rel.removesuffix("index.html")


@pytest.fixture(scope="module")
def phone_figures(browser, built_site, site_url):
    """{page: (screens, screens before 'When to get help')} for every record page at 390x800."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    figures = {}
    try:
        for _kind, rel in record_pages(built_site):
            page.goto(site_url + rel, wait_until="load")
            height, help_top = page.evaluate(
                "() => { const h = document.getElementById('when-to-get-help');"
                " return [document.documentElement.scrollHeight, h ? h.getBoundingClientRect().top + scrollY : null]; }"
            )
            figures[rel] = (height / PHONE["height"], None if help_top is None else help_top / PHONE["height"])
    finally:
        context.close()
    return figures


def test_condition_pages_fit_a_median_of_7_phone_screens(phone_figures):
    for kind in KINDS:
        screens = [s for rel, (s, _) in phone_figures.items() if rel.startswith(kind + "/")]
        print(f"{kind}: {len(screens)} pages, median {statistics.median(screens):.1f} screens, max {max(screens):.1f}")
    conditions = [s for rel, (s, _) in phone_figures.items() if rel.startswith("conditions/")]
    assert len(conditions) >= 10
    assert statistics.median(conditions) <= 7, f"median {statistics.median(conditions):.1f} screens"


def test_when_to_get_help_is_within_3_screens_of_every_record_page(phone_figures):
    late = {rel: top for rel, (_, top) in phone_figures.items() if top is None or top > 3}
    assert len(phone_figures) > 50
    assert not late, f"'When to get help' missing or below 3 screens: {late}"


def test_sources_and_questions_are_folded_with_their_count(open_page, site_url):
    page, _ = open_page(site_url + "conditions/degenerative-cervical-myelopathy/", viewport=PHONE)
    sources = page.locator("details.mg-sources")
    summary = sources.locator("summary").inner_text()
    count = sources.locator(".footnote li").count()
    assert count > 5 and f"({count} sources)" in summary
    assert not sources.get_attribute("open") and not sources.locator(".footnote li").first.is_visible()
    # a citation link opens the fold at its source
    page.locator("sup a.footnote-ref").first.click()
    assert sources.locator(".footnote li").first.is_visible()
    faq = page.locator("details.mg-fold")
    assert faq.count() == 1 and "questions people ask" in faq.locator("summary").first.inner_text()
    # related pages: names only, one line per kind, no summaries
    related = page.locator(".mg-related p")
    assert related.count() >= 3
    for i in range(related.count()):
        line = related.nth(i)
        label, _, names = line.inner_text().partition(":")
        assert names and ". " not in names, f"a related line repeats summaries: {line.inner_text()[:200]}"
        assert line.locator("a").count() == len(names.split(",")), f"not one link per name: {line.inner_text()[:200]}"


def test_the_emergency_line_is_one_line_with_a_link_on_phones(open_page, site_url):
    for path in ("", "conditions/cauda-equina-syndrome/", "faq/"):
        page, _ = open_page(site_url + path, viewport=PHONE)
        line = page.locator(".mg-emergency-line")
        height = line.evaluate("e => e.getBoundingClientRect().height")
        line_height = line.evaluate(
            "e => parseFloat(getComputedStyle(e).lineHeight) || 1.5 * parseFloat(getComputedStyle(e).fontSize)"
        )
        assert height <= line_height * 1.3, f"{path}: the emergency line is {height}px tall ({line_height}px lines)"
        text = line.inner_text()
        assert "Call 999" in text
        link = line.locator("a")
        assert link.is_visible() and link.get_attribute("href").rstrip("/").endswith("when-to-get-help")
        colours = line.evaluate(
            "e => [getComputedStyle(e.closest('.md-banner')).backgroundColor, getComputedStyle(e).color]"
        )
        assert colours == ["rgb(139, 0, 0)", "rgb(255, 255, 255)"]
    page, _ = open_page(site_url, viewport=DESKTOP)
    assert "New trouble passing urine" in page.locator(".mg-emergency-line").inner_text()


PAGE_TYPES = {
    "home": "",
    "condition": "conditions/degenerative-cervical-myelopathy/",
    "symptom": "symptoms/clumsy-hands/",
    "test": "tests/mri/",
    "treatment": "treatments/laminectomy/",
    "cause": "causes/smoking/",
    "A-Z list": "conditions/",
    "comparison": "compare/care-by-severity/",
    "FAQ": "faq/",
    "help": "when-to-get-help/",
    "guide": "living-with-myelopathy/",
    "explorer": "symptom-explorer/",
    "diary": "symptom-diary/",
}

TYPE_FIGURES = """() => {
  const article = document.querySelector('article');
  const paragraphs = [...article.querySelectorAll('p, li')].filter(p => p.textContent.trim().length > 80
    && !p.closest('.mg-review-notice, .footnote, .mg-explorer__form, nav'));
  const canvas = document.createElement('canvas').getContext('2d');
  const perLine = paragraphs.map(p => {
    const s = getComputedStyle(p);
    canvas.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
    const text = p.textContent.replace(/\\s+/g, ' ');
    return p.clientWidth / (canvas.measureText(text).width / text.length);
  });
  const headings = [...article.querySelectorAll('h1, h2, h3')].map(h => {
    const s = getComputedStyle(h);
    return [h.tagName, +s.fontWeight, s.color];
  });
  return {
    text: paragraphs.map(p => parseFloat(getComputedStyle(p).fontSize)),
    perLine, headings,
    lineHeight: paragraphs.map(p => {
      const s = getComputedStyle(p);
      return parseFloat(s.lineHeight) / parseFloat(s.fontSize);
    }),
  };
}"""


def dark(colour: str) -> bool:
    r, g, b = (int(float(x)) for x in colour[colour.index("(") + 1 : colour.index(")")].split(",")[:3])
    alpha = float(colour.split(",")[3].rstrip(")")) if colour.startswith("rgba") else 1.0
    return alpha >= 0.87 and max(r, g, b) <= 80


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_type_for_older_eyes_on_every_page_type(open_page, site_url, viewport):
    problems = []
    for name, path in PAGE_TYPES.items():
        page, _ = open_page(site_url + path, viewport=viewport)
        figures = page.evaluate(TYPE_FIGURES)
        minimum = 18 if viewport is DESKTOP else 16
        if not figures["text"] or min(figures["text"]) < minimum:
            problems.append(f"{name}: body text {figures['text'][:3]} px (want {minimum}+)")
        if figures["perLine"] and max(figures["perLine"]) > 80:
            problems.append(f"{name}: about {max(figures['perLine']):.0f} characters a line")
        if figures["lineHeight"] and min(figures["lineHeight"]) < 1.45:
            problems.append(f"{name}: line height {min(figures['lineHeight']):.2f}")
        for tag, weight, colour in figures["headings"]:
            if weight < 600 or not dark(colour):
                problems.append(f"{name}: {tag} weight {weight}, colour {colour}")
        weights = sorted({h[1] for h in figures["headings"]})
        print(
            f"{viewport['width']}px {name}: text {min(figures['text'] or [0]):.0f}px, "
            f"{max(figures['perLine'] or [0]):.0f} characters a line, headings {weights}"
        )
    assert not problems, "\n".join(problems)


def test_page_defects_are_gone(open_page, site_url, built_site):
    page, _ = open_page(site_url)
    assert page.title() == "Myelopathy Guide"
    for path in ("conditions/degenerative-cervical-myelopathy/", "sources/"):
        page, _ = open_page(site_url + path)
        inside = page.evaluate("() => document.querySelectorAll('.footnote abbr, .mg-sources abbr').length")
        assert inside == 0, f"{path}: glossary tooltips inside the sources"
    sources_page = (built_site / "sources" / "index.html").read_text(encoding="utf-8")
    assert "<abbr" not in sources_page.split("<article", 1)[1].split("</article>", 1)[0]
    # a citation stripped from a summary leaves no space before the full stop (home page, A-Z and related lists)
    for path in ("", "conditions/", "symptoms/", "causes/", "treatments/", "symptom-explorer/", "compare/"):
        page, _ = open_page(site_url + path)
        text = page.locator("article").inner_text()
        assert " ." not in text and " ," not in text, f"{path}: a space before a full stop or comma"
