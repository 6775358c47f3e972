"""Every kind of data mistake stops the build with one clear line per problem.

Each folder in fixtures/invalid/ is laid over a copy of data/; its expected.txt holds the exact
lines the check must print.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import copy_project, run_build, run_check

FIXTURES = Path(__file__).parent / "fixtures" / "invalid"
RULES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())


def with_fixture(tmp_path: Path, rule: str) -> Path:
    project = copy_project(tmp_path / "project")
    for src in (FIXTURES / rule).rglob("*"):
        if src.is_file() and src.name != "expected.txt":
            dest = project / "data" / src.relative_to(FIXTURES / rule)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest)
    return project


@pytest.mark.parametrize("rule", RULES)
def test_each_rule_reports_file_line_field_and_fix(tmp_path, rule):
    project = with_fixture(tmp_path, rule)
    result = run_check(project)
    assert result.returncode == 1, result.stdout + result.stderr
    printed = [line.strip() for line in result.stderr.splitlines()]
    for expected in (FIXTURES / rule / "expected.txt").read_text().splitlines():
        assert expected in printed, f"expected line missing:\n  {expected}\nprinted:\n" + "\n".join(printed)
    assert "Traceback" not in result.stderr


def test_the_real_build_stops_with_all_problems_at_once_and_no_traceback(tmp_path):
    project = with_fixture(tmp_path, "unknown-vocabulary-term")
    for rule in ("dangling-reference", "duplicate-id"):
        for src in (FIXTURES / rule).rglob("*.yml"):
            shutil.copy2(src, project / "data" / src.relative_to(FIXTURES / rule))
    result = run_build(project, tmp_path / "out")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    for rule in ("unknown-vocabulary-term", "dangling-reference", "duplicate-id"):
        for line in (FIXTURES / rule / "expected.txt").read_text().splitlines():
            assert line in output, f"{rule}: {line!r} not reported"
    assert "The data has 3 problems" in output


def test_the_real_data_passes_the_check():
    from support import ROOT

    result = run_check(ROOT)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "page,addition,message",
    [
        (
            "faq.md",
            '{{ comparison_table("myelopathy-vs-radiculopaty") }}',
            "there is no comparison 'myelopathy-vs-radiculopaty' (did you mean 'myelopathy-vs-radiculopathy'?)",
        ),
        ("faq.md", "{{ no_such_variable }}", "no_such_variable"),
        (
            "prevention.md",
            "A claim with a typo in its source [^TT11].",
            "docs/prevention.md: cites [^TT11], not in data/sources.yml; fix the id or add the source",
        ),
    ],
    ids=["unknown-macro-argument", "undefined-variable", "unknown-source-in-prose"],
)
def test_mistakes_in_prose_pages_fail_the_build(tmp_path, page, addition, message):
    project = copy_project(tmp_path / "project")
    path = project / "docs" / page
    path.write_text(path.read_text() + f"\n{addition}\n")
    result = run_build(project, tmp_path / "out")
    assert result.returncode != 0
    assert message in result.stdout + result.stderr
