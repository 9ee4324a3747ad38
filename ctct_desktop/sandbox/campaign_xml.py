"""Campaign XML both ways (§5): the entries written, and the validation of <Campaign> bodies,
whose messages always name the field at fault."""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, field

from lxml import etree

from ctct_desktop.sandbox import errors, feeds
from ctct_desktop.sandbox.clock import parse_datetime, to_iso
from ctct_desktop.sandbox.contact_xml import read_list_refs
from ctct_desktop.sandbox.email_content import check_content
from ctct_desktop.sandbox.events import history_of
from ctct_desktop.sandbox.ids import parse_id
from ctct_desktop.sandbox.parse import element_children, local_name, payload_fields, read_entry, text_of

TEXT_FIELDS = (
    "Subject", "FromName", "ViewAsWebpage", "ViewAsWebpageLinkText", "ViewAsWebpageText",
    "PermissionReminder", "PermissionReminderText", "GreetingSalutation", "GreetingName",
    "GreetingString", "OrganizationName", "OrganizationAddress1", "OrganizationAddress2",
    "OrganizationAddress3", "OrganizationCity", "OrganizationState", "OrganizationInternationalState",
    "OrganizationCountry", "OrganizationPostalCode", "IncludeForwardEmail", "ForwardEmailLinkText",
    "IncludeSubscribeLink", "SubscribeLinkText", "EmailContentFormat", "EmailContent",
    "EmailTextContent", "StyleSheet",
)
CONTENT_FIELDS = ("EmailContent", "EmailTextContent", "StyleSheet")
STATS = ("Sent", "Opens", "Clicks", "Bounces", "Forwards", "OptOuts", "SpamReports")
READ_ONLY = ("LastEditDate", "LastRunDate", "NextRunDate", *STATS, "CampaignType", "SharePageURL",
             "ArchiveStatus", "ArchiveURL", "Urls")
KNOWN = frozenset(("Name", "Status", "Date", "ContactLists", "FromEmail", "ReplyToEmail",
                   *TEXT_FIELDS, *READ_ONLY))
REQUIRED = ("Name", "Subject", "FromName", "EmailContentFormat", "EmailContent", "EmailTextContent")
YES_NO = ("ViewAsWebpage", "PermissionReminder", "IncludeForwardEmail", "IncludeSubscribeLink")
CONDITIONAL = (("ViewAsWebpage", ("ViewAsWebpageLinkText", "ViewAsWebpageText")),
               ("PermissionReminder", ("PermissionReminderText",)),
               ("IncludeForwardEmail", ("ForwardEmailLinkText",)),
               ("IncludeSubscribeLink", ("SubscribeLinkText",)))
GREETING_NAMES = ("FirstName", "LastName", "FirstAndLastName", "None")
US_STATES = frozenset(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ "
    "NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY AS GU MP PR VI AA AE AP".split())
CA_PROVINCES = frozenset("AB BC MB NB NL NS NT NU ON PE QC SK YT".split())
_EMAIL_REF = re.compile(r"/settings/emailaddresses/([^/]+)$")


@dataclass
class EmailRef:
    field: str
    email_id: int
    address: str


@dataclass
class CampaignBody:
    name: str
    fields: dict[str, str]
    date: str | None
    list_ids: list[int]
    from_email: EmailRef
    reply_email: EmailRef
    campaign_id_uri: str | None = None
    status: str | None = field(default=None)


def read_campaign(body: bytes, account_path: str, *, stock: bool = False) -> CampaignBody:
    payload = read_entry(body, "Campaign")
    found = payload_fields(payload, KNOWN)
    texts = {name: text_of(found.get(name), name) for name in ("Name", *TEXT_FIELDS)}
    values = {k: v for k, v in texts.items() if v}
    if stock:
        values = {k: v for k, v in values.items() if k not in CONTENT_FIELDS}
    for name in REQUIRED:
        if name not in values and not (stock and name in CONTENT_FIELDS):
            raise errors.bad_request(f"{name} is required in <Campaign>.")
    _check_enums(values)
    _check_conditionals(values)
    _check_organization(values)
    if not stock:
        check_content(values["EmailContentFormat"], values["EmailContent"], values["EmailTextContent"])
    date = _read_date(text_of(found.get("Date"), "Date"))
    # Status is not how a campaign changes state: T3's <Status>Scheduled</Status> left it Draft.
    status = text_of(found.get("Status"), "Status")
    name = values.pop("Name")
    return CampaignBody(
        name=name, fields=values, date=date,
        list_ids=read_list_refs(found.get("ContactLists"), account_path),
        from_email=_email_ref(found.get("FromEmail"), "FromEmail"),
        reply_email=_email_ref(found.get("ReplyToEmail"), "ReplyToEmail"),
        campaign_id_uri=payload.get("id"), status=status)


def _check_enums(values: dict[str, str]) -> None:
    for name in YES_NO:
        if name in values and values[name] not in ("YES", "NO"):
            raise errors.bad_request(f"{name} must be YES or NO; it is '{values[name]}'.")
    greeting = values.get("GreetingName")
    if greeting is not None and greeting not in GREETING_NAMES:
        raise errors.bad_request("GreetingName must be one of FirstName, LastName, FirstAndLastName, None")
    fmt = values.get("EmailContentFormat")
    if fmt is not None and fmt not in ("HTML", "XHTML"):
        raise errors.bad_request(f"EmailContentFormat must be HTML or XHTML; it is '{fmt}'.")


def _check_conditionals(values: dict[str, str]) -> None:
    for flag, needed in CONDITIONAL:
        if values.get(flag) == "YES":
            for name in needed:
                if name not in values:
                    raise errors.bad_request(f"{name} is required when {flag} is YES.")


def _check_organization(values: dict[str, str]) -> None:
    """OrganizationState is required when the country is US, CA or absent (support's answer in T3;
    S8's validation for US/CA); with no country an OrganizationInternationalState stands in for it.
    A code is checked only against a US or CA country (S8's state lists)."""
    country = values.get("OrganizationCountry", "").upper()
    state = values.get("OrganizationState", "").upper()
    if not state:
        if country in ("US", "CA"):
            raise errors.bad_request(f"OrganizationState is required when OrganizationCountry is {country}.")
        if not country and not values.get("OrganizationInternationalState"):
            raise errors.bad_request("OrganizationState is required when no OrganizationCountry is given "
                                     "(or give OrganizationInternationalState).")
        return
    codes = {"US": US_STATES, "CA": CA_PROVINCES}.get(country)
    if codes is not None and state not in codes:
        where = "a US state" if country == "US" else "a Canadian province"
        raise errors.bad_request(f"OrganizationState must be {where} code; it is '{state}'.")


def _read_date(text: str | None) -> str | None:
    """Date is taken when it is a date-time and ignored otherwise: T3's campaign went through with
    an empty one, and support's fixes for P19 did not name its '05:22:42 01:00' (L018 still does)."""
    moment = parse_datetime(text) if text else None
    return to_iso(moment) if moment is not None else None


def _email_ref(element: etree._Element | None, name: str) -> EmailRef:
    if element is None:
        raise errors.bad_request(f"{name} is required in <Campaign>.")
    parts = {local_name(c): c for c in element_children(element)}
    email = parts.get("Email")
    match = _EMAIL_REF.search((email.get("id") or "") if email is not None else "")
    email_id = parse_id(match.group(1)) if match is not None else None
    if email_id is None:
        raise errors.bad_request(
            f"{name} must hold <Email id=\".../settings/emailaddresses/N\"> of a registered address.")
    address = text_of(parts.get("EmailAddress"), f"{name}/EmailAddress")
    if not address:
        raise errors.bad_request(f"{name} must hold the <EmailAddress> of the registered address.")
    return EmailRef(name, email_id, address.lower())


def check_email_ref(conn: sqlite3.Connection, ref: EmailRef) -> None:
    """From and Reply-To must be registered, verified addresses of the account."""
    row = conn.execute("SELECT * FROM email_addresses WHERE id=?", (ref.email_id,)).fetchone()
    if row is None:
        raise errors.bad_request(f"{ref.field} refers to settings email address {ref.email_id}, "
                                 "which is not registered in this account.")
    if row["address"] != ref.address:
        raise errors.bad_request(f"{ref.field} address {ref.address} does not match settings email "
                                 f"address {ref.email_id} ({row['address']}).")
    if row["status"] != "Verified":
        raise errors.bad_request(f"{ref.field} address {ref.address} is not verified (status {row['status']}).")


def _email_block(parent: etree._Element, tag: str, account_path: str, row: sqlite3.Row | None) -> None:
    if row is None:
        return
    block = feeds.add(parent, tag)
    path = f"{account_path}/settings/emailaddresses/{row['id']}"
    email = feeds.add(block, "Email")
    email.set("id", feeds.id_uri(path))
    feeds.atom_link(email, path, "self")
    feeds.add(block, "EmailAddress", row["address"])


def campaign_element(row: sqlite3.Row, account_path: str, emails: dict[int, sqlite3.Row],
                     *, full: bool) -> etree._Element:
    path = f"{account_path}/campaigns/{row['id']}"
    element = feeds.ctct_element("Campaign", feeds.id_uri(path))
    feeds.add_fields(element, (("Name", row["name"]), ("Status", row["status"]), ("Date", row["date"])))
    if not full:
        return element
    fields, stats = json.loads(row["fields"]), json.loads(row["stats"])
    feeds.add_fields(element, (("LastEditDate", row["last_edit_date"]), ("LastRunDate", row["last_run_date"]),
                               ("NextRunDate", row["next_run_date"])))
    feeds.add_fields(element, ((name, stats.get(name, 0)) for name in STATS))
    _add_urls(element, row, account_path)
    feeds.add_fields(element, (("Subject", fields.get("Subject")), ("FromName", fields.get("FromName")),
                               ("CampaignType", row["campaign_type"])))
    for name in TEXT_FIELDS[2:]:
        if not (row["campaign_type"] == "STOCK" and name in CONTENT_FIELDS):
            feeds.add_fields(element, ((name, fields.get(name)),))
    lists = feeds.add(element, "ContactLists")
    for list_id in json.loads(row["list_ids"]):
        list_path = f"{account_path}/lists/{list_id}"
        item = feeds.add(lists, "ContactList")
        item.set("id", feeds.id_uri(list_path))
        feeds.atom_link(item, list_path, "self")
    _email_block(element, "FromEmail", account_path, emails.get(row["from_email_id"]))
    _email_block(element, "ReplyToEmail", account_path, emails.get(row["reply_email_id"]))
    return element


def _add_urls(parent: etree._Element, row: sqlite3.Row, account_path: str) -> None:
    """``<Urls><Url id=".../events/clicks/{n}"><Value/><Clicks/></Url></Urls>`` of a sent campaign (S1);
    each Url id is the feed of that link's clicks."""
    history = history_of(row)
    if history is None:
        return
    urls = feeds.add(parent, "Urls")
    for link in history.links:
        url = feeds.add(urls, "Url")
        url.set("id", feeds.id_uri(f"{account_path}/campaigns/{row['id']}/events/clicks/{link.url_id}"))
        feeds.add(url, "Value", link.value)
        feeds.add(url, "Clicks", link.clicks)


def campaign_entry(row: sqlite3.Row, account_path: str, emails: dict[int, sqlite3.Row],
                   *, full: bool) -> etree._Element:
    return feeds.entry(path=f"{account_path}/campaigns/{row['id']}", title=row["name"],
                       updated=row["last_edit_date"] or row["date"],
                       payload=campaign_element(row, account_path, emails, full=full))
