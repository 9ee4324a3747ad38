"""``ctct-desktop send``: plan, send and print one saved request, headless (no Qt).

Exit status: 0 for a 2xx answer, 1 for anything else (another status, lint errors or unresolved
variables that stopped the send, no answer at all), 2 for a usage error. The request goes
through the same pipeline as the window's Ctrl+Enter (``ctct_desktop.send``); everything
printed or written is masked with the plan's ``SecretSet``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ctct_desktop.cli.errors import UsageError
from ctct_desktop.core.logs import configure_logging, logger
from ctct_desktop.core.redaction import redact_text
from ctct_desktop.core.paths import app_dirs

if TYPE_CHECKING:
    from ctct_desktop.send import SendResult

NAME = "send"
HELP = "Send a saved request (.ctct.toml) and print the response."
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("request_file", metavar="REQUEST_FILE", help="a saved request, NAME.ctct.toml")
    parser.add_argument("--env", metavar="NAME_OR_FILE",
                        help="environment: 'sandbox', a built-in or collection environment name, or a .toml file")
    parser.add_argument("--var", metavar="NAME=VALUE", action="append", default=[],
                        help="set a variable (repeatable; wins over the environment). Not for secrets: "
                             "a command line is visible to other users")
    parser.add_argument("--var-stdin", metavar="NAME", action="append", default=[],
                        help="read the value of a secret variable from standard input (one line each, "
                             "in the order given)")
    parser.add_argument("--collection", metavar="DIR",
                        help="collection folder for variables and environments (default: found from the file)")
    parser.add_argument("--timeout", metavar="SECONDS", type=float,
                        help="deadline for the whole exchange (default: the request's own timeout)")
    parser.add_argument("--export", metavar="PATH",
                        help="also write a support report of the exchange, secrets masked (.json or .txt)")
    parser.add_argument("--no-history", action="store_true", help="do not record the exchange in the history")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    parser.add_argument("--force", action="store_true", help="send even when the linter reports errors")


def parse_vars(items: list[str]) -> dict[str, str]:
    values: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"--var needs NAME=VALUE, got '{item}'")
        values[name.strip()] = value
    return values


def read_stdin_vars(names: list[str]) -> dict[str, str]:
    """One line of standard input per name; the trailing line break is not part of the value."""
    values: dict[str, str] = {}
    for name in names:
        if not name.strip():
            raise UsageError("--var-stdin needs a variable name")
        line = sys.stdin.readline() if sys.stdin is not None else ""
        if not line:
            raise UsageError(f"--var-stdin {name}: standard input ended before its value")
        values[name.strip()] = line.rstrip("\r\n")
    return values


def _timeout(value: float | None) -> float | None:
    if value is not None and not value > 0:
        raise UsageError("--timeout needs a number of seconds above zero")
    return value


def run(args: argparse.Namespace) -> int:
    # The pipeline pulls in httpx and the linter (~0.15 s): only the command that sends pays it,
    # not every `ctct-desktop` start that builds the argument parser.
    from ctct_desktop import send as pipeline
    from ctct_desktop.cli.send_inputs import load_inputs
    from ctct_desktop.cli.send_output import print_json, print_text
    from ctct_desktop.send.export import write_exchange_report
    from ctct_desktop.send.record import record_in_history
    from ctct_desktop.send.settings import plan_settings

    try:
        inputs = load_inputs(args.request_file, env=args.env, given=parse_vars(args.var),
                             given_secret=read_stdin_vars(args.var_stdin), collection=args.collection)
        timeout = _timeout(args.timeout)
        export = Path(args.export) if args.export else None
        if export is not None and export.is_dir():
            raise UsageError(f"--export {export}: that is a folder; name a .json or .txt file")
    except UsageError as exc:
        print(f"ctct-desktop send: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    settings = plan_settings(timeout_s=timeout)
    plan = pipeline.plan(inputs.request, inputs.scopes, pipeline.KeyringAccounts(), settings)
    if plan.sendable and plan.errors and not args.force:
        result = pipeline.not_sent(plan, "Not sent: the request has errors.")
    else:
        result = pipeline.run(plan)
    notes = [*inputs.notes, *plan.notes]
    _log(result)
    if not args.no_history:
        problem = record_in_history(result)
        notes += [f"the exchange was not recorded in the history: {problem}"] if problem else []
    if export is not None:
        notes += _export(export, result, write_exchange_report)
    if args.format == "json":
        print_json(result, inputs.source, notes)
    else:
        print_text(result, notes)
    return EXIT_OK if result.ok else EXIT_FAILED


def _log(result: SendResult) -> None:
    """The same send line the window writes, to the same log file, masked with the plan's secrets."""
    configure_logging(app_dirs().log)
    exchange = result.exchange
    outcome = (str(exchange.response.status) if exchange.response is not None
               else f"failed ({exchange.failure.kind.value})" if exchange.failure is not None else "?")
    url = redact_text(exchange.sent_url or exchange.request.url, result.secrets)
    logger("send").info("%s %s -> %s (command line)", exchange.request.method, url, outcome)


def _export(path: Path, result: SendResult, write: Callable[..., None]) -> list[str]:
    try:
        write(path, result.exchange, result.secrets)
    except OSError as exc:
        return [f"the report could not be written to {path}: {exc.strerror or exc}"]
    return [f"support report written to {path} (secrets masked)"]
