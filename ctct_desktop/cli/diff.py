"""``ctct-desktop diff A B``: compare two bodies, saved requests or recorded exchanges, headless.

Like diff(1): exit 0 when they are equivalent, 1 when they differ, 2 for a usage error. The JSON
output is an array of differences (where, kind, a, b, rule, article, and note when there is one),
the ones that matter to the API first.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

NAME = "diff"
HELP = "Compare two bodies, saved requests (.ctct.toml) or exported exchanges (.json) as structure."
EXIT_SAME, EXIT_DIFFERENT, EXIT_USAGE = 0, 1, 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("a", metavar="A", help="the first side (usually the failing one)")
    parser.add_argument("b", metavar="B", help="the second side (usually the known-good one)")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")


def run(args: argparse.Namespace) -> int:
    from ctct_desktop.diffing.sources import SourceError, compare, load_side

    try:
        found = compare(load_side(Path(args.a)), load_side(Path(args.b)))
    except SourceError as exc:
        print(f"ctct-desktop diff: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.format == "json":
        rows = [{"where": d.where, "kind": d.kind, "a": d.a, "b": d.b, "rule": d.rule, "article": d.article,
                 **({"note": d.note} if d.note else {})} for d in found]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    elif found:
        for d in found:
            print(d.describe())
        print(f"{len(found)} difference{'s' if len(found) != 1 else ''}.")
    else:
        print("Equivalent: no differences.")
    return EXIT_DIFFERENT if found else EXIT_SAME
