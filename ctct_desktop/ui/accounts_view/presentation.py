"""How accounts read in the list, where Verify sends its probe, and the no-keyring banner. No Qt."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime

from ctct_desktop.credentials.model import Account, AccountKind
from ctct_desktop.credentials.secrets import SESSION_NOTE, KeyringStatus
from ctct_desktop.core import sandbox_demo as demo

SHORT_KIND = {
    AccountKind.V1_BASIC: "v1 Basic",
    AccountKind.OAUTH2_TOKEN: "OAuth 2.0 token",
    AccountKind.V2: "v2",
    AccountKind.V3: "v3 OAuth",
}
SAVED_TEXT = "in the keyring"
NOT_SAVED_TEXT = "not saved (this session only)"


@dataclass(frozen=True)
class AccountRow:
    """The cells of one list row, plus tooltips."""

    name: str
    kind: str
    username: str
    expiry: str
    storage: str
    kind_tooltip: str
    expiry_tooltip: str


def _span(seconds: float) -> str:
    minutes = int(seconds // 60)
    if minutes < 1:
        return "less than a minute"
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days >= 365:
        return f"{days // 365} years" if days >= 730 else "1 year"
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {mins} min"
    return f"{mins} min"


def expiry_text(expires_at: float | None, now: float | None = None) -> str:
    """"expires in 1 h 55 min", "expired 3 min ago", or "" for a token without an expiry."""
    if expires_at is None:
        return ""
    left = expires_at - (time.time() if now is None else now)
    if left <= 0:
        return f"expired {_span(-left)} ago"
    return f"expires in {_span(left)}"


def expiry_tooltip(expires_at: float | None) -> str:
    if expires_at is None:
        return "No expiry recorded for this token."
    try:
        when = datetime.fromtimestamp(expires_at).astimezone()
    except (OverflowError, OSError, ValueError):
        return "The recorded expiry is out of range."
    return f"Token expiry: {when:%Y-%m-%d %H:%M %Z}"


def row_for(account: Account, now: float | None = None) -> AccountRow:
    storage = SAVED_TEXT if account.saved else NOT_SAVED_TEXT
    return AccountRow(name=account.name, kind=SHORT_KIND[account.kind], username=account.username,
                      expiry=expiry_text(account.expires_at, now), storage=storage,
                      kind_tooltip=account.kind.label, expiry_tooltip=expiry_tooltip(account.expires_at))


def verify_base_url(account: Account, sandbox_base_url: str) -> str | None:
    """The sandbox for a v1 account of the demo user (when a sandbox runs); else None: the real API."""
    if not sandbox_base_url or account.effective_api_version != "v1":
        return None
    if account.username.casefold() != demo.DEMO_USERNAME:
        return None
    return sandbox_base_url


def verify_target_text(account: Account, sandbox_base_url: str) -> str:
    """Where the check goes, said before it is sent."""
    if verify_base_url(account, sandbox_base_url):
        return f"Checking '{account.name}' against the local sandbox…"
    return f"Checking '{account.name}' against the Constant Contact API…"


@dataclass(frozen=True)
class Banner:
    title: str
    text: str


def keyring_banner(persistent: bool, status: KeyringStatus | None) -> Banner | None:
    """The warning shown above the list when secrets cannot be saved; None when they can."""
    if persistent:
        return None
    title = "Credentials are not saved"
    if status is None:
        return Banner(title, SESSION_NOTE)
    if status.available:
        return Banner(title, f"{SESSION_NOTE} An OS keyring is available now ({status.backend_name}); "
                             "restart CTCT Desktop to save credentials in it.")
    return Banner(title, f"{status.message}\n\nUntil then, credentials are kept in memory for this session "
                         "only and are gone when CTCT Desktop closes.")
