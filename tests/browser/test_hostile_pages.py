"""Hostile text that the rules let through (quotes, ampersands, apostrophes, brackets in titles,
parentheses in a DOI, a clinic name with an apostrophe, an SVG logo with a style) is published as
text: opening every page built from it runs no script, opens no dialog, navigates nowhere and asks
no other host for anything, and the meta description keeps the summary whole."""

from __future__ import annotations

import re
from html import unescape

import pytest
from support import copy_project, parse, run_build

SUMMARY = "Pins and needles \"tingling\" & 'prickling' – it's odd, isn't it? (about 5%) [@D1]."
DESCRIPTION = "Pins and needles \"tingling\" & 'prickling' – it's odd, isn't it? (about 5%)."
SOURCE = """- id: HOSTILE-TITLE
  kind: guideline
  authors: O'Brien AB, D'Souza C
  title: A title with [brackets] & 'quotes' in it
  publisher: Journal of Tests 1(2):3-4
  year: 2020
  doi: 10.1016/S0161-4754(06)00024-8
"""
CLINIC = """name: O'Neil & Daughters Spine Clinic
logo: clinic/logo.svg
phone: (555) 010-4477
booking: Call us to book, or ask at reception & we'll help.
emergency_number: "911"
urgent_care: call your doctor's office for a same-day visit
"""
LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><style>rect { fill: #00543c; }</style>'
    '<rect width="10" height="10"/></svg>\n'
)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    record = project / "data" / "symptoms" / "tingling.yml"
    text = record.read_text()
    record.write_text(re.sub(r"(?m)^summary: .*$", "summary: " + _yaml_quote(SUMMARY), text, count=1))
    sources = project / "data" / "sources.yml"
    sources.write_text(sources.read_text() + SOURCE)
    mri = project / "data" / "tests" / "mri.yml"
    mri.write_text(mri.read_text().replace("[@NHS-MRI]", "[@NHS-MRI, @HOSTILE-TITLE]", 1))
    (project / "data" / "clinic.yml").write_text(CLINIC)
    (project / "data" / "clinic").mkdir()
    (project / "data" / "clinic" / "logo.svg").write_text(LOGO)
    site = tmp_path_factory.mktemp("hostile-site")
    result = run_build(project, site)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return site


def _yaml_quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@pytest.fixture(scope="module")
def hostile_url(hostile_site):
    import functools
    import threading
    from http.server import ThreadingHTTPServer

    from conftest import QuietHandler

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(hostile_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_the_meta_description_keeps_quotes_as_text(hostile_site):
    html = (hostile_site / "symptoms" / "tingling" / "index.html").read_text()
    meta = re.search(r'<meta name="description" content="([^"]*)"', html)
    assert meta, "the description attribute was broken open by a quote"
    assert meta.group(1) == DESCRIPTION.replace("&", "&amp;").replace('"', "&#34;").replace("'", "&#39;")


@pytest.mark.parametrize(
    "path,expected",
    [
        ("symptoms/tingling/", "it's odd"),
        ("tests/mri/", "A title with [brackets] &amp; 'quotes' in it"),
        ("clinic/", "O'Neil &amp; Daughters Spine Clinic"),
        ("", "O'Neil &amp; Daughters Spine Clinic"),
    ],
)
def test_hostile_text_is_published_as_text_and_runs_nothing(hostile_site, hostile_url, open_page, path, expected):
    page, watch = open_page(hostile_url + path)
    dialogs, navigations = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("framenavigated", lambda frame: frame == page.main_frame and navigations.append(frame.url))
    page.reload(wait_until="load")
    for element in page.locator("article a:visible, article abbr:visible, header a:visible").all()[:60]:
        element.hover(timeout=2000)
    page.wait_for_timeout(300)
    assert dialogs == [], f"a dialog opened: {dialogs}"
    assert navigations == [hostile_url + path], f"the page navigated: {navigations}"
    assert page.evaluate("() => window.__hostile === undefined")
    watch.assert_clean(path or "home")
    assert unescape(expected) in unescape((hostile_site / path / "index.html").read_text())
    parsed = parse(hostile_site / path / "index.html")
    assert not [src for src in parsed.srcs if src.startswith(("http:", "https:", "//"))]


def test_hostile_text_is_the_same_text_in_json_ld_and_the_api(hostile_site):
    """The structured data and the content API carry the summary and the clinic's name as they are written."""
    import json

    from schemaorg import page_jsonld

    graph = page_jsonld((hostile_site / "symptoms" / "tingling" / "index.html").read_text())[0]
    assert graph["about"]["description"] == DESCRIPTION and graph["description"] == DESCRIPTION
    assert graph["isPartOf"]["name"] == "Myelopathy Guide: O'Neil & Daughters Spine Clinic"
    record = json.loads((hostile_site / "api" / "v1" / "symptoms" / "tingling.json").read_text())
    assert record["summary"] == DESCRIPTION
    source = next(
        s
        for s in json.loads((hostile_site / "api" / "v1" / "tests" / "mri.json").read_text())["sources"]
        if s["id"] == "HOSTILE-TITLE"
    )
    assert (
        source["title"] == "A title with [brackets] & 'quotes' in it" and source["authors"] == "O'Brien AB, D'Souza C"
    )
