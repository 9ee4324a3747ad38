"""Authentication over a real socket: Basic, Bearer, wrong credentials, path-user rules."""

from __future__ import annotations

import httpx

from ctct_desktop.core import sandbox_demo as demo
from tests.sandbox.sandbox_helpers import BASIC, client_for


def test_basic_credentials_reach_the_account(sandbox) -> None:
    with client_for(sandbox) as client:
        response = client.get("/contacts")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/atom+xml")


def test_wrong_password_is_401_with_plain_text(sandbox) -> None:
    with client_for(sandbox, auth=(BASIC[0], "wrong")) as client:
        response = client.get("/lists")
    assert response.status_code == 401
    assert response.text.startswith("Error 401: ")
    assert "Basic" in response.headers["www-authenticate"]


def test_missing_credentials_and_bad_user_string_are_401(sandbox) -> None:
    with httpx.Client(base_url=sandbox.account_url) as client:
        assert client.get("/lists").status_code == 401
        response = client.get("/lists", auth=("joesflowers", demo.DEMO_PASSWORD))
        assert response.status_code == 401
        assert "apikey%username" in response.text
        assert client.get("/lists", headers={"Authorization": "Basic !!!"}).status_code == 401
        assert client.get("/lists", headers={"Authorization": "Digest x=1"}).status_code == 401


def test_wrong_api_key_is_401(sandbox) -> None:
    with client_for(sandbox, auth=(f"other-key%{demo.DEMO_USERNAME}", demo.DEMO_PASSWORD)) as client:
        assert client.get("/lists").status_code == 401


def test_unknown_bearer_token_is_401(sandbox) -> None:
    with httpx.Client(base_url=sandbox.account_url, headers={"Authorization": "Bearer nope"}) as client:
        response = client.get("/lists")
    assert response.status_code == 401
    assert "invalid_token" in response.headers["www-authenticate"]


def test_path_user_mismatch_is_401_by_default(sandbox) -> None:
    with httpx.Client(base_url=sandbox.base_url, auth=BASIC) as client:
        response = client.get("/ws/customers/someoneelse/contacts")
    assert response.status_code == 401
    assert "someoneelse" in response.text


def test_api_key_in_path_is_400(sandbox) -> None:
    with httpx.Client(base_url=sandbox.base_url, auth=BASIC) as client:
        raw = client.get(f"/ws/customers/{demo.DEMO_API_KEY}%25{demo.DEMO_USERNAME}/lists")
        unencoded = client.get(f"/ws/customers/{demo.DEMO_API_KEY}%{demo.DEMO_USERNAME}/lists")
    for response in (raw, unencoded):
        assert response.status_code == 400
        assert response.text.startswith("Error 400: ")


def test_account_root_needs_the_trailing_slash(sandbox) -> None:
    with client_for(sandbox) as client:
        bare = client.get(sandbox.account_url)
        service = client.get(sandbox.account_url + "/")
    assert bare.status_code == 403
    assert "You don't have permission to access / on this server." in bare.text
    assert service.status_code == 200
    assert b"http://www.w3.org/2007/app" in service.content
    assert b'href="/ws/customers/joesflowers/contacts"' in service.content
