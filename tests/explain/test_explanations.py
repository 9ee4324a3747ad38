"""The depth of an explanation: specifics filled in, lint pointers, captured server values."""

from __future__ import annotations

from ctct_desktop.explain import explain
from tests.explain.builders import E2, contact_body, v1
from tests.explain.cases import CASES


def test_atom_sections_points_at_the_offending_lines_with_the_linter() -> None:
    top = explain(CASES["v1-400-atom-sections"]())[0]
    assert top.article_id == "v1-400-atom-sections"
    assert top.pointers, "the linter's Atom-wrapper diagnostics are attached"
    assert {p.code for p in top.pointers} <= {"L001", "L002", "L003", "L004", "L005", "L006"}
    first = top.pointers[0]
    assert first.code == "L001" and first.line == 2, "line 2 holds the <entry> without its namespace"
    assert "no Atom namespace" in top.cause


def test_pointers_use_the_given_diagnostics_and_none_without_lint() -> None:
    ex = CASES["v1-400-atom-sections"]()
    assert explain(ex, diagnostics=[])[0].pointers == ()
    from ctct_desktop.lint import lint_request

    given = lint_request(ex.request)
    assert explain(ex, diagnostics=given)[0].pointers == tuple(d for d in given if d.code == "L001" or
                                                                d.code in ("L002", "L003", "L004", "L005", "L006"))


def test_status_transition_explains_o_and_s_and_names_the_person() -> None:
    ex = v1("PUT", "/contacts/391", 400, E2, body=contact_body())
    top = explain(ex)[0]
    assert "Opted out" in top.cause and "Subscribed" in top.cause
    assert "ACTION_BY_CONTACT means" in top.cause
    assert "person 1234:5" in top.cause
    assert "OptInSource ACTION_BY_CUSTOMER" in top.cause
    assert [a.name for a in top.actions] == ["switch-optin-source"]


def test_409_capture_reads_the_existing_status_from_the_server_message() -> None:
    text = ("Error 409: Conflict: the email address ada@example.com already exists in this account as contact 1 "
            "(status Removed). Search for it with ?email=, then update it with PUT.")
    top = explain(v1("POST", "/contacts", 409, text))[0]
    assert "ada@example.com already exists" in top.cause, "without a request body the address comes from the body"
    assert "status is Removed" in top.cause
    with_body = explain(v1("POST", "/contacts", 409, text, body=contact_body("Ada@Example.com")))[0]
    assert "Ada@Example.com already exists" in with_body.cause, "the request's own value wins over a capture"


def test_v3_conflict_names_the_address_from_the_json_body() -> None:
    top = explain(CASES["v3-409-contacts-conflict"]())[0]
    assert "jane@example.com" in top.cause and "EmailAddress is not unique" in top.cause
    assert [a.name for a in top.actions] == ["use-sign-up-form"]


def test_401_variants_name_the_specifics() -> None:
    mismatch = explain(CASES["v1-401-path-user-mismatch"]())[0]
    assert "marysbakery" in mismatch.cause and "joesflowers" in mismatch.cause
    plain = explain(CASES["v1-401-unauthorized"]())[0]
    assert "developer site" in plain.cause and "apikey%username" in plain.cause
    assert "••••••%joesflowers" in plain.cause


def test_415_names_sent_and_expected_types_and_schedule_explains_approval() -> None:
    top = explain(CASES["v1-415-content-type"]())[0]
    assert "application/xml" in top.cause and "expects application/atom+xml" in top.cause
    assert [a.name for a in top.actions] == ["set-atom-content-type"]
    schedule = explain(CASES["v1-403-schedule-not-approved"]())[0]
    assert "grants it on request" in schedule.cause and "works in one account" in schedule.cause
    assert any("insufficient_scope" in e for e in schedule.evidence)


def test_transport_refused_on_loopback_mentions_the_sandbox() -> None:
    top = explain(CASES["transport-refused"]())[0]
    assert "sandbox" in top.cause and "Errno" not in top.cause  # the chain is the detail, not a sentence
    assert "Errno 111" in top.detail
    remote = explain(CASES["transport-timeout"]())[0]
    assert "sandbox" not in remote.cause


def test_an_activity_naming_another_accounts_list_says_so() -> None:
    """The bulk form's article used to stop at the server's words; with L028 seeing another account
    in a lists value, it says what to change."""
    body = ("activityType=SV_ADD&data=Email+Address%0Ajo%40example.com"
            "&lists=http%3A%2F%2Fapi.constantcontact.com%2Fws%2Fcustomers%2Fotheruser%2Flists%2F1")
    said = ("Error 400: lists value 'http://api.constantcontact.com/ws/customers/otheruser/lists/1' is not a list "
            "URI of this account (http://api.constantcontact.com/ws/customers/joesflowers/lists/N, URL-encoded).")
    ex = v1("POST", "/activities", 400, said, body=body, content_type="application/x-www-form-urlencoded")
    top = explain(ex)[0]
    assert top.article_id == "v1-400-activities-form"
    assert "names another account's list" in top.cause and "the request is for, joesflowers" in top.cause
    same = v1("POST", "/activities", 400, "Error 400: data is required.", body=body.replace("otheruser", "joesflowers"),
              content_type="application/x-www-form-urlencoded")
    assert "another account" not in explain(same)[0].cause
