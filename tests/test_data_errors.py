"""Every kind of data mistake stops the build with one clear line per problem.

Each folder in fixtures/invalid/ is laid over a copy of data/ (a file ending in .append is added
to the end of the data file of that name); its expected.txt holds the exact lines the check must
print ({today} stands for the date of the run). Every content rule (macros/content_rules.py) has its
own folder, named after the rule.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from support import ROOT, copy_project, run_build, run_check

FIXTURES = Path(__file__).parent / "fixtures" / "invalid"
RULES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())


def expected_lines(rule: str) -> list[str]:
    """expected.txt, with {line+N} and {item+N} counted from the end of the file a fixture appends to."""
    lines = (FIXTURES / rule / "expected.txt").read_text().replace("{today}", dt.date.today().isoformat()).splitlines()
    for appended in (FIXTURES / rule).rglob("*.append"):
        original = (ROOT / "data" / appended.relative_to(FIXTURES / rule)).with_suffix("").read_text()
        counts = {"line": len(original.splitlines()), "item": len(re.findall(r"(?m)^- id:", original))}
        lines = [re.sub(r"\{(line|item)\+(\d+)\}", lambda m, c=counts: str(c[m[1]] + int(m[2])), x) for x in lines]
    return lines


def with_fixture(tmp_path: Path, rule: str) -> Path:
    project = copy_project(tmp_path / "project")
    for src in (FIXTURES / rule).rglob("*"):
        if src.is_file() and src.name != "expected.txt":
            dest = project / "data" / src.relative_to(FIXTURES / rule)
            dest.parent.mkdir(parents=True, exist_ok=True)
            if src.suffix == ".append":
                dest = dest.with_suffix("")
                dest.write_text(dest.read_text() + src.read_text())
            else:
                shutil.copy2(src, dest)
    return project


def test_every_content_rule_has_a_description_and_a_failing_fixture():
    from macros.data.content_rules import RULES

    for rule in RULES:
        assert rule.description.endswith("."), rule.name
        assert (FIXTURES / rule.name / "expected.txt").read_text().strip(), f"{rule.name} has no failing fixture"


@pytest.mark.parametrize("rule", RULES)
def test_each_rule_reports_file_line_field_and_fix(tmp_path, rule):
    project = with_fixture(tmp_path, rule)
    result = run_check(project)
    assert result.returncode == 1, result.stdout + result.stderr
    printed = [line.strip() for line in result.stderr.splitlines()]
    for expected in expected_lines(rule):
        assert expected in printed, f"expected line missing:\n  {expected}\nprinted:\n" + "\n".join(printed)
    assert "Traceback" not in result.stderr
    reported = [line for line in printed[1:] if line]
    assert len(reported) == len(set(reported)), "a problem is reported twice"


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
    result = run_check(ROOT)
    assert result.returncode == 0, result.stderr


WEAK_SOURCE = """- id: WEAKFIX
  kind: other
  authors: A clinic
  title: A clinic's page
  publisher: A clinic
  year: 2026
  url: https://clinic.example/page
"""


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
        (
            "prevention.md",
            "If this happens, call 999 straight away.",
            ": names '999', a local number or service; write 'your local emergency number' (the help box adds",
        ),
        (
            "caring-for-someone.md",
            "Most carers find this hard [^WEAKFIX].",
            ": the claim cited [^WEAKFIX] rests only on sources of kind 'other'; cite a guideline, national or",
        ),
        (
            "prevention.md",
            "Our sources do not say whether this works [^D1].",
            ": holds a note for editors ('Our sources do not'); remove it from the page",
        ),
    ],
    ids=[
        "unknown-macro-argument",
        "undefined-variable",
        "unknown-source-in-prose",
        "local-number-in-prose",
        "weak-source-in-prose",
        "editor-note-in-prose",
    ],
)
def test_mistakes_in_prose_pages_fail_the_build(tmp_path, page, addition, message):
    project = copy_project(tmp_path / "project")
    with (project / "data" / "sources.yml").open("a") as sources:
        sources.write(WEAK_SOURCE)
    path = project / "docs" / page
    path.write_text(path.read_text() + f"\n{addition}\n")
    result = run_build(project, tmp_path / "out")
    assert result.returncode != 0
    assert message in result.stdout + result.stderr
    if message.startswith(":"):  # the content rules name the page and the line
        line = len(path.read_text().splitlines())
        assert f"docs/{page}:{line}{message}" in result.stdout + result.stderr
