""""Find and update this contact": the fix for a 409 on POST /contacts (reference §4.4, P25).

Step 1 builds the search by the percent-encoded, lower-cased address. Step 2 takes the found
contact's full entry and builds a PUT to its edit link with the fields of the original body
applied and the list memberships MERGED (a PUT replaces the whole set, so lists the contact
already had must be kept). Pure functions: they build requests, they never send.
"""

from __future__ import annotations

from datetime import datetime, timezone

from lxml import etree

from ctct_desktop.core.models import BodyKind, QueryParam, RequestModel
from ctct_desktop.core.urls import with_params
from ctct_desktop.core.xml_safety import parse_bytes, parse_text
from ctct_desktop.explain.edits import account_base, drop_header, same_origin_url, set_header

ATOM_NS = "http://www.w3.org/2005/Atom"
CTCT_NS = "http://ws.constantcontact.com/ns/1.0/"
CTCT_TYPE = "application/vnd.ctct+xml"
# Returned by GET, ignored or refused on write (reference §4.2, lint L012): never copied into a PUT.
READ_ONLY = frozenset({"Status", "Confirmed", "InsertTime", "LastUpdateTime", "OptInTime", "OptOutTime",
                       "OptOutSource", "OptOutReason", "Name", "CountryName"})


class ContactUpdateError(ValueError):
    """The inputs cannot produce the request; the message tells the user what to do instead."""


def _q(name: str, ns: str = CTCT_NS) -> str:
    return f"{{{ns}}}{name}"


def _contact_of(root: etree._Element) -> etree._Element | None:
    return next(iter(root.iter(_q("Contact"))), None)


def email_of_body(body: str) -> str | None:
    """The Contact's EmailAddress in a request body, or None."""
    outcome = parse_text(body)
    if outcome.root is None:
        return None
    contact = _contact_of(outcome.root)
    found = contact.find(_q("EmailAddress")) if contact is not None else None
    text = (found.text or "").strip() if found is not None else ""
    return text or None


def search_request(original: RequestModel) -> RequestModel:
    """GET {account}/contacts?email=<lower-cased, percent-encoded> for the body's address."""
    email = email_of_body(original.body)
    base = account_base(original.url)
    if not email or not base:
        raise ContactUpdateError("The request needs a v1 account URL and a Contact with an EmailAddress.")
    url = with_params(base + "/contacts", [QueryParam("email", email.lower())])
    searched = original.with_changes(method="GET", url=url, body="", body_kind=BodyKind.NONE)
    return drop_header(searched, "Content-Type")


def _entries(root: etree._Element) -> list[etree._Element]:
    if root.tag == _q("entry", ATOM_NS):
        return [root]
    return list(root.iter(_q("entry", ATOM_NS)))


def _edit_link(entry: etree._Element) -> str | None:
    for link in entry.iter(_q("link", ATOM_NS)):
        if link.get("rel") == "edit" and link.get("href"):
            return link.get("href")
    contact = _contact_of(entry)
    uri = contact.get("id") if contact is not None else None
    ident = entry.findtext(_q("id", ATOM_NS))
    return uri or (ident.strip() if ident else None)


def _found_entry(xml: bytes) -> etree._Element:
    outcome = parse_bytes(xml)
    if outcome.root is None:
        raise ContactUpdateError(f"The search result is not readable XML: {outcome.error}")
    entries = [e for e in _entries(outcome.root) if _contact_of(e) is not None]
    if not entries:
        raise ContactUpdateError("The search found no contact with that address: send the original POST "
                                 "again, or check the address.")
    return entries[0]


def contact_detail_request(original: RequestModel, search_xml: bytes) -> RequestModel:
    """GET the full contact named by a search result (summaries carry no list memberships)."""
    link = _edit_link(_found_entry(search_xml))
    if not link:
        raise ContactUpdateError("The found entry has no edit link or id to fetch.")
    request = original.with_changes(method="GET", url=same_origin_url(original.url, link), body="",
                                    body_kind=BodyKind.NONE)
    return drop_header(request, "Content-Type")


def has_list_memberships(contact_entry_xml: bytes) -> bool:
    """True when the entry is a full contact (it has <ContactLists>), not a search summary."""
    contact = _contact_of(_found_entry(contact_entry_xml))
    return contact is not None and contact.find(_q("ContactLists")) is not None


def _requested_fields(original_body: str) -> tuple[list[etree._Element], list[str]]:
    outcome = parse_text(original_body)
    contact = _contact_of(outcome.root) if outcome.root is not None else None
    if contact is None:
        raise ContactUpdateError("The original body has no Contact to apply.")
    fields = [c for c in contact if isinstance(c.tag, str) and c.tag.startswith(f"{{{CTCT_NS}}}")
              and etree.QName(c).localname not in READ_ONLY | {"ContactLists"}]
    lists = [e.get("id", "") for e in contact.iter(_q("ContactList")) if e.get("id")]
    return fields, lists


def merged_lists(existing: list[str], requested: list[str]) -> list[str]:
    """Union keeping order: the contact's current lists first, then new ones (no duplicates)."""
    return list(dict.fromkeys([*existing, *requested]))


def _apply_fields(target: etree._Element, fields: list[etree._Element]) -> None:
    for field in fields:
        current = target.find(field.tag)
        if current is None:
            current = etree.SubElement(target, field.tag)
        current.text = field.text
        for child in list(current):
            current.remove(child)


def _build_contact(found: etree._Element, fields: list[etree._Element], lists: list[str],
                   uri: str) -> etree._Element:
    contact = etree.Element(_q("Contact"), nsmap={None: CTCT_NS}, id=uri)
    for child in found:
        if isinstance(child.tag, str) and etree.QName(child).localname not in READ_ONLY | {"ContactLists"}:
            copy = etree.SubElement(contact, child.tag)
            copy.text = child.text
    _apply_fields(contact, fields)
    holder = etree.SubElement(contact, _q("ContactLists"))
    for list_id in lists:
        etree.SubElement(holder, _q("ContactList"), id=list_id)
    return contact


def _entry(uri: str, edit: str, email: str, updated: str, contact: etree._Element) -> str:
    entry = etree.Element(_q("entry", ATOM_NS), nsmap={None: ATOM_NS})
    etree.SubElement(entry, _q("link", ATOM_NS), href=edit, rel="edit")
    etree.SubElement(entry, _q("id", ATOM_NS)).text = uri
    etree.SubElement(entry, _q("title", ATOM_NS), type="text").text = f"Contact: {email}"
    etree.SubElement(entry, _q("updated", ATOM_NS)).text = updated
    etree.SubElement(entry, _q("author", ATOM_NS))
    content = etree.SubElement(entry, _q("content", ATOM_NS), type=CTCT_TYPE)
    content.append(contact)
    text = etree.tostring(entry, pretty_print=True, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + text


def update_from_search(original: RequestModel, contact_entry_xml: bytes) -> RequestModel:
    """PUT to the found contact's edit link: original fields applied, lists merged, id = contact URI.

    ``contact_entry_xml`` is the full contact (GET /contacts/{id}) or a feed holding it. A search
    summary has no list memberships; merging from it would drop lists, so it is refused.
    """
    entry = _found_entry(contact_entry_xml)
    found = _contact_of(entry)
    if found is None or found.find(_q("ContactLists")) is None:
        raise ContactUpdateError("This entry is a search summary without list memberships; GET the contact "
                                 "first (contact_detail_request) so its lists can be kept.")
    edit = _edit_link(entry) or ""
    uri = found.get("id") or (entry.findtext(_q("id", ATOM_NS)) or "").strip()
    if not uri or not edit:
        raise ContactUpdateError("The found contact has no id URI or edit link.")
    fields, requested = _requested_fields(original.body)
    existing = [e.get("id", "") for e in found.iter(_q("ContactList")) if e.get("id")]
    contact = _build_contact(found, fields, merged_lists(existing, requested), uri)
    email = contact.findtext(_q("EmailAddress")) or ""
    updated = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    body = _entry(uri, edit, email, updated, contact)
    put = original.with_changes(method="PUT", url=same_origin_url(original.url, edit), body=body,
                                body_kind=BodyKind.XML)
    return set_header(put, "Content-Type", "application/atom+xml")
