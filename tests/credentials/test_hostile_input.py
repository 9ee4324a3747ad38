"""Hostile input never raises past the documented errors (property-based)."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ctct_desktop.core.models import Exchange, RequestModel, ResponseRecord
from ctct_desktop.credentials.accounts_file import AccountsFileError, load_accounts
from ctct_desktop.credentials.oauth.errors import OAuthError
from ctct_desktop.credentials.oauth.listener import RedirectListener
from ctct_desktop.credentials.oauth.tokens import TokenGrant, grant_from_params, parse_token_reply

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=15), inner, max_size=4),
    max_leaves=12,
)
token_like = st.fixed_dictionaries(
    {}, optional={"access_token": json_values, "expires_in": json_values, "refresh_token": json_values,
                  "scope": json_values, "error": json_values, "error_description": json_values})


def _exchange(status: int, body: bytes) -> Exchange:
    response = ResponseRecord(status=status, reason="", http_version="HTTP/1.1", headers=(), body=body,
                              url="http://127.0.0.1/token", elapsed_ms=1.0)
    return Exchange(RequestModel(), response=response, sent_url="http://127.0.0.1/token")


@given(status=st.sampled_from([200, 201, 400, 401, 500]), body=st.binary(max_size=200))
def test_token_reply_bytes_never_raise(status: int, body: bytes) -> None:
    assert isinstance(parse_token_reply(_exchange(status, body)), (TokenGrant, OAuthError))


@given(status=st.sampled_from([200, 400]), document=token_like | json_values)
def test_token_reply_json_never_raises(status: int, document: object) -> None:
    body = json.dumps(document, allow_nan=True).encode()
    got = parse_token_reply(_exchange(status, body))
    assert isinstance(got, (TokenGrant, OAuthError))
    if isinstance(got, TokenGrant):
        assert status == 200 and got.access_token
        assert got.expires_in is None or got.expires_in >= 0


@given(params=st.dictionaries(st.text(max_size=15), json_values, max_size=6))
def test_fragment_params_never_raise(params: dict[str, object]) -> None:
    got = grant_from_params(params)
    assert got is None or isinstance(got.access_token, str)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.binary(max_size=300) | json_values.map(lambda v: json.dumps(v).encode()))
def test_accounts_file_damage_is_always_explained(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "accounts.json"
    path.write_bytes(content)
    try:
        accounts = load_accounts(path)
    except AccountsFileError as exc:
        assert str(path) in str(exc)
    else:
        assert isinstance(accounts, dict)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=80), body=st.binary(max_size=200))
def test_listener_survives_any_callback(redirect_uri: str, query: str, body: bytes) -> None:
    with RedirectListener(redirect_uri, state="fixed-state", fragment_mode=True) as listener:
        assert listener.start() is None
        with httpx.Client(trust_env=False, timeout=5) as client:
            got = client.get(redirect_uri, params={"q": query, "code": query})
            assert got.status_code in (200, 400)
            assert client.post(redirect_uri, content=body).status_code in (200, 400)
        outcome = listener.wait(0.01)
        assert isinstance(outcome, OAuthError)  # nothing without our state is accepted
