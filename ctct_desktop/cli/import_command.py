"""``ctct-desktop import``: bring in what a customer sent (curl, PHP, raw HTTP, HAR, Postman,
Insomnia), print each request with what could not be carried over and its lint findings, and
optionally write the requests into a collection folder.

Exit status: 0 when something was imported (requests, or an environment's variables), 1 when
nothing importable was found, 2 for a usage error (no such file, bad arguments).
"""

from __future__ import annotations

import argparse
import sys

from ctct_desktop.cli.errors import UsageError

NAME = "import"
HELP = "Import requests from a curl command, PHP curl code, raw HTTP, a HAR, Postman or Insomnia export."
EXIT_OK, EXIT_NOTHING, EXIT_USAGE = 0, 1, 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", metavar="FILE", help="the file to import ('-' reads standard input)")
    parser.add_argument("--into", metavar="COLLECTION",
                        help="write the requests as request files into this collection folder (made if missing)")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")


def run(args: argparse.Namespace) -> int:
    from ctct_desktop.cli.import_output import lint_all, render_json, render_text, write_into
    from ctct_desktop.importers import import_text
    from ctct_desktop.lint.cli_support import UsageError as BodyUsageError
    from ctct_desktop.lint.cli_support import read_body

    try:
        text, _raw = read_body(args.source)
    except (BodyUsageError, UsageError) as exc:
        print(f"ctct-desktop import: {exc}", file=sys.stderr)
        return EXIT_USAGE
    result = import_text(text)
    if not result.requests and not result.variables:
        print(f"ctct-desktop import: nothing to import: {result.error or 'no requests found.'}", file=sys.stderr)
        return EXIT_NOTHING
    linted = lint_all(result)
    written: list[str] = []
    if args.into:
        try:
            written = write_into(args.into, result)
        except UsageError as exc:
            print(f"ctct-desktop import: {exc}", file=sys.stderr)
            return EXIT_USAGE
    output = render_json(result, linted) if args.format == "json" else render_text(result, linted, written)
    print(output)
    return EXIT_OK
