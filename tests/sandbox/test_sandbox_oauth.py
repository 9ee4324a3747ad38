"""OAuth 2.0 over HTTP: v1-era server and client flows, token, tokeninfo, redirect and deny
errors; v3-style PKCE with refresh; tokens used as Bearer on the v1 paths."""

from __future__ import annotations

import base64
import hashlib
import time
from urllib.parse import parse_qs, urlsplit

import httpx

from ctct_desktop.core import sandbox_demo as demo
from ctct_desktop.sandbox.admin_guard import ADMIN_HEADERS

AUTO = {"sandbox_user": demo.DEMO_USERNAME, "sandbox_password": demo.DEMO_PASSWORD, "sandbox_decision": "allow"}
V1_AUTHORIZE = "/oauth2/oauth/siteowner/authorize"
V3_AUTHORIZE = "/oauth2/default/v1/authorize"


def _client(sandbox) -> httpx.Client:  # type: ignore[no-untyped-def]
    return httpx.Client(base_url=sandbox.base_url, follow_redirects=False, timeout=10)


def _v1_params(**extra: str) -> dict[str, str]:
    return {"response_type": "code", "client_id": demo.OAUTH_CLIENT_ID, "redirect_uri": demo.OAUTH_REDIRECT_URI,
            "state": "xyz", **extra}


def _query(response: httpx.Response) -> dict[str, list[str]]:
    return parse_qs(urlsplit(response.headers["location"]).query)


def _v1_code(client: httpx.Client) -> str:
    response = client.get(V1_AUTHORIZE, params={**_v1_params(), **AUTO})
    assert response.status_code == 302, response.text
    return _query(response)["code"][0]


def test_browser_gets_a_login_form_that_posts_back(sandbox) -> None:
    with _client(sandbox) as client:
        page = client.get(V1_AUTHORIZE, params=_v1_params())
        assert page.status_code == 200 and "<form" in page.text and 'name="password"' in page.text
        answer = client.post(V1_AUTHORIZE, data={**_v1_params(), "username": demo.DEMO_USERNAME,
                                                 "password": demo.DEMO_PASSWORD, "decision": "allow"})
        wrong = client.post(V1_AUTHORIZE, data={**_v1_params(), "username": demo.DEMO_USERNAME,
                                                "password": "nope", "decision": "allow"})
    assert answer.status_code == 302 and "code" in _query(answer)
    assert wrong.status_code == 401 and "Invalid username or password" in wrong.text


def test_server_flow_code_token_and_bearer_use(sandbox) -> None:
    with _client(sandbox) as client:
        response = client.get(V1_AUTHORIZE, params={**_v1_params(), **AUTO})
        assert response.headers["location"].startswith(demo.OAUTH_REDIRECT_URI + "?")
        query = _query(response)
        assert query["username"] == [demo.DEMO_USERNAME] and query["state"] == ["xyz"]
        token = client.post("/oauth2/oauth/token", params={
            "grant_type": "authorization_code", "client_id": demo.OAUTH_CLIENT_ID,
            "client_secret": demo.OAUTH_CLIENT_SECRET, "code": query["code"][0],
            "redirect_uri": demo.OAUTH_REDIRECT_URI})
        assert token.status_code == 200, token.text
        data = token.json()
        assert data["token_type"] == "Bearer" and data["expires_in"] == "315359999"
        info = client.post("/oauth2/tokeninfo.htm", params={"access_token": data["access_token"]}).json()
        api = client.get(sandbox.account_url + "/contacts", headers={"Authorization": f"Bearer {data['access_token']}"})
        reused = client.post("/oauth2/oauth/token", params={
            "grant_type": "authorization_code", "client_id": demo.OAUTH_CLIENT_ID,
            "client_secret": demo.OAUTH_CLIENT_SECRET, "code": query["code"][0],
            "redirect_uri": demo.OAUTH_REDIRECT_URI})
    assert info["client_id"] == demo.OAUTH_CLIENT_ID and info["user_name"] == demo.DEMO_USERNAME
    assert info["expires_in"] > 300_000_000
    assert api.status_code == 200
    assert reused.status_code == 400 and reused.json()["error"] == "invalid_grant"


def test_token_params_in_form_body_also_work(sandbox) -> None:
    with _client(sandbox) as client:
        code = _v1_code(client)
        token = client.post("/oauth2/oauth/token", data={
            "grant_type": "authorization_code", "client_id": demo.OAUTH_CLIENT_ID,
            "client_secret": demo.OAUTH_CLIENT_SECRET, "code": code, "redirect_uri": demo.OAUTH_REDIRECT_URI})
    assert token.status_code == 200 and token.json()["access_token"]


def test_token_errors(sandbox) -> None:
    with _client(sandbox) as client:
        base = {"grant_type": "authorization_code", "client_id": demo.OAUTH_CLIENT_ID,
                "client_secret": demo.OAUTH_CLIENT_SECRET, "redirect_uri": demo.OAUTH_REDIRECT_URI}
        bad_secret = client.post("/oauth2/oauth/token", params={**base, "client_secret": "x", "code": _v1_code(client)})
        mismatch = client.post("/oauth2/oauth/token", params={**base, "redirect_uri": "http://127.0.0.1:9/cb",
                                                              "code": _v1_code(client)})
        bad_code = client.post("/oauth2/oauth/token", params={**base, "code": "made-up"})
        bad_info = client.post("/oauth2/tokeninfo.htm", params={"access_token": "made-up"})
    assert bad_secret.status_code == 400 and bad_secret.json()["error"] == "invalid_client"
    assert mismatch.status_code == 400 and mismatch.json()["error"] == "redirect_uri_mismatch"
    assert bad_code.status_code == 400 and bad_code.json()["error"] == "invalid_grant"
    assert bad_info.status_code == 400


def test_client_flow_puts_the_token_in_the_fragment(sandbox) -> None:
    with _client(sandbox) as client:
        response = client.get(V1_AUTHORIZE, params={**_v1_params(response_type="token"), **AUTO})
        location = response.headers["location"]
        fragment = parse_qs(urlsplit(location).fragment)
        api = client.get(sandbox.account_url + "/lists", headers={"Authorization": f"Bearer {fragment['access_token'][0]}"})
    assert response.status_code == 302 and urlsplit(location).query == ""
    assert fragment["token_type"] == ["Bearer"] and fragment["username"] == [demo.DEMO_USERNAME]
    assert fragment["state"] == ["xyz"] and fragment["expires_in"]
    assert api.status_code == 200


def test_deny_redirects_with_access_denied(sandbox) -> None:
    with _client(sandbox) as client:
        response = client.get(V1_AUTHORIZE, params={**_v1_params(), **AUTO, "sandbox_decision": "deny"})
    assert response.status_code == 302
    assert response.headers["location"] == (f"{demo.OAUTH_REDIRECT_URI}?error=access_denied&"
                                            "error_description=User+denied+authentication.&state=xyz")


def test_unregistered_redirect_uri_is_not_followed(sandbox) -> None:
    with _client(sandbox) as client:
        other_port = client.get(V1_AUTHORIZE, params={**_v1_params(redirect_uri="http://127.0.0.1:9999/oauth/callback"), **AUTO})
        unknown_client = client.get(V1_AUTHORIZE, params={**_v1_params(client_id="someone"), **AUTO})
    assert other_port.status_code == 400 and "location" not in other_port.headers
    assert "Invalid redirect" in other_port.text and "error=redirect_uri_mismatch" in other_port.text
    assert unknown_client.status_code == 400 and "location" not in unknown_client.headers


def _pkce() -> tuple[str, str]:
    verifier = "v" * 43 + "abc"
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


def _v3_code(client: httpx.Client, challenge: str) -> str:
    response = client.get(V3_AUTHORIZE, params={
        "response_type": "code", "client_id": demo.V3_CLIENT_ID, "redirect_uri": demo.V3_REDIRECT_URI,
        "scope": "contact_data offline_access", "state": "s3", "code_challenge": challenge,
        "code_challenge_method": "S256", **AUTO})
    assert response.status_code == 302, response.text
    return _query(response)["code"][0]


def test_v3_pkce_flow_refresh_and_rotation(sandbox) -> None:
    verifier, challenge = _pkce()
    with _client(sandbox) as client:
        form = {"grant_type": "authorization_code", "client_id": demo.V3_CLIENT_ID,
                "redirect_uri": demo.V3_REDIRECT_URI, "code": _v3_code(client, challenge)}
        wrong = client.post("/oauth2/default/v1/token", data={**form, "code_verifier": "x" * 43})
        form["code"] = _v3_code(client, challenge)
        good = client.post("/oauth2/default/v1/token", data={**form, "code_verifier": verifier})
        assert good.status_code == 200, good.text
        tokens = good.json()
        refreshed = client.post("/oauth2/default/v1/token", data={
            "grant_type": "refresh_token", "client_id": demo.V3_CLIENT_ID, "refresh_token": tokens["refresh_token"]})
        reused = client.post("/oauth2/default/v1/token", data={
            "grant_type": "refresh_token", "client_id": demo.V3_CLIENT_ID, "refresh_token": tokens["refresh_token"]})
        api = client.get(sandbox.account_url + "/contacts", headers={"Authorization": f"Bearer {refreshed.json()['access_token']}"})
    assert wrong.status_code == 400 and wrong.json()["error"] == "invalid_grant"
    assert tokens["token_type"] == "Bearer" and tokens["expires_in"] == 7200
    assert tokens["scope"] == "contact_data offline_access"
    assert refreshed.status_code == 200
    assert refreshed.json()["refresh_token"] != tokens["refresh_token"]
    assert refreshed.json()["access_token"] != tokens["access_token"]
    assert reused.status_code == 400
    assert api.status_code == 200


def test_v3_access_token_expires_with_the_ttl_quirk(sandbox) -> None:
    verifier, challenge = _pkce()
    with _client(sandbox) as client:
        assert client.patch("/_sandbox/quirks", json={"token_ttl_seconds": "1"}, headers=ADMIN_HEADERS).status_code == 200
        token = client.post("/oauth2/default/v1/token", data={
            "grant_type": "authorization_code", "client_id": demo.V3_CLIENT_ID, "redirect_uri": demo.V3_REDIRECT_URI,
            "code": _v3_code(client, challenge), "code_verifier": verifier}).json()
        assert token["expires_in"] == 1
        headers = {"Authorization": f"Bearer {token['access_token']}"}
        fresh = client.get(sandbox.account_url + "/lists", headers=headers)
        time.sleep(1.2)
        stale = client.get(sandbox.account_url + "/lists", headers=headers)
        renewed = client.post("/oauth2/default/v1/token", data={
            "grant_type": "refresh_token", "client_id": demo.V3_CLIENT_ID, "refresh_token": token["refresh_token"]})
    assert fresh.status_code == 200
    assert stale.status_code == 401 and "invalid_token" in stale.headers["www-authenticate"]
    assert renewed.status_code == 200


def test_v3_rejects_unknown_client_and_grant(sandbox) -> None:
    with _client(sandbox) as client:
        unknown = client.post("/oauth2/default/v1/token", data={"grant_type": "refresh_token", "client_id": "nobody"})
        grant = client.post("/oauth2/default/v1/token", data={"grant_type": "password", "client_id": demo.V3_CLIENT_ID})
        get = client.get("/oauth2/default/v1/token")
    assert unknown.json()["error"] == "invalid_client"
    assert grant.json()["error"] == "unsupported_grant_type"
    assert get.status_code == 405
