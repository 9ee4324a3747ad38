"""The "Verify" action: send one cheap GET with an account and explain the answer in plain words.

The account manager dialog runs this in a worker; it never raises and never puts a secret in
its message. ``base_url`` is the API host (Constant Contact's by default, the sandbox's in tests).
"""

from __future__ import annotations

from dataclasses import dataclass

from ctct_desktop.core.models import Auth, Header, RequestModel
from ctct_desktop.core.redaction import redact_text
from ctct_desktop.credentials.accounts import AccountManager
from ctct_desktop.credentials.model import Account, AccountKind
from ctct_desktop.credentials.send_auth import authorize_request

V1_V2_HOST = "https://api.constantcontact.com"
V3_HOST = "https://api.cc.email"


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    status: int | None  # HTTP status, None when nothing came back
    message: str
    url: str = ""  # the URL checked (secrets masked)


def probe_url(account: Account, base_url: str | None = None) -> str | None:
    """The cheap GET for this account's API version, or None when it cannot be built."""
    version = account.effective_api_version
    if version == "v3":
        return f"{(base_url or V3_HOST).rstrip('/')}/v3/account/summary"
    if version == "v2":
        return f"{(base_url or V1_V2_HOST).rstrip('/')}/v2/account/info"
    if not account.username:
        return None
    return f"{(base_url or V1_V2_HOST).rstrip('/')}/ws/customers/{account.username}/lists"


def _explain(account: Account, status: int, reason: str) -> str:
    if 200 <= status < 300:
        return f"Verified: the API accepted the credentials of '{account.name}' (HTTP {status})."
    if status == 401:
        if account.kind is AccountKind.V1_BASIC:
            return ("HTTP 401: the API refused the credentials. Check the API key, username and password; "
                    "the Basic user is sent as apikey%username, and the username must be the account's login.")
        return "HTTP 401: the access token was refused (expired, revoked or for another key). Sign in again."
    if status == 403:
        return ("HTTP 403: the credentials were recognised but are not allowed here. The username in the URL "
                "must be the login of this account, and the API key must have access to this API.")
    if status == 404:
        return f"HTTP 404: no such account '{account.username}' at this address; check the username and API host."
    if status == 406 and account.effective_api_version == "v2":
        return "HTTP 406: the v2 API wants Accept: application/json."
    return f"HTTP {status} {reason}: the API did not accept the check request."


def verify_account(manager: AccountManager, name: str, base_url: str | None = None) -> VerifyResult:
    """Send the probe with the named account (refreshing a v3 token first) and explain the result."""
    from ctct_desktop.transport.sender import send

    account = manager.find(name)
    if account is None:
        return VerifyResult(False, None, f"There is no account named '{name}'.")
    url = probe_url(account, base_url)
    if url is None:
        return VerifyResult(False, None, "This account has no username, and v1 URLs need one "
                                         "(/ws/customers/{username}/...). Edit the account and add it.")
    request = RequestModel(url=url, auth=Auth(account=name), timeout_s=30.0,
                           headers=(Header("Accept", "application/json" if account.effective_api_version != "v1"
                                           else "application/atom+xml"),))
    authorized = authorize_request(request, manager)
    if not authorized.ok:
        return VerifyResult(False, None, authorized.problem, url)
    exchange = send(authorized.request)
    shown = redact_text(exchange.sent_url or url, authorized.secrets)
    if exchange.response is None:
        failure = exchange.failure.message if exchange.failure else "no response"
        return VerifyResult(False, None, redact_text(failure, authorized.secrets), shown)
    response = exchange.response
    return VerifyResult(response.ok, response.status, _explain(account, response.status, response.reason), shown)
