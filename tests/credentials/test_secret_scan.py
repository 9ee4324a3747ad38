"""Nothing secret on disk: a whole session, then every file written is scanned for every secret.

One account of every kind (v1 Basic added by hand; the others by real OAuth sign-ins), requests
sent with each, history recorded, requests saved to a collection, the accounts file written.
Then each file under the app home and the collection is searched for each secret raw,
percent-encoded and Base64 (also the composed "apikey%username:password"): zero hits.
Run once against the embedded sandbox and once against a server that echoes the credentials
it receives back in its replies.
"""

from __future__ import annotations

import base64
import secrets as random_source
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from ctct_desktop.core.models import Auth, RequestModel
from ctct_desktop.credentials.accounts import Account, AccountKind, AccountManager, AccountSecrets
from ctct_desktop.credentials.oauth.endpoints import OAuthServer
from ctct_desktop.credentials.oauth.save import save_grant
from ctct_desktop.credentials.oauth.signin import FlowKind, SignIn, SignInRequest
from ctct_desktop.credentials.secrets import KeyringSecretStore
from ctct_desktop.credentials.send_auth import authorize_request
from ctct_desktop.core import sandbox_demo as demo
from ctct_desktop.store.collection import create_collection
from ctct_desktop.store.history import History
from ctct_desktop.core.paths import app_dirs
from ctct_desktop.store.request_file import SavedRequest, save_request
from ctct_desktop.transport.sender import send
from tests.credentials import oauth_server as echo
from tests.credentials.browser import PlayedBrowser
from tests.credentials.memory_backend import MemoryKeyring

ALLOW = "&sandbox_user=joesflowers&sandbox_password=sandbox-password&sandbox_decision=allow"


@dataclass(frozen=True)
class Target:
    """Where the session signs in and sends, and with which registered client."""

    base_url: str
    redirect_uri: str
    client_id: str
    client_secret: str
    v3_client_id: str
    v3_client_secret: str
    api_key: str
    password: str
    paths: dict[str, str]


def _sandbox_target(sandbox: Any) -> Target:
    lists = f"{demo.account_path()}/lists"
    return Target(sandbox.base_url, demo.OAUTH_REDIRECT_URI, demo.OAUTH_CLIENT_ID, demo.OAUTH_CLIENT_SECRET,
                  demo.V3_CLIENT_ID, demo.OAUTH_CLIENT_SECRET, demo.DEMO_API_KEY, demo.DEMO_PASSWORD,
                  {"basic": lists, "token": lists, "two": lists, "three": lists})


def _echo_target(server: echo.OAuthTestServer, redirect_uri: str) -> Target:
    api_key, password = "key-" + random_source.token_hex(8), "pw-" + random_source.token_hex(8)
    server.basic_pairs.add(f"{api_key}%{echo.USERNAME}:{password}")
    lists = f"/ws/customers/{echo.USERNAME}/lists"
    return Target(server.base_url, redirect_uri, echo.CLIENT_ID, echo.CLIENT_SECRET, echo.V3_CLIENT_ID,
                  "cs-" + random_source.token_hex(8), api_key, password,
                  {"basic": lists, "token": lists, "two": "/v2/contacts?limit=5", "three": "/v3/contacts"})


def _sign_in_all(target: Target, manager: AccountManager) -> None:
    manager.add(Account("basic", AccountKind.V1_BASIC, username="joesflowers"),
                AccountSecrets(api_key=target.api_key, password=target.password))
    for name, flow, version in (("token", FlowKind.SERVER, "v1"), ("two", FlowKind.CLIENT, "v2"),
                                ("three", FlowKind.V3_PKCE, "v3")):
        v3 = flow is FlowKind.V3_PKCE
        request = SignInRequest(flow=flow, client_id=target.v3_client_id if v3 else target.client_id,
                                redirect_uri=target.redirect_uri, server=OAuthServer(target.base_url),
                                client_secret=target.v3_client_secret if v3 else target.client_secret,
                                timeout_s=10)
        result = SignIn(request, opener=PlayedBrowser(ALLOW)).run()
        assert result.ok and result.grant is not None, result.error
        save_grant(manager, name, request, result.grant, api_version=version)


def _variants(secret: str) -> set[bytes]:
    raw = secret.encode("utf-8")
    return {raw, quote(secret, safe="").encode("ascii"), base64.b64encode(raw),
            base64.urlsafe_b64encode(raw).rstrip(b"=")}


def _run_session(target: Target, collection_root: Path) -> set[str]:
    """The whole session; returns every secret it used."""
    manager = AccountManager(KeyringSecretStore(MemoryKeyring()))
    _sign_in_all(target, manager)
    create_collection(collection_root, "Scan")
    used: set[str] = {target.client_secret, target.v3_client_secret}
    with History(app_dirs().history_db) as history:
        for name, path in target.paths.items():
            request = RequestModel(url=target.base_url + path, auth=Auth(account=name))
            authorized = authorize_request(request, manager)
            assert authorized.ok, authorized.problem
            exchange = send(authorized.request)
            assert exchange.response is not None and exchange.response.status == 200, exchange
            history.record(exchange, authorized.secrets)
            # A saved request is what the user wrote: it names the account; auth is applied at send time.
            save_request(collection_root / f"{name}.ctct.toml", SavedRequest(name, "", request))
            used.update(authorized.secrets)
            used.update(manager.secret_values(name))
    return used


def _scan(roots: list[Path], used: set[str]) -> list[tuple[str, str]]:
    files = [p for root in roots for p in root.rglob("*") if p.is_file()]
    assert any(p.name == "accounts.json" for p in files) and any("history" in p.name for p in files)
    assert len([p for p in files if p.name.endswith(".ctct.toml")]) == 4
    return [(str(p), s) for p in files for s in used for v in _variants(s) if v in p.read_bytes()]


@pytest.mark.parametrize("where", ["sandbox", "echoing-server"])
def test_no_secret_reaches_any_file(where: str, request: pytest.FixtureRequest, redirect_uri: str,
                                    tmp_path: Path) -> None:
    if where == "sandbox":
        target = _sandbox_target(request.getfixturevalue("sandbox"))
    else:
        target = _echo_target(request.getfixturevalue("oauth_server"), redirect_uri)
    collection_root = tmp_path / "collection"
    used = _run_session(target, collection_root)
    assert len(used) >= 8  # api key, password, their pair, 3 access tokens, refresh token, client secrets
    assert f"{target.api_key}%joesflowers:{target.password}" in used
    assert _scan([app_dirs().config.parent, collection_root], used) == []
    saved = (collection_root / "basic.ctct.toml").read_text(encoding="utf-8")
    assert 'account = "basic"' in saved  # requests keep the account's name, only
