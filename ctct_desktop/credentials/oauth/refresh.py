"""Keep v3 access tokens fresh: refresh shortly before expiry, store the new tokens.

Constant Contact v3 tokens live 2 h after last use and 24 h at most (reference §13); the token
endpoint allows about one call a second, so refreshing is serialised per process.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from ctct_desktop.credentials.accounts import AccountManager
from ctct_desktop.credentials.model import Account, AccountKind
from ctct_desktop.credentials.oauth.endpoints import V3_SERVER, OAuthServer
from ctct_desktop.credentials.oauth.errors import OAuthError
from ctct_desktop.credentials.oauth.tokens import refresh_v3

REFRESH_MARGIN_S = 300.0
_refresh_lock = threading.Lock()


@dataclass(frozen=True)
class FreshToken:
    account: Account
    refreshed: bool = False
    error: OAuthError | None = None


def needs_refresh(account: Account, *, margin_s: float = REFRESH_MARGIN_S, now: float | None = None) -> bool:
    """True for a v3 account whose access token expires within the margin (or has expired)."""
    if account.kind is not AccountKind.V3 or account.expires_at is None:
        return False
    return account.expires_at - (time.time() if now is None else now) <= margin_s


def _no_refresh_token(account: Account) -> OAuthError:
    return OAuthError("no_refresh_token", "The access token has expired",
                      f"The v3 account '{account.name}' has no refresh token (the sign-in did not ask for "
                      "the offline_access scope). Sign in again to get a new access token.")


def ensure_fresh_token(manager: AccountManager, name: str, *, margin_s: float = REFRESH_MARGIN_S,
                       now: float | None = None) -> FreshToken:
    """Refresh the account's v3 token when it is about to expire; a no-op for other kinds."""
    account = manager.get(name)
    if not needs_refresh(account, margin_s=margin_s, now=now):
        return FreshToken(account)
    with _refresh_lock:
        account = manager.get(name)  # another thread may have refreshed it meanwhile
        if not needs_refresh(account, margin_s=margin_s, now=now):
            return FreshToken(account)
        secrets = manager.secrets(name)
        if not secrets.refresh_token:
            return FreshToken(account, error=_no_refresh_token(account))
        server = OAuthServer(account.auth_server or V3_SERVER)
        got = refresh_v3(server, account.client_id, secrets.refresh_token, secrets.client_secret)
        if isinstance(got, OAuthError):
            return FreshToken(account, error=got)
        updated = manager.store_tokens(name, access_token=got.access_token,
                                       refresh_token=got.refresh_token or None,
                                       expires_at=got.expires_at, scope=got.scope or None)
        return FreshToken(updated, refreshed=True)
