"""The synthetic data generator: deterministic, valid against the models, and the generator
builds it at a few hundred records with every page in place."""

from __future__ import annotations

import hashlib
import os

from support import ROOT, english_yml, run_build

from bench.project import generator_project
from bench.synthetic import write_synthetic
from macros.build.environment import load_graph


def digest(folder):
    return hashlib.sha256(b"".join(p.read_bytes() for p in sorted(folder.rglob("*.yml")))).hexdigest()


def test_same_seed_same_data_other_seed_other_data(tmp_path):
    write_synthetic(tmp_path / "a", 120, seed=7)
    write_synthetic(tmp_path / "b", 120, seed=7)
    write_synthetic(tmp_path / "c", 120, seed=8)
    assert digest(tmp_path / "a") == digest(tmp_path / "b") != digest(tmp_path / "c")


def test_synthetic_data_is_valid_and_linked(tmp_path):
    counts = write_synthetic(tmp_path / "data", 500, seed=1)
    site = load_graph(tmp_path / "data")
    assert sum(counts.values()) >= 490
    for condition_id in site.data.records["conditions"]:
        groups = {group.title: group.ids for group in site.related("conditions", condition_id)}
        assert len(groups["Symptoms"]) >= 4 and len(groups["Treatments"]) >= 3


def test_the_generator_builds_300_records(tmp_path):
    project = generator_project(tmp_path / "project", 300)
    assert os.path.islink(project / "macros") and (ROOT / "macros").samefile(project / "macros")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    site = tmp_path / "site"
    for kind in ("conditions", "symptoms", "causes", "tests", "treatments"):
        ids = {path.stem for path in english_yml(project / "data" / kind)}
        built = {path.parent.name for path in (site / kind).glob("*/index.html")}
        assert ids, f"the synthetic data has no {kind}"
        assert built == ids, f"{kind}: pages missing for {sorted(ids - built)[:5]}, extra {sorted(built - ids)[:5]}"
