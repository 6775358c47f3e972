"""The preview as MkDocs users type it, plain `mkdocs serve` (no --dirty): it rebuilds only what changed
(build/incremental.py) and nothing is stale; a data mistake shows in the banner in Chromium, and goes
when fixed; an edit of a theme override is served."""

from __future__ import annotations

import json
import time

import pytest
from conftest import Watch
from support import copy_project
from test_preview import wait_for

from bench.preview_latency import serving


@pytest.fixture(scope="module")
def plain_preview(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("plain-preview"))
    with serving(project, timeout=120, dirty=False) as (base, server):
        yield project, base, server


def test_a_data_edit_reaches_every_output(plain_preview):
    project, base, server = plain_preview
    record = project / "data" / "symptoms" / "tingling.yml"
    record.write_text(
        record.read_text().replace("name: Tingling\n", "name: Tingling PLAIN\n").replace("A prickly", "A PLAIN prickly")
    )
    wait_for(base + "symptoms/tingling/", lambda b: "A PLAIN prickly" in b, "the edited page", server)
    # one build writes them all, the edited page not necessarily last: wait for each, then check nothing lost
    page = "conditions/degenerative-cervical-myelopathy/"
    wait_for(base + page, lambda b: "Tingling PLAIN" in b, "the new name on a linking page", server)
    wait_for(base + "symptoms/", lambda b: "A PLAIN prickly" in b, "the A-Z list", server)
    wait_for(
        base + "assets/javascripts/reader-tools-data.js", lambda b: "Tingling PLAIN" in b, "the symptom data", server
    )
    wait_for(
        base + "api/v1/symptoms/tingling.json", lambda b: json.loads(b)["name"] == "Tingling PLAIN", "the API", server
    )
    index = json.loads(
        wait_for(base + "search/search_index.json", lambda b: "A PLAIN prickly" in b, "the search index", server)
    )
    assert len({doc["location"].split("#")[0] for doc in index["docs"]}) > 100, "the search index lost pages"


def test_an_override_edit_is_served(plain_preview):
    project, base, server = plain_preview
    partial = project / "overrides" / "partials" / "disclaimer.html"
    text = partial.read_text()
    assert "</" in text
    partial.write_text(text.replace("</", "<span>OVERRIDE-EDIT</span></", 1))
    wait_for(base + "faq/", lambda b: "OVERRIDE-EDIT" in b, "the override edit", server)


def test_a_mistake_shows_in_the_banner_and_goes_when_fixed(browser, plain_preview):
    project, base, server = plain_preview
    record = project / "data" / "symptoms" / "twitching.yml"
    good = record.read_text()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    watch = Watch(page)
    try:
        record.write_text(good.replace("urgency: routine", "urgency: soonish"))
        wait_for(base + "preview-problems.json", lambda b: "soonish" in b, "the problem list", server)
        page.goto(base + "symptoms/twitching/")
        banner = page.locator(".mg-preview-problems")
        banner.wait_for(state="visible", timeout=10_000)
        assert "data/symptoms/twitching.yml:" in banner.inner_text() and "soonish" in banner.inner_text()
        assert "1 problem:" in banner.locator(".admonition-title").inner_text()
    finally:
        record.write_text(good)
    wait_for(base + "preview-problems.json", lambda b: json.loads(b) == {"problems": []}, "no problems", server)
    time.sleep(1.0)  # the build that wrote it has finished: a page opened now is not reloaded under the test
    page = context.new_page()
    fixed = Watch(page)
    page.goto(base + "symptoms/twitching/")
    page.locator(".mg-preview-problems").wait_for(state="hidden", timeout=10_000)
    watch.assert_clean("the preview")
    fixed.assert_clean("the preview after the fix")
    context.close()
