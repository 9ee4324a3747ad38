"""``ctct-desktop send``: resolve, lint and send one saved request, headless (no Qt).

Exit status: 0 for a 2xx answer, 1 for anything else (another status, lint errors or unresolved
variables that stopped the send, no answer at all), 2 for a usage error (bad arguments, a request
file or environment that cannot be read). The top level stays cheap: heavy imports are in ``run``.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

NAME = "send"
HELP = "Send a saved request (.ctct.toml) and print the response."
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad input from the command line; printed as one line, exit status 2."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("request_file", metavar="REQUEST_FILE", help="a saved request, NAME.ctct.toml")
    parser.add_argument("--env", metavar="NAME_OR_FILE",
                        help="environment: 'sandbox', a built-in or collection environment name, or a .toml file")
    parser.add_argument("--var", metavar="NAME=VALUE", action="append", default=[],
                        help="set a variable (repeatable; wins over the environment)")
    parser.add_argument("--collection", metavar="DIR",
                        help="collection folder for variables and environments (default: found from the file)")
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


@dataclass
class SendPlan:
    """Everything decided before sending: the resolved request, what the linter said, why not."""

    source: Path
    resolved: Any  # RequestModel with placeholders replaced
    unresolved: tuple[str, ...] = ()
    diagnostics: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def blocked(self) -> bool:
        return bool(self.unresolved) or any(d["severity"] == "error" for d in self.diagnostics)


@dataclass
class SendOutcome:
    plan: SendPlan
    exchange: Any  # Exchange, or None when the send was refused

    @property
    def ok(self) -> bool:
        return bool(self.exchange is not None and self.exchange.response is not None
                    and self.exchange.response.ok)

    def as_json(self) -> dict[str, Any]:
        from ctct_desktop.core.formatting import decode_text

        exchange, response = self.exchange, self.exchange.response if self.exchange else None
        data: dict[str, Any] = {
            "request": {"method": self.plan.resolved.method, "url": exchange.sent_url if exchange
                        else self.plan.resolved.url, "file": str(self.plan.source)},
            "sent": exchange is not None,
            "status": response.status if response else None,
            "reason": response.reason if response else None,
            "http_version": response.http_version if response else None,
            "headers": [[k, v] for k, v in response.headers] if response else [],
            "body": decode_text(response.body, response.content_type) if response else None,
            "elapsed_ms": round(response.elapsed_ms, 3) if response else None,
            "diagnostics": self.plan.diagnostics,
            "unresolved": list(self.plan.unresolved),
            "notes": self.plan.notes,
            "error": None,
        }
        if exchange is not None and exchange.failure is not None:
            data["error"] = {"kind": exchange.failure.kind.value, "message": exchange.failure.message,
                             "detail": exchange.failure.detail}
        elif exchange is None:
            data["error"] = {"kind": "not-sent", "message": "Not sent: the request has errors.", "detail": ""}
        return data


def _find_collection_root(start: Path) -> Path | None:
    from ctct_desktop.store.collection import COLLECTION_FILE

    for folder in [start.parent, *start.parent.parents]:
        if (folder / COLLECTION_FILE).is_file():
            return folder
    return None


def _environment_values(env: str | None, root: Path | None) -> tuple[dict[str, str], list[str]]:
    if not env:
        return {}, []
    from ctct_desktop.store.builtin_environments import find_environment
    from ctct_desktop.store.environment import EnvironmentFileError, default_store

    try:
        found = find_environment(env, root, store=default_store())
    except (EnvironmentFileError, OSError, ValueError) as exc:
        raise UsageError(str(exc)) from None
    notes = list(found.notes)
    notes += [f"the secret '{n}' of environment '{found.name}' has no value in the keyring"
              for n in found.missing_secrets()]
    return found.values(), notes


def _apply_account(request: Any, notes: list[str]) -> Any:
    if not request.auth.account:
        return request
    from ctct_desktop.credentials.accounts import AccountManager
    from ctct_desktop.credentials.secrets import default_secret_store

    try:
        return AccountManager(default_secret_store()).apply(request)
    except Exception as exc:  # a missing account or a locked keyring: say so, send without it
        notes.append(f"account '{request.auth.account}' could not be used: {exc}")
        return request


def _lint(request: Any, notes: list[str]) -> list[dict[str, Any]]:
    try:
        from ctct_desktop.lint import lint_request
    except ImportError as exc:
        notes.append(f"the linter is not available ({exc}); sending without checks")
        return []
    try:
        found = lint_request(request, None)
    except Exception as exc:  # the linter must never stop a send
        notes.append(f"the linter failed ({type(exc).__name__}: {exc}); sending without checks")
        return []
    return [{"code": d.code, "severity": getattr(d.severity, "value", str(d.severity)),
             "where": getattr(d.where, "value", str(d.where)), "line": d.line, "column": d.column,
             "message": d.message, "hint": d.hint} for d in found]


def _unresolved_diagnostics(request: Any, names: tuple[str, ...]) -> list[dict[str, Any]]:
    """One L026 error per unresolved name, placed where it first appears (body: line and column)."""
    from ctct_desktop.core.variables import find_placeholders

    fields = [("url", request.url), *(("header", f"{h.name}: {h.value}") for h in request.headers),
              *(("auth", getattr(request.auth, f)) for f in ("username", "password", "api_key", "token"))]
    found: list[dict[str, Any]] = []
    for name in names:
        where, line, column = "request", None, None
        for label, text in fields:
            if any(p.name == name for p in find_placeholders(text)):
                where = label
                break
        else:
            spot = next((p for p in find_placeholders(request.body) if p.name == name), None)
            if spot is not None:
                where = "body"
                line = request.body.count("\n", 0, spot.start) + 1
                column = spot.start - (request.body.rfind("\n", 0, spot.start) + 1) + 1
        found.append({"code": "L026", "severity": "error", "where": where, "line": line, "column": column,
                      "message": f"unresolved variable {{{{{name}}}}}",
                      "hint": f"set it in the environment (--env) or with --var {name}=VALUE"})
    return found


def prepare_send(request_file: str, *, env: str | None, cli_vars: dict[str, str],
                 collection: str | None) -> SendPlan:
    """Load the file, resolve its variables (--var, environment, collection, dynamic) and lint."""
    from ctct_desktop.core.variables import resolve_request
    from ctct_desktop.store.request_file import RequestFileError, load_request

    source = Path(request_file)
    try:
        saved = load_request(source)
    except RequestFileError as exc:
        raise UsageError(str(exc)) from None
    root = Path(collection) if collection else _find_collection_root(source.resolve())
    notes = list(saved.notes)
    collection_vars: dict[str, str] = {}
    if root is not None:
        if not root.is_dir():
            raise UsageError(f"{root}: the collection folder does not exist")
        collection_vars = _manifest_variables(root, notes)
    env_values, env_notes = _environment_values(env, root)
    notes += env_notes
    resolution = resolve_request(saved.request, [cli_vars, env_values, collection_vars])
    request = _apply_account(resolution.request, notes)
    diagnostics = _unresolved_diagnostics(saved.request, resolution.unresolved) + _lint(request, notes)
    return SendPlan(source, request, resolution.unresolved, diagnostics, notes)


def _manifest_variables(root: Path, notes: list[str]) -> dict[str, str]:
    from ctct_desktop.store.collection import read_manifest

    manifest = read_manifest(root)
    notes += [f"{p.path}: {p.reason}" for p in manifest.problems]
    return manifest.variables


def send_prepared(plan: SendPlan) -> SendOutcome:
    from ctct_desktop.transport.sender import send

    return SendOutcome(plan, send(plan.resolved))


def run(args: argparse.Namespace) -> int:
    try:
        plan = prepare_send(args.request_file, env=args.env, cli_vars=parse_vars(args.var),
                            collection=args.collection)
    except UsageError as exc:
        print(f"ctct-desktop send: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if plan.blocked and not (args.force and not plan.unresolved):
        outcome = SendOutcome(plan, None)
    else:
        outcome = send_prepared(plan)
    if args.format == "json":
        _print_json(outcome)
    else:
        _print_text(outcome)
    return EXIT_OK if outcome.ok else EXIT_FAILED


def _print_text(outcome: SendOutcome) -> None:
    from ctct_desktop.core.formatting import decode_text

    plan = outcome.plan
    for note in plan.notes:
        print(f"note: {note}", file=sys.stderr)
    for d in plan.diagnostics:
        where = f"{d['where']}:{d['line']}:{d['column']}" if d.get("line") else d["where"]
        hint = f" ({d['hint']})" if d.get("hint") else ""
        print(f"{where}: {d['severity']}[{d['code']}]: {d['message']}{hint}", file=sys.stderr)
    exchange = outcome.exchange
    if exchange is None:
        print("Not sent: fix the errors above (or use --force to send despite lint errors).", file=sys.stderr)
        return
    if exchange.failure is not None:
        print(f"No response: {exchange.failure.message}", file=sys.stderr)
        return
    response = exchange.response
    print(f"{response.http_version} {response.status} {response.reason}")
    for name, value in response.headers:
        print(f"{name}: {value}")
    print()
    text = decode_text(response.body, response.content_type)
    sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")
    print(f"{response.status} {response.reason} in {response.elapsed_ms:.0f} ms", file=sys.stderr)


def _print_json(outcome: SendOutcome) -> None:
    import json

    print(json.dumps(outcome.as_json(), indent=2, ensure_ascii=False))
