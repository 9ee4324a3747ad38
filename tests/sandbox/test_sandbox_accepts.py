"""What the audit of the sandbox's 400s let through: checks with no evidence beyond an example's
value went (the README's table of 400s says which remain and why). Each case was a 400 before."""

from __future__ import annotations

from typing import Any

import pytest

from ctct_desktop.core import sandbox_demo as demo
from ctct_desktop.sandbox.admin_guard import ADMIN_HEADERS
from tests.sandbox.sandbox_helpers import (ATOM_HEADERS, CTCT, LIST_URI, NS, SCHEDULE, campaign_fields, campaign_xml,
                                           client_for, contact_xml, entries, entry, list_xml, parse, text)

CONTACT = "a:content/c:Contact"
CAMPAIGN = "a:content/c:Campaign"


def _post_contact(sandbox: Any, email: str, extra: str = "", lists: tuple[int, ...] = (1,)) -> Any:
    with client_for(sandbox) as client:
        created = client.post("/contacts", content=contact_xml(email, lists, extra=extra), headers=ATOM_HEADERS)
        assert created.status_code == 201, created.text
        return parse(client.get(created.headers["location"]))


@pytest.mark.parametrize("written, stored", [("html", "HTML"), ("TEXT", "Text"), ("PDF", "HTML")])
def test_email_type_in_any_case_is_taken_and_another_value_ignored(sandbox: Any, written: str, stored: str) -> None:
    found = _post_contact(sandbox, f"type.{written.lower()}@example.com", f"<EmailType>{written}</EmailType>")
    assert text(found, f"{CONTACT}/c:EmailType") == stored


def test_a_long_custom_field_is_cut_to_50(sandbox: Any) -> None:
    found = _post_contact(sandbox, "long.custom@example.com", f"<CustomField3>{'z' * 60}</CustomField3>")
    assert text(found, f"{CONTACT}/c:CustomField3") == "z" * 50


def test_free_text_fields_have_no_invented_limits(sandbox: Any) -> None:
    found = _post_contact(sandbox, "free.text@example.com",
                          f"<FirstName>{'A' * 600}</FirstName><StateCode>Ontario</StateCode><CountryCode>CAN</CountryCode>")
    assert len(text(found, f"{CONTACT}/c:FirstName")) == 600
    assert text(found, f"{CONTACT}/c:StateCode") == "Ontario"


def test_a_system_list_in_contact_lists_is_skipped(sandbox: Any) -> None:
    body = contact_xml("sys.list@example.com", (1,)).replace("</ContactLists>",
                                                             f'<ContactList id="{LIST_URI.format("active")}"/></ContactLists>')
    with client_for(sandbox) as client:
        created = client.post("/contacts", content=body, headers=ATOM_HEADERS)
        assert created.status_code == 201, created.text
        found = parse(client.get(created.headers["location"]))
    refs = [r.get("id").rsplit("/", 1)[1] for r in found.findall(f"{CONTACT}/c:ContactLists/c:ContactList", NS)]
    assert refs == ["1"]


def test_a_repeated_element_is_taken_last(sandbox: Any) -> None:
    """S2's save() wrote OptInSource twice."""
    found = _post_contact(sandbox, "twice@example.com", "<OptInSource>ACTION_BY_CONTACT</OptInSource>")
    assert text(found, f"{CONTACT}/c:OptInSource") == "ACTION_BY_CONTACT"


def test_sync_filters_work_alone_and_together(sandbox: Any) -> None:
    with client_for(sandbox) as client:
        by_type = client.get("/contacts", params={"listtype": "removed"})
        since_only = client.get("/contacts", params={"updatedsince": "2030-01-01T00:00:00Z"})
        both = client.get("/contacts", params={"updatedsince": "2025-01-01T00:00:00Z", "listtype": "active",
                                               "listid": "3"})
    assert by_type.status_code == since_only.status_code == both.status_code == 200
    assert {text(e, f"{CONTACT}/c:Status") for e in entries(by_type)} == {"Removed"}
    assert entries(since_only) == []
    assert 0 < len(entries(both)) <= 50


def test_list_fields_are_read_leniently(sandbox: Any) -> None:
    body = list_xml("L" * 300).replace(">false<", ">TRUE<").replace(">99<", ">first<").replace(
        "</ContactList>", "<DisplayOnSignup>yes</DisplayOnSignup></ContactList>")
    with client_for(sandbox) as client:
        created = client.post("/lists", content=body, headers=ATOM_HEADERS)
    assert created.status_code == 201, created.text
    found = parse(created).find("a:content/c:ContactList", NS)
    assert [text(found, f"c:{n}") for n in ("OptInDefault", "SortOrder", "DisplayOnSignup")] == ["true", "99", "Yes"]


def test_status_in_a_campaign_body_changes_nothing(sandbox: Any) -> None:
    """T3: <Status>Scheduled</Status> and an empty <Date> left the campaign Draft."""
    body = campaign_xml(campaign_fields(Status="Scheduled", Date=""), campaign_id=demo.SEED_DRAFT_CAMPAIGN_ID)
    with client_for(sandbox) as client:
        response = client.put(f"/campaigns/{demo.SEED_DRAFT_CAMPAIGN_ID}", content=body, headers=ATOM_HEADERS)
        status = text(parse(client.get(f"/campaigns/{demo.SEED_DRAFT_CAMPAIGN_ID}")), f"{CAMPAIGN}/c:Status")
    assert response.status_code == 204, response.text
    assert status == "Draft"


@pytest.mark.parametrize("overrides", [
    {"Date": "2010-09-28T05:22:42 01:00"},  # P19's date: support's fixes did not name it
    {"Name": "N" * 100},
    {"EmailContent": "Plain words, no markup"},
])
def test_campaign_values_without_a_documented_refusal_are_taken(sandbox: Any, overrides: dict[str, str]) -> None:
    with client_for(sandbox) as client:
        response = client.post("/campaigns", content=campaign_xml(campaign_fields(**overrides)), headers=ATOM_HEADERS)
    assert response.status_code == 201, response.text


def test_a_sent_campaign_can_be_put_back(sandbox: Any) -> None:
    with client_for(sandbox) as client:
        body = client.get(f"/campaigns/{demo.SEED_SENT_CAMPAIGN_ID}").content
        response = client.put(f"/campaigns/{demo.SEED_SENT_CAMPAIGN_ID}", content=body, headers=ATOM_HEADERS)
    assert response.status_code == 204, response.text


def test_an_unknown_status_filter_matches_nothing(sandbox: Any) -> None:
    with client_for(sandbox) as client:
        response = client.get("/campaigns", params={"status": "LOST"})
    assert response.status_code == 200 and entries(response) == []


def test_a_past_schedule_is_taken(sandbox: Any) -> None:
    with client_for(sandbox) as client:
        root = str(client.base_url).split("/ws/")[0]
        client.patch(f"{root}/_sandbox/quirks", json={"scheduling_approved": "true"}, headers=ADMIN_HEADERS)
        response = client.post("/campaigns/1/schedules", content=SCHEDULE.replace("2031-11-13", "2001-01-01"),
                               headers=ATOM_HEADERS)
    assert response.status_code == 201, response.text


@pytest.mark.parametrize("form", [
    {"activityType": "SV_ADD", "data": "Email Address\nsys@example.com", "lists": [LIST_URI.format(1), LIST_URI.format("active")]},
    {"activityType": "SV_ADD", "data": "Email Address,Shoe Size\nshoe@example.com,9", "lists": LIST_URI.format(1)},
    {"activityType": "EXPORT_CONTACTS", "fileType": "CSV", "listId": LIST_URI.format(1), "columns": ["SHOE", "FIRST NAME"],
     "exportOptDate": "yes"},
])
def test_activity_values_without_a_documented_refusal_are_taken(sandbox: Any, form: dict[str, Any]) -> None:
    with client_for(sandbox) as client:
        response = client.post("/activities", data=form)
    assert response.status_code == 201, response.text


@pytest.mark.parametrize("overrides, needle", [
    ({"EmailContent": "&lt;html&gt;&lt;body&gt;Hi&lt;/div&gt;&lt;/body&gt;&lt;/html&gt;"}, "</div>"),
    ({"EmailContentFormat": "XHTML", "EmailContent": "&lt;html&gt;&lt;body/&gt;&lt;/html&gt;"}, "namespace"),
])
def test_content_support_called_not_valid_is_refused(sandbox: Any, overrides: dict[str, str], needle: str) -> None:
    """E6 (P22): what L017 reports as an error, the sandbox refuses."""
    with client_for(sandbox) as client:
        response = client.post("/campaigns", content=campaign_xml(campaign_fields(**overrides)), headers=ATOM_HEADERS)
    assert response.status_code == 400 and needle in response.text, response.text


def test_entry_helper_is_still_refused_without_lists_uri(sandbox: Any) -> None:
    """A ContactList id that is no list URI of the account stays a 400 (§4.2, L010)."""
    body = entry(f'<Contact xmlns="{CTCT}"><EmailAddress>x@example.com</EmailAddress><OptInSource>ACTION_BY_CUSTOMER'
                 '</OptInSource><ContactLists><ContactList id="2"/></ContactLists></Contact>')
    with client_for(sandbox) as client:
        response = client.post("/contacts", content=body, headers=ATOM_HEADERS)
    assert response.status_code == 400
