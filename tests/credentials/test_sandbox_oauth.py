"""Sign-in end to end against the embedded sandbox's OAuth endpoints; httpx plays the browser.

The sandbox registers http://127.0.0.1:8765/oauth/callback (demo.OAUTH_REDIRECT_URI) and, like
the real server, accepts no other, so these tests listen on port 8765.
"""

from __future__ import annotations

from typing import Any

import httpx

from ctct_desktop.core.models import Auth, RequestModel
from ctct_desktop.credentials.accounts import Account, AccountKind, AccountManager, AccountSecrets
from ctct_desktop.credentials.oauth.endpoints import OAuthServer
from ctct_desktop.credentials.oauth.save import save_grant
from ctct_desktop.credentials.oauth.signin import FlowKind, SignIn, SignInRequest
from ctct_desktop.credentials.oauth.tokens import token_info
from ctct_desktop.credentials.send_auth import authorize_request
from ctct_desktop.core import sandbox_demo as demo
from ctct_desktop.sandbox.admin_guard import ADMIN_HEADERS
from ctct_desktop.transport.sender import send
from tests.credentials.browser import PlayedBrowser

ALLOW = (f"&sandbox_user={demo.DEMO_USERNAME}&sandbox_password={demo.DEMO_PASSWORD}"
         "&sandbox_decision=allow")
DENY = ALLOW.replace("allow", "deny")


def _request(sandbox: Any, flow: FlowKind, redirect_uri: str = demo.OAUTH_REDIRECT_URI) -> SignInRequest:
    v3 = flow is FlowKind.V3_PKCE
    return SignInRequest(flow=flow, client_id=demo.V3_CLIENT_ID if v3 else demo.OAUTH_CLIENT_ID,
                         redirect_uri=redirect_uri, server=OAuthServer(sandbox.base_url),
                         client_secret=demo.OAUTH_CLIENT_SECRET if flow is FlowKind.SERVER else "",
                         timeout_s=10)


def _lists(sandbox: Any, manager: AccountManager, name: str) -> int:
    request = RequestModel(url=f"{sandbox.account_url}/lists", auth=Auth(account=name))
    authorized = authorize_request(request, manager)
    assert authorized.ok, authorized.problem
    exchange = send(authorized.request)
    assert exchange.response is not None, exchange.failure
    return exchange.response.status


def test_server_flow_token_works_on_the_v1_api(sandbox: Any, manager: AccountManager) -> None:
    request = _request(sandbox, FlowKind.SERVER)
    result = SignIn(request, opener=PlayedBrowser(ALLOW)).run()
    assert result.ok, result.error
    assert result.grant is not None and result.grant.username == demo.DEMO_USERNAME
    save_grant(manager, "sandbox-oauth", request, result.grant)
    assert _lists(sandbox, manager, "sandbox-oauth") == 200
    info = token_info(OAuthServer(sandbox.base_url), result.grant.access_token)
    assert isinstance(info, dict) and info["user_name"] == demo.DEMO_USERNAME


def test_client_flow_token_arrives_through_the_fragment(sandbox: Any, manager: AccountManager) -> None:
    request = _request(sandbox, FlowKind.CLIENT)
    browser = PlayedBrowser(ALLOW)
    result = SignIn(request, opener=browser).run()
    assert result.ok, result.error
    assert "#access_token=" in browser.visited[1]
    assert result.grant is not None
    save_grant(manager, "sandbox-client", request, result.grant)
    assert _lists(sandbox, manager, "sandbox-client") == 200


def test_v3_pkce_and_automatic_refresh(sandbox: Any, manager: AccountManager) -> None:
    with httpx.Client(trust_env=False) as client:
        assert client.patch(f"{sandbox.base_url}/_sandbox/quirks", json={"token_ttl_seconds": 60},
                            headers=ADMIN_HEADERS).status_code == 200
    request = _request(sandbox, FlowKind.V3_PKCE)
    result = SignIn(request, opener=PlayedBrowser(ALLOW)).run()
    assert result.ok, result.error
    assert result.grant is not None and result.grant.refresh_token and result.grant.expires_in == 60
    save_grant(manager, "sandbox-v3", request, result.grant)
    before = manager.secrets("sandbox-v3")
    assert _lists(sandbox, manager, "sandbox-v3") == 200  # refreshed on the way: 60 s < the 5 min margin
    after = manager.secrets("sandbox-v3")
    assert after.access_token != before.access_token and after.refresh_token != before.refresh_token


def test_access_denied_from_the_sandbox(sandbox: Any) -> None:
    result = SignIn(_request(sandbox, FlowKind.SERVER), opener=PlayedBrowser(DENY)).run()
    assert result.error is not None and result.error.code == "access_denied"
    assert "User denied authentication." in result.error.message


def test_redirect_mismatch_from_the_sandbox(sandbox: Any) -> None:
    wrong = "http://127.0.0.1:8765/callback"
    result = SignIn(_request(sandbox, FlowKind.SERVER, wrong), opener=PlayedBrowser(ALLOW)).run()
    assert result.error is not None and result.error.code == "redirect_uri_mismatch"
    assert wrong in result.error.message


def test_v1_basic_account_on_the_sandbox(sandbox: Any, manager: AccountManager) -> None:
    manager.add(Account("demo", AccountKind.V1_BASIC, username=demo.DEMO_USERNAME),
                AccountSecrets(api_key=demo.DEMO_API_KEY, password=demo.DEMO_PASSWORD))
    assert _lists(sandbox, manager, "demo") == 200
    manager.update(Account("demo", AccountKind.V1_BASIC, username=demo.DEMO_USERNAME),
                   AccountSecrets(api_key=demo.DEMO_API_KEY, password="wrong-password"))
    assert _lists(sandbox, manager, "demo") == 401
