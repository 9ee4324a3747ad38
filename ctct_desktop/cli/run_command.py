"""The body of ``ctct-desktop run``: read what to run, build the scopes, run, report, exit status.

Scopes are those of ``send`` (``--var-stdin``, ``--var``, the environment, the collection), with
the run's captures and the data row in front (runner/step.py). Each exchange is recorded in the
history (one database connection for the run) unless ``--no-history``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path

from ctct_desktop.cli.errors import UsageError
from ctct_desktop.cli.run_entry import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK
from ctct_desktop.cli.run_progress import Progress
from ctct_desktop.cli.run_report import write_report
from ctct_desktop.cli.send import parse_vars, read_stdin_vars
from ctct_desktop.cli.send_inputs import environment_for, refuse_secret_vars
from ctct_desktop.runner import CollectionRun, RunInputError, RunOptions, RunSource, load_source, read_rows
from ctct_desktop.send import KeyringAccounts, SendResult, build_scopes
from ctct_desktop.send.settings import plan_settings


def _source(path: str) -> RunSource:
    try:
        source = load_source(Path(path))
    except RunInputError as exc:
        raise UsageError(str(exc)) from None
    if source.problems:
        listed = "\n  ".join(source.problems)
        raise UsageError(f"{path} cannot run until these are fixed:\n  {listed}")
    if not source.items:
        raise UsageError(f"{path}: no requests to run")
    return source


def _rows(data: str | None) -> list[dict[str, str]]:
    if not data:
        return []
    try:
        return read_rows(Path(data))
    except RunInputError as exc:
        raise UsageError(str(exc)) from None


def _out(out: str | None) -> Path | None:
    target = Path(out) if out else None
    if target is not None and target.is_dir():
        raise UsageError(f"--out {target}: that is a folder; name a file")
    return target


def _recorder(stack: ExitStack, notes: list[str]) -> Callable[[SendResult], None] | None:
    """Each exchange into the history, over one connection; a history that fails is said once."""
    import sqlite3

    from ctct_desktop.core.paths import app_dirs
    from ctct_desktop.store.history import History
    from ctct_desktop.store.settings import load_settings

    settings = load_settings().settings
    try:
        history = History(app_dirs().history_db, settings.history_max_entries, settings.history_max_bytes)
    except (OSError, sqlite3.Error) as exc:
        notes.append(f"the exchanges are not recorded in the history: {exc}")
        return None
    stack.callback(history.close)

    def record(result: SendResult) -> None:
        try:
            history.record(result.exchange, result.secrets)
        except (OSError, sqlite3.Error) as exc:
            if not notes:
                notes.append(f"an exchange could not be recorded in the history: {exc}")

    return record


def execute(args: argparse.Namespace) -> int:
    source = _source(args.path)
    notes: list[str] = []
    environment = environment_for(args.env, source.root, notes)
    given = parse_vars(args.var)
    refuse_secret_vars(given, environment)
    rows = _rows(args.data)
    out = _out(args.out)
    given_secret = read_stdin_vars(args.var_stdin)
    scopes = build_scopes(given=given, given_secret=given_secret, environment=environment,
                          collection=source.variables)
    options = RunOptions(iterations=args.iterations, data=rows, bail=args.bail, delay_ms=args.delay_ms,
                         force=args.force, settings=plan_settings(timeout_s=args.timeout))
    progress = Progress(sys.stdout if args.reporter == "text" else sys.stderr)
    for note in notes:
        progress.note(note)
    with ExitStack() as stack:
        record = None if args.no_history else _recorder(stack, notes)
        runner = CollectionRun(source, scopes, options, accounts=KeyringAccounts(), on_event=progress.on_event,
                               on_sent=record)
        result = runner.run()
    problem = write_report(args.reporter, result, out, progress)
    for note in notes:
        progress.note(note)  # those the history added while running (said once)
    if problem:
        raise UsageError(problem)
    if result.cancelled:
        return EXIT_INTERRUPTED
    return EXIT_OK if result.passed else EXIT_FAILED
