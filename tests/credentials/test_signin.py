"""OAuth 2.0 sign-in end to end against a real loopback OAuth server; httpx plays the browser."""

from __future__ import annotations

import time
from dataclasses import replace


from ctct_desktop.core.models import Auth, RequestModel
from ctct_desktop.credentials.accounts import AccountKind, AccountManager
from ctct_desktop.credentials.oauth.endpoints import OAuthServer
from ctct_desktop.credentials.oauth.pkce import challenge_s256, make_verifier
from ctct_desktop.credentials.oauth.refresh import ensure_fresh_token, needs_refresh
from ctct_desktop.credentials.oauth.save import save_grant
from ctct_desktop.credentials.oauth.signin import FlowKind, SignIn, SignInRequest, build_authorize_url
from ctct_desktop.credentials.send_auth import authorize_request
from ctct_desktop.transport.sender import send
from tests.credentials.browser import PlayedBrowser
from tests.credentials.oauth_server import CLIENT_ID, CLIENT_SECRET, USERNAME, V3_CLIENT_ID, OAuthTestServer

ALLOW = "&sandbox_user=joesflowers&sandbox_password=sandbox-password&sandbox_decision=allow"
DENY = "&sandbox_user=joesflowers&sandbox_password=sandbox-password&sandbox_decision=deny"


def _request(server: OAuthTestServer, redirect_uri: str, flow: FlowKind, **extra: object) -> SignInRequest:
    client_id = V3_CLIENT_ID if flow is FlowKind.V3_PKCE else CLIENT_ID
    secret = CLIENT_SECRET if flow is FlowKind.SERVER else ""
    return SignInRequest(flow=flow, client_id=client_id, redirect_uri=redirect_uri,
                         server=OAuthServer(server.base_url), client_secret=secret, timeout_s=10, **extra)


def test_server_flow_gets_a_token_and_the_username(oauth_server: OAuthTestServer, redirect_uri: str,
                                                   manager: AccountManager) -> None:
    browser = PlayedBrowser(ALLOW)
    result = SignIn(_request(oauth_server, redirect_uri, FlowKind.SERVER), opener=browser).run()
    assert result.ok, result.error
    assert result.grant is not None and result.grant.username == USERNAME
    assert result.grant.access_token in oauth_server.access_tokens
    assert result.grant.expires_in == 308874923.0
    assert "?code=" in browser.visited[1]
    account = save_grant(manager, "signed-in", _request(oauth_server, redirect_uri, FlowKind.SERVER), result.grant)
    assert account.kind is AccountKind.OAUTH2_TOKEN and account.username == USERNAME
    applied = manager.apply(RequestModel(url=f"{oauth_server.base_url}/ws/customers/{USERNAME}/lists",
                                         auth=Auth(account="signed-in")))
    assert send(applied).response.status == 200  # type: ignore[union-attr]


def test_client_flow_hands_the_fragment_over(oauth_server: OAuthTestServer, redirect_uri: str,
                                             manager: AccountManager) -> None:
    browser = PlayedBrowser(ALLOW)
    request = _request(oauth_server, redirect_uri, FlowKind.CLIENT)
    result = SignIn(request, opener=browser).run()
    assert result.ok, result.error
    assert "#access_token=" in browser.visited[1]
    assert result.grant is not None and result.grant.username == USERNAME
    assert oauth_server.token_calls == []  # no code exchange in the client flow
    account = save_grant(manager, "v2", request, result.grant, api_version="v2")
    assert account.kind is AccountKind.V2
    assert manager.secrets("v2").api_key == CLIENT_ID
    applied = manager.apply(RequestModel(url=f"{oauth_server.base_url}/v2/contacts", auth=Auth(account="v2")))
    assert send(applied).response.status == 200  # type: ignore[union-attr]


def test_v3_pkce_sends_a_challenge_and_the_matching_verifier(oauth_server: OAuthTestServer, redirect_uri: str,
                                                             manager: AccountManager) -> None:
    browser = PlayedBrowser(ALLOW)
    request = _request(oauth_server, redirect_uri, FlowKind.V3_PKCE)
    result = SignIn(request, opener=browser).run()
    assert result.ok, result.error
    assert "code_challenge_method=S256" in result.authorize_url
    verifier = oauth_server.token_calls[-1]["code_verifier"]
    assert 43 <= len(verifier) <= 128
    assert f"code_challenge={challenge_s256(verifier)}" in result.authorize_url
    assert result.grant is not None and result.grant.refresh_token
    account = save_grant(manager, "v3", request, result.grant)
    assert account.kind is AccountKind.V3 and account.client_id == V3_CLIENT_ID
    assert account.auth_server == oauth_server.base_url and account.expires_at is not None


def test_access_denied_is_explained(oauth_server: OAuthTestServer, redirect_uri: str) -> None:
    result = SignIn(_request(oauth_server, redirect_uri, FlowKind.SERVER), opener=PlayedBrowser(DENY)).run()
    assert not result.ok and result.error is not None
    assert result.error.code == "access_denied"
    assert "User denied authentication." in result.error.message and "Allow" in result.error.message


def test_redirect_mismatch_shows_the_uri_sent(oauth_server: OAuthTestServer, redirect_uri: str) -> None:
    wrong = redirect_uri.replace("/oauth/callback", "/other")
    opened: list[str] = []
    result = SignIn(_request(oauth_server, wrong, FlowKind.SERVER), opener=lambda u: opened.append(u) or True).run()
    assert result.error is not None and result.error.code == "redirect_uri_mismatch"
    assert result.error.sent_redirect_uri == wrong
    assert f"Sent:              {wrong}" in result.error.message
    assert f"Must be registered: {wrong}" in result.error.message
    assert opened == []  # explained before the browser opened


def test_mismatch_without_preflight_ends_in_a_timeout_that_names_the_uri(oauth_server: OAuthTestServer,
                                                                         redirect_uri: str) -> None:
    wrong = redirect_uri.replace("/oauth/callback", "/other")
    request = _request(oauth_server, wrong, FlowKind.SERVER, preflight=False)
    request = replace(request, timeout_s=0.5)
    result = SignIn(request, opener=PlayedBrowser(ALLOW)).run()
    assert result.error is not None and result.error.code == "timeout"
    assert wrong in result.error.message and "redirect_uri_mismatch" in result.error.message


def test_a_wrong_client_secret_is_a_refused_token_request(oauth_server: OAuthTestServer, redirect_uri: str) -> None:
    request = _request(oauth_server, redirect_uri, FlowKind.SERVER)
    request = replace(request, client_secret="wrong-secret")
    result = SignIn(request, opener=PlayedBrowser(ALLOW)).run()
    assert result.error is not None and result.error.code == "invalid_client"
    assert "wrong-secret" not in result.error.message + result.error.detail


def test_cancel_before_the_browser_returns(oauth_server: OAuthTestServer, redirect_uri: str) -> None:
    sign_in = SignIn(_request(oauth_server, redirect_uri, FlowKind.SERVER))
    sign_in.opener = lambda url: (sign_in.cancel(), True)[1]
    started = time.monotonic()
    result = sign_in.run()
    assert result.error is not None and result.error.code == "cancelled"
    assert time.monotonic() - started < 5


def test_unreachable_authorization_server_is_a_network_error(redirect_uri: str) -> None:
    from tests.credentials.conftest import free_port

    request = SignInRequest(FlowKind.SERVER, CLIENT_ID, redirect_uri, OAuthServer(f"http://127.0.0.1:{free_port()}"))
    result = SignIn(request, opener=lambda url: True).run()
    assert result.error is not None and result.error.code == "network"


def test_authorize_url_encodes_every_value() -> None:
    request = SignInRequest(FlowKind.V3_PKCE, "id with space", "http://127.0.0.1:1/cb?x=1",
                            OAuthServer("https://authz.example/"), scope="a b")
    verifier = make_verifier()
    url = build_authorize_url(request, "st&ate", verifier)
    assert url.startswith("https://authz.example/oauth2/default/v1/authorize?response_type=code&")
    assert "client_id=id%20with%20space" in url and "redirect_uri=http%3A%2F%2F127.0.0.1%3A1%2Fcb%3Fx%3D1" in url
    assert "state=st%26ate" in url and "scope=a%20b" in url


def test_v3_token_is_refreshed_before_expiry(oauth_server: OAuthTestServer, redirect_uri: str,
                                             manager: AccountManager) -> None:
    oauth_server.v3_ttl_s = 60  # shorter than the 5-minute margin: due at once
    request = _request(oauth_server, redirect_uri, FlowKind.V3_PKCE)
    result = SignIn(request, opener=PlayedBrowser(ALLOW)).run()
    assert result.grant is not None
    save_grant(manager, "v3", request, result.grant)
    first = manager.secrets("v3")
    assert needs_refresh(manager.get("v3"))
    fresh = ensure_fresh_token(manager, "v3")
    assert fresh.refreshed and fresh.error is None
    second = manager.secrets("v3")
    assert second.access_token != first.access_token and second.refresh_token != first.refresh_token
    assert oauth_server.token_calls[-1]["grant_type"] == "refresh_token"
    oauth_server.v3_ttl_s = 7200
    done = authorize_request(RequestModel(url=f"{oauth_server.base_url}/v3/contacts", auth=Auth(account="v3")),
                             manager)
    assert done.ok and done.refreshed  # the 60 s token was due again; refreshed on the way
    assert send(done.request).response.status == 200  # type: ignore[union-attr]
    assert not ensure_fresh_token(manager, "v3").refreshed  # 2 h left: nothing to do


def test_a_revoked_refresh_token_is_explained(oauth_server: OAuthTestServer, redirect_uri: str,
                                              manager: AccountManager) -> None:
    oauth_server.v3_ttl_s = 1
    request = _request(oauth_server, redirect_uri, FlowKind.V3_PKCE)
    result = SignIn(request, opener=PlayedBrowser(ALLOW)).run()
    assert result.grant is not None
    save_grant(manager, "v3", request, result.grant)
    oauth_server.refresh_tokens.clear()
    done = authorize_request(RequestModel(url=f"{oauth_server.base_url}/v3/contacts", auth=Auth(account="v3")),
                             manager)
    assert not done.ok and "invalid_grant" in done.problem and "sign in again" in done.problem


def test_an_unusable_redirect_uri_is_refused_before_any_network(oauth_server: OAuthTestServer) -> None:
    request = _request(oauth_server, "https://example.com/callback", FlowKind.SERVER)
    result = SignIn(request, opener=lambda url: True).run()
    assert result.error is not None and result.error.code == "invalid_redirect_uri"
    assert oauth_server.token_calls == []
