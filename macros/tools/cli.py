"""Command line for editors and CI: `python -m macros.tools.cli check|schemas`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from macros.build.environment import load_graph
from macros.data.problems import DataError

ROOT = Path(__file__).resolve().parents[2]


def _graph(args):
    """The checked data graph, or None after printing every problem."""
    try:
        return load_graph(Path(args.data))
    except DataError as exc:
        print(exc, file=sys.stderr)
        return None


def cmd_check(args) -> int:
    site = _graph(args)
    if site is None:
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
    project = Path(args.data).resolve().parent  # the project whose data/ is given (a copy in the tests)
    site_dir = site_dir if site_dir.is_absolute() else project / site_dir
    return build(config, site_dir, make_zip=args.offline, project=project)


def cmd_nginx(args) -> int:
    from macros.tools.nginx import render_config

    site_dir = Path(args.site_dir).resolve()
    if not (site_dir / "index.html").is_file():
        print(f"{site_dir} has no built site; run `make site` first", file=sys.stderr)
        return 1
    path = args.path
    if path is None:  # where the site's public address puts it: /guide/ for https://example.org/guide/
        from urllib.parse import urlsplit

        site = _graph(args)
        if site is None:
            return 1
        path = urlsplit(site.data.site_url).path if site.data.site_url else "/"
    print(render_config(site_dir, args.root or str(site_dir), args.listen, args.server_name, path), end="")
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
    site = _graph(args)
    if site is None:
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


def cmd_review(args) -> int:
    import datetime as dt

    from macros.data.history import change_since_review
    from macros.pages.worklist import work_items, write_worklist

    site = _graph(args)
    if site is None:
        return 1
    project = Path(args.data).resolve().parent
    today = dt.date.fromisoformat(args.today) if args.today else dt.date.today()
    items, up_to_date = work_items(site.data.reviews, today, lambda state: change_since_review(project, state))
    out = Path(args.out)
    write_worklist(out, items, up_to_date, today)
    counts = {}
    for item in items:
        counts[item.section] = counts.get(item.section, 0) + 1
    summary = ", ".join(f"{n} {key}" for key, n in counts.items()) or "nothing to review"
    print(f"Worklist: {summary}; {up_to_date} reviewed and up to date.")
    print(
        f"Open {out / 'index.html'} in a browser (the preview, make serve, shows it at /review/); "
        f"{out / 'worklist.csv'} is the same list for a spreadsheet."
    )
    return 0


def cmd_sign_off(args) -> int:
    import csv

    from macros.tools.sign_off import SignOffError, make_signing, sign_off, sign_off_translation

    refs = list(args.ids)
    if args.list:
        try:
            lines = Path(args.list).read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            print(f"LIST: cannot read {args.list} ({exc.strerror}); give a file with one id per line", file=sys.stderr)
            return 1
        if lines and lines[0].startswith("state,id,"):  # the worklist CSV: its id column
            refs += [row["id"] for row in csv.DictReader(lines)]
        else:
            refs += [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    try:
        signing = make_signing(args.reviewer, args.role, args.registration, args.date, args.next_review)
        project = Path(args.data).resolve().parent
        if args.language and args.language != "en":
            done = sign_off_translation(project, args.language, refs, signing)
        else:
            done = sign_off(project, refs, signing)
    except (SignOffError, DataError) as exc:
        print(exc, file=sys.stderr)
        print("Nothing was signed off.", file=sys.stderr)
        return 1
    print("\n".join(done))
    return 0


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


def cmd_translated(args) -> int:
    """Record in each translation file the English text it now matches (translation.english)."""
    from ruamel.yaml import YAML

    from macros.data.translation import english_fingerprint, translation_path

    site = _graph(args)
    if site is None:
        return 1
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    entries = {f"{kind}/{rid}": e for kind, es in site.data.records.items() for rid, e in es.items()}
    entries |= {f"faqs/{i}": e for i, e in site.data.faqs.items()} | {
        f"comparisons/{i}": e for i, e in site.data.comparisons.items()
    }
    refs = args.refs or sorted(entries)
    written = 0
    for ref in refs:
        if ref not in entries:
            print(f"{ref}: no such record, FAQ or comparison (write it as kind/id)", file=sys.stderr)
            return 1
        path = translation_path(Path(args.data).parent / entries[ref].doc.path, args.language)
        if not path.exists():
            if args.refs:
                print(f"{ref}: {path} does not exist", file=sys.stderr)
                return 1
            continue
        doc = yaml.load(path.read_text(encoding="utf-8"))
        block = doc.get("translation") or {}
        block["english"] = english_fingerprint(entries[ref].model)
        if "translation" not in doc:
            doc.insert(0, "translation", block)
        else:
            doc["translation"] = block
        with path.open("w", encoding="utf-8") as handle:
            yaml.dump(doc, handle)
        written += 1
    print(f"Recorded the English text of {written} translation(s) into {args.language}.")
    return 0


def cmd_edition_config(args) -> int:
    """Print the path of a configuration for one edition alone (for `make serve LANGUAGE=es`)."""
    from macros.build.editions import edition_config

    project = Path(args.data).resolve().parent
    print(edition_config(Path(args.config), args.language, project, [args.language]))
    return 0


def cmd_strings(args) -> int:
    """Add the interface's marked English texts to every catalogue (data/locales/<lang>.po); list untranslated."""
    from macros.tools.catalogue import marked, update

    project = Path(args.data).resolve().parent
    found = marked(project)
    missing_any = False
    for path in sorted((Path(args.data) / "locales").glob("*.po")):
        missing = update(path, found)
        missing_any = missing_any or bool(missing)
        print(f"{path}: {len(found)} texts, {len(missing)} not translated yet")
        for message in missing:
            print(f"  {message!r}")
    return 1 if missing_any else 0


def cmd_leaflets(args) -> int:
    import time

    from macros.build.environment import published_graph
    from macros.pages.leaflets import LeafletError
    from macros.tools.leaflet_files import publish_leaflets, weasyprint_problem

    site = _graph(args)
    if site is None:
        return 1
    problem = weasyprint_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    from macros.build.editions import languages

    editions = {}
    try:
        site, _ = published_graph(site)  # under publish: reviewed-only, leaflets only for published pages
        for language in languages(Path(args.data).resolve().parent)[1:]:  # each other edition, in its language
            editions[language], _ = published_graph(load_graph(Path(args.data), language))
    except DataError as exc:
        print(exc, file=sys.stderr)
        return 1
    out = Path(args.out)
    started = time.perf_counter()
    try:
        paths = publish_leaflets(site, out if out.is_absolute() else ROOT / out, editions)
    except LeafletError as exc:
        print(f"{exc}. The previous leaflets are unchanged.", file=sys.stderr)
        return 1
    for path in paths:
        shown = path.relative_to(ROOT) if ROOT in path.parents else path
        print(f"wrote {shown} ({path.stat().st_size / 1000:.0f} KB)")
    print(f"{len(paths)} leaflets in {time.perf_counter() - started:.1f} s.")
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
    review = sub.add_parser("review", help="write the clinical reviewer's worklist (HTML and CSV)")
    review.add_argument("--out", default=str(ROOT / "build" / "review"), help="where (default: build/review/)")
    review.add_argument("--today", help="the date to judge review dates by (default: today), YYYY-MM-DD")
    review.set_defaults(func=cmd_review)
    sign = sub.add_parser("sign-off", help="record a clinician's review of pages (kind/id), in place")
    sign.add_argument("ids", nargs="*", help="pages as kind/id, e.g. conditions/degenerative-cervical-myelopathy")
    sign.add_argument("--list", help="a file with one kind/id per line (the worklist CSV works too)")
    sign.add_argument("--reviewer", default="", help="the clinician's name as readers should see it")
    sign.add_argument("--role", default="", help="their role, e.g. Consultant neurosurgeon")
    sign.add_argument("--registration", default="", help="professional registration, e.g. GMC 1234567 (optional)")
    sign.add_argument("--date", help="the day of the review, YYYY-MM-DD (default: today)")
    sign.add_argument("--next-review", help="when it must be reviewed again (default: a year after the review)")
    sign.add_argument(
        "--language", default="en", help="sign off the translations into this language (e.g. es) instead of the pages"
    )
    sign.set_defaults(func=cmd_sign_off)
    strings = sub.add_parser(
        "strings", help="add the interface's marked texts to data/locales/<lang>.po; list what is untranslated"
    )
    strings.set_defaults(func=cmd_strings)
    edition = sub.add_parser("edition-config", help="write the MkDocs configuration of one edition; print its path")
    edition.add_argument("language", help="the language code, e.g. es")
    edition.add_argument("--config", default="mkdocs.yml", help="the English configuration (default: mkdocs.yml)")
    edition.set_defaults(func=cmd_edition_config)
    translated = sub.add_parser(
        "translated", help="record that translations match the English as it is now (translation.english)"
    )
    translated.add_argument("language", help="the language code, e.g. es")
    translated.add_argument("refs", nargs="*", help="kind/id of each record, FAQ or comparison (default: all)")
    translated.set_defaults(func=cmd_translated)
    leaflets = sub.add_parser(
        "leaflets", help="write printable A4 PDF leaflets: one per condition, and a symptom diary"
    )
    leaflets.add_argument("--data", default=argparse.SUPPRESS, help="the data folder (default: data/)")
    leaflets.add_argument("--out", default=str(ROOT / "leaflets"), help="where (default: leaflets/)")
    leaflets.set_defaults(func=cmd_leaflets)
    nginx = sub.add_parser("nginx", help="print an nginx server block for the built site")
    nginx.add_argument("--site-dir", default=str(ROOT / "site"), help="the built site (default: site/)")
    nginx.add_argument("--root", help="where the site will be served from (default: --site-dir)")
    nginx.add_argument("--listen", default="80", help="address and port to listen on (default: 80)")
    nginx.add_argument("--server-name", default="_", help="host name (default: any)")
    nginx.add_argument(
        "--path", help="where the site sits in the address, e.g. /guide/ (default: from site_url in the data)"
    )
    nginx.add_argument("--data", default=str(ROOT / "data"), help="the data folder (default: data/)")
    nginx.set_defaults(func=cmd_nginx)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
