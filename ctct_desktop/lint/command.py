"""``ctct-desktop lint``: lint a body file like a compiler would (no Qt, cheap top level)."""

from __future__ import annotations

import argparse
import sys

NAME = "lint"
HELP = "Check a request body (and URL, headers) against the Constant Contact rules before sending."

EXIT_CLEAN, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("body_file", metavar="BODY_FILE", nargs="?",
                        help="the body to check ('-' reads standard input)")
    parser.add_argument("--method", "-X", default="POST", help="HTTP method (default POST)")
    parser.add_argument("--url", default="", help="the request URL (decides which rules apply)")
    parser.add_argument("-H", "--header", dest="headers", action="append", default=[], metavar="'Name: value'",
                        help="a request header; repeat for several")
    parser.add_argument("--var", dest="variables", action="append", default=None, metavar="NAME=VALUE",
                        help="resolve {{NAME}}; when given, unresolved placeholders are errors")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    parser.add_argument("--list-rules", action="store_true", help="print every rule's code and title, then exit")
    parser.add_argument("--explain", metavar="CODE", help="print one rule's documentation (e.g. L021), then exit")


def run(args: argparse.Namespace) -> int:
    from ctct_desktop.lint.cli_support import UsageError, build_request, read_body, render

    if args.list_rules or args.explain:
        return _print_docs(args.explain)
    if args.body_file is None:
        print("ctct-desktop lint: a BODY_FILE is required ('-' reads standard input)", file=sys.stderr)
        return EXIT_USAGE
    try:
        text, raw = read_body(args.body_file)
        request, variables = build_request(text, args.method, args.url, args.headers, args.variables)
    except UsageError as exc:
        print(f"ctct-desktop lint: {exc}", file=sys.stderr)
        return EXIT_USAGE
    from ctct_desktop.lint import has_errors, lint_request

    diagnostics = lint_request(request, variables, body_bytes=raw)
    label = "<stdin>" if args.body_file == "-" else args.body_file
    output = render(diagnostics, label, args.format)
    if output:
        print(output)
    return EXIT_ERRORS if has_errors(diagnostics) else EXIT_CLEAN


def _print_docs(code: str | None) -> int:
    from ctct_desktop.lint import rule_doc, rule_docs

    if code is None:
        for listed in rule_docs():
            print(f"{listed.code}  {listed.severity.value:<7}  {listed.title}")
        return EXIT_CLEAN
    doc = rule_doc(code)
    if doc is None:
        print(f"ctct-desktop lint: no rule '{code}' (see --list-rules)", file=sys.stderr)
        return EXIT_USAGE
    print(f"{doc.code}: {doc.title} ({doc.severity.value})\n\n{doc.rationale}\n\nBad:\n{doc.bad_example}\n\nGood:\n{doc.good_example}")
    return EXIT_CLEAN
