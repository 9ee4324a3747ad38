"""Accounts: metadata in accounts.json, secrets in the SecretStore under ``account/{name}/{field}``.

Writes go secrets-first, so a keyring failure leaves no half-made account; removal deletes the
keyring entries before the metadata, so a failed delete can be retried. Without a persistent
store (no keyring) accounts live for the session only, marked ``saved=False``, and are never
written to the file.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

from ctct_desktop.core.models import RequestModel
from ctct_desktop.credentials.accounts_file import AccountsFileError, default_path, load_accounts, save_accounts
from ctct_desktop.credentials.apply import account_secrets, apply_account
from ctct_desktop.credentials.model import (
    REQUIRED_SECRETS,
    SECRET_FIELDS,
    Account,
    AccountError,
    AccountKind,
    AccountSecrets,
    name_problem,
    secret_key,
    secrets_problem,
)
from ctct_desktop.credentials.secrets import SecretStore, SecretStoreError

__all__ = [
    "Account", "AccountError", "AccountKind", "AccountManager", "AccountSecrets", "AccountsFileError",
    "account_secrets", "apply_account",
]


class AccountManager:
    """Add, update, read, list and remove accounts; the one way the app reaches account secrets."""

    def __init__(self, store: SecretStore, path: Path | None = None) -> None:
        self.store = store
        self._path = path
        self._session: dict[str, Account] = {}
        self._lock = threading.RLock()  # read-modify-write of accounts.json from worker threads

    @property
    def path(self) -> Path:
        return self._path if self._path is not None else default_path()

    @property
    def persistent(self) -> bool:
        return bool(self.store.persistent)

    # Reading
    def list(self) -> list[Account]:
        """All accounts, saved and session-only, sorted by name."""
        merged = {**load_accounts(self.path), **self._session}
        return sorted(merged.values(), key=lambda a: a.name.casefold())

    def find(self, name: str) -> Account | None:
        return self._session.get(name) or load_accounts(self.path).get(name)

    def get(self, name: str) -> Account:
        account = self.find(name)
        if account is None:
            raise AccountError(f"There is no account named '{name}'. "
                               "Add it with the account manager or 'ctct-desktop account add'.")
        return account

    def secrets(self, name: str) -> AccountSecrets:
        """The account's secrets from the store (empty fields where nothing is stored)."""
        account = self.get(name)
        values = {field: self._read(secret_key(account.name, field)) for field in SECRET_FIELDS}
        return AccountSecrets(**{k: v or "" for k, v in values.items()})

    def missing_secrets(self, name: str) -> tuple[str, ...]:
        """Required secrets the store does not hold (e.g. session secrets lost at exit)."""
        account = self.get(name)
        secrets = self.secrets(name)
        return tuple(f for f in REQUIRED_SECRETS[account.kind] if not getattr(secrets, f))

    def secret_values(self, name: str) -> tuple[str, ...]:
        """Strings to redact for one account."""
        return account_secrets(self.get(name), self.secrets(name))

    def all_secret_values(self) -> tuple[str, ...]:
        """Strings to redact for every account (for logs and crash reports)."""
        values: list[str] = []
        for account in self.list():
            values.extend(account_secrets(account, self.secrets(account.name)))
        return tuple(dict.fromkeys(values))

    def apply(self, request: RequestModel) -> RequestModel:
        """Apply the account the request names (``auth.account``); unchanged when it names none."""
        name = request.auth.account
        if not name:
            return request
        account = self.get(name)
        secrets = self.secrets(name)
        missing = [f for f in REQUIRED_SECRETS[account.kind] if not getattr(secrets, f)]
        if missing:
            raise AccountError(f"The account '{name}' has no {', '.join(m.replace('_', ' ') for m in missing)} "
                               "in the keyring; edit the account and enter it again.")
        return apply_account(request, account, secrets)

    # Writing
    def add(self, account: Account, secrets: AccountSecrets) -> Account:
        """Create an account; refuses an existing name."""
        self._check(account, secrets)
        with self._lock:
            if self.find(account.name) is not None:
                raise AccountError(f"An account named '{account.name}' already exists; remove it or choose "
                                   "another name.")
            return self._write(account, secrets, replaced=None)

    def update(self, account: Account, secrets: AccountSecrets | None = None, *,
               previous_name: str | None = None) -> Account:
        """Change an account (rename with ``previous_name``); ``secrets=None`` keeps the stored ones."""
        with self._lock:
            old = self.get(previous_name or account.name)
            if secrets is None:
                secrets = self.secrets(old.name)
            self._check(account, secrets)
            if account.name != old.name and self.find(account.name) is not None:
                raise AccountError(f"An account named '{account.name}' already exists.")
            return self._write(account, secrets, replaced=old)

    def remove(self, name: str) -> None:
        """Delete the account and its keyring entries."""
        with self._lock:
            account = self.get(name)
            self._delete_secrets(account.name)
            if account.name in self._session:
                del self._session[account.name]
                return
            accounts = load_accounts(self.path)
            accounts.pop(account.name, None)
            save_accounts(self.path, accounts)

    def store_tokens(self, name: str, *, access_token: str, refresh_token: str | None = None,
                     expires_at: float | None = None, scope: str | None = None) -> Account:
        """Replace an account's tokens after a sign-in or refresh (refresh token kept when None)."""
        with self._lock:
            account = self.get(name)
            current = self.secrets(name)
            secrets = replace(current, access_token=access_token,
                              refresh_token=current.refresh_token if refresh_token is None else refresh_token)
            changed = replace(account, expires_at=expires_at,
                              scope=account.scope if scope is None else scope)
            return self.update(changed, secrets)

    # Internals
    def _check(self, account: Account, secrets: AccountSecrets) -> None:
        problem = name_problem(account.name) or secrets_problem(account, secrets)
        if problem:
            raise AccountError(problem)

    def _write(self, account: Account, secrets: AccountSecrets, replaced: Account | None) -> Account:
        account = replace(account, saved=self.persistent)
        self._write_secrets(account.name, secrets)
        if replaced is not None and replaced.name != account.name:
            self._delete_secrets(replaced.name)
        if not account.saved:
            if replaced is not None:
                self._session.pop(replaced.name, None)
            self._session[account.name] = account
            return account
        accounts = load_accounts(self.path)
        if replaced is not None:
            accounts.pop(replaced.name, None)
        accounts[account.name] = account
        try:
            save_accounts(self.path, accounts)
        except OSError as exc:
            if replaced is None:
                self._delete_secrets(account.name)
            raise AccountError(f"{self.path} could not be written: {exc.strerror or exc}.") from exc
        return account

    def _write_secrets(self, name: str, secrets: AccountSecrets) -> None:
        for field in SECRET_FIELDS:
            value = getattr(secrets, field)
            try:
                if value:
                    self.store.set(secret_key(name, field), value)
                else:
                    self.store.delete(secret_key(name, field))
            except SecretStoreError as exc:
                raise AccountError(str(exc)) from exc

    def _delete_secrets(self, name: str) -> None:
        for field in SECRET_FIELDS:
            try:
                self.store.delete(secret_key(name, field))
            except SecretStoreError as exc:
                raise AccountError(str(exc)) from exc

    def _read(self, key: str) -> str | None:
        try:
            return self.store.get(key)
        except SecretStoreError as exc:
            raise AccountError(str(exc)) from exc
