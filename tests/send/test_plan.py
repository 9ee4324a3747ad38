"""``send.plan`` and ``send.run`` against a real loopback server: secrets, accounts, refusals."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from collections.abc import Iterator

import pytest

from ctct_desktop.core.models import Auth, AuthKind, BodyKind, FailureKind, Header, RequestModel
from ctct_desktop.credentials.send_auth import AuthorizedRequest
from ctct_desktop.send import PlanSettings, Scope, Scopes, build_scopes, plan, run
from ctct_desktop.store.environment import Environment, EnvVariable
from tests.support.loopback import default_routes, serve


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serve(default_routes(b"")) as url:
        yield url


class _RefusingAccounts:
    def __init__(self) -> None:
        self.asked: list[str] = []

    def authorize(self, request: RequestModel) -> AuthorizedRequest:
        self.asked.append(request.auth.account)
        return AuthorizedRequest(request, problem="The keyring is locked.")


def test_secrets_cover_environment_values_auth_fields_and_the_wire_header() -> None:
    env = Environment("E", (EnvVariable("pin", "pin-4242", "env/E/pin"), EnvVariable("host", "http://127.0.0.1:9")))
    request = RequestModel(url="{{host}}/x?p={{pin}}", auth=Auth(AuthKind.CTCT_BASIC, username="joe",
                                                                 api_key="key-1234", password="pw-5678"))
    made = plan(request, build_scopes(environment=env), None)
    pair = "key-1234%joe:pw-5678"
    assert {"pin-4242", "key-1234", "pw-5678", pair, base64.b64encode(pair.encode()).decode()} <= made.secrets.values
    assert "http://127.0.0.1:9" not in made.secrets.values  # a plain variable is not a secret
    assert made.resolved.url == "http://127.0.0.1:9/x?p=pin-4242" and made.sendable


def test_a_secret_typed_into_an_authorization_header_is_a_secret() -> None:
    made = plan(RequestModel(url="http://127.0.0.1:9/", headers=(Header("Authorization", "Bearer tok-98765"),)),
                Scopes(), None)
    assert "tok-98765" in made.secrets


def test_an_account_that_cannot_be_applied_stops_the_send(server: str) -> None:
    accounts = _RefusingAccounts()
    made = plan(RequestModel(url=server + "/hello", auth=Auth(account="{{who}}")),
                Scopes((Scope("s", {"who": "prod"}),)), accounts)
    assert accounts.asked == ["prod"] and not made.sendable and "keyring is locked" in made.stop_reason
    result = run(made)
    assert result.failure is not None and result.failure.kind is FailureKind.NOT_SENT and not result.sent
    assert result.response is None


def test_unresolved_variables_are_one_lint_error_and_nothing_is_sent(server: str) -> None:
    made = plan(RequestModel(url=server + "/hello?x={{missing}}"), Scopes(), None)
    assert made.unresolved == ("missing",)
    assert [d.code for d in made.errors] == ["L026"]
    assert run(made).failure.kind is FailureKind.NOT_SENT  # type: ignore[union-attr]


def test_the_settings_timeout_overrides_the_request_and_lint_can_be_off(server: str) -> None:
    bad_xml = RequestModel(method="POST", url=server + "/hello", body="<entry/>", body_kind=BodyKind.XML,
                           timeout_s=30)
    made = plan(bad_xml, Scopes(), None, PlanSettings(timeout_s=2.5, lint=False))
    assert made.resolved.timeout_s == 2.5 and made.diagnostics == ()
    assert plan(bad_xml, Scopes(), None).errors  # the same body, linted


def test_send_touches_neither_qt_nor_the_keyring_when_the_request_needs_no_secret(tmp_path, server: str) -> None:  # type: ignore[no-untyped-def]
    from ctct_desktop.store.request_file import SavedRequest, save_request

    path = tmp_path / "r.ctct.toml"
    save_request(path, SavedRequest("r", "", RequestModel(url="{{host}}/json")))
    code = ("import sys\nfrom ctct_desktop.__main__ import main\n"
            f"rc = main(['send', {str(path)!r}, '--env', 'sandbox', '--format', 'json', '--no-history'])\n"
            "print(sorted(m for m in ('PySide6', 'keyring') if m in sys.modules), file=sys.stderr)\n"
            "sys.exit(rc)\n")
    environment = {**os.environ, "CTCT_SANDBOX_URL": server}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=environment)
    assert done.returncode in (0, 1), done.stderr
    assert json.loads(done.stdout)["sent"] is True
    assert done.stderr.strip().splitlines()[-1] == "[]", done.stderr


def test_a_lint_memo_gives_the_same_diagnostics_and_lints_again_when_a_variable_changes() -> None:
    from ctct_desktop.send.planning import LintCache

    broken = RequestModel(url="{{host}}/ws/customers/joe/contacts", method="POST", body_kind=BodyKind.XML,
                          body="<entry><title/></entry>", headers=(Header("Content-Type", "application/atom+xml"),))
    cache: LintCache = {}
    first = Scopes((Scope("env", {"host": "http://127.0.0.1:9"}),))
    fresh = plan(broken, first, None).diagnostics
    assert fresh and any(d.code == "L001" for d in fresh)
    assert plan(broken, first, None, lint_cache=cache).diagnostics == fresh
    assert plan(broken, first, None, lint_cache=cache).diagnostics == fresh and len(cache) == 1
    other = Scopes((Scope("env", {"host": "http://127.0.0.1:10"}),))
    plan(broken, other, None, lint_cache=cache)
    assert len(cache) == 2  # another value of a variable is another lint
