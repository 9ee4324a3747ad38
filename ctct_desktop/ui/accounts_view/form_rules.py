"""What the account editor checks and saves, without Qt: per-field problems and the save itself.

Kept apart from the widgets so every rule is tested on plain values. Secret fields left empty
while editing mean "keep the stored value"; a kind change drops secrets the new kind cannot hold.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ctct_desktop.credentials.accounts import AccountManager
from ctct_desktop.credentials.model import (
    ALLOWED_SECRETS,
    REQUIRED_SECRETS,
    SECRET_FIELDS,
    Account,
    AccountError,
    AccountKind,
    AccountSecrets,
    name_problem,
)

# The form rows each kind shows, in order ("expires" is the v3 token expiry).
KIND_FIELDS: dict[AccountKind, tuple[str, ...]] = {
    AccountKind.V1_BASIC: ("name", "username", "api_key", "password"),
    AccountKind.OAUTH2_TOKEN: ("name", "username", "access_token"),
    AccountKind.V2: ("name", "api_key", "access_token"),
    AccountKind.V3: ("name", "client_id", "client_secret", "access_token", "refresh_token", "expires"),
}

FIELD_LABELS: dict[str, str] = {
    "name": "Name", "username": "Username", "api_key": "API key", "password": "Password",
    "access_token": "Access token", "refresh_token": "Refresh token", "client_id": "Client id",
    "client_secret": "Client secret", "expires": "Token expiry",
}


@dataclass(frozen=True)
class EditorValues:
    """What the form holds. ``secrets`` are the typed values only (empty: unchanged or none)."""

    kind: AccountKind
    name: str
    username: str = ""
    client_id: str = ""
    expires_at: float | None = None
    secrets: AccountSecrets = field(default_factory=AccountSecrets)


def _keeps_stored(field_name: str, original: Account | None) -> bool:
    """True when an empty secret field means "unchanged" (the original account may hold it)."""
    return original is not None and field_name in ALLOWED_SECRETS[original.kind]


def _name_problems(name: str, existing_names: tuple[str, ...], original: Account | None) -> str | None:
    problem = name_problem(name)
    if problem:
        return "A name is required." if not name.strip() else problem
    mine = original.name.casefold() if original is not None else None
    for other in existing_names:
        if other.casefold() == name.casefold() and other.casefold() != mine:
            return f"An account named '{other}' already exists; choose another name."
    return None


def _username_problem(kind: AccountKind, username: str) -> str | None:
    if kind is AccountKind.V1_BASIC and not username:
        return "The username is required: it is the Constant Contact account login, used in every v1 URL."
    if "%" in username:
        return ("The username may not contain '%': the credential is sent as apikey%username, so type the "
                "API key and the username in their own fields.")
    if username != username.strip() or any(ch.isspace() for ch in username):
        return "The username may not contain spaces."
    if "/" in username:
        return "The username may not contain '/': it is one segment of /ws/customers/{username}/."
    return None


def _secret_problem(kind: AccountKind, field_name: str, value: str, original: Account | None) -> str | None:
    if any(ch in value for ch in "\r\n"):
        return f"The {FIELD_LABELS[field_name].lower()} contains a line break; paste it again."
    if not value and field_name in REQUIRED_SECRETS[kind] and not _keeps_stored(field_name, original):
        return f"The {FIELD_LABELS[field_name].lower()} is required for this kind of account."
    if field_name == "api_key" and kind is AccountKind.V1_BASIC and "%" in value:
        return "The API key may not contain '%' (the credential is sent as apikey%username)."
    if value != value.strip():
        return f"The {FIELD_LABELS[field_name].lower()} starts or ends with a space."
    return None


def problems(values: EditorValues, existing_names: tuple[str, ...] = (),
             original: Account | None = None) -> dict[str, str]:
    """Field name -> plain reason it cannot be saved; empty when the form is fine."""
    found: dict[str, str] = {}
    shown = KIND_FIELDS[values.kind]
    name = _name_problems(values.name, existing_names, original)
    if name:
        found["name"] = name
    if "username" in shown:
        username = _username_problem(values.kind, values.username)
        if username:
            found["username"] = username
    if values.kind is AccountKind.V3 and not values.client_id.strip():
        found["client_id"] = "The client id is required: it identifies the application to the v3 API."
    for field_name in SECRET_FIELDS:
        if field_name in shown:
            problem = _secret_problem(values.kind, field_name, getattr(values.secrets, field_name), original)
            if problem:
                found[field_name] = problem
    return found


def account_from(values: EditorValues, original: Account | None = None) -> Account:
    """The Account to save; an edit keeps what the form does not show (scope, server, version)."""
    shown = KIND_FIELDS[values.kind]
    username = values.username.strip() if "username" in shown else ""
    client_id = values.client_id.strip() if values.kind is AccountKind.V3 else ""
    expires_at = values.expires_at if values.kind is AccountKind.V3 else None
    if original is None:
        return Account(name=values.name, kind=values.kind, username=username, client_id=client_id,
                       expires_at=expires_at)
    if original.kind is not values.kind:
        original = replace(original, api_version="", auth_server="", scope="")
    if values.kind is not AccountKind.V3:
        expires_at = original.expires_at if original.kind is values.kind else None
    return replace(original, name=values.name, kind=values.kind, username=username, client_id=client_id,
                   expires_at=expires_at)


def merged_secrets(values: EditorValues, stored: AccountSecrets) -> AccountSecrets:
    """Typed values win; empty fields keep the stored value when the kind may hold it."""
    allowed = ALLOWED_SECRETS[values.kind]
    merged = {name: (getattr(values.secrets, name) or getattr(stored, name)) if name in allowed else ""
              for name in SECRET_FIELDS}
    return AccountSecrets(**merged)


def save(manager: AccountManager, values: EditorValues, original: Account | None = None) -> Account:
    """Add or update through the manager (blocking: the keyring may take a while). Raises AccountError."""
    account = account_from(values, original)
    if original is None:
        return manager.add(account, values.secrets)
    stored = manager.secrets(original.name)
    return manager.update(account, merged_secrets(values, stored), previous_name=original.name)


def save_or_reason(manager: AccountManager, values: EditorValues, original: Account | None = None) -> Account | str:
    """``save`` for a worker: the saved account, or the plain reason it was not saved."""
    try:
        return save(manager, values, original)
    except AccountError as exc:
        return str(exc)
