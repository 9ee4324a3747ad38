"""Contact XML both ways: the entries the API writes and the <Contact> bodies it accepts (§4)."""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, field

from lxml import etree

from ctct_desktop.core.list_uris import list_uri_pattern
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
MAX_CUSTOM_FIELD = 50
SYSTEM_LIST_KEYS = frozenset(("active", "removed", "do-not-mail"))


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


def read_contact(body: bytes, account_path: str) -> ContactBody:
    """The <Contact> of a POST or PUT. ``Contact@id`` is optional: the official libraries PUT
    without it (the Atom <id> carries the URI, or data:,none) and the real API answered 204."""
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
    contact_uri = payload.get("id") or None
    return ContactBody(
        email=raw_email.lower(), opt_in_source=source, email_type=_email_type(found.get("EmailType")),
        fields=_text_fields(found), list_ids=read_list_refs(found.get("ContactLists"), account_path),
        contact_id_uri=contact_uri)


def _email_type(element: etree._Element | None) -> str | None:
    """HTML or Text in any case; another value is ignored (S7's constants are all the evidence
    there is, and L011 only warns), so the contact keeps the type it has."""
    value = (text_of(element, "EmailType") or "").lower()
    return {"html": "HTML", "text": "Text"}.get(value)


def _text_fields(found: dict[str, etree._Element]) -> dict[str, str]:
    """The free-text fields. A custom field keeps its first 50 characters: 50 is the limit (S8 cuts
    to it before sending), but whether the server cut or refused a longer one is not known."""
    values: dict[str, str] = {}
    for name in TEXT_FIELDS:
        text = text_of(found.get(name), name)
        if text:
            values[name] = text[:MAX_CUSTOM_FIELD] if name.startswith("CustomField") else text
    return values


def read_list_refs(element: etree._Element | None, account_path: str) -> list[int]:
    """Numeric list ids from <ContactLists><ContactList id="..."/>; system lists are skipped."""
    if element is None:
        return []
    ids: list[int] = []
    pattern = list_uri_pattern(account_path, r"\w[\w-]*")
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
        if key in SYSTEM_LIST_KEYS:
            continue  # their membership follows the contact's status; naming one changes nothing
        list_id = parse_id(key)
        if list_id is None and reads_as_number(key):
            raise errors.bad_request(f"ContactList {key} does not exist in this account.")
        if list_id is None:
            raise errors.bad_request(
                f"ContactList id '{uri}' is not a list URI of this account "
                f"(http://api.constantcontact.com{account_path}/lists/N).")
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
