"""The link graph: relations are merged by relation id, never by title, and each page lists a
related record once per relation."""

from __future__ import annotations

from support import ROOT

from macros.build.environment import load_graph
from macros.data.registry import RELATIONS

SITE = load_graph(ROOT / "data")


def test_look_alikes_named_on_both_ends_make_one_group_without_duplicates():
    """Carpal tunnel names DCM as a look-alike and DCM names carpal tunnel: one group on each page."""
    for kind, record_id in (
        ("conditions", "carpal-tunnel-syndrome"),
        ("conditions", "degenerative-cervical-myelopathy"),
    ):
        groups = [g for g in SITE.related(kind, record_id) if g.relation == "conditions.look_alikes"]
        assert len(groups) == 1, groups
        assert len(groups[0].ids) == len(set(groups[0].ids))
    dcm = next(
        g for g in SITE.related("conditions", "degenerative-cervical-myelopathy") if g.relation.endswith("look_alikes")
    )
    assert "carpal-tunnel-syndrome" in dcm.ids


def test_every_link_has_a_way_back():
    """Whatever a record links to lists the record under the same relation, reversed."""
    for rel in RELATIONS:
        for record_id, entry in SITE.data.records[rel.source_kind].items():
            for target in getattr(entry.model, rel.field):
                back = [g for g in SITE.related(rel.target_kind, target) if g.relation == rel.id]
                assert any(record_id in g.ids for g in back), f"{rel.target_kind}/{target} does not list {record_id}"
