"""Contact lists: CRUD with 409 on a duplicate name, the read-only system lists, members feeds."""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass

from lxml import etree
from werkzeug.wrappers import Response

from ctct_desktop.sandbox import errors, feeds
from ctct_desktop.sandbox.clock import now_iso
from ctct_desktop.sandbox.context import Ctx
from ctct_desktop.sandbox.contact_xml import display_name
from ctct_desktop.sandbox.contacts import LIST_TYPES
from ctct_desktop.sandbox.ids import parse_id
from ctct_desktop.sandbox.paging import PAGE_SIZE, PageLinks, decode_token, encode_token, page_number
from ctct_desktop.sandbox.parse import payload_fields, read_entry, text_of

SYSTEM_LISTS = {"active": "Active", "do-not-mail": "Do Not Mail", "removed": "Removed"}
KNOWN = frozenset(("OptInDefault", "Name", "ShortName", "SortOrder", "DisplayOnSignup", "Members",
                   "ContactCount"))
DEFAULT_SORT_ORDER = 99  # what the wrappers send (S1, S7)


@dataclass
class ListBody:
    name: str
    opt_in_default: bool
    sort_order: int
    display_on_signup: str | None
    list_id_uri: str | None


def read_list(body: bytes) -> ListBody:
    """Name is required (§4.5). The other fields are read leniently: their values are documented
    (true/false, an integer, Yes/No) but no refusal of another value is, so one is ignored."""
    payload = read_entry(body, "ContactList")
    found = payload_fields(payload, KNOWN)
    name = text_of(found.get("Name"), "Name")
    if not name:
        raise errors.bad_request("<Name> is required in <ContactList>.")
    opt_in = (text_of(found.get("OptInDefault"), "OptInDefault") or "").lower() == "true"
    sort_text = text_of(found.get("SortOrder"), "SortOrder") or ""
    sort_order = int(sort_text) if re.fullmatch(r"-?[0-9]{1,9}", sort_text) else DEFAULT_SORT_ORDER
    display = {"yes": "Yes", "no": "No"}.get((text_of(found.get("DisplayOnSignup"), "DisplayOnSignup") or "").lower())
    return ListBody(name, opt_in, sort_order, display, payload.get("id"))


# A user list's row, or the key of a read-only system list ("active", "removed"...).
ListItem = sqlite3.Row | str


def _key(item: ListItem) -> str:
    return item if isinstance(item, str) else str(item["id"])


def _list_element(ctx: Ctx, item: ListItem, count: int) -> etree._Element:
    path = f"{ctx.account_path}/lists/{_key(item)}"
    element = feeds.ctct_element("ContactList", feeds.id_uri(path))
    if isinstance(item, str):
        feeds.add_fields(element, (("Name", SYSTEM_LISTS[item]), ("ShortName", SYSTEM_LISTS[item])))
    else:
        feeds.add_fields(element, (
            ("OptInDefault", "true" if item["opt_in_default"] else "false"), ("Name", item["name"]),
            ("ShortName", item["name"]), ("DisplayOnSignup", item["display_on_signup"]),
            ("SortOrder", item["sort_order"])))
    feeds.add(element, "Members").set("id", feeds.id_uri(f"{path}/members"))
    feeds.add(element, "ContactCount", count)
    return element


def _list_entry(ctx: Ctx, item: ListItem, count: int) -> etree._Element:
    if isinstance(item, str):
        title, updated = SYSTEM_LISTS[item], now_iso()
    else:
        title, updated = item["name"], item["updated"]
    return feeds.entry(path=f"{ctx.account_path}/lists/{_key(item)}", title=title, updated=updated,
                       payload=_list_element(ctx, item, count))


def _member_filter(key: str) -> tuple[str, tuple[object, ...]]:
    if key in SYSTEM_LISTS:
        return LIST_TYPES[key], ()
    return "EXISTS (SELECT 1 FROM memberships m WHERE m.contact_id = c.id AND m.list_id = ?)", (parse_id(key),)


def _count(conn: sqlite3.Connection, key: str) -> int:
    where, params = _member_filter(key)
    return int(conn.execute(f"SELECT COUNT(*) AS n FROM contacts c WHERE {where}", params).fetchone()["n"])


def _resolve(conn: sqlite3.Connection, key: str) -> ListItem:
    """A system list's key, or the row of a numeric list; unknown ids are a 404."""
    return key if key in SYSTEM_LISTS else _user_list(conn, key)


def _user_list(conn: sqlite3.Connection, key: str) -> sqlite3.Row:
    """The row of a numeric list; anything else is a 404."""
    list_id = parse_id(key)
    row = None if list_id is None else conn.execute("SELECT * FROM lists WHERE id=?", (list_id,)).fetchone()
    if row is None:
        raise errors.not_found(f"List {key}")
    return row


def collection_get(ctx: Ctx) -> Response:
    page = page_number(ctx.request.args)
    with ctx.db.read() as conn:
        rows = conn.execute("SELECT * FROM lists ORDER BY id").fetchall()
        items: list[ListItem] = [*SYSTEM_LISTS, *rows]
        chunk = items[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
        entries = [_list_entry(ctx, item, _count(conn, _key(item))) for item in chunk]
    path = f"{ctx.account_path}/lists"
    more = str(page + 1) if len(items) > page * PAGE_SIZE else None
    root = feeds.feed(path=path, title=f"Contact Lists for Customer: {ctx.username}", updated=now_iso(),
                      links=PageLinks(path, ctx.request.args).links(more), entries=entries)
    return feeds.xml_response(root)


def item_get(ctx: Ctx, list_key: str) -> Response:
    with ctx.db.read() as conn:
        entry = _list_entry(ctx, _resolve(conn, list_key), _count(conn, list_key))
    return feeds.xml_response(entry)


def _refuse_duplicate(conn: sqlite3.Connection, name: str, own_id: int | None) -> None:
    clash = conn.execute("SELECT id FROM lists WHERE name = ? COLLATE NOCASE AND id IS NOT ?",
                         (name, own_id)).fetchone()
    if clash is not None or name.lower() in (n.lower() for n in SYSTEM_LISTS.values()):
        raise errors.conflict(f"List with name '{name}' already exists.")


def collection_post(ctx: Ctx) -> Response:
    body = read_list(ctx.atom_body())
    stamp = now_iso()
    with ctx.db.write() as conn:
        _refuse_duplicate(conn, body.name, None)
        cursor = conn.execute(
            "INSERT INTO lists(name, opt_in_default, sort_order, display_on_signup, updated) "
            "VALUES(?, ?, ?, ?, ?)", (body.name, int(body.opt_in_default), body.sort_order,
                                      body.display_on_signup, stamp))
        row = conn.execute("SELECT * FROM lists WHERE id=?", (cursor.lastrowid,)).fetchone()
    path = f"{ctx.account_path}/lists/{row['id']}"
    return feeds.xml_response(_list_entry(ctx, row, 0), 201, {"Location": ctx.absolute(path)})


def _refuse_system(ctx: Ctx, list_key: str) -> None:
    if list_key in SYSTEM_LISTS:
        raise errors.ApiError(
            415, f"The system list '{list_key}' is read-only: {ctx.request.method} is not supported on it.")


def item_put(ctx: Ctx, list_key: str) -> Response:
    _refuse_system(ctx, list_key)
    body = read_list(ctx.atom_body())
    with ctx.db.write() as conn:
        row = _user_list(conn, list_key)
        expected = feeds.id_uri(f"{ctx.account_path}/lists/{row['id']}")
        if body.list_id_uri and body.list_id_uri not in (expected, expected.replace("http:", "https:", 1)):
            raise errors.bad_request(f"The ContactList id '{body.list_id_uri}' does not match the URI of the request.")
        _refuse_duplicate(conn, body.name, row["id"])
        conn.execute("UPDATE lists SET name=?, opt_in_default=?, sort_order=?, display_on_signup=?, "
                     "updated=? WHERE id=?", (body.name, int(body.opt_in_default), body.sort_order,
                                               body.display_on_signup, now_iso(), row["id"]))
    return feeds.no_content()


def item_delete(ctx: Ctx, list_key: str) -> Response:
    _refuse_system(ctx, list_key)
    stamp = now_iso()
    with ctx.db.write() as conn:
        row = _user_list(conn, list_key)
        conn.execute("UPDATE contacts SET last_update_time=? WHERE id IN "
                     "(SELECT contact_id FROM memberships WHERE list_id=?)", (stamp, row["id"]))
        conn.execute("DELETE FROM lists WHERE id=?", (row["id"],))
    return feeds.no_content()


def members_get(ctx: Ctx, list_key: str) -> Response:
    after = decode_token(ctx.request.args["next"]) if "next" in ctx.request.args else 0
    with ctx.db.read() as conn:
        _resolve(conn, list_key)
        where, params = _member_filter(list_key)
        rows = conn.execute(f"SELECT c.* FROM contacts c WHERE {where} AND c.id > ? ORDER BY c.id "
                            f"LIMIT {PAGE_SIZE + 1}", (*params, after)).fetchall()
    more = encode_token(rows[PAGE_SIZE - 1]["id"]) if len(rows) > PAGE_SIZE else None
    path = f"{ctx.account_path}/lists/{list_key}/members"
    root = feeds.feed(path=path, title=f"Members of list {list_key}", updated=now_iso(),
                      links=PageLinks(path, ctx.request.args).links(more),
                      entries=[_member_entry(ctx, list_key, row) for row in rows[:PAGE_SIZE]])
    return feeds.xml_response(root)


def _member_entry(ctx: Ctx, list_key: str, row: sqlite3.Row) -> etree._Element:
    contact_path = f"{ctx.account_path}/contacts/{row['id']}"
    member = feeds.ctct_element("ContactListMember", feeds.id_uri(contact_path))
    feeds.add_fields(member, (("EmailAddress", row["email"]),
                              ("Name", display_name(json.loads(row["fields"])))))
    return feeds.entry(path=f"{ctx.account_path}/lists/{list_key}/members/{row['id']}",
                       id_path=contact_path, title=f"Address: {row['email']}",
                       updated=row["last_update_time"], payload=member)
