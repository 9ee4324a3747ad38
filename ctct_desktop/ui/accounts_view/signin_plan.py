"""The sign-in dialog's logic without Qt: defaults, checks, the request, and the blocking run.

``run_and_save`` is what the worker thread runs: the whole browser round trip, then the keyring
write, returning one SignInOutcome (never raising) so the dialog only has to show it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from urllib.parse import urlsplit

from ctct_desktop.credentials.accounts import AccountManager
from ctct_desktop.credentials.model import Account, AccountError, AccountKind, name_problem
from ctct_desktop.credentials.oauth.endpoints import LEGACY_SERVER, V3_DEFAULT_SCOPE, V3_SERVER, OAuthServer
from ctct_desktop.credentials.oauth.errors import OAuthError
from ctct_desktop.credentials.oauth.listener import check_redirect_uri
from ctct_desktop.credentials.oauth.signin import FlowKind, SignIn, SignInRequest
from ctct_desktop.core import sandbox_demo as demo

FLOW_LABELS = {
    FlowKind.SERVER: "Server flow (v1/v2): authorization code, exchanged with the client secret",
    FlowKind.CLIENT: "Client flow (v1/v2): the token comes back in the redirect",
    FlowKind.V3_PKCE: "v3: authorization code with PKCE, refresh token",
}


class ServerChoice(str, Enum):
    SANDBOX = "sandbox"
    CONSTANT_CONTACT = "constant-contact"
    CUSTOM = "custom"


@dataclass(frozen=True)
class SignInValues:
    """What the form holds."""

    flow: FlowKind
    client_id: str
    redirect_uri: str
    server_url: str
    name: str
    client_secret: str = ""
    api_version: str = "v1"  # what a v1/v2 token is for
    scope: str = V3_DEFAULT_SCOPE
    timeout_s: float = 300.0


def server_url(choice: ServerChoice, flow: FlowKind, sandbox_base_url: str, custom: str = "") -> str:
    if choice is ServerChoice.SANDBOX:
        return sandbox_base_url
    if choice is ServerChoice.CONSTANT_CONTACT:
        return V3_SERVER if flow is FlowKind.V3_PKCE else LEGACY_SERVER
    return custom.strip()


def sandbox_client_id(flow: FlowKind) -> str:
    return demo.V3_CLIENT_ID if flow is FlowKind.V3_PKCE else demo.OAUTH_CLIENT_ID


def sandbox_client_secret(flow: FlowKind) -> str:
    """The sandbox's public test secret where the flow uses one (the server flow must)."""
    return demo.OAUTH_CLIENT_SECRET if flow is FlowKind.SERVER else ""


def registered_redirect(choice: ServerChoice, flow: FlowKind) -> str | None:
    """The redirect URI the server has registered, when this app knows it (the sandbox's)."""
    if choice is not ServerChoice.SANDBOX:
        return None
    return demo.V3_REDIRECT_URI if flow is FlowKind.V3_PKCE else demo.OAUTH_REDIRECT_URI


def default_name(flow: FlowKind, choice: ServerChoice, api_version: str = "v1") -> str:
    prefix = "sandbox" if choice is ServerChoice.SANDBOX else "ctct"
    if flow is FlowKind.V3_PKCE:
        return f"{prefix}-v3"
    return f"{prefix}-{api_version}-oauth"


def _server_problem(url: str) -> str | None:
    if not url:
        return "The authorization server address is required (e.g. https://oauth2.constantcontact.com)."
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError:
        return "The authorization server address cannot be read as a URL."
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "The authorization server address must start with https:// (or http:// for a local sandbox)."
    return None


def problems(values: SignInValues) -> dict[str, str]:
    """Field name -> plain reason; empty when the sign-in can start."""
    found: dict[str, str] = {}
    if not values.client_id.strip():
        found["client_id"] = ("The client id is required: the API key for v1/v2, the application's client "
                              "id for v3.")
    if values.flow is FlowKind.SERVER and not values.client_secret:
        found["client_secret"] = "The server flow exchanges the code with the client secret; enter it."
    redirect = check_redirect_uri(values.redirect_uri.strip())
    if isinstance(redirect, OAuthError):
        found["redirect_uri"] = redirect.message
    server = _server_problem(values.server_url)
    if server:
        found["server"] = server
    name = name_problem(values.name)
    if name:
        found["name"] = "A name is required for the account." if not values.name.strip() else name
    if values.flow is FlowKind.V3_PKCE and not values.scope.strip():
        found["scope"] = "v3 needs at least one scope (offline_access gives a refresh token)."
    return found


def build_request(values: SignInValues) -> SignInRequest:
    return SignInRequest(flow=values.flow, client_id=values.client_id.strip(),
                         redirect_uri=values.redirect_uri.strip(), server=OAuthServer(values.server_url),
                         client_secret=values.client_secret, scope=values.scope.strip() or V3_DEFAULT_SCOPE,
                         timeout_s=values.timeout_s)


def replaces_note(name: str, existing: Account | None) -> str:
    if existing is None:
        return ""
    if existing.kind in (AccountKind.OAUTH2_TOKEN, AccountKind.V2, AccountKind.V3):
        return f"Signing in replaces the token of the existing account '{name}'."
    return f"The existing {existing.kind.value} account '{name}' will be replaced by the signed-in account."


@dataclass(frozen=True)
class SignInOutcome:
    account: Account | None = None
    error: OAuthError | None = None
    problem: str = ""  # the grant arrived but could not be saved (keyring), in plain words
    authorize_url: str = ""


def run_and_save(signin: SignIn, manager: AccountManager, name: str, api_version: str) -> SignInOutcome:
    """Blocking: the browser round trip, then save_grant. Never raises."""
    from ctct_desktop.credentials.oauth.save import save_grant

    try:
        result = signin.run()
    except Exception as exc:  # noqa: BLE001 - the sign-in reports its failures as data; anything else is still shown
        return SignInOutcome(problem=f"The sign-in stopped unexpectedly: {type(exc).__name__}: {exc}")
    if result.error is not None or result.grant is None:
        error = result.error or OAuthError("no_token", "No token", "The sign-in ended without a token.")
        return SignInOutcome(error=error, authorize_url=result.authorize_url)
    try:
        account = save_grant(manager, name, signin.request, result.grant, api_version=api_version)
    except AccountError as exc:
        return SignInOutcome(problem=f"Signed in, but the token could not be saved: {exc}",
                             authorize_url=result.authorize_url)
    return SignInOutcome(account=account, authorize_url=result.authorize_url)
