"""The data linter: each check has a name, a description and a failing fixture; the real data passes."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import ROOT, copy_project

from macros.tools.lint import CHECKS

FIXTURES = Path(__file__).parent / "fixtures" / "lint"
ORIGINALITY = ROOT.parent / "shared" / "tools" / "check-originality"


def lint(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "macros.tools.cli", "lint", "--today", "2026-11-21", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
    )


def originality_tool_knowing(tmp_path: Path, copied_text: str) -> Path:
    """The real checker, beside fingerprints of `copied_text` instead of the real articles'."""
    folder = tmp_path / "tools"
    folder.mkdir()
    shutil.copy2(ORIGINALITY, folder / "check-originality")
    words = re.findall(r"[a-z0-9']+", copied_text.lower())
    hashes = [hashlib.sha1(" ".join(words[i : i + 8]).encode()).hexdigest()[:16] for i in range(len(words) - 7)]
    (folder / "source-shingles.txt").write_text("\n".join(hashes) + "\n")
    return folder / "check-originality"


def test_every_check_has_a_name_a_description_and_a_fixture():
    command = [sys.executable, "-m", "macros.tools.cli", "lint", "--list"]
    listed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for item in CHECKS:
        assert re.search(rf"^{item.name}\s+\S", listed, re.M), f"{item.name} is not listed with a description"
        assert (FIXTURES / item.name / "expected.txt").is_file(), f"{item.name} has no failing fixture"


@pytest.mark.parametrize("name", [c.name for c in CHECKS])
def test_each_check_fails_its_fixture_with_its_message(tmp_path, name):
    project = copy_project(tmp_path / "project")
    shutil.copytree(FIXTURES / name, project / "data", dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.txt"))
    args = ["--only", name, "--no-build"]
    if name == "copied-prose":
        tool = originality_tool_knowing(tmp_path, "the quick brown fox jumps over the lazy sleeping dog today")
        args += ["--originality-tool", str(tool)]
    result = lint(project, *args)
    printed = result.stdout.splitlines()
    for expected in (FIXTURES / name / "expected.txt").read_text().splitlines():
        assert expected in printed, f"missing:\n{expected}\nprinted:\n{result.stdout}{result.stderr}"
    assert result.returncode == (1 if any(line.startswith("ERROR") for line in printed) else 0)


def test_the_real_data_passes_every_check():
    result = lint(ROOT, "--originality-tool", str(ORIGINALITY))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors" in result.stdout


def test_without_the_originality_checker_the_check_says_it_did_not_run_and_does_not_fail(tmp_path):
    """A clinic's clone has no ../shared beside it: `make check` must still pass, and say so."""
    result = lint(ROOT, "--only", "copied-prose", "--no-build", "--originality-tool", str(tmp_path / "missing"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING copied-prose" in result.stdout and "not checked: the originality checker" in result.stdout
