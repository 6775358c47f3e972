"""data/search.yml and what the build hands to the search worker (macros/build/search_*.py).

The search itself is tested in Chromium (tests/browser/test_search.py); these check the pieces:
the word lists as loaded, the red-flag pages taken from the records, the worker and bundle patches
(applied once, refreshed or kept on a rebuild, refused loudly on a Material version they do not
know) and the vocabulary for "Did you mean".
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from support import ROOT

from macros.build.search_client import (
    FIRST_BATCH,
    QUERY_EVENTS,
    RESULT_BATCHES,
    ClientPatchError,
    patch_search_client,
)
from macros.build.search_index import synonym_lists, vocabulary, vocabulary_script, worker_terms
from macros.build.search_worker import PRELUDE_END, WorkerPatchError, patch_search_worker
from macros.data.loader import load_site
from macros.pages.links import PAGES, page_url, record_path

MATERIAL_WORKERS = Path(__import__("material").__file__).parent / "templates/assets/javascripts/workers"


@pytest.fixture(scope="module")
def data():
    return load_site(ROOT / "data")


def urls(data, directory_urls: bool) -> dict[str, str]:
    pages = [record_path(kind, i) for kind, entries in data.records.items() for i in entries]
    return {src: page_url(directory_urls, src) for src in [*pages, *PAGES.values()]}


def test_synonyms_map_both_ways_and_phrases_apart(data):
    synonyms, phrases = synonym_lists(data)
    assert "wee" in synonyms["pee"] and "pee" in synonyms["wee"]
    assert "pins and needles" in synonyms["tingling"]
    assert "pins and needles" not in synonyms, "a phrase is matched in the query, not as a term"
    assert {"tingling", "buzzing"} <= set(dict(phrases)["pins and needles"])
    assert not set(data.search.filler) & set(synonyms)


def test_glossary_forms_join_the_synonyms(data):
    terms = worker_terms(data, urls(data, True))
    assert terms["synonyms"]["vertebra"] == ["vertebrae", "vertebral"]
    assert "cervical spondylotic myelopathy" in terms["synonyms"]["dcm"]
    phrases = dict(terms["phrases"])
    assert "dcm" in phrases["degenerative cervical myelopathy"] and "tingling" in phrases["pins and needles"]


def test_red_flags_are_the_emergency_symptoms_in_either_build(data):
    emergency = sorted(i for i, e in data.records["symptoms"].items() if e.model.urgency == "emergency")
    assert len(emergency) >= 4
    online = worker_terms(data, urls(data, True))
    assert online["red_flags"] == [f"symptoms/{i}/" for i in emergency]
    assert (online["help"], online["faqs"]) == ("when-to-get-help/", "faq/#")
    offline = worker_terms(data, urls(data, False))
    assert offline["red_flags"] == [f"symptoms/{i}.html" for i in emergency]
    assert (offline["help"], offline["faqs"]) == ("when-to-get-help.html", "faq.html#")


@pytest.fixture
def site_with_worker(tmp_path):
    (worker,) = MATERIAL_WORKERS.glob("search.*.min.js")
    target = tmp_path / "assets/javascripts/workers"
    target.mkdir(parents=True)
    shutil.copy(worker, target)
    return tmp_path, target / worker.name


def test_worker_is_patched_once_and_refreshed_on_a_rebuild(data, site_with_worker):
    site, worker = site_with_worker
    original = worker.read_text()
    terms = worker_terms(data, urls(data, True))
    patch_search_worker(site, terms)
    patched = worker.read_text()
    assert patched.count(PRELUDE_END) == 1 and patched.endswith(original.split("\n")[-1])
    for call in ("self.__mgStart(", "self.__mgTerm(", "self.__mgSearch(", "self.__mgTerms("):
        assert call in patched.split(PRELUDE_END)[1], call
    assert json.dumps(terms) in patched
    terms["filler"] = [*terms["filler"], "zebra"]
    patch_search_worker(site, terms)  # the preview rebuilds over a patched worker
    again = worker.read_text()
    assert again.count(PRELUDE_END) == 1 and '"zebra"' in again
    assert again.split(PRELUDE_END)[1] == patched.split(PRELUDE_END)[1]


def test_an_unknown_material_worker_fails_the_build(site_with_worker):
    site, worker = site_with_worker
    worker.write_text(worker.read_text().replace("this.index.search(e)", "this.index.query(e)"))
    with pytest.raises(WorkerPatchError, match="update macros/build/search_worker.py"):
        patch_search_worker(site)


@pytest.fixture
def site_with_bundle(tmp_path):
    (bundle,) = MATERIAL_WORKERS.parent.glob("bundle.*.min.js")
    target = tmp_path / "assets/javascripts"
    target.mkdir(parents=True)
    shutil.copy(bundle, target)
    return tmp_path, target / bundle.name


def test_search_box_is_read_on_input_once_and_a_rebuild_leaves_it(site_with_bundle):
    site, bundle = site_with_bundle
    original = bundle.read_text()
    patch_search_client(site)
    patched = bundle.read_text()
    assert patched.count('h(e,"keyup"),h(e,"input"),o)') == 1 and QUERY_EVENTS not in patched
    patch_search_client(site)  # the preview rebuilds over a patched bundle
    assert bundle.read_text() == patched
    assert len(patched) > len(original) + len('h(e,"input"),')


def test_first_results_are_drawn_before_the_rest_of_the_first_ten(site_with_bundle):
    site, bundle = site_with_bundle
    patch_search_client(site)
    patched = bundle.read_text()
    assert RESULT_BATCHES not in patched
    first, rest = patched.split(f"L($(...l.slice(0,{FIRST_BATCH})),", 1)
    assert rest.startswith("H(()=>new Promise(r=>requestAnimationFrame(()=>setTimeout(r)))).pipe(b(()=>")
    assert f"l.slice({FIRST_BATCH},10)" in rest[:200] and "$(...l.slice(10)).pipe(ot(4),Xr(n)" in rest[:200]


@pytest.mark.parametrize(
    ("original", "changed", "name"),
    [
        (QUERY_EVENTS, 'L(t.pipe(Re(zt)),h(e,"keydown"),o)', "search box events"),
        (RESULT_BATCHES, RESULT_BATCHES.replace("slice(0,10)", "slice(0,12)"), "search result batches"),
    ],
)
def test_an_unknown_material_bundle_fails_the_build(site_with_bundle, original, changed, name):
    site, bundle = site_with_bundle
    before = bundle.read_text()
    bundle.write_text(before.replace(original, changed))
    with pytest.raises(ClientPatchError, match=f"Material's {name} changed; update macros/build/search_client.py"):
        patch_search_client(site)
    assert bundle.read_text() == before.replace(original, changed), "a refused bundle is left as it was"


def test_vocabulary_is_words_only_without_filler(data):
    docs = [
        {"location": "a/", "title": "Laminectomy", "tags": ["Decompression surgery"]},
        {"location": "b/", "title": 'Why <script>alert("x")</script> &amp; MRI', "tags": []},
    ]
    words = vocabulary(docs, data)
    assert {"laminectomy", "decompression", "surgery", "mri", "alert"} <= set(words)
    assert not {"why", "script", "amp"} & set(words), "filler, markup and entities are not words"
    script = vocabulary_script(docs, data)
    assert script.startswith("window.mgSearchWords = {") and "<" not in script
    assert json.loads(script.removeprefix("window.mgSearchWords = ").rstrip(";\n"))["slips"] == data.search.slips
