"""Campaigns: CRUD with ?status=, and schedules (403 unless the account's scheduling is approved)."""

from __future__ import annotations

import json
import sqlite3

from lxml import etree
from werkzeug.wrappers import Response

from ctct_desktop.sandbox import errors, feeds
from ctct_desktop.sandbox.campaign_xml import CampaignBody, campaign_entry, check_email_ref, read_campaign
from ctct_desktop.sandbox.clock import now_iso, parse_datetime, to_iso
from ctct_desktop.sandbox.context import Ctx
from ctct_desktop.sandbox.contacts import check_lists_exist
from ctct_desktop.sandbox.event_feeds import campaign_events
from ctct_desktop.sandbox.paging import PAGE_SIZE, PageLinks, page_number
from ctct_desktop.sandbox.parse import payload_fields, read_entry, text_of

STATUS_FILTERS = {"SENT": "Sent", "SCHEDULED": "Scheduled", "DRAFT": "Draft", "RUNNING": "Running"}


def _emails(conn: sqlite3.Connection) -> dict[int, sqlite3.Row]:
    return {row["id"]: row for row in conn.execute("SELECT * FROM email_addresses")}


def _load(conn: sqlite3.Connection, campaign_id: int) -> sqlite3.Row:
    row = conn.execute("SELECT * FROM campaigns WHERE id=?", (campaign_id,)).fetchone()
    if row is None:
        raise errors.not_found(f"Campaign {campaign_id}")
    return row


def collection_get(ctx: Ctx) -> Response:
    args = ctx.request.args
    where, params = "1=1", []
    if "status" in args:
        # Any case (S1 sends lower, S2/S3 upper); another value matches no campaign.
        where, params = "status=?", [STATUS_FILTERS.get(args["status"].upper(), args["status"])]
    page = page_number(args)
    with ctx.db.read() as conn:
        rows = conn.execute(f"SELECT * FROM campaigns WHERE {where} ORDER BY id LIMIT ? OFFSET ?",
                            (*params, PAGE_SIZE + 1, (page - 1) * PAGE_SIZE)).fetchall()
        emails = _emails(conn)
    path = f"{ctx.account_path}/campaigns"
    more = str(page + 1) if len(rows) > PAGE_SIZE else None
    root = feeds.feed(path=path, title=f"Campaigns for Customer: {ctx.username}", updated=now_iso(),
                      links=PageLinks(path, args).links(more),
                      entries=[campaign_entry(r, ctx.account_path, emails, full=False) for r in rows[:PAGE_SIZE]])
    return feeds.xml_response(root)


def item_get(ctx: Ctx, campaign_id: int) -> Response:
    with ctx.db.read() as conn:
        row = _load(conn, campaign_id)
        emails = _emails(conn)
    return feeds.xml_response(campaign_entry(row, ctx.account_path, emails, full=True))


def _validate_refs(conn: sqlite3.Connection, body: CampaignBody) -> None:
    check_lists_exist(conn, body.list_ids)
    check_email_ref(conn, body.from_email)
    check_email_ref(conn, body.reply_email)


def collection_post(ctx: Ctx) -> Response:
    body = read_campaign(ctx.atom_body(), ctx.account_path)
    stamp = now_iso()
    with ctx.db.write() as conn:
        _validate_refs(conn, body)
        cursor = conn.execute(
            "INSERT INTO campaigns(name, status, campaign_type, date, last_edit_date, fields, list_ids, "
            "from_email_id, reply_email_id) VALUES(?, 'Draft', 'CUSTOM', ?, ?, ?, ?, ?, ?)",
            (body.name, body.date or stamp, stamp, json.dumps(body.fields), json.dumps(body.list_ids),
             body.from_email.email_id, body.reply_email.email_id))
        row = _load(conn, int(cursor.lastrowid or 0))
        emails = _emails(conn)
    path = f"{ctx.account_path}/campaigns/{row['id']}"
    return feeds.xml_response(campaign_entry(row, ctx.account_path, emails, full=True), 201,
                              {"Location": ctx.absolute(path)})


def item_put(ctx: Ctx, campaign_id: int) -> Response:
    data = ctx.atom_body()
    with ctx.db.write() as conn:
        row = _load(conn, campaign_id)
        if row["campaign_type"] == "STOCK" and ctx.quirks.get("stock_campaign_update") == "atom_sections_400":
            raise errors.atom_sections()
        body = read_campaign(data, ctx.account_path, stock=row["campaign_type"] == "STOCK")
        expected = feeds.id_uri(f"{ctx.account_path}/campaigns/{campaign_id}")
        if body.campaign_id_uri and body.campaign_id_uri not in (expected, expected.replace("http:", "https:", 1)):
            raise errors.bad_request(f"The Campaign id '{body.campaign_id_uri}' does not match the URI of the request.")
        _validate_refs(conn, body)
        conn.execute(
            "UPDATE campaigns SET name=?, date=?, last_edit_date=?, fields=?, list_ids=?, from_email_id=?, "
            "reply_email_id=? WHERE id=?",
            (body.name, body.date or row["date"], now_iso(), json.dumps(body.fields),
             json.dumps(body.list_ids), body.from_email.email_id, body.reply_email.email_id, campaign_id))
    return feeds.no_content()


def item_delete(ctx: Ctx, campaign_id: int) -> Response:
    with ctx.db.write() as conn:
        _load(conn, campaign_id)
        conn.execute("DELETE FROM campaigns WHERE id=?", (campaign_id,))
    return feeds.no_content()


def events_get(ctx: Ctx, campaign_id: int, kind: str) -> Response:
    return campaign_events(ctx, campaign_id, kind)


def _schedule_entry(ctx: Ctx, row: sqlite3.Row) -> etree._Element:
    path = f"{ctx.account_path}/campaigns/{row['id']}/schedules/1"
    schedule = feeds.ctct_element("Schedule", feeds.id_uri(path))
    feeds.add(schedule, "ScheduledTime", row["scheduled_time"])
    return feeds.entry(path=path, title=row["scheduled_time"], updated=row["last_edit_date"] or now_iso(),
                       payload=schedule)


def schedules_get(ctx: Ctx, campaign_id: int) -> Response:
    with ctx.db.read() as conn:
        row = _load(conn, campaign_id)
    path = f"{ctx.account_path}/campaigns/{campaign_id}/schedules"
    entries = [_schedule_entry(ctx, row)] if row["status"] == "Scheduled" and row["scheduled_time"] else []
    root = feeds.feed(path=path, title=f"Schedules for campaign {campaign_id}", updated=now_iso(),
                      links=PageLinks(path, ctx.request.args).links(None), entries=entries)
    return feeds.xml_response(root)


def _read_schedule(data: bytes) -> str:
    payload = read_entry(data, "Schedule")
    found = payload_fields(payload, frozenset({"ScheduledTime"}))
    text = text_of(found.get("ScheduledTime"), "ScheduledTime")
    if not text:
        raise errors.bad_request("ScheduledTime is required in <Schedule>.")
    moment = parse_datetime(text)
    if moment is None:
        raise errors.bad_request(f"ScheduledTime must be an Atom date-time such as 2010-11-13T20:03:35.000Z; it is '{text}'.")
    return to_iso(moment)  # a past time too: L020 only warns, and no refusal is documented


def schedules_post(ctx: Ctx, campaign_id: int) -> Response:
    if not ctx.quirks.flag("scheduling_approved"):
        raise errors.schedule_forbidden()
    when = _read_schedule(ctx.atom_body())
    with ctx.db.write() as conn:
        row = _load(conn, campaign_id)
        if row["status"] not in ("Draft", "Sent"):
            raise errors.bad_request(f"Campaign {campaign_id} has status {row['status']} and cannot be scheduled.")
        if not json.loads(row["list_ids"]):
            raise errors.bad_request("ContactLists: the campaign has no contact lists; add them before scheduling.")
        conn.execute("UPDATE campaigns SET status='Scheduled', scheduled_time=?, next_run_date=?, "
                     "last_edit_date=? WHERE id=?", (when, when, now_iso(), campaign_id))
        row = _load(conn, campaign_id)
    path = f"{ctx.account_path}/campaigns/{campaign_id}/schedules/1"
    return feeds.xml_response(_schedule_entry(ctx, row), 201, {"Location": ctx.absolute(path)})


def schedule_get(ctx: Ctx, campaign_id: int, schedule_id: int) -> Response:
    with ctx.db.read() as conn:
        row = _load(conn, campaign_id)
    if schedule_id != 1 or row["status"] != "Scheduled":
        raise errors.not_found(f"Schedule {schedule_id} of campaign {campaign_id}")
    return feeds.xml_response(_schedule_entry(ctx, row))


def schedule_delete(ctx: Ctx, campaign_id: int, schedule_id: int) -> Response:
    """Unschedule: the campaign goes back to Draft."""
    with ctx.db.write() as conn:
        row = _load(conn, campaign_id)
        if schedule_id != 1 or row["status"] != "Scheduled":
            raise errors.not_found(f"Schedule {schedule_id} of campaign {campaign_id}")
        conn.execute("UPDATE campaigns SET status='Draft', scheduled_time=NULL, next_run_date=NULL, "
                     "last_edit_date=? WHERE id=?", (now_iso(), campaign_id))
    return feeds.no_content()
