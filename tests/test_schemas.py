"""The committed JSON Schemas match the models, and every data file points its editor at one."""

from __future__ import annotations

import json

import pytest
from support import ROOT

from macros.data.loader import load_site
from macros.tools.schemas import FOLDER_SCHEMAS, SCHEMA_MODELS, TRANSLATED_SCHEMAS, build_schemas, render

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


ALL_SCHEMAS = (*SCHEMA_MODELS, *(f"{name}.translation" for name in TRANSLATED_SCHEMAS))


def schema_of(path) -> str:
    """The schema a data file follows; x.es.yml is the Spanish translation of x.yml."""
    stem, _, language = path.stem.partition(".")
    name = FOLDER_SCHEMAS.get(path.parent.name) or stem
    return f"{name}.translation" if language and name != "search" else name  # search.es.yml: its own words


@pytest.mark.parametrize("path", sorted(DATA.glob("**/*.yml")), ids=lambda p: str(p.relative_to(DATA)))
def test_every_data_file_names_its_schema(path):
    first = path.read_text().splitlines()[0]
    name = schema_of(path)
    prefix = "../" if path.parent.name in FOLDER_SCHEMAS else ""
    assert name in ALL_SCHEMAS
    assert first == f"# yaml-language-server: $schema={prefix}schemas/{name}.schema.json", path


def _check_jsonschema(*args: str):
    import subprocess
    import sys
    from pathlib import Path

    tool = Path(sys.executable).with_name("check-jsonschema")
    return subprocess.run([str(tool), *args], capture_output=True, text=True, cwd=ROOT)


@pytest.mark.parametrize("name", sorted(ALL_SCHEMAS))
def test_each_schema_passes_the_metaschema_check_with_ecmascript_patterns(name):
    """Editors' YAML tools read these schemas: every pattern must be an ECMAScript regex."""
    result = _check_jsonschema("--check-metaschema", f"data/schemas/{name}.schema.json")
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_data_file_is_accepted_by_its_schema():
    by_schema: dict[str, list[str]] = {}
    for path in sorted(DATA.glob("**/*.yml")):
        by_schema.setdefault(schema_of(path), []).append(str(path))
    assert len(by_schema) >= 12
    for name, paths in by_schema.items():
        result = _check_jsonschema("--schemafile", f"data/schemas/{name}.schema.json", *paths)
        assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_fails_on_a_pattern_ecmascript_rejects(tmp_path):
    bad = tmp_path / "bad.schema.json"
    bad.write_text(json.dumps({"type": "string", "pattern": '^[^\\s<>\\"]+$'}))
    assert _check_jsonschema("--check-metaschema", str(bad)).returncode != 0
