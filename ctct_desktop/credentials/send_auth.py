"""Send-time credentials: the one call a sender makes before sending a request.

It applies the account the request names (refreshing a v3 token first when it is about to
expire) and returns the secret strings the caller must pass to redaction before logging,
recording history or exporting. It never raises: a problem comes back in plain words.
"""

from __future__ import annotations

from dataclasses import dataclass

from ctct_desktop.core.models import RequestModel
from ctct_desktop.core.redaction import auth_secrets
from ctct_desktop.credentials.accounts import AccountManager
from ctct_desktop.credentials.model import AccountError


@dataclass(frozen=True)
class AuthorizedRequest:
    request: RequestModel  # with credentials applied (unchanged when ``problem`` is set)
    secrets: tuple[str, ...] = ()  # every secret the request carries, for core.redaction
    problem: str = ""  # plain words; when set, do not send
    refreshed: bool = False  # a v3 token was refreshed on the way

    @property
    def ok(self) -> bool:
        return not self.problem


def authorize_request(request: RequestModel, manager: AccountManager, *, refresh: bool = True) -> AuthorizedRequest:
    """Apply ``request.auth.account`` (if any); inline auth passes through with its secrets listed."""
    name = request.auth.account
    if not name:
        return AuthorizedRequest(request, auth_secrets(request.auth))
    refreshed = False
    try:
        if refresh:
            from ctct_desktop.credentials.oauth.refresh import ensure_fresh_token

            fresh = ensure_fresh_token(manager, name)
            if fresh.error is not None:
                return AuthorizedRequest(request, problem=f"{fresh.error.title}. {fresh.error.message}")
            refreshed = fresh.refreshed
        applied = manager.apply(request)
        secrets = manager.secret_values(name)
    except AccountError as exc:
        return AuthorizedRequest(request, problem=str(exc))
    return AuthorizedRequest(applied, tuple(dict.fromkeys(secrets + auth_secrets(applied.auth))),
                             refreshed=refreshed)
