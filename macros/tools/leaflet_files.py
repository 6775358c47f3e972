"""`make leaflets`: write the printable leaflets into a staging folder, and put it in place only when all of
them were made, so a failure leaves the previous leaflets whole."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from macros.data.registry import Site
from macros.pages.leaflets import write_leaflets


def weasyprint_problem() -> str | None:
    """Why WeasyPrint cannot start (it is missing, or Pango is), as a sentence; None when it can."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:
        first_line = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return (
            f"WeasyPrint cannot start ({first_line}). `make leaflets` installs it, with Pango and the "
            "DejaVu fonts it needs from Debian."
        )
    return None


def language_of(site: Site) -> str:
    """The leaflets' language: the edition's; for English, the clinic's (its menus' language), else English."""
    if site.data.language != "en":
        return site.data.language
    return site.data.clinic.language if site.data.clinic else "en"


def publish_leaflets(site: Site, out_dir: Path, editions: dict[str, Site] | None = None) -> list[Path]:
    """Write every leaflet into a folder beside `out_dir`, then swap it in; return the files in `out_dir`.
    Each other edition's leaflets (`editions`: language -> its site) go in `out_dir/<lang>/`."""
    out_dir = out_dir.absolute()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    for leftover in out_dir.parent.glob(f".{out_dir.name}.building-*"):  # from a run that was killed
        shutil.rmtree(leftover, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.building-", dir=out_dir.parent))
    try:
        written = write_leaflets(site, staging, language=language_of(site))
        for language, edition in (editions or {}).items():
            written += [
                Path(language) / path.name
                for path in write_leaflets(edition, staging / language, language=language_of(edition))
            ]
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    staging.chmod(0o755)  # mkdtemp makes it private; the leaflets are for sharing
    old = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
    if out_dir.exists():
        out_dir.rename(old)
    staging.rename(out_dir)
    shutil.rmtree(old, ignore_errors=True)
    return [out_dir / (path.name if path.parent == staging else path) for path in written]
