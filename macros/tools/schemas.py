"""JSON Schemas for editors' YAML tools, generated from the models and the vocabularies."""

from __future__ import annotations

import json
from pathlib import Path

from macros.data import models
from macros.data.clinic import Clinic
from macros.data.search_terms import SearchTerms

SCHEMA_MODELS = {
    **{kind.singular: kind.model for kind in models.KINDS},
    "faq": models.Faq,
    "comparison": models.Comparison,
    "glossary": models.Glossary,
    "sources": models.Bibliography,
    "settings": models.Settings,
    "vocabularies": models.Vocabularies,
    "help": models.HelpSituations,
    "clinic": Clinic,
    "search": SearchTerms,
}
"""Schema file name (data/schemas/<name>.schema.json) -> model."""

FOLDER_SCHEMAS = {**{kind.folder: kind.singular for kind in models.KINDS}, "faqs": "faq", "comparisons": "comparison"}


def _with_vocabularies(node, vocab: dict[str, list[str]]):
    """Replace each `x-vocabulary` mark with an enum of that vocabulary's ids."""
    if isinstance(node, dict):
        name = node.pop("x-vocabulary", None)
        if name is not None:
            target = node["items"] if node.get("type") == "array" else node
            target["enum"] = vocab[name]
        for value in node.values():
            _with_vocabularies(value, vocab)
    elif isinstance(node, list):
        for value in node:
            _with_vocabularies(value, vocab)
    return node


def build_schemas(vocabularies: models.Vocabularies) -> dict[str, dict]:
    vocab = {name: [t.id for t in getattr(vocabularies, name)] for name in type(vocabularies).model_fields}
    out = {}
    for name, model in SCHEMA_MODELS.items():
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"{name}.schema.json"
        out[name] = _with_vocabularies(schema, vocab)
    return out


def render(schema: dict) -> str:
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_schemas(data_dir: Path, vocabularies: models.Vocabularies) -> list[Path]:
    folder = data_dir / "schemas"
    folder.mkdir(exist_ok=True)
    written = []
    for name, schema in build_schemas(vocabularies).items():
        path = folder / f"{name}.schema.json"
        path.write_text(render(schema), encoding="utf-8")
        written.append(path)
    return written
