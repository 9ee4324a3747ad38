"""Contact XML both ways: the entries the API writes and the <Contact> bodies it accepts (§4)."""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, field

from lxml import etree

from ctct_desktop.sandbox import errors, feeds
from ctct_desktop.sandbox.ids import parse_id, reads_as_number
from ctct_desktop.sandbox.parse import element_children, local_name, payload_fields, read_entry, text_of

TEXT_FIELDS = (
    "FirstName", "MiddleName", "LastName", "JobTitle", "CompanyName", "HomePhone", "WorkPhone",
    "Addr1", "Addr2", "Addr3", "City", "StateCode", "StateName", "CountryCode", "CountryName",
    "PostalCode", "SubPostalCode", "Note", *(f"CustomField{n}" for n in range(1, 16)),
)
READ_ONLY = ("Status", "Name", "Confirmed", "InsertTime", "LastUpdateTime", "OptInTime",
             "OptOutTime", "OptOutSource", "OptOutReason")
KNOWN = frozenset(("EmailAddress", "EmailType", "OptInSource", "ContactLists", *TEXT_FIELDS, *READ_ONLY))
OPT_IN_SOURCES = ("ACTION_BY_CUSTOMER", "ACTION_BY_CONTACT")
MAX_EMAIL = 80
_EMAIL = re.compile(
    r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")
_TWO_LETTERS = re.compile(r"^[A-Za-z]{2}$")
MAX_TEXT = 500


def valid_email(address: str) -> bool:
    return len(address) <= MAX_EMAIL and bool(_EMAIL.match(address))


@dataclass
class ContactBody:
    """A validated <Contact> from a POST or PUT."""

    email: str
    opt_in_source: str
    email_type: str | None
    fields: dict[str, str]
    list_ids: list[int] = field(default_factory=list)
    contact_id_uri: str | None = None


def read_contact(body: bytes, account_path: str, *, require_id: bool) -> ContactBody:
    payload = read_entry(body, "Contact")
    found = payload_fields(payload, KNOWN, frozenset())
    raw_email = text_of(found.get("EmailAddress"), "EmailAddress")
    if not raw_email:
        raise errors.bad_request("<EmailAddress> is required in <Contact>.")
    if not valid_email(raw_email):
        raise errors.invalid_email(raw_email)
    source = text_of(found.get("OptInSource"), "OptInSource")
    if source not in OPT_IN_SOURCES:
        raise errors.bad_request(
            f"OptInSource must be ACTION_BY_CUSTOMER or ACTION_BY_CONTACT; it is '{source or ''}'.")
    email_type = text_of(found.get("EmailType"), "EmailType")
    if email_type not in (None, "", "HTML", "Text"):
        raise errors.bad_request(f"EmailType must be HTML or Text; it is '{email_type}'.")
    contact_uri = payload.get("id")
    if require_id and not contact_uri:
        raise errors.bad_request("<Contact> needs an id attribute holding the contact URI on PUT.")
    return ContactBody(
        email=raw_email.lower(), opt_in_source=source, email_type=email_type or None,
        fields=_text_fields(found), list_ids=read_list_refs(found.get("ContactLists"), account_path),
        contact_id_uri=contact_uri)


def _text_fields(found: dict[str, etree._Element]) -> dict[str, str]:
    values: dict[str, str] = {}
    for name in TEXT_FIELDS:
        text = text_of(found.get(name), name)
        if not text:
            continue
        limit = 50 if name.startswith("CustomField") else MAX_TEXT
        if len(text) > limit:
            raise errors.bad_request(f"{name} is longer than {limit} characters ({len(text)}).")
        if name in ("StateCode", "CountryCode") and not _TWO_LETTERS.match(text):
            raise errors.bad_request(f"{name} must be a 2-letter code; it is '{text}'.")
        values[name] = text
    return values


def read_list_refs(element: etree._Element | None, account_path: str) -> list[int]:
    """Numeric list ids from <ContactLists><ContactList id="..."/>; system lists are refused."""
    if element is None:
        return []
    ids: list[int] = []
    pattern = re.compile(r"^https?://api\.constantcontact\.com" + re.escape(account_path) + r"/lists/(\w[\w-]*)$")
    for child in element_children(element):
        if local_name(child) != "ContactList":
            raise errors.bad_request(f"<ContactLists> may hold only <ContactList> elements, not <{local_name(child)}>.")
        uri = (child.get("id") or "").strip()
        match = pattern.match(uri)
        if not match:
            raise errors.bad_request(
                f"ContactList id '{uri}' is not a list URI of this account "
                f"(http://api.constantcontact.com{account_path}/lists/N).")
        key = match.group(1)
        list_id = parse_id(key)
        if list_id is None and reads_as_number(key):
            raise errors.bad_request(f"ContactList {key} does not exist in this account.")
        if list_id is None:
            raise errors.bad_request(
                f"ContactList '{key}' is a system list; its membership follows the contact's status.")
        if list_id not in ids:
            ids.append(list_id)
    return ids


def display_name(fields: dict[str, str]) -> str:
    return " ".join(part for part in (fields.get("FirstName"), fields.get("LastName")) if part)


def summary_entry(row: sqlite3.Row, account_path: str) -> etree._Element:
    """The short form used in collection feeds."""
    path = f"{account_path}/contacts/{row['id']}"
    fields = json.loads(row["fields"])
    contact = feeds.ctct_element("Contact", feeds.id_uri(path))
    feeds.add_fields(contact, (
        ("Status", row["status"]), ("EmailAddress", row["email"]), ("EmailType", row["email_type"]),
        ("Name", display_name(fields)), ("OptInTime", row["opt_in_time"]),
        ("OptInSource", row["opt_in_source"])))
    return feeds.entry(path=path, title=f"Contact: {row['email']}", updated=row["last_update_time"],
                       payload=contact)


def full_entry(row: sqlite3.Row, memberships: list[sqlite3.Row], account_path: str) -> etree._Element:
    """The detailed form of GET /contacts/{id}."""
    path = f"{account_path}/contacts/{row['id']}"
    fields = json.loads(row["fields"])
    contact = feeds.ctct_element("Contact", feeds.id_uri(path))
    feeds.add_fields(contact, (("Status", row["status"]), ("EmailAddress", row["email"]),
                               ("EmailType", row["email_type"]), ("Name", display_name(fields))))
    feeds.add_fields(contact, ((name, fields.get(name)) for name in TEXT_FIELDS))
    feeds.add_fields(contact, (
        ("InsertTime", row["insert_time"]), ("LastUpdateTime", row["last_update_time"]),
        ("OptInTime", row["opt_in_time"]), ("OptInSource", row["opt_in_source"]),
        ("OptOutTime", row["opt_out_time"]), ("OptOutSource", row["opt_out_source"]),
        ("OptOutReason", row["opt_out_reason"]),
        ("Confirmed", "true" if row["confirmed"] else "false")))
    lists = feeds.add(contact, "ContactLists")
    for member in memberships:
        list_path = f"{account_path}/lists/{member['list_id']}"
        item = feeds.add(lists, "ContactList")
        item.set("id", feeds.id_uri(list_path))
        feeds.atom_link(item, list_path, "self")
        feeds.add(item, "OptInSource", member["opt_in_source"])
        feeds.add(item, "OptInTime", member["opt_in_time"])
    return feeds.entry(path=path, title=f"Contact: {row['email']}", updated=row["last_update_time"],
                       payload=contact)
