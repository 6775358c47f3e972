"""Publishing is all or nothing: a failed build leaves the last good site byte-for-byte as it was."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import zipfile

from support import copy_project


def snapshot(folder):
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def publish(project, *args):
    return subprocess.run(
        [sys.executable, "-m", "macros.cli", "build", *args], cwd=project, capture_output=True, text=True, timeout=600
    )


def test_a_failed_build_leaves_the_last_good_site_untouched(tmp_path):
    project = copy_project(tmp_path / "project")
    site = tmp_path / "published"
    first = publish(project, "--site-dir", str(site))
    assert first.returncode == 0, first.stderr[-2000:]
    before = snapshot(site)
    assert "index.html" in before

    record = project / "data" / "symptoms" / "tingling.yml"
    record.write_text(record.read_text().replace("urgency: routine", "urgency: whenever"))
    second = publish(project, "--site-dir", str(site))
    assert second.returncode != 0
    assert "'whenever' is not in the urgency vocabulary" in second.stdout + second.stderr
    assert "nothing was published" in second.stderr
    assert snapshot(site) == before, "the failed build changed the published site"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "published"], "staging folders were left behind"


def test_a_good_build_replaces_the_site_and_the_offline_build_is_zipped(tmp_path):
    project = copy_project(tmp_path / "project")
    site = tmp_path / "offline"
    (site / "stale").mkdir(parents=True)
    (site / "stale" / "old.html").write_text("old")
    result = publish(project, "--offline", "--site-dir", str(site))
    assert result.returncode == 0, result.stderr[-2000:]
    assert not (site / "stale").exists()
    assert (site / "conditions" / "opll.html").is_file(), "the offline build must not use directory URLs"
    assert (site / "search" / "search_index.js").is_file(), "no inlined search index for file://"
    assert oct(site.stat().st_mode & 0o777) == "0o755"
    with zipfile.ZipFile(tmp_path / "offline.zip") as archive:
        names = archive.namelist()
    assert "offline/index.html" in names and "offline/search/search_index.js" in names
