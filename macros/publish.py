"""Build into a staging folder and put it in place only when the build succeeds.

A failed build (bad data, a broken link, a macro error) leaves the last good site exactly as it
was. The offline build is also packed as a zip next to its folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(config_file: str, site_dir: Path, make_zip: bool = False, project: Path = ROOT) -> int:
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.building-", dir=site_dir.parent))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", config_file, "-d", str(staging)]
    result = subprocess.run(command, cwd=project, env=env)
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"\nThe build failed, so nothing was published: {site_dir} is unchanged.", file=sys.stderr)
        return result.returncode
    staging.chmod(0o755)  # servers such as nginx read it as another user
    if make_zip:
        archive = shutil.make_archive(str(staging), "zip", root_dir=staging.parent, base_dir=staging.name)
        zip_path = site_dir.with_suffix(".zip")
        _repack_as(Path(archive), staging.name, site_dir.name, zip_path)
    _swap_in(staging, site_dir)
    print(f"\nPublished {site_dir}" + (f" and {site_dir.with_suffix('.zip')}" if make_zip else ""))
    return 0


def _swap_in(staging: Path, site_dir: Path) -> None:
    old = site_dir.with_name(f".{site_dir.name}.old-{os.getpid()}")
    if site_dir.exists():
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
