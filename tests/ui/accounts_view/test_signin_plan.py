"""The sign-in form's checks and defaults, on plain values."""

from __future__ import annotations

from ctct_desktop.credentials.oauth.endpoints import LEGACY_SERVER, V3_SERVER
from ctct_desktop.credentials.oauth.signin import FlowKind
from ctct_desktop.core import sandbox_demo as demo
from ctct_desktop.ui.accounts_view import signin_plan
from ctct_desktop.ui.accounts_view.signin_plan import ServerChoice, SignInValues


def _values(**changes: object) -> SignInValues:
    base: dict[str, object] = {"flow": FlowKind.SERVER, "client_id": "key", "redirect_uri": demo.OAUTH_REDIRECT_URI,
                               "server_url": "http://127.0.0.1:9", "name": "acct", "client_secret": "s"}
    base.update(changes)
    return SignInValues(**base)  # type: ignore[arg-type]


def test_a_complete_form_has_no_problems() -> None:
    assert signin_plan.problems(_values()) == {}


def test_server_flow_needs_the_secret_but_client_flow_does_not() -> None:
    assert "client_secret" in signin_plan.problems(_values(client_secret=""))
    assert signin_plan.problems(_values(flow=FlowKind.CLIENT, client_secret="")) == {}


def test_redirect_uri_must_be_loopback_http_with_a_port() -> None:
    found = signin_plan.problems(_values(redirect_uri="https://example.com/cb"))
    assert "loopback" in found["redirect_uri"] or "127.0.0.1" in found["redirect_uri"]
    assert "port" in signin_plan.problems(_values(redirect_uri="http://127.0.0.1/cb"))["redirect_uri"]


def test_server_name_and_scope_are_checked() -> None:
    found = signin_plan.problems(_values(server_url="ftp://x", name="", flow=FlowKind.V3_PKCE, scope=" "))
    assert set(found) == {"server", "name", "scope"}


def test_server_urls_and_sandbox_defaults() -> None:
    assert signin_plan.server_url(ServerChoice.CONSTANT_CONTACT, FlowKind.V3_PKCE, "") == V3_SERVER
    assert signin_plan.server_url(ServerChoice.CONSTANT_CONTACT, FlowKind.CLIENT, "") == LEGACY_SERVER
    assert signin_plan.server_url(ServerChoice.SANDBOX, FlowKind.SERVER, "http://h:1") == "http://h:1"
    assert signin_plan.sandbox_client_id(FlowKind.V3_PKCE) == demo.V3_CLIENT_ID
    assert signin_plan.registered_redirect(ServerChoice.SANDBOX, FlowKind.SERVER) == demo.OAUTH_REDIRECT_URI
    assert signin_plan.registered_redirect(ServerChoice.CONSTANT_CONTACT, FlowKind.SERVER) is None


def test_build_request_trims_and_keeps_the_secret_out_of_repr() -> None:
    request = signin_plan.build_request(_values(client_id=" key ", client_secret="top-secret"))
    assert request.client_id == "key" and request.client_secret == "top-secret"
    assert "top-secret" not in repr(request)
