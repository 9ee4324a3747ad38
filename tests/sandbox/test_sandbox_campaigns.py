"""Campaigns over HTTP: CRUD, ?status=, field validation naming the field, schedules."""

from __future__ import annotations

import pytest

from ctct_desktop.core import sandbox_demo as demo
from ctct_desktop.sandbox.admin_guard import ADMIN_HEADERS
from tests.sandbox.sandbox_helpers import (ATOM_HEADERS, NS, SCHEDULE, campaign_fields, campaign_xml, client_for,
                                           entries, parse, text)

STATUS = "a:content/c:Campaign/c:Status"


def test_seeded_campaigns_and_status_filter(sandbox) -> None:
    with client_for(sandbox) as client:
        every = entries(client.get("/campaigns"))
        sent = entries(client.get("/campaigns", params={"status": "SENT"}))
        lower = entries(client.get("/campaigns", params={"status": "draft"}))
        stock = parse(client.get(f"/campaigns/{demo.SEED_SENT_CAMPAIGN_ID}"))
        custom = parse(client.get(f"/campaigns/{demo.SEED_DRAFT_CAMPAIGN_ID}"))
    assert {text(e, STATUS) for e in every} >= {"Draft", "Sent", "Scheduled"}
    assert [text(e, STATUS) for e in sent] == ["Sent"]
    assert {text(e, STATUS) for e in lower} == {"Draft"}
    assert text(stock, "a:content/c:Campaign/c:CampaignType") == "STOCK"
    assert stock.find("a:content/c:Campaign/c:EmailContent", NS) is None
    assert text(custom, "a:content/c:Campaign/c:CampaignType") == "CUSTOM"
    assert "<html>" in text(custom, "a:content/c:Campaign/c:EmailContent")


def test_create_update_delete(sandbox) -> None:
    with client_for(sandbox) as client:
        created = client.post("/campaigns", content=campaign_xml(), headers=ATOM_HEADERS)
        assert created.status_code == 201, created.text
        campaign_id = int(created.headers["location"].rsplit("/", 1)[1])
        assert text(parse(created), STATUS) == "Draft"
        assert text(parse(created), "a:content/c:Campaign/c:CampaignType") == "CUSTOM"
        changed = campaign_xml(campaign_fields(Name="Renamed", Status=None), campaign_id=campaign_id)
        assert client.put(f"/campaigns/{campaign_id}", content=changed, headers=ATOM_HEADERS).status_code == 204
        assert text(parse(client.get(f"/campaigns/{campaign_id}")), "a:content/c:Campaign/c:Name") == "Renamed"
        assert client.delete(f"/campaigns/{campaign_id}").status_code == 204
        assert client.get(f"/campaigns/{campaign_id}").status_code == 404


def test_get_then_put_round_trips(sandbox) -> None:
    with client_for(sandbox) as client:
        body = client.get(f"/campaigns/{demo.SEED_DRAFT_CAMPAIGN_ID}").content
        response = client.put(f"/campaigns/{demo.SEED_DRAFT_CAMPAIGN_ID}", content=body, headers=ATOM_HEADERS)
    assert response.status_code == 204, response.text


@pytest.mark.parametrize("overrides,message", [
    ({"GreetingName": "cmp_grt_name"}, "Error 400: GreetingName must be one of FirstName, LastName, FirstAndLastName, None"),
    ({"ViewAsWebpage": "yes"}, "ViewAsWebpage must be YES or NO"),
    ({"ViewAsWebpage": "YES"}, "ViewAsWebpageLinkText is required when ViewAsWebpage is YES"),
    ({"PermissionReminder": "YES"}, "PermissionReminderText is required"),
    ({"IncludeForwardEmail": "YES"}, "ForwardEmailLinkText is required"),
    ({"IncludeSubscribeLink": "YES"}, "SubscribeLinkText is required"),
    ({"EmailContentFormat": "html"}, "EmailContentFormat must be HTML or XHTML"),
    ({"OrganizationState": "ZZ"}, "OrganizationState must be a US state code"),
    ({"OrganizationCountry": "CA", "OrganizationState": "MA"}, "OrganizationState must be a Canadian province"),
    ({"OrganizationCountry": None, "OrganizationState": None}, "OrganizationState is required when no OrganizationCountry"),
    ({"OrganizationCountry": "US", "OrganizationState": None}, "OrganizationState is required"),
    ({"Subject": None}, "Subject is required"),
    ({"Name": None}, "Name is required"),
    ({"EmailContent": "<html><body>raw</body></html>"}, "EmailContent must hold text, not markup"),
    ({"EmailContentFormat": "XHTML", "EmailContent": "&lt;html&gt;&lt;p&gt;open&lt;/html&gt;"}, "EmailContent is not well-formed"),
    ({"EmailContentFormat": "XHTML", "EmailContent": '&lt;html xmlns="http://www.w3.org/1999/xhtml"/&gt;',
      "EmailTextContent": "plain"}, "EmailTextContent must be wrapped"),
])
def test_campaign_validation_names_the_field(sandbox, overrides: dict[str, str | None], message: str) -> None:
    with client_for(sandbox) as client:
        response = client.post("/campaigns", content=campaign_xml(campaign_fields(**overrides)), headers=ATOM_HEADERS)
    assert response.status_code == 400
    assert message in response.text, response.text


def test_international_organisation_needs_no_state(sandbox) -> None:
    fields = campaign_fields(OrganizationCountry="GB", OrganizationState=None, OrganizationInternationalState="Yorks")
    with client_for(sandbox) as client:
        response = client.post("/campaigns", content=campaign_xml(fields), headers=ATOM_HEADERS)
    assert response.status_code == 201, response.text


def test_from_and_reply_to_must_be_verified_registered_addresses(sandbox) -> None:
    with client_for(sandbox) as client:
        pending = client.post("/campaigns", content=campaign_xml(from_id=demo.SEED_PENDING_EMAIL_ID,
                                                                 from_address=demo.SEED_PENDING_EMAIL), headers=ATOM_HEADERS)
        unknown = client.post("/campaigns", content=campaign_xml(from_id=9, from_address="x@example.com"), headers=ATOM_HEADERS)
        mismatch = client.post("/campaigns", content=campaign_xml(from_address="other@example.com"), headers=ATOM_HEADERS)
    assert pending.status_code == 400 and "FromEmail" in pending.text and "not verified" in pending.text
    assert unknown.status_code == 400 and "not registered" in unknown.text
    assert mismatch.status_code == 400 and "does not match" in mismatch.text


def test_schedule_without_approval_is_403_html(sandbox) -> None:
    with client_for(sandbox) as client:
        response = client.post("/campaigns/1/schedules", content=SCHEDULE, headers=ATOM_HEADERS)
        status = text(parse(client.get("/campaigns/1")), STATUS)
    assert response.status_code == 403
    assert response.headers["www-authenticate"] == "Bearer error='insufficient_scope'"
    assert response.headers["content-type"].startswith("text/html")
    assert "<html>" in response.text
    assert status == "Draft"


def _approve(client) -> None:  # type: ignore[no-untyped-def]
    root = str(client.base_url).split("/ws/")[0]
    assert client.patch(f"{root}/_sandbox/quirks", json={"scheduling_approved": "true"}, headers=ADMIN_HEADERS).status_code == 200


def test_approved_schedule_then_unschedule(sandbox) -> None:
    with client_for(sandbox) as client:
        _approve(client)
        created = client.post("/campaigns/1/schedules", content=SCHEDULE, headers=ATOM_HEADERS)
        assert created.status_code == 201, created.text
        assert created.headers["location"].endswith("/campaigns/1/schedules/1")
        assert text(parse(created), "a:content/c:Schedule/c:ScheduledTime") == "2031-11-13T20:03:35.000Z"
        assert text(parse(client.get("/campaigns/1")), STATUS) == "Scheduled"
        assert len(entries(client.get("/campaigns/1/schedules"))) == 1
        assert client.get("/campaigns/1/schedules/1").status_code == 200
        assert client.delete("/campaigns/1/schedules/1").status_code == 204
        assert text(parse(client.get("/campaigns/1")), STATUS) == "Draft"
        assert entries(client.get("/campaigns/1/schedules")) == []
        assert client.delete("/campaigns/1/schedules/1").status_code == 404


def test_schedule_body_is_validated(sandbox) -> None:
    not_a_time = SCHEDULE.replace("2031-11-13T20:03:35.000Z", "next tuesday")
    with client_for(sandbox) as client:
        _approve(client)
        in_past = client.post("/campaigns/1/schedules", content=not_a_time, headers=ATOM_HEADERS)
        missing = client.post("/campaigns/999/schedules", content=SCHEDULE, headers=ATOM_HEADERS)
        wrong_type = client.post("/campaigns/1/schedules", content=SCHEDULE)
    assert in_past.status_code == 400 and "ScheduledTime" in in_past.text
    assert missing.status_code == 404
    assert wrong_type.status_code == 415


def test_campaign_events_are_feeds(sandbox) -> None:
    with client_for(sandbox) as client:
        assert client.get("/campaigns/2/events/sends").status_code == 200
        assert client.get("/campaigns/2/events/nope").status_code == 404


def test_a_stock_campaign_update_fails_in_the_atom_sections_under_its_quirk(sandbox) -> None:
    """Casebook T1: a server change made every PUT of a STOCK (template) campaign answer the
    Atom-sections 400 for weeks, whatever the body; the quirk reproduces it, and off it is accepted."""
    path = f"/campaigns/{demo.SEED_SENT_CAMPAIGN_ID}"
    with client_for(sandbox) as client:
        body = client.get(path).content
        assert client.put(path, content=body, headers=ATOM_HEADERS).status_code == 204
        root = str(client.base_url).split("/ws/")[0]
        assert client.patch(f"{root}/_sandbox/quirks", json={"stock_campaign_update": "atom_sections_400"},
                            headers=ADMIN_HEADERS).status_code == 200
        refused = client.put(path, content=body, headers=ATOM_HEADERS)
        custom = client.get(f"/campaigns/{demo.SEED_DRAFT_CAMPAIGN_ID}").content
        kept = client.put(f"/campaigns/{demo.SEED_DRAFT_CAMPAIGN_ID}", content=custom, headers=ATOM_HEADERS)
    assert refused.status_code == 400
    assert "errors in the common Atom sections" in refused.text
    assert kept.status_code == 204, kept.text
