"""Command line for editors and CI: `python -m macros.tools.cli check|schemas`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from macros.build.environment import load_graph
from macros.data.problems import DataError

ROOT = Path(__file__).resolve().parents[2]


def cmd_check(args) -> int:
    try:
        site = load_graph(Path(args.data))
    except DataError as exc:
        print(exc, file=sys.stderr)
        return 1
    counts = ", ".join(f"{len(v)} {k}" for k, v in site.data.records.items())
    print(f"Data OK: {counts}, {len(site.data.faqs)} faqs, {len(site.data.comparisons)} comparisons.")
    return 0


def cmd_schemas(args) -> int:
    from macros.data.loader import load_site
    from macros.tools.schemas import write_schemas

    try:
        vocab = load_site(Path(args.data)).vocab
    except DataError as exc:
        print(exc, file=sys.stderr)
        return 1
    for path in write_schemas(Path(args.data), vocab):
        print(f"wrote {path.relative_to(ROOT) if ROOT in path.parents else path}")
    return 0


def cmd_build(args) -> int:
    from macros.build.publish import build

    config = "mkdocs.offline.yml" if args.offline else "mkdocs.yml"
    site_dir = Path(args.site_dir or ("site-offline" if args.offline else "site"))
    return build(config, site_dir if site_dir.is_absolute() else ROOT / site_dir, make_zip=args.offline)


def cmd_nginx(args) -> int:
    from macros.tools.nginx import render_config

    site_dir = Path(args.site_dir).resolve()
    if not (site_dir / "index.html").is_file():
        print(f"{site_dir} has no built site; run `make site` first", file=sys.stderr)
        return 1
    print(render_config(site_dir, args.root or str(site_dir), args.listen, args.server_name), end="")
    return 0


def cmd_lint(args) -> int:
    import datetime as dt
    import subprocess
    import tempfile

    from macros.tools.lint import CHECKS, LintOptions, run_checks

    if args.list:
        for item in CHECKS:
            print(f"{item.name:22} {item.description}")
        return 0
    try:
        site = load_graph(Path(args.data))
    except DataError as exc:
        print(exc, file=sys.stderr)
        return 1
    project = Path(args.data).resolve().parent
    if not args.no_build:
        with tempfile.TemporaryDirectory() as out:
            result = subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", out],
                cwd=project,
                capture_output=True,
                text=True,
            )
        if result.returncode != 0:
            print(result.stdout + result.stderr, file=sys.stderr)
            print("The build fails; fix the problems above first.", file=sys.stderr)
            return 1
    options = LintOptions(
        today=dt.date.fromisoformat(args.today) if args.today else dt.date.today(),
        overdue_months=args.overdue_months,
        originality_tool=Path(args.originality_tool).resolve() if args.originality_tool else None,
        project=project,
    )
    findings = run_checks(site, options, args.only)
    for finding in findings:
        print(finding)
    errors = sum(f.level == "error" for f in findings)
    warnings = sum(f.level == "warning" for f in findings)
    notes = sum(f.level == "note" for f in findings)
    print(
        f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}, "
        f"{notes} editor note{'s' if notes != 1 else ''} from {len(args.only or CHECKS)} checks."
    )
    return 1 if errors else 0


def cmd_new(args) -> int:
    from macros.data.loader import load_site
    from macros.tools.skeleton import SkeletonError, write_skeleton

    data_dir = Path(args.data)
    try:
        path = write_skeleton(data_dir, args.kind, args.id, load_site(data_dir).vocab)
    except (SkeletonError, DataError) as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"wrote {path}: fill it in, then preview with `make serve` and check with `make check`")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.tools.cli", description=__doc__)
    parser.add_argument("--data", default=str(ROOT / "data"), help="the data folder (default: data/)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="load and check all data, print every problem").set_defaults(func=cmd_check)
    sub.add_parser("schemas", help="write data/schemas/*.schema.json from the models").set_defaults(func=cmd_schemas)
    build = sub.add_parser("build", help="build the site; publish it only if the build succeeds")
    build.add_argument("--offline", action="store_true", help="the folder-and-zip build that works from disk")
    build.add_argument("--site-dir", help="where to publish (default: site/ or site-offline/)")
    build.set_defaults(func=cmd_build)
    lint = sub.add_parser("lint", help="everything the build checks, plus the content checks (make check)")
    lint.add_argument("--list", action="store_true", help="list the checks and what each one looks for")
    lint.add_argument("--only", action="append", help="run only this check (repeatable)")
    lint.add_argument("--no-build", action="store_true", help="skip the strict build")
    lint.add_argument(
        "--overdue-months",
        type=int,
        default=6,
        help="a review overdue by more months than this is an error, not a warning (default: 6)",
    )
    lint.add_argument("--today", help="the date to judge review dates by (default: today), YYYY-MM-DD")
    lint.add_argument(
        "--originality-tool",
        default=str(ROOT.parent / "shared" / "tools" / "check-originality"),
        help="the copied-prose checker (default: ../shared/tools/check-originality)",
    )
    lint.set_defaults(func=cmd_lint)
    new = sub.add_parser("new", help="start a record: a valid skeleton with every field explained")
    new.add_argument("kind", help="condition, symptom, cause, test, treatment or faq")
    new.add_argument("id", help="lower-case words joined by hyphens, e.g. foot-drop")
    new.set_defaults(func=cmd_new)
    nginx = sub.add_parser("nginx", help="print an nginx server block for the built site")
    nginx.add_argument("--site-dir", default=str(ROOT / "site"), help="the built site (default: site/)")
    nginx.add_argument("--root", help="where the site will be served from (default: --site-dir)")
    nginx.add_argument("--listen", default="80", help="address and port to listen on (default: 80)")
    nginx.add_argument("--server-name", default="_", help="host name (default: any)")
    nginx.set_defaults(func=cmd_nginx)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
