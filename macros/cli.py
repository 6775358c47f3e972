"""Command line for editors and CI: `python -m macros.cli check|schemas`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .environment import load_graph
from .problems import DataError

ROOT = Path(__file__).resolve().parent.parent


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
    from .loader import load_site
    from .schemas import write_schemas

    try:
        vocab = load_site(Path(args.data)).vocab
    except DataError as exc:
        print(exc, file=sys.stderr)
        return 1
    for path in write_schemas(Path(args.data), vocab):
        print(f"wrote {path.relative_to(ROOT) if ROOT in path.parents else path}")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.cli", description=__doc__)
    parser.add_argument("--data", default=str(ROOT / "data"), help="the data folder (default: data/)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="load and check all data, print every problem").set_defaults(func=cmd_check)
    sub.add_parser("schemas", help="write data/schemas/*.schema.json from the models").set_defaults(func=cmd_schemas)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
