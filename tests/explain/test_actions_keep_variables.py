"""Actions keep the variables of the request they change: the 409 flow against the real sandbox,
sent through ``send.plan``/``send.run`` from ``{{base_url}}`` and the environment's credentials."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ctct_desktop.core.models import Auth, AuthKind, BodyKind, Header, RequestModel
from ctct_desktop.explain.actions import continue_find_and_update, run_action
from ctct_desktop.explain.keep_variables import keep_variables, leading_variable
from ctct_desktop.sandbox.server import SandboxServer
from ctct_desktop.send import SendResult, build_scopes, plan, run
from ctct_desktop.store.builtin_environments import sandbox_env
from tests.explain.builders import contact_body

WRITTEN_AUTH = Auth(AuthKind.CTCT_BASIC, username="{{username}}", password="{{password}}", api_key="{{api_key}}")


@pytest.fixture(scope="module")
def box(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxServer]:
    server = SandboxServer(data_dir=tmp_path_factory.mktemp("keepvars"), port=0, reset=True)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def _send(box: SandboxServer, request: RequestModel) -> SendResult:
    return run(plan(request, build_scopes(environment=sandbox_env(box.base_url)), None))


def test_the_409_fix_and_its_follow_ups_say_base_url_not_the_port(box: SandboxServer) -> None:
    conflict = _send(box, RequestModel(
        method="POST", url="{{base_url}}/contacts", headers=(Header("Content-Type", "application/atom+xml"),),
        body=contact_body("ada.abbott@example.com"), body_kind=BodyKind.XML, auth=WRITTEN_AUTH))
    assert conflict.response is not None and conflict.response.status == 409
    search = run_action("find-and-update-contact", conflict.exchange)
    assert search.applied
    assert search.request.url == "{{base_url}}/contacts?email=ada.abbott%40example.com"
    assert search.request.auth == WRITTEN_AUTH, "resolved credentials must not land in the editor"
    assert box.base_url not in search.request.url
    found = _send(box, search.request)
    assert found.response is not None and found.response.status == 200
    step = continue_find_and_update(conflict.exchange.request, found.response.body, found.exchange)
    assert step.applied and step.request.url == "{{base_url}}/contacts/1", step.request.url
    assert step.request.auth == WRITTEN_AUTH
    detail = _send(box, step.request)
    assert detail.response is not None and detail.response.status == 200
    last = continue_find_and_update(conflict.exchange.request, detail.response.body, detail.exchange)
    assert last.applied and last.request.method == "PUT" and last.request.url == "{{base_url}}/contacts/1"
    done = _send(box, last.request)
    assert done.response is not None
    assert done.response.status in (200, 204), done.response.body[:300]


def test_leading_variable_reads_its_value_off_the_resolved_url() -> None:
    assert leading_variable("{{base_url}}/contacts/{{id}}", "http://h:1/ws/customers/joe/contacts/7") == (
        "base_url", "http://h:1/ws/customers/joe")
    assert leading_variable("http://h/x", "http://h/x") is None
    assert leading_variable("{{base_url}}/x", "http://other/y") is None


def test_a_literal_url_and_changed_parts_stay_as_built() -> None:
    resolved = RequestModel(url="http://h:1/a", auth=Auth(AuthKind.BEARER, token="t"), body="x")
    written = RequestModel(url="{{host}}/a", auth=Auth(AuthKind.BEARER, token="{{access_token}}"), body="{{b}}")
    built = resolved.with_changes(url="http://elsewhere/a", body="y")
    kept = keep_variables(built, written, resolved)
    assert (kept.url, kept.body, kept.auth.token) == ("http://elsewhere/a", "y", "{{access_token}}")
