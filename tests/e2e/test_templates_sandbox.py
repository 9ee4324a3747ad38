"""Every v1 template, sent through the ``send`` pipeline to a real sandbox, gets its documented code.

Each template is sent alone on a freshly reset sandbox (quirks back to their defaults), with the
values the "Sandbox (local)" environment provides and nothing else, except where the template's
own description says a value comes from elsewhere (scheduling approval, the id of an activity
just posted, the code of an OAuth redirect): then a setup step supplies exactly that, as a user
would copy it from the previous response. Order does not matter: the cases are also sent in
reverse, each on its own reset.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from ctct_desktop.resources import resource_path
from ctct_desktop.core import sandbox_demo as demo
from ctct_desktop.core.models import ResponseRecord
from ctct_desktop.sandbox.admin_guard import ADMIN_HEADERS
from ctct_desktop import send as pipeline
from ctct_desktop.cli.send_inputs import load_inputs
from ctct_desktop.send import SendResult
from ctct_desktop.store.request_file import load_request

TEMPLATES = resource_path("templates")
V1 = sorted(str(p.relative_to(TEMPLATES)) for p in (TEMPLATES / "v1").rglob("*.ctct.toml"))


def send(relative: str, variables: dict[str, str] | None = None) -> SendResult:
    """The CLI's path: resolve with --var, the sandbox environment and the collection, lint, send."""
    if not relative.endswith(".ctct.toml"):
        relative += ".ctct.toml"
    inputs = load_inputs(str(TEMPLATES / relative), env="sandbox", given=variables or {})
    plan = pipeline.plan(inputs.request, inputs.scopes, None)
    assert plan.unresolved == (), f"{relative}: unresolved {plan.unresolved}"
    assert plan.errors == (), f"{relative}: lint errors {plan.errors}"
    return pipeline.run(plan)


def response_of(outcome: SendResult) -> ResponseRecord:
    exchange = outcome.exchange
    assert exchange.failure is None and exchange.response is not None, exchange.failure
    return exchange.response


def status_of(outcome: SendResult) -> int:
    return response_of(outcome).status


def _created_id(outcome: SendResult) -> str:
    location = response_of(outcome).header("Location") or ""
    assert location, "a 201 carries the new resource in Location"
    return location.rstrip("/").rsplit("/", 1)[-1]


def _basic() -> tuple[str, str]:
    return f"{demo.DEMO_API_KEY}%{demo.DEMO_USERNAME}", demo.DEMO_PASSWORD


def _approve_scheduling(sandbox: Any) -> dict[str, str]:
    answer = httpx.patch(f"{sandbox.base_url}/_sandbox/quirks", json={"scheduling_approved": "true"},
                         headers=ADMIN_HEADERS)
    assert answer.status_code == 200, answer.text
    return {}


def _activity(sandbox: Any) -> dict[str, str]:
    outcome = send("v1/Bulk activities/Add contacts (SV_ADD)")
    assert status_of(outcome) == 201
    return {"activity_id": _created_id(outcome)}


def _oauth_code(sandbox: Any) -> dict[str, str]:
    answer = httpx.get(f"{sandbox.base_url}/oauth2/oauth/siteowner/authorize", params={
        "response_type": "code", "client_id": demo.OAUTH_CLIENT_ID, "redirect_uri": demo.OAUTH_REDIRECT_URI,
        "state": "s", "sandbox_user": demo.DEMO_USERNAME, "sandbox_password": demo.DEMO_PASSWORD,
        "sandbox_decision": "allow"})
    assert answer.status_code == 302, answer.text
    code = httpx.URL(answer.headers["location"]).params["code"]
    return {"oauth_code": code}


@dataclass(frozen=True)
class Setup:
    """A value the environment cannot provide; ``because`` quotes the template's description."""

    because: str
    supply: Callable[[Any], dict[str, str]]


# template -> (documented success code, setup when its description says a value comes from elsewhere)
EXPECTED: dict[str, tuple[int, Setup | None]] = {
    "v1/Contacts/Create contact.ctct.toml": (201, None),
    "v1/Contacts/Create contact with a fresh address.ctct.toml": (201, None),
    "v1/Contacts/Get contact.ctct.toml": (200, None),
    "v1/Contacts/Update contact (keep all lists).ctct.toml": (204, None),
    "v1/Contacts/Search by email.ctct.toml": (200, None),
    "v1/Contacts/Sync by updatedsince.ctct.toml": (200, None),
    "v1/Contacts/Opt out contact.ctct.toml": (204, None),
    "v1/Contacts/Re-subscribe opted-out contact.ctct.toml": (204, None),
    "v1/Contacts/Add contact to one more list.ctct.toml": (204, None),
    "v1/Lists/Get all lists.ctct.toml": (200, None),
    "v1/Lists/Create list.ctct.toml": (201, None),
    "v1/Lists/Update list.ctct.toml": (204, None),
    "v1/Lists/Delete list.ctct.toml": (204, None),
    "v1/Lists/List members.ctct.toml": (200, None),
    "v1/Campaigns/Create campaign (minimal CUSTOM).ctct.toml": (201, None),
    "v1/Campaigns/Get campaign.ctct.toml": (200, None),
    "v1/Campaigns/Update campaign.ctct.toml": (204, None),
    "v1/Campaigns/Delete campaign.ctct.toml": (204, None),
    "v1/Campaigns/List campaigns by status.ctct.toml": (200, None),
    "v1/Campaigns/Schedule campaign.ctct.toml": (201, Setup("needs scheduling permission", _approve_scheduling)),
    "v1/Campaigns/Unschedule campaign.ctct.toml": (204, None),
    "v1/Settings/Get email addresses.ctct.toml": (200, None),
    "v1/Settings/Get one email address.ctct.toml": (200, None),
    "v1/Service document.ctct.toml": (200, None),
    "v1/Bulk activities/Add contacts (SV_ADD).ctct.toml": (201, None),
    "v1/Bulk activities/Remove contacts from lists.ctct.toml": (201, None),
    "v1/Bulk activities/Clear lists.ctct.toml": (201, None),
    "v1/Bulk activities/Export contacts.ctct.toml": (201, None),
    "v1/Bulk activities/Activity status.ctct.toml": (200, Setup("Take the id from the activity's Location", _activity)),
    "v1/Bulk activities/Recent activities.ctct.toml": (200, None),
    "v1/OAuth 2.0/Exchange code for token.ctct.toml": (200, Setup("the code the redirect brought", _oauth_code)),
}


def test_every_v1_template_has_an_expectation() -> None:
    assert sorted(EXPECTED) == V1


def test_a_setup_is_only_where_the_template_says_so() -> None:
    for relative, (_code, setup) in EXPECTED.items():
        if setup is not None:
            assert setup.because in load_request(TEMPLATES / relative).description, relative


@pytest.fixture(scope="module")
def shared_sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from ctct_desktop.sandbox.server import SandboxServer

    server = SandboxServer(data_dir=tmp_path_factory.mktemp("templates") / "sandbox", port=0, reset=True)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def _fresh(server: Any) -> None:
    """Reseed the demo account and put every quirk back to its default."""
    assert httpx.put(f"{server.base_url}/_sandbox/quirks", json={}, headers=ADMIN_HEADERS).status_code == 200
    assert httpx.post(f"{server.base_url}/_sandbox/reset", headers=ADMIN_HEADERS).status_code == 200


@pytest.fixture
def sandbox_env(sandbox: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """``--env sandbox`` finds this sandbox through CTCT_SANDBOX_URL, as the CLI documents."""
    monkeypatch.setenv("CTCT_SANDBOX_URL", sandbox.base_url)
    return sandbox


@pytest.fixture
def reset_env(shared_sandbox: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("CTCT_SANDBOX_URL", shared_sandbox.base_url)
    return shared_sandbox


def _send_alone(server: Any, relative: str) -> None:
    _fresh(server)
    expected, setup = EXPECTED[relative]
    variables = setup.supply(server) if setup else {}
    response = response_of(send(relative, variables))
    assert response.status == expected, f"{relative}: {response.status} {response.body[:300]!r}"


@pytest.mark.parametrize("relative", sorted(EXPECTED), ids=lambda r: Path(r).name.removesuffix(".ctct.toml"))
def test_template_gets_its_documented_success_code(reset_env: Any, relative: str) -> None:
    _send_alone(reset_env, relative)


def test_templates_in_reverse_order_each_on_a_fresh_reset(reset_env: Any) -> None:
    for relative in sorted(EXPECTED, reverse=True):
        _send_alone(reset_env, relative)


def test_golden_path_create_then_conflict(sandbox_env: Any) -> None:
    """design.md's first minute: Create contact gives 201, sending it again gives 409."""
    assert status_of(send("v1/Contacts/Create contact.ctct.toml")) == 201
    assert status_of(send("v1/Contacts/Create contact.ctct.toml")) == 409


def test_contact_lifecycle_in_order(sandbox_env: Any) -> None:
    """Opt out, then re-subscribe the only allowed way, then find the contact again by email."""
    assert status_of(send("v1/Contacts/Opt out contact.ctct.toml")) == 204
    contact = httpx.get(f"{sandbox_env.account_url}/contacts/{demo.SEED_ACTIVE_CONTACT_ID}", auth=_basic()).text
    assert "Do Not Mail" in contact
    email = {"dnm_contact_id": str(demo.SEED_ACTIVE_CONTACT_ID), "dnm_contact_email": demo.SEED_ACTIVE_CONTACT_EMAIL}
    assert status_of(send("v1/Contacts/Re-subscribe opted-out contact.ctct.toml", email)) == 204
    found = send("v1/Contacts/Search by email.ctct.toml")
    assert status_of(found) == 200 and demo.SEED_ACTIVE_CONTACT_EMAIL.encode() in response_of(found).body


def test_schedule_without_approval_is_the_documented_403(sandbox_env: Any) -> None:
    outcome = send("v1/Campaigns/Schedule campaign.ctct.toml")
    assert status_of(outcome) == 403
    assert "insufficient_scope" in (response_of(outcome).header("WWW-Authenticate") or "")


def test_send_cli_with_env_sandbox_in_a_subprocess(sandbox_env: Any) -> None:
    import json
    import os
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "ctct_desktop", "send",
                           str(TEMPLATES / "v1/Contacts/Get contact.ctct.toml"), "--env", "sandbox",
                           "--format", "json"], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "CTCT_SANDBOX_URL": sandbox_env.base_url})
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["status"] == 200 and demo.SEED_ACTIVE_CONTACT_EMAIL in data["body"]
