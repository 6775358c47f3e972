"""Checks JSON-LD against the pinned schema.org vocabulary (tests/fixtures/schemaorg-vocabulary.json, made by
tests/tools/vendor_schemaorg.py from a schema.org release), and Google's required fields for FAQ and
breadcrumb rich results."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

VOCABULARY = Path(__file__).parent / "fixtures" / "schemaorg-vocabulary.json"
DATA_TYPES = {"Text", "URL", "Date", "DateTime", "Time", "Number", "Integer", "Float", "Boolean"}
JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@cache
def vocabulary() -> dict:
    return json.loads(VOCABULARY.read_text(encoding="utf-8"))


def ancestors(type_name: str) -> set[str]:
    """The type and every type above it."""
    found, todo = set(), [type_name]
    while todo:
        current = todo.pop()
        if current not in found:
            found.add(current)
            todo.extend(vocabulary()["types"].get(current, []))
    return found


def _types(node: dict) -> list[str]:
    value = node.get("@type", [])
    return value if isinstance(value, list) else [value]


def problems(node, where: str = "$") -> list[str]:
    """Every way the node breaks the vocabulary: unknown types or properties, a property on a type outside its
    domain, a value of a type outside its range."""
    if isinstance(node, list):
        return [p for i, item in enumerate(node) for p in problems(item, f"{where}[{i}]")]
    if not isinstance(node, dict):
        return []
    vocab = vocabulary()
    types = _types(node)
    found = [f"{where}: unknown type {t}" for t in types if t not in vocab["types"]]
    if not types and where != "$":
        found.append(f"{where}: a node without @type")
    above = set().union(*(ancestors(t) for t in types)) if types else set()
    for key, value in node.items():
        if key.startswith("@"):
            continue
        prop = vocab["properties"].get(key)
        if prop is None:
            found.append(f"{where}.{key}: not a schema.org property")
            continue
        if not above & set(prop["domain"]):
            found.append(f"{where}.{key}: not a property of {types} (its domain is {prop['domain']})")
        for item in value if isinstance(value, list) else [value]:
            found += _range_problems(item, prop["range"], f"{where}.{key}")
        found += problems(value, f"{where}.{key}")
    return found


def _range_problems(value, expected: list[str], where: str) -> list[str]:
    if isinstance(value, dict):
        value_types = set().union(*(ancestors(t) for t in _types(value)))
        if not value_types & set(expected):
            return [f"{where}: a {_types(value)} where schema.org expects {expected}"]
        return []
    if isinstance(value, str) and (set(expected) & DATA_TYPES or where.endswith((".item", ".url"))):
        return []
    if isinstance(value, int) and set(expected) & {"Integer", "Number"}:
        return []
    return [f"{where}: {value!r} is not a value schema.org expects here ({expected})"]


def rich_result_problems(graph: dict) -> list[str]:
    """Google's required fields: a breadcrumb's items have position 1..n, a name and (all but the last) an item;
    an FAQ page's questions have a name and an accepted answer with text."""
    found = []
    breadcrumb = graph.get("breadcrumb")
    crumbs = breadcrumb.get("itemListElement", []) if isinstance(breadcrumb, dict) else []
    if not crumbs:
        found.append("no breadcrumb")
    for index, crumb in enumerate(crumbs, start=1):
        if crumb.get("position") != index or not crumb.get("name"):
            found.append(f"breadcrumb item {index} lacks its position or name")
        if index < len(crumbs) and not crumb.get("item"):
            found.append(f"breadcrumb item {index} has no address")
    if "FAQPage" in _types(graph):
        questions = graph.get("mainEntity") or []
        if not questions:
            found.append("an FAQPage with no questions")
        for q in questions:
            if not (q.get("@type") == "Question" and q.get("name") and q.get("acceptedAnswer", {}).get("text")):
                found.append(f"question {q.get('name')!r} lacks its name or answer text")
    return found


def page_jsonld(html: str) -> list[dict]:
    return [json.loads(block) for block in JSONLD.findall(html)]
