"""Contacts: the collection (listing, ?email= search, updatedsince sync), one contact, its event
feeds, and the lifecycle of §4.4 (409 on any existing address, PUT replaces lists, DELETE opts out)."""

from __future__ import annotations

import json
import sqlite3

from werkzeug.wrappers import Response

from ctct_desktop.sandbox import errors, feeds
from ctct_desktop.sandbox.clock import now_iso, parse_datetime, to_iso
from ctct_desktop.sandbox.contact_xml import ContactBody, full_entry, read_contact, summary_entry
from ctct_desktop.sandbox.context import Ctx
from ctct_desktop.sandbox.event_feeds import contact_events
from ctct_desktop.sandbox.ids import parse_id, reads_as_number
from ctct_desktop.sandbox.paging import PAGE_SIZE, PageLinks, decode_token, encode_token

LIST_TYPES = {
    "active": "EXISTS (SELECT 1 FROM memberships m WHERE m.contact_id = c.id)",
    "removed": "c.status = 'Removed'",
    "do-not-mail": "c.status = 'Do Not Mail'",
}
MAX_SEARCH = 50


def collection_get(ctx: Ctx) -> Response:
    args = ctx.request.args
    if "email" in args:
        return _search(ctx)
    where, params = _sync_filter(ctx)
    after = decode_token(args["next"]) if "next" in args else 0
    with ctx.db.read() as conn:
        rows = conn.execute(
            f"SELECT c.* FROM contacts c WHERE {' AND '.join(where)} AND c.id > ? "
            f"ORDER BY c.id LIMIT {PAGE_SIZE + 1}", (*params, after)).fetchall()
    next_token = encode_token(rows[PAGE_SIZE - 1]["id"]) if len(rows) > PAGE_SIZE else None
    return _feed(ctx, rows[:PAGE_SIZE], next_token)


def _feed(ctx: Ctx, rows: list[sqlite3.Row], next_token: str | None) -> Response:
    path = f"{ctx.account_path}/contacts"
    root = feeds.feed(
        path=path, title=f"Contacts for Customer: {ctx.username}", updated=now_iso(),
        links=PageLinks(path, ctx.request.args).links(next_token),
        entries=[summary_entry(row, ctx.account_path) for row in rows])
    return feeds.xml_response(root)


def _search(ctx: Ctx) -> Response:
    emails = ctx.request.args.getlist("email")
    if len(emails) > MAX_SEARCH:
        raise errors.bad_request(f"A search accepts at most {MAX_SEARCH} email parameters; it has {len(emails)}.")
    marks = ",".join("?" * len(emails))
    with ctx.db.read() as conn:
        rows = conn.execute(f"SELECT c.* FROM contacts c WHERE c.email IN ({marks}) ORDER BY c.id",
                            emails).fetchall()
    if not rows and ctx.quirks.get("search_miss") == "500":
        raise errors.ApiError(500, "Internal Server Error")
    return _feed(ctx, rows, None)


def _sync_filter(ctx: Ctx) -> tuple[list[str], list[object]]:
    """updatedsince, listtype and listid (P5), each a filter of its own: P5 documents them
    together, but nothing says the server refused one alone or both list filters at once."""
    args = ctx.request.args
    where: list[str] = ["1=1"]
    params: list[object] = []
    if "updatedsince" in args:
        raw = args["updatedsince"]
        since = parse_datetime(raw)
        if since is None:
            raise errors.bad_request(
                f"updatedsince must be an Atom date-time such as 2008-07-23T14:21:06.407Z; it is '{raw}'.")
        where.append("c.last_update_time > ?")
        params.append(to_iso(since))
    if "listtype" in args:
        kind = args["listtype"]
        if kind not in LIST_TYPES:
            raise errors.bad_request(f"listtype must be active, removed or do-not-mail; it is '{kind}'.")
        where.append(LIST_TYPES[kind])
    if "listid" in args:
        where.append("EXISTS (SELECT 1 FROM memberships m WHERE m.contact_id = c.id AND m.list_id = ?)")
        params.append(_list_id(ctx, args["listid"]))
    return where, params


def _list_id(ctx: Ctx, raw_list: str) -> int:
    """``?listid=``: ASCII digits only (a Unicode digit is no list of this account)."""
    list_id = parse_id(raw_list)
    if list_id is None and not reads_as_number(raw_list):
        raise errors.bad_request(f"listid must be the numeric list id (for example 1), not '{raw_list}'.")
    with ctx.db.read() as conn:
        if list_id is None or conn.execute("SELECT 1 FROM lists WHERE id=?", (list_id,)).fetchone() is None:
            raise errors.not_found(f"List {raw_list}")
    return list_id


def _load(conn: sqlite3.Connection, contact_id: int) -> sqlite3.Row:
    row = conn.execute("SELECT * FROM contacts WHERE id=?", (contact_id,)).fetchone()
    if row is None:
        raise errors.not_found(f"Contact {contact_id}")
    return row


def _memberships(conn: sqlite3.Connection, contact_id: int) -> list[sqlite3.Row]:
    return conn.execute("SELECT * FROM memberships WHERE contact_id=? ORDER BY list_id",
                        (contact_id,)).fetchall()


def item_get(ctx: Ctx, contact_id: int) -> Response:
    with ctx.db.read() as conn:
        row = _load(conn, contact_id)
        members = _memberships(conn, contact_id)
    return feeds.xml_response(full_entry(row, members, ctx.account_path))


def check_lists_exist(conn: sqlite3.Connection, list_ids: list[int]) -> None:
    for list_id in list_ids:
        if conn.execute("SELECT 1 FROM lists WHERE id=?", (list_id,)).fetchone() is None:
            raise errors.bad_request(f"ContactList {list_id} does not exist in this account.")


def collection_post(ctx: Ctx) -> Response:
    body = read_contact(ctx.atom_body(), ctx.account_path)
    stamp = now_iso()
    with ctx.db.write() as conn:
        check_lists_exist(conn, body.list_ids)
        _refuse_existing(ctx, conn, body.email)
        cursor = conn.execute(
            "INSERT INTO contacts(email, status, email_type, fields, opt_in_source, opt_in_time, "
            "confirmed, insert_time, last_update_time) VALUES(?, 'Active', ?, ?, ?, ?, ?, ?, ?)",
            (body.email, body.email_type or "HTML", json.dumps(body.fields), body.opt_in_source,
             stamp, int(body.opt_in_source == "ACTION_BY_CONTACT"), stamp, stamp))
        contact_id = int(cursor.lastrowid or 0)
        _set_lists(conn, contact_id, body, stamp)
        row, members = _load(conn, contact_id), _memberships(conn, contact_id)
    path = f"{ctx.account_path}/contacts/{contact_id}"
    return feeds.xml_response(full_entry(row, members, ctx.account_path), 201,
                              {"Location": ctx.absolute(path)})


def _refuse_existing(ctx: Ctx, conn: sqlite3.Connection, email: str) -> None:
    existing = conn.execute("SELECT id, status FROM contacts WHERE email=?", (email,)).fetchone()
    if existing is None:
        return
    status = existing["status"]
    code = 403 if status == "Do Not Mail" and ctx.quirks.get("dnm_post_status") == "403" else 409
    raise errors.ApiError(
        code, f"Conflict: the email address {email} already exists in this account as contact "
              f"{existing['id']} (status {status}). Search for it with ?email=, then update it with PUT.")


def _set_lists(conn: sqlite3.Connection, contact_id: int, body: ContactBody, stamp: str) -> None:
    """PUT semantics: afterwards the contact is on exactly ``body.list_ids``."""
    current = {r["list_id"] for r in _memberships(conn, contact_id)}
    wanted = set(body.list_ids)
    for list_id in current - wanted:
        conn.execute("DELETE FROM memberships WHERE contact_id=? AND list_id=?", (contact_id, list_id))
    conn.executemany(
        "INSERT INTO memberships(contact_id, list_id, opt_in_source, opt_in_time) VALUES(?, ?, ?, ?)",
        [(contact_id, list_id, body.opt_in_source, stamp) for list_id in body.list_ids
         if list_id not in current])


def next_status(current: str, has_lists: bool, source: str, new_management: bool,
                contact_id: int) -> str:
    """The §4.4 state machine; refused transitions raise the real API's 400s."""
    if current == "Do Not Mail":
        if not has_lists:
            return current
        if source == "ACTION_BY_CUSTOMER":
            raise errors.opted_out_transition(contact_id)
        return "Active"
    if not has_lists:
        if current in ("Active", "Unconfirmed") and source == "ACTION_BY_CONTACT" and new_management:
            raise errors.bad_request(
                "Update failed: a contact cannot be removed from all lists with ACTION_BY_CONTACT on "
                "this account; send ACTION_BY_CUSTOMER for a removal made by the account owner.")
        return "Removed"
    return "Active" if current == "Removed" else current


def item_put(ctx: Ctx, contact_id: int) -> Response:
    body = read_contact(ctx.atom_body(), ctx.account_path)
    expected = feeds.id_uri(f"{ctx.account_path}/contacts/{contact_id}")
    if body.contact_id_uri and body.contact_id_uri not in (expected, expected.replace("http://", "https://", 1)):
        raise errors.bad_request(f"The Contact id '{body.contact_id_uri}' does not match the URI of the request ({expected}).")
    stamp = now_iso()
    with ctx.db.write() as conn:
        row = _load(conn, contact_id)
        check_lists_exist(conn, body.list_ids)
        clash = conn.execute("SELECT id FROM contacts WHERE email=? AND id<>?", (body.email, contact_id)).fetchone()
        if clash is not None:
            raise errors.conflict(f"Conflict: the email address {body.email} belongs to contact {clash['id']}.")
        status = next_status(row["status"], bool(body.list_ids), body.opt_in_source,
                             ctx.quirks.flag("new_contact_management"), contact_id)
        _update_row(conn, row, body, status, stamp)
        _set_lists(conn, contact_id, body, stamp)
    return feeds.no_content()


def _update_row(conn: sqlite3.Connection, row: sqlite3.Row, body: ContactBody, status: str, stamp: str) -> None:
    reactivated = status == "Active" and row["status"] in ("Do Not Mail", "Removed")
    opt_in_source = body.opt_in_source if reactivated else row["opt_in_source"]
    opt_in_time = stamp if reactivated else row["opt_in_time"]
    cleared = row["status"] == "Do Not Mail" and status != "Do Not Mail"
    conn.execute(
        "UPDATE contacts SET email=?, status=?, email_type=?, fields=?, opt_in_source=?, opt_in_time=?, "
        "opt_out_source=?, opt_out_time=?, opt_out_reason=?, last_update_time=? WHERE id=?",
        (body.email, status, body.email_type or row["email_type"], json.dumps(body.fields),
         opt_in_source, opt_in_time, None if cleared else row["opt_out_source"],
         None if cleared else row["opt_out_time"], None if cleared else row["opt_out_reason"],
         stamp, row["id"]))


def item_delete(ctx: Ctx, contact_id: int) -> Response:
    """Not a hard delete: the contact is opted out (Do Not Mail) and leaves every list."""
    stamp = now_iso()
    with ctx.db.write() as conn:
        row = _load(conn, contact_id)
        conn.execute("DELETE FROM memberships WHERE contact_id=?", (contact_id,))
        if row["status"] != "Do Not Mail":
            conn.execute(
                "UPDATE contacts SET status='Do Not Mail', opt_out_source='ACTION_BY_CUSTOMER', "
                "opt_out_time=?, last_update_time=? WHERE id=?", (stamp, stamp, contact_id))
    return feeds.no_content()


def events_get(ctx: Ctx, contact_id: int, kind: str) -> Response:
    return contact_events(ctx, contact_id, kind)
