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
    command = [sys.executable, "-m", "macros.tools.cli", "build", *args]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=600)


def test_a_failed_build_leaves_the_last_good_site_untouched(tmp_path):
    """The build is broken late, by a link to a missing page that --strict refuses only after MkDocs
    has written pages into its output folder: the published site must still be byte-identical."""
    project = copy_project(tmp_path / "project")
    site = tmp_path / "published"
    first = publish(project, "--site-dir", str(site))
    assert first.returncode == 0, first.stderr[-2000:]
    before = snapshot(site)
    assert "index.html" in before

    page = project / "docs" / "prevention.md"
    page.write_text(page.read_text() + "\nSee [this page](no-such-page.md).\n")
    record = project / "data" / "symptoms" / "tingling.yml"
    record.write_text(record.read_text().replace("Pins and needles", "Pins and needles CHANGED", 1))
    second = publish(project, "--site-dir", str(site))
    assert second.returncode != 0
    assert "no-such-page.md" in second.stdout + second.stderr
    assert "nothing was published" in second.stderr
    assert snapshot(site) == before, "the failed build changed the published site"
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == ["project", "published"]
    assert leftovers(tmp_path) == [], "staging folders were left behind"


def test_a_data_error_publishes_nothing_either(tmp_path):
    project = copy_project(tmp_path / "project")
    site = tmp_path / "published"
    assert publish(project, "--site-dir", str(site)).returncode == 0
    before = snapshot(site)
    record = project / "data" / "symptoms" / "tingling.yml"
    record.write_text(record.read_text().replace("urgency: routine", "urgency: whenever"))
    second = publish(project, "--site-dir", str(site))
    assert second.returncode != 0 and "'whenever' is not in the urgency vocabulary" in second.stdout + second.stderr
    assert snapshot(site) == before


def leftovers(folder):
    """Staging folders, set-aside folders and temporary links: none may outlive a build."""
    return sorted(p.name for p in folder.iterdir() if any(f".{k}-" in p.name for k in ("building", "old", "link")))


def test_the_site_is_a_link_switched_in_one_step_and_never_missing(tmp_path):
    """A server reading site/ during a rebuild always finds a whole site: the link is replaced atomically."""
    import threading

    project = copy_project(tmp_path / "project")
    site = tmp_path / "published"
    assert publish(project, "--site-dir", str(site)).returncode == 0
    assert site.is_symlink() and site.resolve().name.startswith(".published.release-")
    first_release = site.resolve()
    missing, checks, stop = [], [0], threading.Event()

    def watch():
        while not stop.is_set():
            checks[0] += 1
            if not (site / "index.html").is_file() or not (site / "search" / "search_index.json").is_file():
                missing.append(checks[0])

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        second = publish(project, "--site-dir", str(site))
    finally:
        stop.set()
        watcher.join()
    assert second.returncode == 0, second.stderr[-2000:]
    assert checks[0] > 1000, "the watcher did not run during the build"
    assert missing == [], f"the site was missing in {len(missing)} of {checks[0]} checks during the swap"
    assert site.resolve() != first_release and not first_release.exists(), "the previous release was not removed"
    releases = [p.name for p in tmp_path.iterdir() if ".release-" in p.name]
    assert releases == [site.resolve().name]


def test_leftovers_of_a_killed_build_are_removed_by_the_next_build(tmp_path):
    project = copy_project(tmp_path / "project")
    site = tmp_path / "published"
    for name in (".published.building-x1", ".published.old-123", ".published.release-1"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_text("half")
    (tmp_path / ".published.link-99").symlink_to(".published.release-1")
    (tmp_path / ".published.building-x2.zip").write_bytes(b"half a zip")
    assert publish(project, "--site-dir", str(site)).returncode == 0
    assert leftovers(tmp_path) == []
    assert [p.name for p in tmp_path.iterdir() if ".release-" in p.name] == [site.resolve().name]


def test_a_site_folder_from_before_links_becomes_a_link(tmp_path):
    project = copy_project(tmp_path / "project")
    site = tmp_path / "published"
    (site / "stale").mkdir(parents=True)
    assert publish(project, "--site-dir", str(site)).returncode == 0
    assert site.is_symlink() and (site / "index.html").is_file() and not (site / "stale").exists()


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
