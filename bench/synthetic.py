"""Synthetic data for the benchmark and the scale test: seeded, deterministic, valid.

`write_synthetic(dest, total, seed)` writes a data/ folder with about `total` records split
across the five kinds in the real content's proportions, with realistic text lengths, aliases,
citations and relations, plus FAQs and comparisons; settings, vocabularies, help, sources and
glossary are the real ones. Words come from the real content, so Markdown, tooltips and search
see the same kind of text.
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import yaml

from macros.data.content_rules import REQUIRED_SECTIONS, WEAK
from macros.data.models import HELP_LEVELS, SECTION_TITLES

ROOT = Path(__file__).resolve().parent.parent
SHARES = {"conditions": 18, "symptoms": 22, "causes": 16, "tests": 12, "treatments": 22}
SHARED_FILES = ("settings.yml", "vocabularies.yml", "help.yml", "sources.yml", "glossary.yml")
NOTE_WORDS = {"unsourced", "todo", "verified", "editor", "editors", "sources"}
"""Words an editor's note would use ("our sources do not", "editor's note"): left out of random text."""
REVIEW = {"status": "draft"}


class TextMaker:
    def __init__(self, rng: random.Random, real_data: Path):
        self.rng = rng
        text = " ".join(p.read_text() for p in sorted(real_data.glob("*/*.yml")))
        self.words = sorted(set(re.findall(r"\b[a-z]{3,12}\b", text)) - NOTE_WORDS)
        sources = yaml.safe_load((real_data / "sources.yml").read_text())["sources"]
        self.sources = [s["id"] for s in sources if s["kind"] != WEAK]
        self.peer_reviewed = [s["id"] for s in sources if s["kind"] in ("guideline", "systematic-review")]
        situations = yaml.safe_load((real_data / "help.yml").read_text())["situations"]
        self.situations = {level: [s["id"] for s in situations if s["level"] == level] for level in HELP_LEVELS}
        red_flag_lists: dict[str, list[str]] = {}
        for s in situations:
            if s.get("red_flags") and s["level"] == "emergency":
                red_flag_lists.setdefault(s["red_flags"], []).append(s["id"])
        # situation id -> the whole national list it belongs to (never listed in part)
        self.red_flags = {member: members for members in red_flag_lists.values() for member in members}

    def sentence(self, low=8, high=16) -> str:
        words = self.rng.choices(self.words, k=self.rng.randint(low, high))
        return " ".join(words).capitalize()

    def cited(self, low=8, high=16) -> str:
        cites = ", ".join(f"@{s}" for s in self.rng.sample(self.sources, self.rng.randint(1, 2)))
        return f"{self.sentence(low, high)} [{cites}]."

    def help_box(self) -> dict[str, list[str]]:
        box = {
            level: self.rng.sample(ids, min(len(ids), self.rng.randint(0, 2))) for level, ids in self.situations.items()
        }
        for situation_id in list(box["emergency"]):
            for member in self.red_flags.get(situation_id, []):
                if member not in box["emergency"]:
                    box["emergency"].append(member)
        if not any(box.values()):
            box["urgent"] = [self.rng.choice(self.situations["urgent"])]
        return {level: ids for level, ids in box.items() if ids}

    def paragraphs(self) -> str:
        return "\n\n".join(
            " ".join(self.cited() for _ in range(self.rng.randint(2, 4))) for _ in range(self.rng.randint(1, 3))
        )

    def name(self, taken: set[str]) -> str:
        while True:
            candidate = " ".join(self.rng.choices(self.words, k=self.rng.randint(2, 3))).capitalize()
            if candidate.lower() not in taken:
                taken.add(candidate.lower())
                return candidate


def _counts(total: int) -> dict[str, int]:
    scale = total / sum(SHARES.values())
    return {kind: max(2, round(share * scale)) for kind, share in SHARES.items()}


def _record(kind: str, text: TextMaker, taken: set[str], rng: random.Random, vocab: dict) -> dict:
    extra = [key for key in SECTION_TITLES if key not in REQUIRED_SECTIONS[kind]]
    sections = [*REQUIRED_SECTIONS[kind], *rng.sample(extra, rng.randint(0, 2))]
    record = {
        "name": text.name(taken),
        "also_known_as": [text.name(taken) for _ in range(rng.randint(2, 5))],
        "summary": f"{text.sentence(8, 20)} [@{rng.choice(text.peer_reviewed)}].",
        "sections": {key: text.paragraphs() for key in SECTION_TITLES if key in sections},
        "when_to_get_help": text.help_box(),
        "review": REVIEW,
    }
    if kind == "symptoms":
        record["urgency"] = rng.choice(vocab["urgency"])
        record["body_regions"] = rng.sample(vocab["body_regions"], rng.randint(1, 2))
    elif kind == "conditions":
        record["body_regions"] = rng.sample(vocab["body_regions"], rng.randint(1, 3))
    elif kind == "causes":
        record["cause_type"] = rng.choice(vocab["cause_types"])
    elif kind == "tests":
        record["test_kind"] = rng.choice(vocab["test_kinds"])
    elif kind == "treatments":
        record["treatment_kind"] = rng.choice(vocab["treatment_kinds"])
    return record


def _link(records: dict[str, dict[str, dict]], rng: random.Random) -> None:
    ids = {kind: sorted(entries) for kind, entries in records.items()}

    def pick(kind, low, high, exclude=None):
        pool = [i for i in ids[kind] if i != exclude]
        return rng.sample(pool, min(len(pool), rng.randint(low, high)))

    for record_id, record in records["conditions"].items():
        record.update(
            symptoms=pick("symptoms", 4, 8),
            causes=pick("causes", 2, 4),
            tests=pick("tests", 2, 3),
            treatments=pick("treatments", 3, 6),
            look_alikes=pick("conditions", 0, 3, record_id),
        )
    for record in records["symptoms"].values():
        record["treatments"] = pick("treatments", 0, 3)


def write_synthetic(dest: Path, total: int, seed: int = 1, real_data: Path = ROOT / "data") -> dict[str, int]:
    """Write a complete data folder at `dest`; return the number of records of each kind."""
    rng = random.Random(seed)
    text = TextMaker(rng, real_data)
    vocab = {k: [t["id"] for t in v] for k, v in yaml.safe_load((real_data / "vocabularies.yml").read_text()).items()}
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for name in SHARED_FILES:
        shutil.copy2(real_data / name, dest / name)
    glossary = yaml.safe_load((real_data / "glossary.yml").read_text())
    for term in glossary["terms"]:
        term.pop("record", None)  # the real records are not here
    _dump(dest / "glossary.yml", glossary, "glossary", folder_schema=False)
    taken = {
        e["name"].lower()
        for kind in SHARES
        for e in map(lambda p: yaml.safe_load(p.read_text()), (real_data / kind).glob("*.yml"))
    }
    records: dict[str, dict[str, dict]] = {}
    for kind, count in _counts(total).items():
        records[kind] = {f"{kind[:-1]}-{n:05d}": _record(kind, text, taken, rng, vocab) for n in range(count)}
    _link(records, rng)
    for kind, entries in records.items():
        (dest / kind).mkdir()
        for record_id, record in entries.items():
            _dump(dest / kind / f"{record_id}.yml", record, kind[:-1])
    _write_faqs_and_comparisons(dest, records, text, rng, vocab, total)
    return {kind: len(entries) for kind, entries in records.items()}


def _write_faqs_and_comparisons(dest, records, text, rng, vocab, total):
    refs = [f"{kind}/{rid}" for kind, entries in records.items() for rid in entries]
    (dest / "faqs").mkdir()
    for n in range(max(5, total // 6)):
        faq = {
            "question": text.sentence(5, 10) + "?",
            "group": rng.choice(vocab["faq_groups"]),
            "answer": text.paragraphs(),
            "related": rng.sample(refs, rng.randint(1, 3)),
            "review": REVIEW,
        }
        _dump(dest / "faqs" / f"faq-{n:05d}.yml", faq, "faq")
    (dest / "comparisons").mkdir()
    conditions = sorted(records["conditions"])
    for n in range(max(1, total // 13)):
        columns = [{"key": f"column-{c}", "label": text.sentence(1, 3)} for c in range(rng.randint(3, 5))]
        rows = [
            {"record": f"conditions/{rid}", "cells": {c["key"]: text.cited(3, 10) for c in columns}}
            for rid in rng.sample(conditions, min(len(conditions), rng.randint(2, 6)))
        ]
        comparison = {
            "title": text.sentence(3, 6),
            "summary": text.cited(8, 16),
            "columns": columns,
            "rows": rows,
            "review": REVIEW,
        }
        _dump(dest / "comparisons" / f"comparison-{n:05d}.yml", comparison, "comparison")


def _dump(path: Path, document: dict, schema: str, folder_schema: bool = True) -> None:
    header = f"# yaml-language-server: $schema={'../' if folder_schema else ''}schemas/{schema}.schema.json\n"
    path.write_text(header + yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100))
