"""Every v1 template, sent through the ``send`` pipeline to a real sandbox, gets its documented code.

Each case starts from a freshly seeded sandbox; a setup step sends what the template depends on
first (a list to delete, an activity to follow, an OAuth code to exchange) and passes the ids it
got back as variables, exactly as a user would copy them from the previous response.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from ctct_desktop.resources import resource_path
from ctct_desktop.core import sandbox_demo as demo
from ctct_desktop.sandbox.admin_guard import ADMIN_HEADERS
from ctct_desktop import send as pipeline
from ctct_desktop.cli.send_inputs import load_inputs
from ctct_desktop.send import SendResult

TEMPLATES = resource_path("templates")
V1 = sorted(str(p.relative_to(TEMPLATES)) for p in (TEMPLATES / "v1").rglob("*.ctct.toml"))

Setup = Callable[[Any], dict[str, str]]


def send(relative: str, variables: dict[str, str] | None = None) -> SendResult:
    """The CLI's path: resolve with --var, the sandbox environment and the collection, lint, send."""
    if not relative.endswith(".ctct.toml"):
        relative += ".ctct.toml"
    inputs = load_inputs(str(TEMPLATES / relative), env="sandbox", given=variables or {})
    plan = pipeline.plan(inputs.request, inputs.scopes, None)
    assert plan.unresolved == (), f"{relative}: unresolved {plan.unresolved}"
    assert plan.errors == (), f"{relative}: lint errors {plan.errors}"
    return pipeline.run(plan)


def status_of(outcome: SendResult) -> int:
    exchange = outcome.exchange
    assert exchange.failure is None, exchange.failure
    return exchange.response.status


def _created_id(outcome: SendResult) -> str:
    location = outcome.exchange.response.header("Location") or ""
    assert location, "a 201 carries the new resource in Location"
    return location.rstrip("/").rsplit("/", 1)[-1]


def _basic() -> tuple[str, str]:
    return f"{demo.DEMO_API_KEY}%{demo.DEMO_USERNAME}", demo.DEMO_PASSWORD


def _dnm_email(sandbox: Any) -> dict[str, str]:
    body = httpx.get(f"{sandbox.account_url}/contacts/{demo.SEED_DNM_CONTACT_ID}", auth=_basic()).text
    match = re.search(r"<EmailAddress>([^<]+)</EmailAddress>", body)
    assert match and "Do Not Mail" in body
    return {"dnm_contact_email": match.group(1)}


def _new_list(sandbox: Any) -> dict[str, str]:
    outcome = send("v1/Lists/Create list")
    assert status_of(outcome) == 201
    list_id = _created_id(outcome)
    return {"list_id": list_id, "list_uri": f"{demo.account_id_uri()}/lists/{list_id}"}


def _approve_scheduling(sandbox: Any) -> dict[str, str]:
    answer = httpx.patch(f"{sandbox.base_url}/_sandbox/quirks", json={"scheduling_approved": "true"},
                         headers=ADMIN_HEADERS)
    assert answer.status_code == 200, answer.text
    return {}


def _scheduled_campaign(sandbox: Any) -> dict[str, str]:
    return {"campaign_id": str(demo.SEED_SCHEDULED_CAMPAIGN_ID)}


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


# template -> (documented success code, setup that supplies the values it depends on)
EXPECTED: dict[str, tuple[int, Setup | None]] = {
    "v1/Contacts/Create contact.ctct.toml": (201, None),
    "v1/Contacts/Create contact with a fresh address.ctct.toml": (201, None),
    "v1/Contacts/Get contact.ctct.toml": (200, None),
    "v1/Contacts/Update contact (keep all lists).ctct.toml": (204, None),
    "v1/Contacts/Search by email.ctct.toml": (200, None),
    "v1/Contacts/Sync by updatedsince.ctct.toml": (200, None),
    "v1/Contacts/Opt out contact.ctct.toml": (204, None),
    "v1/Contacts/Re-subscribe opted-out contact.ctct.toml": (204, _dnm_email),
    "v1/Contacts/Add contact to one more list.ctct.toml": (204, None),
    "v1/Lists/Get all lists.ctct.toml": (200, None),
    "v1/Lists/Create list.ctct.toml": (201, None),
    "v1/Lists/Update list.ctct.toml": (204, _new_list),
    "v1/Lists/Delete list.ctct.toml": (204, _new_list),
    "v1/Lists/List members.ctct.toml": (200, None),
    "v1/Campaigns/Create campaign (minimal CUSTOM).ctct.toml": (201, None),
    "v1/Campaigns/Get campaign.ctct.toml": (200, None),
    "v1/Campaigns/Update campaign.ctct.toml": (204, None),
    "v1/Campaigns/Delete campaign.ctct.toml": (204, None),
    "v1/Campaigns/List campaigns by status.ctct.toml": (200, None),
    "v1/Campaigns/Schedule campaign.ctct.toml": (201, _approve_scheduling),
    "v1/Campaigns/Unschedule campaign.ctct.toml": (204, _scheduled_campaign),
    "v1/Settings/Get email addresses.ctct.toml": (200, None),
    "v1/Settings/Get one email address.ctct.toml": (200, None),
    "v1/Service document.ctct.toml": (200, None),
    "v1/Bulk activities/Add contacts (SV_ADD).ctct.toml": (201, None),
    "v1/Bulk activities/Remove contacts from lists.ctct.toml": (201, None),
    "v1/Bulk activities/Clear lists.ctct.toml": (201, _new_list),
    "v1/Bulk activities/Export contacts.ctct.toml": (201, None),
    "v1/Bulk activities/Activity status.ctct.toml": (200, _activity),
    "v1/Bulk activities/Recent activities.ctct.toml": (200, None),
    "v1/OAuth 2.0/Exchange code for token.ctct.toml": (200, _oauth_code),
}


def test_every_v1_template_has_an_expectation() -> None:
    assert sorted(EXPECTED) == V1


@pytest.fixture
def sandbox_env(sandbox: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """``--env sandbox`` finds this sandbox through CTCT_SANDBOX_URL, as the CLI documents."""
    monkeypatch.setenv("CTCT_SANDBOX_URL", sandbox.base_url)
    return sandbox


@pytest.mark.parametrize("relative", sorted(EXPECTED), ids=lambda r: Path(r).name.removesuffix(".ctct.toml"))
def test_template_gets_its_documented_success_code(sandbox_env: Any, relative: str) -> None:
    expected, setup = EXPECTED[relative]
    variables = setup(sandbox_env) if setup else {}
    outcome = send(relative, variables)
    response = outcome.exchange.response
    assert status_of(outcome) == expected, f"{relative}: {response.status} {response.body[:300]!r}"


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
    assert status_of(found) == 200 and demo.SEED_ACTIVE_CONTACT_EMAIL.encode() in found.exchange.response.body


def test_schedule_without_approval_is_the_documented_403(sandbox_env: Any) -> None:
    outcome = send("v1/Campaigns/Schedule campaign.ctct.toml")
    assert status_of(outcome) == 403
    assert "insufficient_scope" in (outcome.exchange.response.header("WWW-Authenticate") or "")


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
