"""What an account is: non-secret metadata (safe anywhere) and its secrets (keyring only).

The two are separate types on purpose, so serialising an ``Account`` can never carry a secret.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from enum import Enum

MAX_NAME_LENGTH = 100


class AccountError(ValueError):
    """An account operation cannot be done; the message is plain words for the user."""


class AccountKind(str, Enum):
    V1_BASIC = "v1-basic"  # API key + username + password, sent as Basic apikey%username
    OAUTH2_TOKEN = "oauth2-token"  # v1/v2 OAuth 2.0 access token + the username the redirect returned
    V2 = "v2"  # API key (api_key query parameter) + access token (Bearer)
    V3 = "v3"  # OAuth 2.0 with PKCE: client id, optional secret, access + refresh token, expiry

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    AccountKind.V1_BASIC: "v1 Basic (API key, username, password)",
    AccountKind.OAUTH2_TOKEN: "OAuth 2.0 access token (v1/v2)",
    AccountKind.V2: "v2 (API key + access token)",
    AccountKind.V3: "v3 OAuth 2.0 (PKCE, refresh token)",
}

# Secret fields each kind must have before it can sign a request.
REQUIRED_SECRETS: dict[AccountKind, tuple[str, ...]] = {
    AccountKind.V1_BASIC: ("api_key", "password"),
    AccountKind.OAUTH2_TOKEN: ("access_token",),
    AccountKind.V2: ("api_key", "access_token"),
    AccountKind.V3: ("access_token",),
}
# Secret fields each kind may hold at all; others are refused so nothing is stored by mistake.
ALLOWED_SECRETS: dict[AccountKind, tuple[str, ...]] = {
    AccountKind.V1_BASIC: ("api_key", "password"),
    AccountKind.OAUTH2_TOKEN: ("access_token",),
    AccountKind.V2: ("api_key", "access_token"),
    AccountKind.V3: ("access_token", "refresh_token", "client_secret"),
}


@dataclass(frozen=True)
class Account:
    """Everything about an account except its secrets; this is what accounts.json holds."""

    name: str
    kind: AccountKind
    username: str = ""  # v1 Basic login, or the username the OAuth redirect returned
    client_id: str = ""  # v3 client id (v1/v2 OAuth: the API key is the client id and stays secret)
    expires_at: float | None = None  # access token expiry, Unix seconds; None when long-lived
    api_version: str = ""  # "v1", "v2" or "v3"; defaults from the kind
    auth_server: str = ""  # v3 token endpoint base for refresh (empty: Constant Contact's)
    scope: str = ""  # v3 scopes granted
    saved: bool = True  # False for session-only accounts (no keyring); never written to the file

    @property
    def effective_api_version(self) -> str:
        if self.api_version:
            return self.api_version
        return {AccountKind.V1_BASIC: "v1", AccountKind.OAUTH2_TOKEN: "v1",
                AccountKind.V2: "v2", AccountKind.V3: "v3"}[self.kind]


@dataclass(frozen=True)
class AccountSecrets:
    """The secret values of one account. ``repr`` never shows them."""

    api_key: str = ""
    password: str = ""
    access_token: str = ""
    refresh_token: str = ""
    client_secret: str = ""

    def __repr__(self) -> str:
        present = [f.name for f in fields(self) if getattr(self, f.name)]
        return f"AccountSecrets(present={present})"

    __str__ = __repr__

    def items(self) -> tuple[tuple[str, str], ...]:
        """(field, value) for every non-empty secret."""
        return tuple((f.name, getattr(self, f.name)) for f in fields(self) if getattr(self, f.name))


SECRET_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(AccountSecrets))


def parse_kind(text: str) -> AccountKind | None:
    try:
        return AccountKind(text.strip().lower())
    except ValueError:
        return None


def name_problem(name: str) -> str | None:
    """A plain reason the account name cannot be used, or None."""
    if not name or not name.strip():
        return "The account name is empty."
    if name != name.strip():
        return "The account name starts or ends with a space."
    if len(name) > MAX_NAME_LENGTH:
        return f"The account name is longer than {MAX_NAME_LENGTH} characters."
    if "/" in name or any(ord(ch) < 32 or ord(ch) == 127 for ch in name):
        return "The account name may not contain '/' or control characters."
    return None


def secrets_problem(account: Account, secrets: AccountSecrets) -> str | None:
    """A plain reason these secrets do not fit the account kind, or None."""
    allowed = ALLOWED_SECRETS[account.kind]
    extra = [name for name, _ in secrets.items() if name not in allowed]
    if extra:
        return f"A {account.kind.value} account does not use: {', '.join(extra)}."
    missing = [name for name in REQUIRED_SECRETS[account.kind] if not getattr(secrets, name)]
    if missing:
        return f"A {account.kind.value} account needs: {', '.join(f.replace('_', ' ') for f in missing)}."
    if account.kind is AccountKind.V1_BASIC and not account.username:
        return "A v1-basic account needs the username."
    if account.kind is AccountKind.V3 and not account.client_id:
        return "A v3 account needs the client id."
    for name, value in secrets.items():
        if any(ch in value for ch in "\r\n"):
            return f"The {name.replace('_', ' ')} contains a line break."
    return None


def secret_key(account_name: str, field_name: str) -> str:
    """The keyring entry name (username) for one secret, under service ``SERVICE``."""
    return f"account/{account_name}/{field_name}"
