"""The committed JSON Schemas match the models, and every data file points its editor at one."""

from __future__ import annotations

import json

import pytest
from support import ROOT

from macros.loader import load_site
from macros.schemas import FOLDER_SCHEMAS, SCHEMA_MODELS, build_schemas, render

DATA = ROOT / "data"


def test_committed_schemas_match_the_models():
    fresh = build_schemas(load_site(DATA).vocab)
    for name, schema in fresh.items():
        path = DATA / "schemas" / f"{name}.schema.json"
        assert path.is_file(), f"{path} is missing: run `make schemas`"
        assert path.read_text() == render(schema), f"{path.name} is out of date: run `make schemas` and commit"


def test_vocabularies_become_enums():
    symptom = json.loads((DATA / "schemas" / "symptom.schema.json").read_text())
    assert symptom["properties"]["urgency"]["enum"] == ["emergency", "urgent", "routine"]
    assert "neck" in symptom["properties"]["body_regions"]["items"]["enum"]
    assert symptom["additionalProperties"] is False


@pytest.mark.parametrize("path", sorted(DATA.glob("**/*.yml")), ids=lambda p: str(p.relative_to(DATA)))
def test_every_data_file_names_its_schema(path):
    first = path.read_text().splitlines()[0]
    folder = path.parent.name
    name = FOLDER_SCHEMAS.get(folder) or path.stem
    prefix = "../" if folder in FOLDER_SCHEMAS else ""
    assert name in SCHEMA_MODELS
    assert first == f"# yaml-language-server: $schema={prefix}schemas/{name}.schema.json", path
