"""The guides' commands work on a fresh copy of the project, in the order the guides give them.

A newcomer follows README.md, then EDITORS.md or CLINICS.md, on a clone with nothing installed.
This test copies what a clone holds (tracked files and new files not ignored) into an empty folder
and runs each command the guides show, checking it succeeds and does what the guide says. Each
command is also looked up in its guide, so a guide and this test cannot drift apart unnoticed.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
import urllib.request

import pytest
from support import ROOT

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
ENV.pop("VIRTUAL_ENV", None)


@pytest.fixture(scope="module")
def clone(tmp_path_factory):
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    dest = tmp_path_factory.mktemp("clone") / "myelopathy-guide"
    for name in filter(None, (item.decode() for item in listed)):
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    assert not (dest / ".venv").exists()
    return dest


def run(clone, command: str, timeout: int = 900) -> subprocess.CompletedProcess:
    result = subprocess.run(command, shell=True, cwd=clone, env=ENV, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"`{command}` failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    return result


def in_guide(guide: str, command: str) -> None:
    assert command in (ROOT / guide).read_text(), f"{guide} no longer shows `{command}`: update this test"


def fetch(url: str, seconds: int = 120) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode()
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"nothing answered at {url}")


def serve(clone, command: str, url: str) -> str:
    server = subprocess.Popen(
        command,
        shell=True,
        cwd=clone,
        env=ENV,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        return fetch(url)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def test_readme_then_editors_guide(clone):
    in_guide("README.md", "make site")
    built = run(clone, "make site")
    assert (clone / "site" / "index.html").is_file()
    assert "The site is in site/" in built.stdout

    in_guide("EDITORS.md", "make check")
    checked = run(clone, "make check")
    assert "ModuleNotFoundError" not in checked.stderr
    in_guide("EDITORS.md", ".venv/bin/python -m macros.tools.cli lint --list")
    assert "readability" in run(clone, ".venv/bin/python -m macros.tools.cli lint --list").stdout
    in_guide("EDITORS.md", ".venv/bin/python -m macros.tools.readability")
    run(clone, ".venv/bin/python -m macros.tools.readability")
    in_guide("EDITORS.md", "make new KIND=symptom ID=foot-drop")
    run(clone, "make new KIND=symptom ID=foot-drop")
    assert (clone / "data" / "symptoms" / "foot-drop.yml").is_file()
    (clone / "data" / "symptoms" / "foot-drop.yml").unlink()
    in_guide("EDITORS.md", "make review")
    assert "Worklist:" in run(clone, "make review").stdout
    assert "Never reviewed (" in (clone / "build" / "review" / "index.html").read_text()
    command = (
        "make sign-off ID=conditions/degenerative-cervical-myelopathy "
        'REVIEWER="Dr A Example" ROLE="Consultant neurosurgeon" REGISTRATION="GMC 0000000"'
    )
    in_guide("EDITORS.md", command)
    run(clone, command)
    assert "status: reviewed" in (clone / "data" / "conditions" / "degenerative-cervical-myelopathy.yml").read_text()
    in_guide("EDITORS.md", ".venv/bin/python -m macros.tools.readability es")
    assert "Fernández Huerta" in run(clone, ".venv/bin/python -m macros.tools.readability es").stdout
    in_guide("EDITORS.md", ".venv/bin/python -m macros.tools.cli strings")
    assert "0 not translated yet" in run(clone, ".venv/bin/python -m macros.tools.cli strings").stdout
    in_guide("EDITORS.md", "make serve LANGUAGE=es")
    assert "Guía de la mielopatía" in serve(clone, "make serve LANGUAGE=es", "http://127.0.0.1:8000/")
    in_guide("EDITORS.md", "make serve")
    assert "Myelopathy Guide" in serve(clone, "make serve", "http://127.0.0.1:8000/")
    assert "Clinical review worklist" in serve(clone, "make serve", "http://127.0.0.1:8000/review/")


def test_clinics_guide(clone):
    in_guide("CLINICS.md", "cp -r tests/fixtures/clinic/. data/")
    run(clone, "cp -r tests/fixtures/clinic/. data/")
    try:
        in_guide("CLINICS.md", "make offline")
        run(clone, "make offline")
        assert (clone / "site-offline" / "index.html").is_file() and (clone / "site-offline.zip").is_file()
        in_guide("CLINICS.md", "make site")
        run(clone, "make site")
        assert "Riverside Spine Clinic" in (clone / "site" / "index.html").read_text()
        command = "python3 -m http.server --directory site 8000"
        in_guide("CLINICS.md", command)
        assert "Riverside Spine Clinic" in serve(clone, command, "http://127.0.0.1:8000/")
        command = "make -s nginx-conf ROOT=/var/www/myelopathy-guide LISTEN=80"
        in_guide("CLINICS.md", command)
        config = run(clone, command).stdout
        assert "root /var/www/myelopathy-guide;" in config and "listen 80" in config
    finally:
        (clone / "data" / "clinic.yml").unlink(missing_ok=True)
        shutil.rmtree(clone / "data" / "clinic", ignore_errors=True)
