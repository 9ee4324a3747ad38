"""The linter and the sandbox agree, by test.

Every body of the valid lint corpus, every rule's failing and passing example (``rule_docs()``,
placed into a valid body by ``rule_examples``), every failing and passing case of the lint tests
and every v1 template is sent through the ``send`` pipeline to a freshly reset sandbox. The
answer must be the one ``lint.server_checks.server_verdict`` predicts from the diagnostics: a
request whose error-level findings the server checks gets a 4xx, one with none gets a 2xx, and
the rules listed in ``server_checks.EXCEPTIONS`` say why they are exceptions.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import httpx
import pytest

from ctct_desktop import send as pipeline
from ctct_desktop.cli.send_inputs import load_inputs
from ctct_desktop.core import sandbox_demo as demo
from ctct_desktop.core.models import Auth, AuthKind, BodyKind, FailureKind, Header, RequestModel
from ctct_desktop.lint import rule_docs
from ctct_desktop.lint.server_checks import EXCEPTIONS, server_verdict
from ctct_desktop.send import Scope, Scopes
from ctct_desktop.sandbox.admin_guard import ADMIN_HEADERS

from tests.e2e.rule_examples import place
from tests.e2e.test_templates_sandbox import EXPECTED, TEMPLATES
from tests.lint.cases import CASES
from tests.lint.support import BASE, CORPUS, corpus_text, manifest

API_HOST = "https://api.constantcontact.com"
DEMO_AUTH = Auth(AuthKind.CTCT_BASIC, username=demo.DEMO_USERNAME, password=demo.DEMO_PASSWORD,
                 api_key=demo.DEMO_API_KEY)


@dataclass(frozen=True)
class Sent:
    """A request as written for the real API (``https://api.constantcontact.com/...``)."""

    request: RequestModel
    variables: Mapping[str, str] | None = None
    setup: str = ""  # a template's setup (its description names the value it needs)


@pytest.fixture(scope="module")
def agreeing_sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One sandbox for the module, with scheduling approved (the Schedule examples need it)."""
    from ctct_desktop.sandbox.server import SandboxServer

    server = SandboxServer(data_dir=tmp_path_factory.mktemp("agree") / "sandbox", port=0, reset=True)
    server.start()
    try:
        yield server
    finally:
        server.stop()


_STATE = {"changed": True, "approved": None}  # what the last send may have left on the shared sandbox


def _fresh(server: Any, *, approved: bool = True) -> None:
    """A freshly reset sandbox: reseeded when the last send may have changed it (a write that
    was taken), the quirks set when they differ. Refused requests change nothing."""
    if _STATE["approved"] is not approved:
        quirks = {"scheduling_approved": "true"} if approved else {}
        assert httpx.put(f"{server.base_url}/_sandbox/quirks", json=quirks, headers=ADMIN_HEADERS).status_code == 200
        _STATE["approved"] = approved
    if _STATE["changed"]:
        assert httpx.post(f"{server.base_url}/_sandbox/reset", headers=ADMIN_HEADERS).status_code == 200
    _STATE["changed"] = True  # until the send shows otherwise


def _for_sandbox(request: RequestModel, server: Any) -> RequestModel:
    """The same request aimed at the sandbox, with the demo account's credentials for the test ones."""
    url = request.url.replace(API_HOST, server.base_url, 1)
    auth = request.auth
    if auth.api_key in ("KEY123", "KEY") or auth.password == "pw":
        auth = replace(auth, api_key=demo.DEMO_API_KEY if auth.api_key else "", password=demo.DEMO_PASSWORD)
    url = url.replace("/ws/customers/KEY123", f"/ws/customers/{demo.DEMO_API_KEY}", 1)
    url = url.replace("/ws/customers/KEY%", f"/ws/customers/{demo.DEMO_API_KEY}%", 1)
    return replace(request, url=url, auth=auth)


def agree(server: Any, sent: Sent) -> None:
    """Lint and send ``sent`` on a fresh sandbox; the answer must be the predicted one."""
    request = _for_sandbox(sent.request, server)
    variables = dict(sent.variables or {})
    plan = pipeline.plan(request, Scopes((Scope("test", variables),)), None)
    verdict = server_verdict(plan.diagnostics)
    findings = [(d.code, d.severity.value, d.message) for d in plan.diagnostics]
    if not plan.sendable:
        # an unresolved variable leaves the answer unknown; an empty credential is stopped like a bad URL
        expected = verdict.answer is None if plan.unresolved else verdict.answer != "2xx"
        assert expected, (plan.stop_reason, verdict, findings)
        _STATE["changed"] = False
        return
    outcome = pipeline.run(plan)
    failure = outcome.exchange.failure
    if failure is not None and failure.kind is FailureKind.INVALID_URL:  # refused before it was sent
        assert verdict.answer != "2xx", (failure, verdict, findings)
        _STATE["changed"] = False
        return
    assert failure is None, failure
    response = outcome.exchange.response
    assert response is not None
    status = response.status
    _STATE["changed"] = request.method != "GET" and status < 400
    shown = f"{request.method} {request.url}: {status} {response.body[:240]!r}; {verdict.reason}; {findings}"
    assert status < 500, shown
    if verdict.answer == "2xx":
        assert 200 <= status < 300, shown
    elif verdict.answer == "4xx":
        assert 400 <= status < 500, shown


# -- the corpus ---------------------------------------------------------------------------------

def _corpus_request(case: dict[str, str]) -> RequestModel:
    form = case["file"].endswith(".form")
    media = "application/x-www-form-urlencoded" if form else "application/atom+xml"
    return RequestModel(method=case["method"], url=BASE + case["path"], headers=(Header("Content-Type", media),),
                        body=corpus_text(case["file"]), body_kind=BodyKind.FORM if form else BodyKind.XML,
                        auth=DEMO_AUTH)


@pytest.mark.parametrize("case", manifest(), ids=lambda c: c["file"])
def test_every_corpus_body_lints_clean_and_is_taken(agreeing_sandbox: Any, case: dict[str, str]) -> None:
    request = _corpus_request(case)
    assert server_verdict(pipeline.plan(request, Scopes(), None).diagnostics).answer == "2xx"
    _fresh(agreeing_sandbox)
    agree(agreeing_sandbox, Sent(request))


# -- every rule's examples ----------------------------------------------------------------------

EXAMPLES = [(doc.code, which, text) for doc in rule_docs()
            for which, text in (("bad", doc.bad_example), ("good", doc.good_example))]
SENDABLE = [(code, which, text) for code, which, text in EXAMPLES if place(text) is not None]


def _example_request(text: str) -> RequestModel:
    placed = place(text)
    assert placed is not None
    headers = (Header("Content-Type", placed.content_type),) if placed.content_type else ()
    url = placed.absolute_url or BASE + placed.path
    return RequestModel(method=placed.method, url=url, headers=headers, body=placed.body, body_kind=placed.kind,
                        auth=DEMO_AUTH)


def test_an_example_that_cannot_be_sent_belongs_to_an_excepted_rule() -> None:
    unsent = {code for code, _which, text in EXAMPLES if place(text) is None}
    assert unsent <= {code for code, entry in EXCEPTIONS.items() if entry.answer is None}, unsent


@pytest.mark.parametrize("code, which, text", SENDABLE, ids=[f"{c}-{w}" for c, w, _ in SENDABLE])
def test_every_rule_example_gets_the_predicted_answer(agreeing_sandbox: Any, code: str, which: str, text: str) -> None:
    request = _example_request(text)
    found = {d.code for d in pipeline.plan(_for_sandbox(request, agreeing_sandbox), Scopes(), None).diagnostics}
    assert (code in found) is (which == "bad"), (code, which, found)  # the placed example still shows the point
    _fresh(agreeing_sandbox)
    agree(agreeing_sandbox, Sent(request))


# -- every case of the lint tests ---------------------------------------------------------------

LINT_CASES = [(f"{case.code}-{case.name}-{which}", Sent(request, variables))
              for case in CASES
              for which, request, variables in (("bad", case.bad, case.bad_variables),
                                                ("good", case.good, case.good_variables))
              if request.url.startswith(("{{", API_HOST + "/ws/customers/")) and not request.auth.account]


@pytest.mark.parametrize("sent", [s for _, s in LINT_CASES], ids=[i for i, _ in LINT_CASES])
def test_every_lint_case_gets_the_predicted_answer(agreeing_sandbox: Any, sent: Sent) -> None:
    _fresh(agreeing_sandbox)
    variables = {"base_url": agreeing_sandbox.account_url, **dict(sent.variables or {})}
    variables = {k: v.replace(API_HOST, agreeing_sandbox.base_url) for k, v in variables.items()}
    agree(agreeing_sandbox, Sent(sent.request, variables))


# -- every v1 template --------------------------------------------------------------------------

@pytest.mark.parametrize("relative", sorted(EXPECTED), ids=lambda r: Path(r).name.removesuffix(".ctct.toml"))
def test_every_v1_template_gets_the_predicted_answer(agreeing_sandbox: Any, monkeypatch: pytest.MonkeyPatch,
                                                     relative: str) -> None:
    monkeypatch.setenv("CTCT_SANDBOX_URL", agreeing_sandbox.base_url)
    _fresh(agreeing_sandbox, approved=False)
    _code, setup = EXPECTED[relative]
    given = setup.supply(agreeing_sandbox) if setup else {}
    inputs = load_inputs(str(TEMPLATES / relative), env="sandbox", given=given)
    plan = pipeline.plan(inputs.request, inputs.scopes, None)
    assert server_verdict(plan.diagnostics).answer == "2xx", [(d.code, d.message) for d in plan.diagnostics]
    response = pipeline.run(plan).exchange.response
    _STATE["approved"] = None  # a setup may have set quirks
    assert response is not None and 200 <= response.status < 300, (relative, response)


def test_corpus_is_the_one_the_lint_tests_use() -> None:
    files = {case["file"] for case in json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))["requests"]}
    assert files == {p.name for p in CORPUS.iterdir() if p.suffix in (".xml", ".form")}
