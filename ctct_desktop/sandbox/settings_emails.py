"""Account settings: the registered From/Reply-To addresses (read-only), and the service document."""

from __future__ import annotations

import sqlite3

from lxml import etree
from werkzeug.wrappers import Response

from ctct_desktop.sandbox import errors, feeds
from ctct_desktop.sandbox.clock import now_iso
from ctct_desktop.sandbox.context import Ctx
from ctct_desktop.sandbox.paging import PageLinks

COLLECTIONS = (("contacts", "Contacts"), ("lists", "Contact Lists"), ("campaigns", "Campaigns"),
               ("activities", "Activities"), ("settings/emailaddresses", "Email Addresses"))


def _entry(ctx: Ctx, row: sqlite3.Row) -> etree._Element:
    path = f"{ctx.account_path}/settings/emailaddresses/{row['id']}"
    email = feeds.ctct_element("Email", feeds.id_uri(path))
    feeds.add_fields(email, (("EmailAddress", row["address"]), ("Status", row["status"]),
                             ("VerifiedTime", row["verified_time"])))
    return feeds.entry(path=path, title=row["address"], updated=row["verified_time"] or now_iso(),
                       payload=email)


def collection_get(ctx: Ctx) -> Response:
    with ctx.db.read() as conn:
        rows = conn.execute("SELECT * FROM email_addresses ORDER BY id").fetchall()
    path = f"{ctx.account_path}/settings/emailaddresses"
    root = feeds.feed(path=path, title=f"Email Addresses for Customer: {ctx.username}", updated=now_iso(),
                      links=PageLinks(path, ctx.request.args).links(None),
                      entries=[_entry(ctx, row) for row in rows])
    return feeds.xml_response(root)


def item_get(ctx: Ctx, email_id: int) -> Response:
    with ctx.db.read() as conn:
        row = conn.execute("SELECT * FROM email_addresses WHERE id=?", (email_id,)).fetchone()
    if row is None:
        raise errors.not_found(f"Email address {email_id}")
    return feeds.xml_response(_entry(ctx, row))


def service_get(ctx: Ctx) -> Response:
    root = feeds.service_document(ctx.account_path, ctx.username, COLLECTIONS)
    return Response(feeds.serialize(root), content_type="application/atomsvc+xml; charset=utf-8")


def account_without_slash(ctx: Ctx) -> Response:
    """The base URI without its trailing slash: the real front end answered an Apache 403 (E13)."""
    raise errors.ApiError(403, "Forbidden", html=errors.HTML_403_APACHE)
