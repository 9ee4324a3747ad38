"""Event feeds hold events: the seeded Sent campaign's sends, opens, clicks, forwards, bounces and
opt-outs, in the shape of the reference (§3.1) and read the way the official library reads them
(S1 ``CampaignEvent::createStruct``); the campaign's ``<Urls>`` carry click counts and each URL's
click feed answers."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from lxml import etree

from ctct_desktop.core import sandbox_demo as demo
from tests.sandbox.sandbox_helpers import NS, client_for, entries, link, parse, server_root, text

SENT = demo.SEED_SENT_CAMPAIGN_ID
ELEMENTS = {"sends": "SentEvent", "opens": "OpenEvent", "clicks": "ClickEvent", "forwards": "ForwardEvent",
            "bounces": "BounceEvent", "optouts": "OptoutEvent"}
STATS = {"sends": "Sent", "opens": "Opens", "clicks": "Clicks", "forwards": "Forwards", "bounces": "Bounces",
         "optouts": "OptOuts"}
ACCOUNT = demo.account_id_uri()


def _all(client: httpx.Client, path: str) -> list[etree._Element]:
    found: list[etree._Element] = []
    response = client.get(path)
    while True:
        assert response.status_code == 200, response.text
        feed = parse(response)
        found += feed.findall("a:entry", NS)
        href = link(feed, "next")
        if href is None:
            return found
        response = client.get(server_root(client) + href)


def _struct(entry: etree._Element, kind: str) -> dict[str, Any]:
    """What S1's CampaignEvent::createStruct takes from an entry."""
    event = entry.find(f"a:content/c:{ELEMENTS[kind]}", NS)
    assert event is not None, etree.tostring(entry)
    contact, campaign = event.find("c:Contact", NS), event.find("c:Campaign", NS)
    return {"id": text(entry, "a:id"), "contact_id": contact.get("id"), "email": text(contact, "c:EmailAddress"),
            "campaign_id": campaign.get("id"), "campaign_link": campaign.find("a:link", NS).get("href"),
            "campaign_name": text(campaign, "c:Name"), "time": text(event, "c:EventTime"),
            "code": text(event, "c:Code")}


def _campaign(client: httpx.Client, campaign_id: int) -> etree._Element:
    found = parse(client.get(f"/campaigns/{campaign_id}")).find("a:content/c:Campaign", NS)
    assert found is not None
    return found


@pytest.mark.parametrize("kind", sorted(ELEMENTS))
def test_each_kind_of_event_feed_holds_the_campaigns_events(sandbox: Any, kind: str) -> None:
    with client_for(sandbox) as client:
        found = [_struct(e, kind) for e in _all(client, f"/campaigns/{SENT}/events/{kind}")]
        stat = int(text(_campaign(client, SENT), f"c:{STATS[kind]}"))
    assert len(found) == stat > 0
    assert {f["campaign_id"] for f in found} == {f"{ACCOUNT}/campaigns/{SENT}"}
    assert {f["campaign_link"] for f in found} == {f"/ws/customers/{demo.DEMO_USERNAME}/campaigns/{SENT}"}
    assert {f["campaign_name"] for f in found} == {"Valentine's Day Roses"}
    assert all(f["contact_id"].startswith(f"{ACCOUNT}/contacts/") and "@" in f["email"] and f["time"] for f in found)
    assert len({f["id"] for f in found}) == len(found)
    assert all(f["code"] == "B" for f in found) if kind == "bounces" else all(f["code"] is None for f in found)


def test_sends_span_three_pages(sandbox: Any) -> None:
    with client_for(sandbox) as client:
        first = parse(client.get(f"/campaigns/{SENT}/events/sends"))
    assert len(first.findall("a:entry", NS)) == 50
    assert link(first, "next") == f"/ws/customers/{demo.DEMO_USERNAME}/campaigns/{SENT}/events/sends?next=2"


def test_a_seeded_contact_has_its_own_events(sandbox: Any) -> None:
    with client_for(sandbox) as client:
        kinds = {kind for kind in ELEMENTS if entries(client.get(f"/contacts/{demo.SEED_ACTIVE_CONTACT_ID}/events/{kind}"))}
        opt_outs = [_struct(e, "optouts") for e in entries(client.get(f"/contacts/{demo.SEED_DNM_CONTACT_ID}/events/optouts"))]
        contact = parse(client.get(f"/contacts/{demo.SEED_DNM_CONTACT_ID}"))
    assert kinds == {"sends", "opens", "clicks"}
    assert [f["email"] for f in opt_outs] == [demo.SEED_DNM_CONTACT_EMAIL]
    assert opt_outs[0]["time"] == text(contact, "a:content/c:Contact/c:OptOutTime")


def test_campaign_urls_carry_clicks_and_each_url_feed_answers(sandbox: Any) -> None:
    with client_for(sandbox) as client:
        campaign = _campaign(client, SENT)
        urls = campaign.findall("c:Urls/c:Url", NS)
        feeds = {url.get("id"): _all(client, url.get("id").removeprefix(ACCOUNT)) for url in urls}
    assert len(urls) >= 2 and all(text(url, "c:Value").startswith("https://") for url in urls)
    clicks = {url.get("id"): int(text(url, "c:Clicks")) for url in urls}
    assert sum(clicks.values()) == int(text(campaign, "c:Clicks"))
    for url_id, found in feeds.items():
        assert len(found) == clicks[url_id] > 0
        assert all(e.find("a:content/c:ClickEvent", NS) is not None for e in found)


def test_unsent_campaigns_have_no_events_or_urls(sandbox: Any) -> None:
    with client_for(sandbox) as client:
        draft = _campaign(client, demo.SEED_DRAFT_CAMPAIGN_ID)
        opens = client.get(f"/campaigns/{demo.SEED_DRAFT_CAMPAIGN_ID}/events/opens")
        no_link = client.get(f"/campaigns/{SENT}/events/clicks/99")
        draft_link = client.get(f"/campaigns/{demo.SEED_DRAFT_CAMPAIGN_ID}/events/clicks/1")
        unknown_kind = client.get(f"/contacts/{demo.SEED_ACTIVE_CONTACT_ID}/events/nope")
    assert draft.find("c:Urls", NS) is None
    assert opens.status_code == 200 and entries(opens) == []
    assert no_link.status_code == draft_link.status_code == unknown_kind.status_code == 404


def test_deleting_the_campaign_takes_its_events_from_the_contacts(sandbox: Any) -> None:
    with client_for(sandbox) as client:
        assert client.delete(f"/campaigns/{SENT}").status_code == 204
        opens = client.get(f"/contacts/{demo.SEED_ACTIVE_CONTACT_ID}/events/opens")
        gone = client.get(f"/campaigns/{SENT}/events/opens")
    assert opens.status_code == 200 and entries(opens) == []
    assert gone.status_code == 404
