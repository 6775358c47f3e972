"""The content API (api/v1/): every file valid against its published schema and matching its page, the shape
frozen for v1, absolute addresses at the public address, and the offline copy carrying it too."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import jsonschema
import pytest

from macros.pages.content_api import API_VERSION, schemas

SNAPSHOT = Path(__file__).parent / "fixtures" / f"api-v{API_VERSION}"


def _headings(page: Path, level: int) -> list[str]:
    html = page.read_text(encoding="utf-8")
    found = re.findall(rf"<h{level}[^>]*>(.*?)</h{level}>", html, re.S)
    return [unescape(re.sub(r"<[^>]+>", "", h)).strip() for h in found]


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _validator(api: Path, name: str):
    schema = _load(api / "schemas" / f"{name}.schema.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_the_shape_of_v1_is_frozen():
    """A change to the API's models is a new version: raise API_VERSION and add its snapshot, never edit v1's."""
    for name, schema in schemas().items():
        assert schema == _load(SNAPSHOT / f"{name}.schema.json"), (
            f"the {name} file's shape changed: a new shape is api/v{API_VERSION + 1} (macros/pages/content_api.py)"
        )


def test_every_file_is_valid_and_matches_its_page(built_site, data_files):
    api = built_site / "api" / "v1"
    index = _load(api / "index.json")
    _validator(api, "index").validate(index)
    kind_index, record_schema = _validator(api, "kind-index"), _validator(api, "record")
    checked = 0
    for kind in index["kinds"]:
        listing = _load(built_site / kind["index"])
        kind_index.validate(listing)
        assert {r["id"] for r in listing["records"]} == set(data_files[kind["kind"]]) and kind["count"] == len(
            data_files[kind["kind"]]
        )
        for entry in listing["records"]:
            record = _load(built_site / entry["api"])
            record_schema.validate(record)
            page = built_site / record["url"] / "index.html"
            assert _headings(page, 1) == [record["name"]] == [data_files[kind["kind"]][entry["id"]]["name"]]
            assert record["also_known_as"] == data_files[kind["kind"]][entry["id"]].get("also_known_as", [])
            for group in record["related"]:
                for link in group["records"]:
                    assert (built_site / link["url"] / "index.html").is_file() and (built_site / link["api"]).is_file()
            assert {s["title"] for s in record["sections"]} <= set(_headings(page, 2)), page
            checked += 1
    assert checked == sum(len(v) for v in data_files.values())


def test_a_record_carries_its_help_sources_and_review(built_site, data_files):
    record = _load(built_site / "api" / "v1" / "conditions" / "degenerative-cervical-myelopathy.json")
    assert record["when_to_get_help"]["emergency"] and record["review"]["status"] == "draft"
    cited = {s for section in record["sections"] for s in section["sources"]}
    assert cited and cited <= {s["id"] for s in record["sources"]}
    assert all("[@" not in section["text"] for section in record["sections"])
    assert {q["question"] for q in record["faqs"]}


def test_addresses_are_absolute_at_the_public_address(public_site):
    api = public_site.site / "api" / "v1"
    index = _load(api / "index.json")
    assert index["site_url"] == public_site.url
    assert index["kinds"][0]["index"] == public_site.url + "api/v1/conditions/index.json"
    record = _load(api / "symptoms" / "tingling.json")
    assert record["url"] == public_site.url + "symptoms/tingling/"
    assert all(link["api"].startswith(public_site.url + "api/v1/") for g in record["related"] for link in g["records"])


@pytest.mark.parametrize("name", ["index", "kind-index", "record"])
def test_a_wrong_file_fails_its_schema(built_site, name):
    """The schemas reject what they should, so the validity check above can fail."""
    api = built_site / "api" / "v1"
    sample = {
        "index": api / "index.json",
        "kind-index": api / "symptoms" / "index.json",
        "record": api / "symptoms" / "tingling.json",
    }[name]
    broken = {**_load(sample), "unexpected": 1}
    with pytest.raises(jsonschema.ValidationError):
        _validator(api, name).validate(broken)


def test_a_clinic_copy_names_its_own_emergency_number(clinic_site):
    """As on its pages, a clinic's API and structured data say its number, never 'your local emergency number'."""
    from schemaorg import page_jsonld

    record = (clinic_site / "api" / "v1" / "conditions" / "degenerative-cervical-myelopathy.json").read_text()
    faq = json.dumps(page_jsonld((clinic_site / "faq" / "index.html").read_text())[0])
    for text in (record, faq):
        assert "your local emergency number" not in text and "call 999" in text
