"""`make new KIND=symptom ID=foot-drop`: a new record with every field explained, valid at once.

The comments come from the models' field descriptions and the vocabularies, so the skeleton
stays in step with what the loader accepts.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from pydantic import BaseModel

from macros.data import models
from macros.data.models import SECTION_TITLES, SUMMARY_MAX_WORDS

KINDS = {**{kind.singular: kind.folder for kind in models.KINDS}, "faq": "faqs"}
"""`make new KIND=...` -> folder under data/."""

RELATION_HINTS = {
    "symptoms": "symptoms it can cause, by id (ls data/symptoms)",
    "causes": "causes and risk factors, by id (ls data/causes)",
    "tests": "tests used to find it, by id (ls data/tests)",
    "treatments": "treatments, by id (ls data/treatments)",
    "look_alikes": "conditions it can be mistaken for, by id (ls data/conditions)",
    "caused_by": "other conditions that can lead to it, by id (ls data/conditions)",
    "body_regions": "where in the body",
    "related": "pages that show this FAQ, as kind/id, e.g. conditions/degenerative-cervical-myelopathy",
}


class SkeletonError(ValueError):
    pass


def _vocab_note(info, vocab: models.Vocabularies) -> tuple[str | None, list[str]]:
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    name = extra.get("x-vocabulary")
    return (name, [t.id for t in getattr(vocab, name)]) if name else (None, [])


def _comment(text: str) -> str:
    return f"# {text}\n"


def skeleton(kind: str, record_id: str, vocab: models.Vocabularies, today: dt.date | None = None) -> str:
    folder = KINDS[kind]
    model: type[BaseModel] = models.RECORD_KINDS.get(folder, models.Faq)
    today = today or dt.date.today()
    out = [
        f"# yaml-language-server: $schema=../schemas/{kind}.schema.json\n",
        f"# A new {kind}. Every field is explained above it; see EDITORS.md for more.\n",
    ]
    for name, info in model.model_fields.items():
        vocab_name, terms = _vocab_note(info, vocab)
        if info.description:
            out.append(_comment(info.description))
        if name == "name":
            out.append(f"name: {record_id.replace('-', ' ').capitalize()}\n")
        elif name == "question":
            out.append(f"question: {record_id.replace('-', ' ').capitalize()}?\n")
        elif name == "also_known_as":
            out.append(_comment("Lay words first, then medical names: search finds the page by each of them."))
            out.append("also_known_as:\n  - Another name readers use\n")
        elif name in ("summary", "answer"):
            out.append(
                _comment(f"Plain words, at most {SUMMARY_MAX_WORDS} words for a summary. Cite each fact: [@ID].")
            )
            out.append(f"{name}: Write this in plain words, then cite the source of each fact.\n")
        elif name == "sections":
            out.append(_comment("Use the sections that fit; leave out the rest. Cite each fact with [@ID]."))
            out.append("sections:\n")
            for key, title in SECTION_TITLES.items():
                out.append(f"  # {title}\n")
                out.append(
                    f"  {key}: Write the '{title.lower()}' section here.\n" if key == "what_it_is" else f"  # {key}:\n"
                )
        elif name == "when_to_get_help":
            out.append(
                _comment(
                    "Ids of situations in data/help.yml, each under the level that file gives it "
                    "(for example cord-getting-worse under urgent)."
                )
            )
            out.append("when_to_get_help:\n  emergency: []\n  urgent: []\n  routine: []\n")
        elif name == "review":
            out.append(
                _comment(
                    "A draft until a clinician signs it off with make sign-off, which writes the reviewer, "
                    "the dates and the fingerprint here. Never write them by hand (see EDITORS.md)."
                )
            )
            out.append("review:\n  status: draft\n")
        elif vocab_name:
            out.append(_comment(f"One of: {', '.join(terms)}"))
            is_list = "list" in str(info.annotation)
            out.append(f"{name}: [{terms[0]}]\n" if is_list else f"{name}: {terms[0]}\n")
        else:
            if name in RELATION_HINTS:
                out.append(_comment(f"List {RELATION_HINTS[name]}; the other page links back by itself."))
            out.append(f"{name}: []\n")
    return "".join(out)


def write_skeleton(data_dir: Path, kind: str, record_id: str, vocab: models.Vocabularies) -> Path:
    if kind not in KINDS:
        raise SkeletonError(f"KIND must be one of: {', '.join(KINDS)}")
    if not re.match(models.RECORD_ID, record_id or ""):
        raise SkeletonError(f"ID '{record_id}' must be lower-case words joined by hyphens, like foot-drop")
    path = data_dir / KINDS[kind] / f"{record_id}.yml"
    if path.exists():
        raise SkeletonError(f"{path} already exists; choose another ID or edit that file")
    path.write_text(skeleton(kind, record_id, vocab), encoding="utf-8")
    return path
