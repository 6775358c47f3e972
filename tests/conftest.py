"""Fixtures: the real site, built once per test run into a temp dir."""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from support import ROOT, SIGNED, cli, copy_project, english_yml, publish_reviewed_only, run_build, sign_off

CLINIC = Path(__file__).parent / "fixtures" / "clinic"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("site")
    result = run_build(ROOT, site)
    assert result.returncode == 0, f"the real site does not build:\n{result.stderr[-4000:]}"
    return site


PUBLIC_URL = "https://guide.example.org/guide/"


@pytest.fixture(scope="session")
def public_site(tmp_path_factory):
    """The real site published at its address: settings.yml with site_url PUBLIC_URL (project, site)."""
    project = copy_project(tmp_path_factory.mktemp("public-project"))
    settings = project / "data" / "settings.yml"
    settings.write_text(settings.read_text() + f"site_url: {PUBLIC_URL}\n")
    site = tmp_path_factory.mktemp("public-site")
    result = run_build(project, site)
    assert result.returncode == 0, result.stderr[-3000:]
    return SimpleNamespace(project=project, site=site, url=PUBLIC_URL)


@pytest.fixture(scope="session")
def data_files():
    """{kind: {id: parsed yaml}} for every record file, read straight from data/."""
    out = {}
    for kind in ("conditions", "symptoms", "causes", "tests", "treatments"):
        out[kind] = {p.stem: yaml.safe_load(p.read_text()) for p in sorted(english_yml(ROOT / "data" / kind))}
    return out


@pytest.fixture(scope="session")
def clinic_site(tmp_path_factory):
    """The real site branded with tests/fixtures/clinic (a clinic.yml and its logo)."""
    project = copy_project(tmp_path_factory.mktemp("clinic-project"))
    shutil.copytree(CLINIC, project / "data", dirs_exist_ok=True)
    site = tmp_path_factory.mktemp("clinic-site")
    result = run_build(project, site)
    assert result.returncode == 0, result.stderr[-3000:]
    return site


@pytest.fixture(scope="session")
def reviewed_only_site(tmp_path_factory):
    """The real site with SIGNED signed off by a fixture reviewer, one of them edited since, under a clinic
    with publish: reviewed-only: (project, site, build log)."""
    project = copy_project(tmp_path_factory.mktemp("reviewed-only"))
    sign_off(project, *SIGNED)
    (project / "data" / "symptoms" / "numbness.yml").write_text(
        (project / "data" / "symptoms" / "numbness.yml").read_text().replace("summary: ", "summary: Changed. ", 1)
    )
    publish_reviewed_only(project, clinic=True)
    site = tmp_path_factory.mktemp("reviewed-only-site")
    result = run_build(project, site)
    assert result.returncode == 0, result.stderr[-5000:]
    return project, site, result.stderr


@pytest.fixture(scope="session")
def editions_site(tmp_path_factory):
    """The real site as `make site` publishes it: English at the root, each other edition under /<lang>/."""
    site = tmp_path_factory.mktemp("editions") / "site"
    result = cli(ROOT, "build", "--site-dir", str(site))
    assert result.returncode == 0, result.stderr[-3000:]
    return site
