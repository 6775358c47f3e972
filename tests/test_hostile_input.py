"""Hostile or careless input: every case is refused with one file:line sentence, quickly, or
published harmlessly. The fixtures in fixtures/invalid/ cover one case per class with its exact
message (test_data_errors.py runs them); these tests cover what a fixture folder cannot hold
(links, huge files, renamed sources) and the models' own limits."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from support import ROOT, copy_project, run_build, run_check

from macros.data.clinic import Clinic
from macros.data.text import check_safe_text

CLINIC = "name: Riverside Spine Clinic\nphone: 020 7946 0000\nbooking: Call us to book.\n"
CLINIC += 'emergency_number: "999"\nurgent_care: call NHS 111\n'
FOOT_DROP = (
    "name: Foot drop\nsummary: The front of the foot is hard to lift [@D1].\nurgency: urgent\n"
    "sections:\n  what_it_is: {what}\nreview:\n  status: draft\n"
)
QUICK = 60
"""Seconds any check of adversarial input may take before it counts as a hang (real runs take about 1)."""


def check(project) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-m", "macros.tools.cli", "--data", str(project / "data"), "check"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=QUICK,
    )
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    return result


@pytest.mark.parametrize("phone", ["(555) 010-4477", "+1 (555) 010-4477", "020 7946 0000", "+44 20 7946 0000"])
def test_usual_phone_forms_are_accepted(phone):
    Clinic.model_validate({**_clinic(), "phone": phone})


def _clinic():
    return {
        "name": "Riverside",
        "phone": "020 7946 0000",
        "booking": "Call us.",
        "emergency_number": "999",
        "urgent_care": "call the advice line",
    }


@pytest.mark.parametrize(
    "text",
    [
        "Plain text with *emphasis*, **bold** and a citation [@D1].",
        "- a list item [@D1]\n- another (with brackets), 5% and 1.5 mm [@D1]\n\n1. numbered\n2. items",
        "Ask: ¿qué pasa? Café, naïve, 10 °C, £5 or €5 & more; “quotes” and ‘quotes’ [@D1].",
    ],
)
def test_ordinary_prose_is_allowed(text):
    assert check_safe_text(text) == text


def test_each_markup_rule_is_searched_in_every_text_it_could_match():
    """The inline rules are searched only where a quick test says a match is possible: that test must
    let through every text the rule matches (case-blind forms and look-alike letters included)."""
    import random

    import yaml

    from macros.data.text import _INLINE_RULES

    texts = []

    def strings(value):
        if isinstance(value, str):
            texts.append(value)
        for item in value.values() if isinstance(value, dict) else value if isinstance(value, list) else ():
            strings(item)

    for path in sorted((ROOT / "data").rglob("*.yml")):
        strings(yaml.safe_load(path.read_text(encoding="utf-8")))
    pieces = ["JavaScript:", "vbscript:", "DATA:", "file:", "HTTPS:", "http:", "Ftp:", "WWW.", "wWw.", "xwww.", "&amp;"]
    pieces += ["&#60;", "++", "a", "s", "\u017f", "\u0130", "\u212a", ":", ".", " ", "w", "W", "&", ";", "+", "\n", "é"]
    pick = random.Random(17)
    texts += ["".join(pick.choice(pieces) for _ in range(pick.randint(1, 12))) for _ in range(50_000)]
    for pattern, _message, may_match in _INLINE_RULES:
        matched = [text for text in texts if pattern.search(text)]
        assert len(matched) > 100, f"the samples never exercise {pattern.pattern}"
        missed = [text for text in matched if not may_match(text)]
        assert not missed, f"{pattern.pattern} matches {missed[:3]}, which its quick test skips"


def test_a_huge_field_is_refused_in_a_sentence_not_published(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "data" / "symptoms" / "foot-drop.yml").write_text(FOOT_DROP.format(what="word " * 4_000_000))
    result = check(project)
    assert result.returncode == 1
    assert "data/symptoms/foot-drop.yml:1: file: is 20,000,135 bytes; the most a data file may be is 2,000,000" in (
        result.stderr
    )


def test_a_field_near_the_file_limit_is_refused_by_its_own_limit(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "data" / "symptoms" / "foot-drop.yml").write_text(FOOT_DROP.format(what="word " * 300_000))
    result = check(project)
    assert "data/symptoms/foot-drop.yml:5: field 'sections.what_it_is': has 1,499,999 characters; the most" in (
        result.stderr
    )


def test_tens_of_thousands_of_citations_are_refused(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "data" / "symptoms" / "foot-drop.yml").write_text(FOOT_DROP.format(what="x" + "[@D1]" * 30_000))
    result = check(project)
    assert result.returncode == 1 and "sections.what_it_is" in result.stderr


def test_a_logo_that_is_a_link_out_of_data_is_refused(tmp_path):
    project = copy_project(tmp_path / "project")
    outside = tmp_path / "secret.png"
    outside.write_bytes(b"\x89PNG\r\n\x1a\nsecret")
    (project / "data" / "clinic").mkdir()
    (project / "data" / "clinic" / "logo.png").symlink_to(outside)
    (project / "data" / "clinic.yml").write_text(CLINIC + "logo: clinic/logo.png\n")
    result = check(project)
    assert "data/clinic.yml:6: field 'logo': data/clinic/logo.png is a symbolic link; copy the image itself" in (
        result.stderr
    )


def test_a_renamed_source_is_reported_once_with_the_count_of_places(tmp_path):
    project = copy_project(tmp_path / "project")
    sources = project / "data" / "sources.yml"
    sources.write_text(sources.read_text().replace("- id: D1\n", "- id: D1X\n", 1))
    result = check(project)
    lines = [line for line in result.stderr.splitlines() if line.startswith("  ")]
    assert result.stderr.startswith("The data has 1 problem;"), result.stderr[:3000]
    assert "cites 'D1', which is not in data/sources.yml (did you mean 'D1X'?) (" in lines[0]
    assert "other places cite it too); fix the id or add the source" in lines[0]


def test_a_broken_sources_file_is_one_problem_not_one_per_citation(tmp_path):
    project = copy_project(tmp_path / "project")
    sources = project / "data" / "sources.yml"
    sources.write_text(sources.read_text() + "  - id: [broken\n")
    result = check(project)
    assert result.stderr.startswith("The data has 1 problem;"), result.stderr[:3000]
    assert "data/sources.yml:" in result.stderr and "YAML syntax error" in result.stderr


def test_a_flood_of_problems_is_cut_to_the_first_hundred(tmp_path):
    project = copy_project(tmp_path / "project")
    for index in range(120):
        (project / "data" / "symptoms" / f"broken-{index}.yml").write_text("name: [\n")
    result = check(project)
    assert "The data has 120 problems" in result.stderr
    assert "... and 20 more; fix the ones above and check again" in result.stderr
    assert len(result.stderr.splitlines()) == 102


def test_the_real_data_still_passes():
    assert run_check(ROOT).returncode == 0


@pytest.mark.parametrize(
    "addition,message",
    [
        ("<img src=x onerror=alert(1)>", "contains HTML ('<img src=x onerr'); write Markdown, or ask for a macro"),
        ("[a link](https://evil.example/)", "links or points to another host ('](https://evil.e')"),
        ("![a picture](//evil.example/x.png)", "links or points to another host ('](//evil.example')"),
        ("Some text {: onclick=alert(1) }", "sets HTML attributes ('{: onclick=alert'); remove them"),
        ("*[NHS]: Click here", "defines an abbreviation ('*[NHS]: Click he'); the glossary explains terms"),
        ("[ref]: https://evil.example/", "links or points to another host ('[ref]: https://e')"),
    ],
    ids=["html", "outside-link", "outside-image", "attribute-list", "abbreviation", "link-definition"],
)
def test_markup_in_a_page_is_refused_with_its_line(tmp_path, addition, message):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "prevention.md"
    page.write_text(page.read_text() + f"\n{addition}\n")
    result = run_build(project, tmp_path / "out")
    line = len(page.read_text().splitlines())
    assert result.returncode != 0
    assert f"docs/prevention.md:{line}: {message}" in result.stdout + result.stderr


@pytest.mark.parametrize(
    "expression,reason",
    [
        ("{{ config }}", "'config' is undefined"),
        ("{{ macros_info() }}", "'macros_info' is undefined"),
        ("{{ ''.__class__.__mro__ }}", "access to attribute '__class__' of 'str' object is unsafe"),
        ("{{ help_box.__globals__ }}", "__globals__"),
        ("{{ range.__init__.__globals__['os'] }}", "__init__"),
    ],
)
def test_page_templates_cannot_reach_the_configuration_or_python(tmp_path, expression, reason):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "prevention.md"
    page.write_text(page.read_text() + f"\n{expression}\n")
    out = tmp_path / "out"
    result = run_build(project, out)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "docs/prevention.md: the page's template uses something pages cannot reach" in output
    assert reason in output
    assert not (out / "prevention" / "index.html").exists()


def test_pages_cannot_read_git_so_a_build_asks_git_nothing(tmp_path):
    """The macros plugin's `git` variable (a dozen git commands per build) is left empty because no page
    can read it: a page that tries is refused, and a git that logs its calls is never called."""
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "prevention.md"
    page.write_text(page.read_text() + "\n{{ git.short_commit }}\n")
    fake = tmp_path / "bin"
    fake.mkdir()
    calls = tmp_path / "git-calls.txt"
    (fake / "git").write_text(f'#!/bin/sh\necho "$@" >> "{calls}"\nexit 128\n')
    (fake / "git").chmod(0o755)
    env = {**os.environ, "PATH": f"{fake}{os.pathsep}{os.environ['PATH']}", "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(["git", "--version"], env=env, check=False)
    assert calls.read_text() == "--version\n", "the logging git is not the one a build would find"
    calls.unlink()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "out")],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "'git' is undefined" in output
    assert not calls.exists(), f"the build ran git: {calls.read_text()}"
