"""Campaign event feeds (§3.1): ``/contacts/{id}/events/{kind}``, ``/campaigns/{id}/events/{kind}``
and each link's click feed ``/campaigns/{id}/events/clicks/{url}``, whose entries hold the
``OpenEvent``, ``ClickEvent``... elements the official library parses (S1 ``CampaignEvent``:
Contact@id and EmailAddress, Campaign@id, its link and Name, EventTime; bounces add a Code).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from lxml import etree
from werkzeug.wrappers import Response

from ctct_desktop.sandbox import errors, feeds
from ctct_desktop.sandbox.clock import now_iso
from ctct_desktop.sandbox.context import Ctx
from ctct_desktop.sandbox.events import ELEMENTS, KINDS, Event, history_of
from ctct_desktop.sandbox.paging import PAGE_SIZE, PageLinks, page_number


def _campaign(conn: sqlite3.Connection, campaign_id: int) -> sqlite3.Row:
    row = conn.execute("SELECT * FROM campaigns WHERE id=?", (campaign_id,)).fetchone()
    if row is None:
        raise errors.not_found(f"Campaign {campaign_id}")
    return row


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise errors.not_found(f"Event type '{kind}'")


def _event_entry(ctx: Ctx, event: Event, campaign: sqlite3.Row, email: str) -> etree._Element:
    campaign_path = f"{ctx.account_path}/campaigns/{campaign['id']}"
    path = f"{campaign_path}/events/{event.kind}/{event.number}"
    element = feeds.ctct_element(ELEMENTS[event.kind], feeds.id_uri(path))
    contact_path = f"{ctx.account_path}/contacts/{event.contact_id}"
    contact = feeds.add(element, "Contact")
    contact.set("id", feeds.id_uri(contact_path))
    feeds.atom_link(contact, contact_path, "self")
    feeds.add(contact, "EmailAddress", email)
    holder = feeds.add(element, "Campaign")
    holder.set("id", feeds.id_uri(campaign_path))
    feeds.atom_link(holder, campaign_path, "self")
    feeds.add(holder, "Name", campaign["name"])
    feeds.add(element, "EventTime", event.time)
    feeds.add_fields(element, (("Code", event.code),))
    title = f"{ELEMENTS[event.kind].removesuffix('Event')} Event"
    return feeds.entry(path=path, title=title, updated=event.time, payload=element)


def _feed(ctx: Ctx, path: str, title: str, events: list[tuple[Event, sqlite3.Row]],
          emails: Callable[[list[int]], dict[int, str]]) -> Response:
    page = page_number(ctx.request.args)
    chunk = events[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
    found = emails([event.contact_id for event, _ in chunk])
    more = str(page + 1) if len(events) > page * PAGE_SIZE else None
    root = feeds.feed(path=path, title=title, updated=now_iso(), links=PageLinks(path, ctx.request.args).links(more),
                      entries=[_event_entry(ctx, e, c, found.get(e.contact_id, "")) for e, c in chunk])
    return feeds.xml_response(root)


def _email_lookup(conn: sqlite3.Connection) -> Callable[[list[int]], dict[int, str]]:
    def lookup(contact_ids: list[int]) -> dict[int, str]:
        if not contact_ids:
            return {}
        marks = ",".join("?" * len(contact_ids))
        rows = conn.execute(f"SELECT id, email FROM contacts WHERE id IN ({marks})", contact_ids)
        return {row["id"]: row["email"] for row in rows}
    return lookup


def campaign_events(ctx: Ctx, campaign_id: int, kind: str) -> Response:
    _check_kind(kind)
    with ctx.db.read() as conn:
        row = _campaign(conn, campaign_id)
        history = history_of(row)
        events = [(e, row) for e in history.of_kind(kind)] if history else []
        return _feed(ctx, f"{ctx.account_path}/campaigns/{campaign_id}/events/{kind}",
                     f"Campaign {kind} events", events, _email_lookup(conn))


def link_clicks(ctx: Ctx, campaign_id: int, url_id: int) -> Response:
    """The clicks on one of the campaign's links: the feed a ``Urls/Url@id`` names."""
    with ctx.db.read() as conn:
        row = _campaign(conn, campaign_id)
        history = history_of(row)
        if history is None or url_id not in {link.url_id for link in history.links}:
            raise errors.not_found(f"Link {url_id} of campaign {campaign_id}")
        events = [(e, row) for e in history.of_kind("clicks") if e.url_id == url_id]
        return _feed(ctx, f"{ctx.account_path}/campaigns/{campaign_id}/events/clicks/{url_id}",
                     f"Clicks on link {url_id}", events, _email_lookup(conn))


def contact_events(ctx: Ctx, contact_id: int, kind: str) -> Response:
    _check_kind(kind)
    with ctx.db.read() as conn:
        if conn.execute("SELECT 1 FROM contacts WHERE id=?", (contact_id,)).fetchone() is None:
            raise errors.not_found(f"Contact {contact_id}")
        events: list[tuple[Event, sqlite3.Row]] = []
        for row in conn.execute("SELECT * FROM campaigns WHERE last_run_date IS NOT NULL ORDER BY id").fetchall():
            history = history_of(row)
            if history is not None:
                events += [(e, row) for e in history.of_kind(kind) if e.contact_id == contact_id]
        return _feed(ctx, f"{ctx.account_path}/contacts/{contact_id}/events/{kind}",
                     f"Contact {kind} events", events, _email_lookup(conn))
