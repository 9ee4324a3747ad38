"""Put an account's credentials on a request at send time, and list them for redaction.

v1 Basic is composed as ``apikey%username`` (core.models does the Base64); OAuth tokens go in a
Bearer header; v2 also needs its API key as the ``api_key`` query parameter (reference §12).
"""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import unquote

from ctct_desktop.core.models import Auth, AuthKind, RequestModel
from ctct_desktop.core.urls import encode_component, split_url
from ctct_desktop.credentials.model import Account, AccountKind, AccountSecrets

API_KEY_PARAM = "api_key"


def apply_account(request: RequestModel, account: Account, secrets: AccountSecrets) -> RequestModel:
    """The request with this account's auth (and, for v2, its api_key parameter) applied."""
    if account.kind is AccountKind.V1_BASIC:
        auth = Auth(kind=AuthKind.CTCT_BASIC, username=account.username, password=secrets.password,
                    api_key=secrets.api_key, account=account.name)
        return replace(request, auth=auth)
    auth = Auth(kind=AuthKind.BEARER, token=secrets.access_token, username=account.username,
                account=account.name)
    if account.kind is AccountKind.V2:
        return replace(request, auth=auth, url=with_api_key(request.url, secrets.api_key))
    return replace(request, auth=auth)


def with_api_key(url: str, api_key: str) -> str:
    """Set the ``api_key`` query parameter, keeping every other parameter exactly as typed."""
    base, query, fragment = split_url(url)
    kept = [pair for pair in query.split("&")
            if pair and unquote(pair.partition("=")[0]) != API_KEY_PARAM]
    kept.append(f"{API_KEY_PARAM}={encode_component(api_key)}")
    return f"{base}?{'&'.join(kept)}{fragment}"


def account_secrets(account: Account, secrets: AccountSecrets) -> tuple[str, ...]:
    """Every string that must never reach disk for this account, for core.redaction.

    Includes the composed Basic pair ``apikey%username:password`` whose Base64 form is the
    Authorization header; redact_text masks raw, percent-encoded and Base64 variants of each.
    """
    values = [value for _, value in secrets.items()]
    if account.kind is AccountKind.V1_BASIC and secrets.password:
        user = f"{secrets.api_key}%{account.username}"
        values.append(f"{user}:{secrets.password}")
    return tuple(dict.fromkeys(v for v in values if v))
