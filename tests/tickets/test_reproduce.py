"""Reproduce the five casebook cases on a scratch sandbox: each ends in the article that explains it.

Every case is a ticket folder holding what the customer sent (their server, their account name, no
secret); reproducing runs it against a sandbox of its own with the ticket's quirks.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ctct_desktop.tickets.reproduce import reproduce
from tests.tickets.casebook import CASES, t1_fixed

# case -> [(request, status, article that explains it, words the server must have said)]
EXPECTED = {
    "T1": [("Update campaign", 400, "v1-400-atom-sections", "errors in the common Atom sections")],
    "T2": [("Bulk add contacts", 400, "v1-400-atom-sections", "errors in the common Atom sections")],
    "T3": [("Create campaign", 400, "v1-400-greeting-name", "GreetingName must be one of"),
           ("Schedule campaign", 403, "v1-403-schedule-not-approved", "Access is denied")],
    "T4": [("Update contact", 400, "v1-400-status-transition", "Status transition from O to S is not allowed")],
    "T5": [("Sign up", 409, "v1-409-contact-exists", "already exists")],
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_casebook_case_reproduces_the_customers_failure(case: str, tmp_path: Path) -> None:
    found = reproduce(CASES[case](tmp_path / case))
    got = [(e.name, e.run.status, e.article_id) for e in found.exchanges]
    assert got == [(name, status, article) for name, status, article, _said in EXPECTED[case]]
    for exchange, (_name, _status, _article, said) in zip(found.exchanges, EXPECTED[case], strict=True):
        assert exchange.run.result is not None and exchange.run.result.response is not None
        assert said in exchange.run.result.response.body.decode("utf-8", "replace")
        assert any("scratch sandbox" in note for note in exchange.notes)  # sent here, not to the customer's server
        assert exchange.run.result.exchange.sent_url.startswith(found.sandbox_url)


def test_the_stock_quirk_is_what_fails_t1_once_its_body_is_fixed(tmp_path: Path) -> None:
    """With the body repaired (Atom namespace, no pasted feed elements), T1 still fails under the
    ticket's quirk, the server bug; without the quirk the same PUT is accepted."""
    from ctct_desktop.store.request_file import load_request, save_request
    from ctct_desktop.tickets.ticket_file import load_ticket, save_ticket
    from dataclasses import replace

    folder = CASES["T1"](tmp_path / "T1")
    path = folder / "Update campaign.ctct.toml"
    saved = load_request(path)
    body = t1_fixed()
    save_request(path, replace(saved, request=replace(saved.request, body=body)))
    assert reproduce(folder).exchanges[0].run.status == 400
    save_ticket(folder, replace(load_ticket(folder), quirks={}))
    fixed = reproduce(folder).exchanges[0].run
    assert fixed.status == 204, fixed.result.response.body if fixed.result and fixed.result.response else fixed.message


def test_reproducing_never_touches_the_users_own_sandbox(tmp_path: Path, sandbox) -> None:  # type: ignore[no-untyped-def]
    import httpx

    from ctct_desktop.sandbox.admin_guard import ADMIN_HEADERS

    before = httpx.get(f"{sandbox.base_url}/_sandbox/quirks", headers=ADMIN_HEADERS).json()
    found = reproduce(CASES["T3"](tmp_path / "T3"))
    assert found.sandbox_url != sandbox.base_url
    assert httpx.get(f"{sandbox.base_url}/_sandbox/quirks", headers=ADMIN_HEADERS).json() == before


def test_a_fixed_copy_whose_lists_name_base_url_is_accepted(tmp_path: Path) -> None:
    """The fix a support engineer writes uses the environment's variables; in the scratch sandbox
    ``{{base_url}}/lists/1`` names the sandbox's own address, which it must take for list 1 (it
    answered 400, "not a list URI of this account", although lint passed the request)."""
    from ctct_desktop.core.models import BodyKind, Header, RequestModel
    from ctct_desktop.store.request_file import SavedRequest
    from ctct_desktop.tickets.folder import add_request
    from tests.tickets.casebook import SERVER, V1_AUTH

    folder = CASES["T2"](tmp_path / "T2")
    fixed = RequestModel(method="POST", url=SERVER + "/activities", auth=V1_AUTH, body_kind=BodyKind.FORM,
                         headers=(Header("Content-Type", "application/x-www-form-urlencoded"),),
                         body="activityType=SV_ADD&data=Email+Address%0Ajoe%40example.com&lists={{base_url}}/lists/1")
    add_request(folder, SavedRequest("Bulk add contacts fixed", "", fixed))
    found = reproduce(folder)
    got = [(e.name, e.run.status) for e in found.exchanges]
    assert got == [("Bulk add contacts", 400), ("Bulk add contacts fixed", 201)], found.exchanges[-1].run.message
    assert found.exchanges[-1].run.result is not None and not found.exchanges[-1].run.result.plan.diagnostics
