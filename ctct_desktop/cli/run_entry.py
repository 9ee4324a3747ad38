"""``ctct-desktop run``: run a collection, a folder or a request headless, with its assertions.

(Not named ``cli/run.py``: importing a submodule ``run`` would replace the package's ``run``
function, the command line's front door, with the module.)

Exit status: 0 when every request ran and every assertion and capture held, 1 when one did not
(or a request could not be sent), 2 for a usage error, 130 when interrupted (Ctrl+C: the run so
far is still reported). Every request goes through the request
pipeline (``ctct_desktop.send``, via ``ctct_desktop.runner``); everything printed or written is
masked with the plans' ``SecretSet``.
"""

from __future__ import annotations

import argparse
import sys

from ctct_desktop.cli.errors import UsageError

NAME = "run"
HELP = "Run a collection, folder or request (.ctct.toml) in order, checking its assertions."
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
REPORTERS = ("text", "json", "junit")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH", help="a collection folder, a folder in it, or a NAME.ctct.toml file")
    parser.add_argument("--env", metavar="NAME_OR_FILE",
                        help="environment: 'sandbox', a built-in or collection environment name, or a .toml file")
    parser.add_argument("--var", metavar="NAME=VALUE", action="append", default=[],
                        help="set a variable (repeatable). Not for secrets: a command line is visible to others")
    parser.add_argument("--var-stdin", metavar="NAME", action="append", default=[],
                        help="read a secret variable's value from standard input (one line each, in order)")
    parser.add_argument("--iterations", metavar="N", type=int,
                        help="run everything N times (default: once, or once per --data row)")
    parser.add_argument("--data", metavar="FILE", help="a .csv or .json file: one iteration per row, its values "
                                                       "as variables")
    parser.add_argument("--bail", action="store_true", help="stop at the first request that does not pass")
    parser.add_argument("--delay-ms", metavar="N", type=int, default=0, help="wait N ms between requests")
    parser.add_argument("--timeout", metavar="SECONDS", type=float,
                        help="deadline for each exchange (default: each request's own timeout)")
    parser.add_argument("--reporter", choices=REPORTERS, default="text",
                        help="text (progress and summary), json (the whole run) or junit (XML for CI)")
    parser.add_argument("--out", metavar="FILE", help="write the report to FILE (progress still shows)")
    parser.add_argument("--no-history", action="store_true", help="do not record the exchanges in the history")
    parser.add_argument("--force", action="store_true", help="send requests even when the linter reports errors")


def _check_numbers(args: argparse.Namespace) -> None:
    if args.iterations is not None and not 1 <= args.iterations <= 100_000:
        raise UsageError("--iterations needs a whole number from 1 to 100000")
    if not 0 <= args.delay_ms <= 3_600_000:
        raise UsageError("--delay-ms needs a number of milliseconds from 0 to 3600000")
    if args.timeout is not None and not args.timeout > 0:
        raise UsageError("--timeout needs a number of seconds above zero")


def run(args: argparse.Namespace) -> int:
    # The runner pulls in the pipeline, httpx and the linter: only this command pays for them.
    from ctct_desktop.cli.run_command import execute

    try:
        _check_numbers(args)
        return execute(args)
    except UsageError as exc:
        print(f"ctct-desktop run: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
