"""Build into a staging folder and put it in place only when the build succeeds.

A failed build (bad data, a broken link, a macro error) leaves the last good site exactly as it
was. The site a server reads (site/) is a symbolic link to the folder of the current release, and
a new release is put in place by replacing that link in one atomic rename, so a server never sees
a missing or half-built folder. The offline copy (site-offline/) stays a real folder, because it is
copied onto USB sticks and other computers, and is also packed as a zip next to its folder.
Leftovers of a killed build are removed by the next build, under a lock that keeps two builds
from publishing at once.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from macros.build.editions import edition_config, languages

ROOT = Path(__file__).resolve().parents[2]


def build(config_file: str, site_dir: Path, make_zip: bool = False, project: Path = ROOT) -> int:
    site_dir = site_dir.absolute()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    with _lock(site_dir):
        _remove_leftovers(site_dir)
        staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.building-", dir=site_dir.parent))
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        result = subprocess.CompletedProcess((), 0)
        editions = languages(project)
        for language in editions:  # English at the root first: its --clean would empty the others
            config = config_file
            if len(editions) > 1:  # each edition's pages then link to the same page in the others
                config = str(edition_config(Path(config_file), language, project, editions))
            target = staging if language == "en" else staging / language
            command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", config, "-d", str(target)]
            result = subprocess.run(command, cwd=project, env=env)
            if config != config_file:
                Path(config).unlink(missing_ok=True)
            if result.returncode != 0:
                break
        if result.returncode != 0:
            shutil.rmtree(staging, ignore_errors=True)
            print(f"\nThe build failed, so nothing was published: {site_dir} is unchanged.", file=sys.stderr)
            return result.returncode
        staging.chmod(0o755)  # servers such as nginx read it as another user
        if make_zip:
            archive = shutil.make_archive(str(staging), "zip", root_dir=staging.parent, base_dir=staging.name)
            zip_path = site_dir.with_suffix(".zip")
            _repack_as(Path(archive), staging.name, site_dir.name, zip_path)
            _swap_folder(staging, site_dir)
        else:
            _switch_link(staging, site_dir)
    print(f"\nPublished {site_dir}" + (f" and {site_dir.with_suffix('.zip')}" if make_zip else ""))
    return 0


@contextmanager
def _lock(site_dir: Path):
    """One build at a time per site folder; the lock file stays (it is empty and hidden)."""
    with open(site_dir.with_name(f".{site_dir.name}.lock"), "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _leftovers(site_dir: Path) -> list[Path]:
    """Folders and links a killed build may leave: staging, old and release folders not in use."""
    current = site_dir.resolve() if site_dir.is_symlink() else None
    found = []
    for kind in ("building", "old", "release", "link"):
        for path in site_dir.parent.glob(f".{site_dir.name}.{kind}-*"):
            if path != current:  # a killed offline build may leave its zip: that goes too
                found.append(path)
    return found


def _remove_leftovers(site_dir: Path) -> None:
    for path in _leftovers(site_dir):
        if path.is_symlink() or path.is_file():
            path.unlink()
        else:
            shutil.rmtree(path, ignore_errors=True)


def _switch_link(staging: Path, site_dir: Path) -> None:
    """Make site_dir a link to the new release in one rename; then remove the previous release."""
    release = staging.rename(site_dir.with_name(f".{site_dir.name}.release-{time.time_ns()}"))
    previous = site_dir.resolve() if site_dir.is_symlink() else None
    link = site_dir.with_name(f".{site_dir.name}.link-{os.getpid()}")
    link.unlink(missing_ok=True)
    link.symlink_to(release.name)  # relative, so the whole folder can be moved
    if site_dir.exists() and not site_dir.is_symlink():
        # A site folder from before releases were links: moved aside once, so there is a moment
        # without it this one time only.
        old = site_dir.with_name(f".{site_dir.name}.old-{os.getpid()}")
        site_dir.rename(old)
        os.replace(link, site_dir)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(link, site_dir)  # atomic: the name always points at a whole release
    if previous and previous != release and previous.name.startswith(f".{site_dir.name}.release-"):
        shutil.rmtree(previous, ignore_errors=True)


def _swap_folder(staging: Path, site_dir: Path) -> None:
    old = site_dir.with_name(f".{site_dir.name}.old-{os.getpid()}")
    if site_dir.is_symlink():
        site_dir.unlink()
    elif site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)


def _repack_as(archive: Path, staged_name: str, final_name: str, zip_path: Path) -> None:
    """The zip's top folder is the site's own name, not the staging folder's."""
    import zipfile

    tmp = zip_path.with_name(f".{zip_path.name}.tmp")
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item) if not item.is_dir() else b""
            item.filename = final_name + item.filename.removeprefix(staged_name)
            dst.writestr(item, data)
    archive.unlink()
    tmp.replace(zip_path)
