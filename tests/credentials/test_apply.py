"""Applying accounts at send time: Basic apikey%username, Bearer, v2 api_key; redaction lists."""

from __future__ import annotations

import base64

import pytest

from ctct_desktop.core.models import Auth, AuthKind, RequestModel
from ctct_desktop.core.redaction import redact_text
from ctct_desktop.credentials.accounts import (
    Account,
    AccountError,
    AccountKind,
    AccountManager,
    AccountSecrets,
    account_secrets,
    apply_account,
)
from ctct_desktop.credentials.apply import with_api_key
from ctct_desktop.credentials.send_auth import authorize_request
from ctct_desktop.transport.prepare import prepare

URL = "https://api.constantcontact.com/ws/customers/joe/contacts?email=a%2Bb%40example.com"


def test_v1_basic_is_composed_as_apikey_percent_username() -> None:
    account = Account("b", AccountKind.V1_BASIC, username="joesflowers")
    secrets = AccountSecrets(api_key="abc123", password="p@ss word")
    request = apply_account(RequestModel(url=URL), account, secrets)
    assert request.auth == Auth(AuthKind.CTCT_BASIC, username="joesflowers", password="p@ss word",
                                api_key="abc123", account="b")
    header = dict(prepare(request).headers)["Authorization"]
    assert base64.b64decode(header.removeprefix("Basic ")).decode() == "abc123%joesflowers:p@ss word"
    assert request.url == URL


@pytest.mark.parametrize("kind", [AccountKind.OAUTH2_TOKEN, AccountKind.V3])
def test_tokens_go_in_a_bearer_header(kind: AccountKind) -> None:
    account = Account("t", kind, client_id="c")
    request = apply_account(RequestModel(url=URL), account, AccountSecrets(access_token="tok"))
    assert dict(prepare(request).headers)["Authorization"] == "Bearer tok"
    assert request.url == URL


def test_v2_adds_api_key_and_keeps_other_parameters_as_typed() -> None:
    account = Account("two", AccountKind.V2)
    url = "https://api.constantcontact.com/v2/contacts?email=a+b@x.com&api_key=old&limit=5#top"
    request = apply_account(RequestModel(url=url), account, AccountSecrets(api_key="k&y=1", access_token="tok"))
    assert request.url == "https://api.constantcontact.com/v2/contacts?email=a+b@x.com&limit=5&api_key=k%26y%3D1#top"
    assert request.auth.token == "tok"
    assert with_api_key("http://h/v2/lists", "k") == "http://h/v2/lists?api_key=k"


def test_account_secrets_cover_the_composed_pair() -> None:
    account = Account("b", AccountKind.V1_BASIC, username="joe")
    secrets = AccountSecrets(api_key="key-1234", password="pw-5678")
    values = account_secrets(account, secrets)
    assert set(values) == {"key-1234", "pw-5678", "key-1234%joe:pw-5678"}
    header = base64.b64encode(b"key-1234%joe:pw-5678").decode()
    assert header not in redact_text(f"Authorization: Basic {header}", values)


def test_manager_apply_uses_the_named_account(manager: AccountManager) -> None:
    manager.add(Account("two", AccountKind.V2), AccountSecrets(api_key="key", access_token="tok"))
    request = manager.apply(RequestModel(url="http://h/v2/contacts", auth=Auth(account="two")))
    assert request.url.endswith("?api_key=key") and request.auth.token == "tok"
    untouched = RequestModel(url="http://h/")
    assert manager.apply(untouched) is untouched
    with pytest.raises(AccountError, match="no account named 'ghost'"):
        manager.apply(RequestModel(url="http://h/", auth=Auth(account="ghost")))


def test_authorize_request_never_raises_and_lists_secrets(manager: AccountManager) -> None:
    manager.add(Account("b", AccountKind.V1_BASIC, username="joe"), AccountSecrets(api_key="k1", password="p1"))
    done = authorize_request(RequestModel(url=URL, auth=Auth(account="b")), manager)
    assert done.ok and done.request.auth.kind is AuthKind.CTCT_BASIC
    assert "p1" in done.secrets and "k1%joe:p1" in done.secrets
    missing = authorize_request(RequestModel(url=URL, auth=Auth(account="nobody")), manager)
    assert not missing.ok and "nobody" in missing.problem
    inline = authorize_request(RequestModel(url=URL, auth=Auth(AuthKind.BEARER, token="inline-tok")), manager)
    assert inline.ok and inline.secrets == ("inline-tok",)


def test_authorize_request_reports_secrets_missing_from_the_store(manager: AccountManager) -> None:
    manager.add(Account("t", AccountKind.OAUTH2_TOKEN), AccountSecrets(access_token="tok"))
    manager.store.delete("account/t/access_token")
    done = authorize_request(RequestModel(url=URL, auth=Auth(account="t")), manager)
    assert not done.ok and "no access token in the keyring" in done.problem
