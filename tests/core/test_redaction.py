from __future__ import annotations

import base64

from ctct_desktop.core.models import Auth, AuthKind, Header, RequestModel
from ctct_desktop.core.redaction import MASK, redact_headers, redact_request, redact_text


def test_authorization_header_is_masked_keeping_the_scheme() -> None:
    assert redact_headers([("Authorization", "Basic abc123=="), ("Accept", "x")]) == (
        ("Authorization", f"Basic {MASK}"), ("Accept", "x"))


def test_secret_query_params_and_json_keys() -> None:
    text = redact_text("https://x/v2/contacts?api_key=KEY123&limit=5 {\"access_token\": \"tok-9\"}")
    assert "KEY123" not in text and "tok-9" not in text and "limit=5" in text


def test_known_secrets_masked_raw_encoded_and_base64() -> None:
    secret = "p@ss+word!"
    blob = f"a {secret} b {base64.b64encode(secret.encode()).decode()} c p%40ss%2Bword%21"
    out = redact_text(blob, [secret])
    assert secret not in out and "p%40ss%2Bword%21" not in out
    assert base64.b64encode(secret.encode()).decode() not in out


def test_request_redaction_removes_every_auth_secret() -> None:
    auth = Auth(kind=AuthKind.CTCT_BASIC, username="joe", api_key="the-api-key", password="the-password")
    request = RequestModel(url="https://x/ws/customers/joe/contacts?access_token=zz-token-zz",
                           headers=(Header("Authorization", auth.authorization_header() or ""),),
                           body="<x>the-password</x>", auth=auth)
    safe = redact_request(request)
    dumped = repr(safe)
    for secret in ("the-api-key", "the-password", "zz-token-zz", auth.authorization_header()[6:]):  # type: ignore[index]
        assert secret not in dumped
    assert safe.auth.username == "joe" and safe.auth.kind is AuthKind.CTCT_BASIC


def test_cookies_are_masked_whole() -> None:
    assert redact_headers([("Set-Cookie", "session=s3cr3t; Path=/"), ("Cookie", "a=1; b=2")]) == (
        ("Set-Cookie", MASK), ("Cookie", MASK))


def test_a_secret_in_scheme_position_is_not_kept() -> None:
    assert redact_headers([("Authorization", "the-secret-value x")], ["the-secret-value"]) == (
        ("Authorization", MASK),)
    assert redact_headers([("Authorization", "sk_live_abc")]) == (("Authorization", MASK),)


def test_variable_references_are_not_secrets() -> None:
    assert redact_headers([("Authorization", "Bearer {{access_token}}")]) == (
        ("Authorization", "Bearer {{access_token}}"),)
    assert redact_text("https://x/v2?api_key={{api_key}}&x=1") == "https://x/v2?api_key={{api_key}}&x=1"
    assert redact_text('{"access_token": "{{token}}"}') == '{"access_token": "{{token}}"}'
