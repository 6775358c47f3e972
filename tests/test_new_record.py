"""`make new` writes a skeleton that explains every field; the build then says what it still needs."""

from __future__ import annotations

import subprocess
import sys

import pytest
from support import copy_project, run_build


def new(project, kind, record_id):
    return subprocess.run(
        [sys.executable, "-m", "macros.tools.cli", "new", kind, record_id],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("kind,folder", [("symptom", "symptoms"), ("condition", "conditions"), ("faq", "faqs")])
def test_a_new_record_explains_itself_and_the_build_says_what_it_still_needs(tmp_path, kind, folder):
    project = copy_project(tmp_path / "project")
    result = new(project, kind, "foot-drop")
    assert result.returncode == 0, result.stderr
    text = (project / "data" / folder / "foot-drop.yml").read_text()
    assert text.startswith(f"# yaml-language-server: $schema=../schemas/{kind}.schema.json")
    assert text.count("\n# ") >= 5, "the skeleton should explain its fields"
    built = run_build(project, tmp_path / "site")
    if folder == "faqs":  # an answer needs nothing more to build
        assert built.returncode == 0, built.stderr[-2000:]
        return
    # A record page is never a stub: the build names each section, the help box and the evidence it lacks.
    assert built.returncode != 0
    problems = [line.strip() for line in built.stderr.splitlines() if line.strip().startswith("data/")]
    assert problems and all(p.startswith(f"data/{folder}/foot-drop.yml:") for p in problems), problems
    assert any("has no why_it_happens" in p for p in problems)
    assert any("needs a help box" in p for p in problems)
    assert any("cites no guideline or peer-reviewed source" in p for p in problems)


def test_bad_kind_id_and_existing_file_are_refused(tmp_path):
    project = copy_project(tmp_path / "project")
    assert "KIND must be one of" in new(project, "symptoms", "foot-drop").stderr
    assert "must be lower-case words joined by hyphens" in new(project, "symptom", "Foot Drop").stderr
    assert "already exists" in new(project, "symptom", "tingling").stderr


def test_one_new_file_adds_its_page_index_entry_and_links_both_ways(tmp_path):
    """No other file is touched: the page, its A-Z entry and the links in both directions all follow."""
    project = copy_project(tmp_path / "project")
    (project / "data" / "symptoms" / "foot-drop.yml").write_text(
        "name: Foot drop\nalso_known_as: [Dropped foot, Toes catch on the ground]\n"
        "summary: The front of the foot is hard to lift, so the toes catch when you walk [@D1].\n"
        "urgency: urgent\nbody_regions: [legs-feet]\nsections:\n  what_it_is: The foot slaps down as you walk [@D1].\n"
        "  why_it_happens: A squeezed nerve root in the lower back can weaken the muscles that lift the foot [@D1].\n"
        "when_to_get_help:\n  urgent: [limb-getting-weaker]\n"
        "treatments: [physiotherapy, walking-aids]\n"
        "review: {status: draft}\n"
    )
    site = tmp_path / "site"
    built = run_build(project, site)
    assert built.returncode == 0, built.stderr[-2000:]
    assert "Foot drop" in (site / "symptoms" / "foot-drop" / "index.html").read_text()
    assert 'href="foot-drop/"' in (site / "symptoms" / "index.html").read_text(), "not in the A-Z index"
    for treatment in ("physiotherapy", "walking-aids"):
        page = (site / "treatments" / treatment / "index.html").read_text()
        assert 'href="../../symptoms/foot-drop/"' in page, f"{treatment} does not link back"
    assert "Dropped foot" in (site / "search" / "search_index.json").read_text()
