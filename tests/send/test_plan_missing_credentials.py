"""A history entry keeps no secrets; the plan says which credential is missing and how to supply
it, instead of the transport's "The URL cannot be sent"."""

from __future__ import annotations

from pathlib import Path

from ctct_desktop.core.models import Auth, AuthKind, Exchange, FailureKind, RequestModel, ResponseRecord
from ctct_desktop.explain import explain
from ctct_desktop.send import build_scopes, plan, run
from ctct_desktop.store.history import History

V1 = "http://127.0.0.1:9/ws/customers/joesflowers/contacts"


def _restored(tmp_path: Path, request: RequestModel) -> RequestModel:
    with History(tmp_path / "history.db") as history:
        entry_id = history.record(Exchange(request, ResponseRecord(200, "OK", "HTTP/1.1", (), b"", request.url, 1.0), sent_url=request.url),
                                  ["sandbox-api-key", "sandbox-password"])
        return history.get(entry_id).request


def test_restored_v1_entry_names_the_missing_api_key_and_password(tmp_path: Path) -> None:
    request = _restored(tmp_path, RequestModel(url=V1, auth=Auth(AuthKind.CTCT_BASIC, username="joesflowers",
                                                                 password="sandbox-password",
                                                                 api_key="sandbox-api-key")))
    made = plan(request, build_scopes(), None)
    assert not made.sendable
    reason = made.stop_reason
    assert "the API key and the password of the Constant Contact Basic credential are empty" in reason
    assert "Auth tab" in reason and "{{api_key}}" in reason and "account" in reason
    result = run(made)
    assert result.exchange.failure is not None and result.exchange.failure.kind is FailureKind.NOT_SENT
    assert result.exchange.failure.message == reason
    assert all("URL cannot be sent" not in e.title for e in explain(result.exchange))


def test_a_masked_api_key_in_the_url_is_named(tmp_path: Path) -> None:
    request = _restored(tmp_path, RequestModel(url="http://127.0.0.1:9/v2/contacts?api_key=sandbox-api-key",
                                               auth=Auth(AuthKind.BEARER, token="tok-123456")))
    reason = plan(request, build_scopes(), None).stop_reason
    assert "the access token of the Bearer credential is empty" in reason
    assert "URL or a header holds" in reason and "{{access_token}}" in reason


def test_credentials_from_the_environment_still_send() -> None:
    from ctct_desktop.store.environment import Environment, EnvVariable

    env = Environment("E", (EnvVariable("api_key", "k"), EnvVariable("password", "p")))
    request = RequestModel(url=V1, auth=Auth(AuthKind.CTCT_BASIC, username="joe", password="{{password}}",
                                             api_key="{{api_key}}"))
    assert plan(request, build_scopes(environment=env), None).sendable
