"""Projects for the benchmark: the generator over synthetic data, and the plain-MkDocs baseline
built from the generator's own rendered Markdown."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import yaml

from bench.synthetic import write_synthetic

ROOT = Path(__file__).resolve().parent.parent
GENERIC_DOCS = ("faq.md", "glossary.md", "sources.md", "when-to-get-help.md")
INDEX = """---
title: Myelopathy Guide
---

# Myelopathy Guide

## Start from what you notice

{{ symptom_finder() }}

## Conditions

{{ record_links("conditions") }}
"""
NAV = [
    {"Home": "index.md"},
    {"What you notice": "symptoms/index.md"},
    {"Conditions": "conditions/index.md"},
    {"Causes": "causes/index.md"},
    {"Tests": "tests/index.md"},
    {"Treatments": "treatments/index.md"},
    {"Compare": "compare/index.md"},
    {"Questions": "faq.md"},
    {"When to get help": "when-to-get-help.md"},
    {"Glossary": "glossary.md"},
    {"Sources": "sources.md"},
]


def base_config() -> dict:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text())
    config["nav"] = NAV
    config.pop("not_in_nav", None)
    config["validation"] = {"omitted_files": "info", "links": {"not_found": "warn", "anchors": "warn"}}
    return config


def generator_project(dest: Path, total: int | None, seed: int = 1) -> Path:
    """The real generator over synthetic data (or the real data when `total` is None)."""
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "docs").mkdir(parents=True)
    for part in ("macros", "overrides"):
        os.symlink(ROOT / part, dest / part)
    if total is None:
        shutil.copytree(ROOT / "data", dest / "data")
    else:
        write_synthetic(dest / "data", total, seed)
    for name in GENERIC_DOCS:
        shutil.copy2(ROOT / "docs" / name, dest / "docs" / name)
    (dest / "docs" / "index.md").write_text(INDEX)
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(base_config(), sort_keys=False))
    return dest


def baseline_project(dest: Path, markdown_dir: Path, guide: dict) -> Path:
    """Plain MkDocs + Material: the same theme, overrides, extensions and nav, and the
    generator's rendered Markdown as static pages; no macros, no hooks, no data."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    shutil.copytree(markdown_dir, dest / "docs")
    os.symlink(ROOT / "overrides", dest / "overrides")
    config = base_config()
    config.pop("hooks")
    config.pop("watch", None)
    config["plugins"] = [p for p in config["plugins"] if not (isinstance(p, dict) and "macros" in p)]
    config["extra"] = {**config.get("extra", {}), "guide": guide}
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    return dest
