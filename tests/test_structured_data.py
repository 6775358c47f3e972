"""schema.org JSON-LD on every page: valid against the pinned vocabulary, with the fields rich results need,
made from the data, with absolute addresses when the site has a public address, and safe in a script element."""

from __future__ import annotations

import json

import pytest
from schemaorg import page_jsonld, problems, rich_result_problems
from support import ROOT, english_yml

from macros.pages.structured_data import json_script

DCM = "conditions/degenerative-cervical-myelopathy"


def _pages(site):
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def _graph(site, path: str) -> dict:
    graphs = page_jsonld((site / path / "index.html").read_text(encoding="utf-8"))
    assert len(graphs) == 1
    return graphs[0]


@pytest.mark.parametrize("which", ["built_site", "public_site"])
def test_every_page_has_one_valid_graph(request, which):
    fixture = request.getfixturevalue(which)
    site = getattr(fixture, "site", fixture)
    pages = _pages(site)
    assert len(pages) > 100
    found = []
    for page in pages:
        graphs = page_jsonld(page.read_text(encoding="utf-8"))
        if len(graphs) != 1:
            found.append(f"{page.relative_to(site)}: {len(graphs)} JSON-LD blocks")
            continue
        found += [f"{page.relative_to(site)}: {p}" for p in problems(graphs[0]) + rich_result_problems(graphs[0])]
    assert not found, "\n".join(found[:30])


def test_the_validator_fails_on_what_schema_org_does_not_have():
    """The check above can fail: an unknown type or property, a property on the wrong type, a wrong value."""
    bad = {
        "@type": "MedicalWebPage",
        "name": "x",
        "signOrSymptom": [],
        "colour": "blue",
        "about": {"@type": "MedicalConditionn"},
        "breadcrumb": 3,
    }
    found = "\n".join(problems(bad))
    assert "signOrSymptom: not a property of ['MedicalWebPage']" in found
    assert "colour: not a schema.org property" in found
    assert "unknown type MedicalConditionn" in found
    assert "breadcrumb: 3 is not a value" in found
    assert "no breadcrumb" in rich_result_problems(bad)
    faq = {"@type": "FAQPage", "mainEntity": [{"@type": "Question", "name": "Why?"}], "breadcrumb": {}}
    assert "question 'Why?' lacks its name or answer text" in rich_result_problems(faq)


def test_a_condition_page_carries_its_record(built_site, data_files):
    graph = _graph(built_site, DCM)
    record = data_files["conditions"]["degenerative-cervical-myelopathy"]
    about = graph["about"]
    assert about["@type"] == "MedicalCondition" and about["name"] == record["name"]
    assert about["alternateName"] == record["also_known_as"]
    symptoms = {data_files["symptoms"][s]["name"] for s in record["symptoms"]}
    assert {s["name"] for s in about["signOrSymptom"]} == symptoms
    assert {t["name"] for t in about["typicalTest"]} == {data_files["tests"][t]["name"] for t in record["tests"]}
    treatments = {data_files["treatments"][t]["name"] for t in record["treatments"]}
    assert {t["name"] for t in about["possibleTreatment"]} == treatments
    look_alikes = {d["diagnosis"]["name"] for d in about["differentialDiagnosis"]}
    assert {data_files["conditions"][c]["name"] for c in record["look_alikes"]} <= look_alikes
    risk = {c for c in record["causes"] if data_files["causes"][c]["cause_type"] == "risk-factor"}
    assert {r["name"] for r in about["riskFactor"]} == {data_files["causes"][c]["name"] for c in risk}
    assert [q["@type"] for q in graph["mainEntity"]] and graph["@type"] == ["MedicalWebPage", "FAQPage"]
    assert [c["name"] for c in graph["breadcrumb"]["itemListElement"]] == ["Home", "Conditions", record["name"]]
    assert graph["inLanguage"] == "en" and "lastReviewed" not in graph, "a draft claims a review"


def test_each_kind_has_its_schema_org_type(built_site, data_files):
    for kind, expected in [("symptoms", "MedicalSignOrSymptom"), ("tests", "MedicalTest")]:
        for record_id in data_files[kind]:
            assert _graph(built_site, f"{kind}/{record_id}")["about"]["@type"] == expected
    for record_id, record in data_files["causes"].items():
        about = _graph(built_site, f"causes/{record_id}")["about"]
        assert about["@type"] == ("MedicalRiskFactor" if record["cause_type"] == "risk-factor" else "MedicalCause")
    for record_id, record in data_files["treatments"].items():
        about = _graph(built_site, f"treatments/{record_id}")["about"]
        surgery = record["treatment_kind"] == "surgery"
        assert about["@type"] == (["MedicalTherapy", "SurgicalProcedure"] if surgery else "MedicalTherapy")
    test = _graph(built_site, "tests/mri")["about"]
    assert "Degenerative cervical myelopathy" in {c["name"] for c in test["usedToDiagnose"]}
    faq = _graph(built_site, "faq")
    assert len(faq["mainEntity"]) == len(list(english_yml(ROOT / "data" / "faqs")))


def test_addresses_are_absolute_at_the_public_address(public_site):
    graph = _graph(public_site.site, DCM)
    assert graph["url"] == public_site.url + DCM + "/"
    assert graph["isPartOf"]["url"] == public_site.url
    assert [c["item"] for c in graph["breadcrumb"]["itemListElement"]] == [
        public_site.url,
        public_site.url + "conditions/",
        public_site.url + DCM + "/",
    ]
    assert all(s["url"].startswith(public_site.url + "symptoms/") for s in graph["about"]["signOrSymptom"])


def test_a_signed_off_page_names_its_reviewer(reviewed_only_site):
    from support import SIGNED

    _, site, _ = reviewed_only_site
    assert DCM in SIGNED
    graph = _graph(site, DCM)
    assert graph["lastReviewed"] and graph["reviewedBy"]["@type"] == "Person" and graph["reviewedBy"]["name"]
    assert problems(graph) == []


def test_no_text_can_close_the_script_element():
    hostile = "</script><script>alert(1)</script> & <!-- 'x' \"y\""
    text = json_script({"name": hostile})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"name": hostile}
