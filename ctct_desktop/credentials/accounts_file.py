"""accounts.json: the non-secret part of every account, versioned, written atomically.

Stable key order and sorted accounts, so the file diffs cleanly. A damaged or newer file is
reported in plain words and never overwritten silently.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ctct_desktop.core.migrations import FORMAT_KEY, MigrationError, NewerFormatError, migrate_document
from ctct_desktop.credentials.model import Account, AccountError, name_problem, parse_kind
from ctct_desktop.core.atomic import write_atomic
from ctct_desktop.core.paths import app_dirs

FORMAT_VERSION = 2  # 2: the number moved from "format_version" to "format", the key every format uses
ACCOUNTS_STEPS = "ctct_desktop.credentials.migrations.accounts"
FILE_NAME = "accounts.json"


class AccountsFileError(AccountError):
    """accounts.json cannot be read; the message says which file and why."""


def default_path() -> Path:
    return app_dirs().config / FILE_NAME


def _to_json(account: Account) -> dict[str, Any]:
    entry: dict[str, Any] = {"name": account.name, "kind": account.kind.value}
    for key in ("username", "client_id", "api_version", "auth_server", "scope"):
        value = getattr(account, key)
        if value:
            entry[key] = value
    if account.expires_at is not None:
        entry["expires_at"] = round(account.expires_at, 3)
    return entry


def _text(entry: dict[str, Any], key: str) -> str:
    value = entry.get(key, "")
    return value if isinstance(value, str) else ""


def _from_json(entry: Any, path: Path) -> Account:
    if not isinstance(entry, dict):
        raise AccountsFileError(f"{path}: an account entry is not an object.")
    name = _text(entry, "name")
    problem = name_problem(name)
    if problem:
        raise AccountsFileError(f"{path}: {problem}")
    kind = parse_kind(_text(entry, "kind"))
    if kind is None:
        raise AccountsFileError(f"{path}: account '{name}' has an unknown kind {entry.get('kind')!r}.")
    expires = entry.get("expires_at")
    expires_at = float(expires) if isinstance(expires, (int, float)) and not isinstance(expires, bool) else None
    return Account(name=name, kind=kind, username=_text(entry, "username"),
                   client_id=_text(entry, "client_id"), expires_at=expires_at,
                   api_version=_text(entry, "api_version"), auth_server=_text(entry, "auth_server"),
                   scope=_text(entry, "scope"))


def load_accounts(path: Path) -> dict[str, Account]:
    """Accounts by name; an absent file is an empty list, a bad one raises AccountsFileError."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise AccountsFileError(f"{path} cannot be read: {exc.strerror or exc}.") from exc
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise AccountsFileError(f"{path} is not valid JSON ({exc}); fix or remove it.") from exc
    if not isinstance(document, dict):
        raise AccountsFileError(f"{path} does not hold an accounts list.")
    try:
        document = migrate_document(document, ACCOUNTS_STEPS, FORMAT_VERSION, "accounts file").document
    except MigrationError as exc:
        advice = "update CTCT Desktop to use it" if isinstance(exc, NewerFormatError) else "fix or remove it"
        raise AccountsFileError(f"{path}: {exc}; {advice}.") from None
    if not isinstance(document.get("accounts", []), list):
        raise AccountsFileError(f"{path} does not hold an accounts list.")
    accounts: dict[str, Account] = {}
    for entry in document.get("accounts", []):
        account = _from_json(entry, path)
        accounts[account.name] = account
    return accounts


def save_accounts(path: Path, accounts: dict[str, Account]) -> None:
    """Write only saved accounts, sorted by name; never a secret (Account has none)."""
    entries = [_to_json(a) for a in sorted(accounts.values(), key=lambda a: a.name.casefold()) if a.saved]
    document = {FORMAT_KEY: FORMAT_VERSION, "accounts": entries}
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    write_atomic(path, text, mode=0o600)
