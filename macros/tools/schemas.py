"""JSON Schemas for editors' YAML tools, generated from the models and the vocabularies."""

from __future__ import annotations

import json
from pathlib import Path

from macros.data import models
from macros.data.clinic import Clinic
from macros.data.search_terms import SearchTerms
from macros.data.translation import LIST_FILES, TRANSLATABLE, TranslationInfo

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

TRANSLATED_SCHEMAS = (
    *(kind.singular for kind in models.KINDS),
    "faq",
    "comparison",
    "glossary",
    "settings",
    "vocabularies",
    "help",
    "clinic",
)
"""Files that may have a translation beside them: each gets <name>.translation.schema.json."""

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
    for name in TRANSLATED_SCHEMAS:
        out[f"{name}.translation"] = translation_schema(name, out[name])
    return out


_ITEM_KEYS = ("id", "key")
"""What names a list item in a translation (a glossary term or help situation by id, a column by key)."""


def translation_schema(name: str, schema: dict) -> dict:
    """The schema of a translation of a `name` file: only the texts a translation may hold
    (data/translation.py TRANSLATABLE), none of them required, and the `translation:` block."""
    by_name = {cls.__name__: fields for cls, fields in TRANSLATABLE.items()}
    for cls, fields in TRANSLATABLE.items():
        for sub in cls.__subclasses__():
            by_name.setdefault(sub.__name__, fields)

    def keep(node: dict, fields) -> dict:
        props = node.get("properties", {})
        node = {**node, "properties": {k: v for k, v in props.items() if k in fields or k in _ITEM_KEYS}}
        node["required"] = [k for k in node.get("required", []) if k in _ITEM_KEYS]
        if not node["required"]:
            del node["required"]
        return node

    out = dict(schema)
    title = schema.get("title", "")
    model = SCHEMA_MODELS[name]
    if name in LIST_FILES or name == "vocabularies":
        out = keep(out, tuple(out.get("properties", {})))
    else:
        out = keep(out, by_name.get(model.__name__) or by_name.get(title, ()))
    out["$defs"] = {d: keep(v, by_name[d]) if d in by_name else v for d, v in schema.get("$defs", {}).items()}
    info = TranslationInfo.model_json_schema()
    out["$defs"].update(info.pop("$defs", {}))
    out["$defs"]["TranslationInfo"] = info
    out["properties"]["translation"] = {"$ref": "#/$defs/TranslationInfo"}
    out["$id"] = f"{name}.translation.schema.json"
    out["title"] = f"Translation of {title or name}"
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
