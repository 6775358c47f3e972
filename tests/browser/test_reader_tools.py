"""The symptom explorer, the symptom diary and the question ticks, driven in Chromium as a reader would:
ticks give the conditions the records name, in order; an emergency symptom brings the emergency box;
the keyboard alone works; the diary keeps entries across reloads, warns when scores rise, exports,
prints a one-page summary with the ticked questions, and deletes everything; axe finds nothing
serious in the tools once used; without JavaScript the pages are plain lists."""

from __future__ import annotations

import csv
import io

import pytest
from conftest import DESKTOP, MOBILE
from pypdf import PdfReader

URGENCY_ORDER = {"emergency": 0, "urgent": 1, "routine": 2}


def expected_order(data_files, ticked: list[str]) -> list[str]:
    """The conditions the records link to the ticked symptoms: most matches first, then the most urgent
    matched symptom, then A to Z (what the page promises, worked out here from data/ directly)."""
    symptoms = data_files["symptoms"]
    found = []
    for record in data_files["conditions"].values():
        matched = [s for s in record.get("symptoms", []) if s in ticked]
        if matched:
            level = min(URGENCY_ORDER[symptoms[s]["urgency"]] for s in matched)
            found.append((-len(matched), level, record["name"].lower(), record["name"]))
    return [name for *_, name in sorted(found)]


def shown_order(page) -> list[str]:
    return page.locator(".mg-explorer__results .mg-explorer__name a").all_inner_texts()


def tick(page, symptom_id: str):
    page.locator(f".mg-explorer__form input[value='{symptom_id}']").first.check()


@pytest.fixture
def explorer(open_page, site_url):
    page, watch = open_page(site_url + "symptom-explorer/")
    page.wait_for_selector(".mg-explorer--ready")
    yield page
    watch.assert_clean("symptom explorer")


@pytest.mark.parametrize(
    "ticked",
    [
        ["clumsy-hands"],
        ["clumsy-hands", "trouble-walking", "tingling"],
        ["saddle-numbness", "bladder-changes", "back-pain"],
    ],
)
def test_ticks_list_the_conditions_the_records_name_in_order(explorer, data_files, ticked):
    for symptom_id in ticked:
        tick(explorer, symptom_id)
    want = expected_order(data_files, ticked)
    assert want, "the records link none of these symptoms, so this case proves nothing"
    assert shown_order(explorer) == want
    # each result links to its condition's page
    first = explorer.locator(".mg-explorer__results .mg-explorer__name a").first
    assert first.get_attribute("href").rstrip("/").split("/")[-1] in data_files["conditions"]


def test_cauda_equina_comes_first_for_its_warning_signs(explorer):
    for symptom_id in ("saddle-numbness", "bladder-changes", "bowel-changes"):
        tick(explorer, symptom_id)
    assert shown_order(explorer)[0] == "Cauda equina syndrome"


def test_an_emergency_symptom_brings_the_emergency_box_at_once(explorer, data_files):
    box = explorer.locator(".mg-explorer__emergency")
    tick(explorer, "clumsy-hands")
    assert data_files["symptoms"]["clumsy-hands"]["urgency"] != "emergency"
    assert not box.is_visible(), "the emergency box shows for a symptom that is not an emergency one"
    tick(explorer, "saddle-numbness")
    assert box.is_visible()
    assert "numbness in the saddle area" in box.inner_text().lower()
    above = explorer.evaluate(
        "() => document.querySelector('.mg-explorer__emergency').getBoundingClientRect().top"
        " < document.querySelector('.mg-explorer__form').getBoundingClientRect().top"
    )
    assert above, "the emergency box is not at the top of the explorer"
    explorer.locator(".mg-explorer__form input[value='saddle-numbness']").first.uncheck()
    assert not box.is_visible()


def test_a_symptom_in_two_regions_ticks_in_both(explorer):
    boxes = explorer.locator(".mg-explorer__form input[value='numbness']")
    assert boxes.count() > 1, "no symptom sits in two regions, so this test proves nothing"
    boxes.first.check()
    assert all(boxes.nth(i).is_checked() for i in range(boxes.count()))
    assert "Lists 1 of the 1" in explorer.locator(".mg-explorer__results").inner_text()


def test_explorer_with_the_keyboard_alone(explorer):
    explorer.locator(".mg-explorer__form input").first.focus()
    explorer.keyboard.press("Space")
    assert explorer.locator(".mg-explorer__results li").count() > 0
    focused = explorer.evaluate("() => document.activeElement.type")
    assert focused == "checkbox"
    for _ in range(3):
        explorer.keyboard.press("Tab")
    explorer.keyboard.press("Space")
    ticked = explorer.evaluate(
        "() => new Set([...document.querySelectorAll('.mg-explorer__form input:checked')].map(i => i.value)).size"
    )
    assert ticked == 2
    explorer.keyboard.press("Shift+Tab")
    assert explorer.evaluate("() => getComputedStyle(document.activeElement).outlineStyle") != "none"


def test_the_home_page_has_the_explorer_and_no_script_keeps_the_list(browser, site_url, open_page):
    page, watch = open_page(site_url)
    page.wait_for_selector(".mg-explorer--ready")
    assert page.locator(".mg-explorer__form fieldset").count() >= 5
    assert not page.locator(".mg-explorer .grid.cards").is_visible()
    watch.assert_clean("home page")
    context = browser.new_context(java_script_enabled=False, viewport=MOBILE)
    try:
        plain = context.new_page()
        plain.goto(site_url + "symptom-explorer/")
        links = plain.locator(".mg-explorer .grid.cards a")
        assert links.count() > 15 and links.first.is_visible()
        assert plain.locator(".mg-explorer__form").count() == 0
    finally:
        context.close()


# --- the diary ---------------------------------------------------------------------------------


@pytest.fixture
def diary(open_page, site_url):
    page, watch = open_page(site_url + "symptom-diary/", viewport=MOBILE, accept_downloads=True)
    page.wait_for_selector(".mg-diary--ready")
    yield page
    watch.assert_clean("symptom diary")


def add_entry(page, date: str, note: str = "", **scores):
    page.fill("#mg-diary-date", date)
    for measure, value in scores.items():
        page.check(f"#mg-diary-{measure}-{value}")
    if note:
        page.fill("#mg-diary-note", note)
    page.click(".mg-diary__form button[type=submit]")


def days_ago(page, n: int) -> str:
    return page.evaluate(
        "n => { const d = new Date(); d.setDate(d.getDate() - n); const two = x => String(x).padStart(2, '0');"
        " return d.getFullYear() + '-' + two(d.getMonth() + 1) + '-' + two(d.getDate()); }",
        n,
    )


def test_entries_persist_and_a_steady_diary_shows_no_warning(diary):
    assert "only in this web browser" in diary.locator("article").inner_text()
    add_entry(diary, days_ago(diary, 10), hands=1, walking=1, note="walked to the shop")
    add_entry(diary, days_ago(diary, 3), hands=1, walking=2)
    assert "Saved your entry" in diary.locator(".mg-diary__saved").inner_text()
    diary.reload()
    diary.wait_for_selector(".mg-diary--ready")
    rows = diary.locator(".mg-diary__entries tbody tr")
    assert rows.count() == 2
    assert "walked to the shop" in rows.nth(1).inner_text()
    assert diary.locator(".mg-diary__svg polyline").count() == 5
    assert not diary.locator(".mg-diary__alert").is_visible(), "a rise of 1 point brought a warning"
    stored = diary.evaluate("() => JSON.parse(localStorage.getItem('mg-diary-v1')).length")
    assert stored == 2


def test_hands_getting_worse_shows_the_urgent_wording(diary):
    add_entry(diary, days_ago(diary, 20), hands=1)
    add_entry(diary, days_ago(diary, 1), hands=3)
    alert = diary.locator(".mg-diary__alert")
    alert.wait_for(state="visible")
    text = alert.inner_text()
    assert "Urgent: get help the same day" in text and "hands" in text
    assert "mg-help-urgent" in alert.get_attribute("class")


def test_bladder_getting_worse_shows_the_emergency_wording(diary):
    add_entry(diary, days_ago(diary, 5), bladder=0)
    add_entry(diary, days_ago(diary, 0), bladder=2)
    alert = diary.locator(".mg-diary__alert")
    alert.wait_for(state="visible")
    assert alert.inner_text().startswith("Emergency")
    assert "mg-help-emergency" in alert.get_attribute("class")


def test_export_delete_everything_and_the_printed_summary(diary, site_url):
    # tick two questions on "Questions to ask": they are printed with the summary
    diary.goto(site_url + "questions-to-ask/")
    questions = diary.locator("li.mg-question-item")
    assert questions.count() > 20
    chosen = [questions.nth(i).inner_text().strip() for i in (0, 5)]
    for i in (0, 5):
        questions.nth(i).locator("input").check()
    diary.reload()
    assert questions.nth(5).locator("input").is_checked(), "the ticked question did not survive a reload"
    diary.goto(site_url + "symptom-diary/")
    diary.wait_for_selector(".mg-diary--ready")
    add_entry(diary, days_ago(diary, 14), hands=1, walking=1, balance=0, pain=2, note='="formula", with a comma')
    add_entry(diary, days_ago(diary, 2), hands=2, walking=1, balance=1, pain=1)

    with diary.expect_download() as download_info:
        diary.locator("button", has_text="Save a copy as a file").click()
    rows = list(csv.reader(io.StringIO(download_info.value.path().read_text(encoding="utf-8"))))
    assert rows[0] == ["date", "hands", "walking", "balance", "bladder", "pain", "note"]
    assert len(rows) == 3 and rows[1][1:6] == ["1", "1", "0", "0", "2"]
    assert rows[1][6] == '\'="formula", with a comma', "a note could run as a spreadsheet formula"

    diary.evaluate("() => { window.print = () => { window.__printed = true; }; }")
    diary.locator("button", has_text="Print a summary for my appointment").click()
    assert diary.evaluate("() => window.__printed === true")
    pdf = PdfReader(io.BytesIO(diary.pdf(format="A4")))
    text = " ".join(p.extract_text() for p in pdf.pages)
    flat = " ".join(text.split())
    assert len(pdf.pages) == 1, f"the summary takes {len(pdf.pages)} pages"
    assert "summary for my appointment" in flat
    assert "2 entries" in flat
    assert "Hands 1 to 2" in flat
    for question in chosen:
        assert " ".join(question.split())[:40] in flat, f"the ticked question {question!r} is not in the summary"
    assert "This site gives general information only" in flat or "general information" in flat
    assert "Add an entry" not in flat, "the form was printed with the summary"

    diary.once("dialog", lambda dialog: dialog.accept())
    diary.locator("button", has_text="Delete everything").click()
    assert diary.locator(".mg-diary__entries tbody tr").count() == 0
    assert diary.evaluate(
        "() => localStorage.getItem('mg-diary-v1') === null && localStorage.getItem('mg-questions-v1') === null"
    )
    diary.reload()
    diary.wait_for_selector(".mg-diary--ready")
    assert "No entries yet" in diary.locator(".mg-diary__entries").inner_text()


def test_diary_with_the_keyboard_alone(diary):
    diary.focus("#mg-diary-hands-0")  # the hands scale: arrow keys move along a radio group
    diary.keyboard.press("ArrowRight")
    diary.keyboard.press("ArrowRight")
    assert diary.is_checked("#mg-diary-hands-2")
    diary.focus("#mg-diary-note")
    diary.keyboard.type("typed without a mouse")
    diary.keyboard.press("Tab")
    diary.keyboard.press("Enter")
    assert "typed without a mouse" in diary.locator(".mg-diary__entries").inner_text()


def test_tools_in_use_pass_axe(open_page, site_url):
    from axe_playwright_python.sync_playwright import Axe
    from test_every_page import AXE_OPTIONS

    axe = Axe()
    problems = []
    for viewport in (DESKTOP, MOBILE):
        page, _ = open_page(site_url + "symptom-explorer/", viewport=viewport)
        page.wait_for_selector(".mg-explorer--ready")
        tick(page, "clumsy-hands")
        tick(page, "saddle-numbness")
        diary_page, _ = open_page(site_url + "symptom-diary/", viewport=viewport)
        diary_page.wait_for_selector(".mg-diary--ready")
        add_entry(diary_page, days_ago(diary_page, 9), hands=0, bladder=0)
        add_entry(diary_page, days_ago(diary_page, 1), hands=3, bladder=3)
        diary_page.locator(".mg-diary__alert").wait_for(state="visible")
        for where, tab in (("explorer", page), ("diary", diary_page)):
            for violation in axe.run(tab, options=AXE_OPTIONS).response["violations"]:
                if violation["impact"] in ("serious", "critical"):
                    problems.append(f"{where} {viewport['width']}px: {violation['id']}: {violation['help']}")
    assert not problems, "\n".join(problems)
