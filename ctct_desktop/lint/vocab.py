"""Constant Contact v1 vocabulary the rules check against (reference §1.2, §4, §5, §7, §10).

Element names are case-sensitive on the server, so every table here is exact-case; the
"did you mean" suggestions come from a case-insensitive lookup into the same tables.
"""

from __future__ import annotations

import re

from ctct_desktop.core.list_uris import LIST_URI_ORIGIN

ATOM_NS = "http://www.w3.org/2005/Atom"
CTCT_NS = "http://ws.constantcontact.com/ns/1.0/"
XHTML_NS = "http://www.w3.org/1999/xhtml"
CTCT_CONTENT_TYPE = "application/vnd.ctct+xml"
ATOM_MEDIA_TYPE = "application/atom+xml"
FORM_MEDIA_TYPE = "application/x-www-form-urlencoded"
MULTIPART_MEDIA_TYPE = "multipart/form-data"

PAYLOADS: tuple[str, ...] = ("Contact", "ContactList", "Campaign", "Schedule")
ATOM_REQUIRED: tuple[str, ...] = ("id", "title", "author", "updated")

_CUSTOM_FIELDS = tuple(f"CustomField{n}" for n in range(1, 16))

CONTACT_ELEMENTS: frozenset[str] = frozenset((
    "Status", "EmailAddress", "EmailType", "Name", "FirstName", "MiddleName", "LastName",
    "JobTitle", "CompanyName", "HomePhone", "WorkPhone", "Addr1", "Addr2", "Addr3", "City",
    "StateCode", "StateName", "CountryCode", "CountryName", "PostalCode", "SubPostalCode", "Note",
    "ContactLists", "OptInSource", "Confirmed", "InsertTime", "LastUpdateTime", "OptInTime",
    "OptOutTime", "OptOutSource", "OptOutReason", *_CUSTOM_FIELDS,
))
CONTACT_READ_ONLY: tuple[str, ...] = (
    "Status", "Name", "Confirmed", "InsertTime", "LastUpdateTime", "OptInTime", "OptOutTime",
    "OptOutSource", "OptOutReason",
)

CAMPAIGN_ELEMENTS: frozenset[str] = frozenset((
    "Name", "Status", "Date", "LastEditDate", "LastRunDate", "NextRunDate", "Sent", "Opens",
    "Clicks", "Bounces", "Forwards", "OptOuts", "SpamReports", "SharePageURL", "ArchiveStatus",
    "ArchiveURL", "Urls", "Subject", "FromName", "CampaignType", "ViewAsWebpage",
    "ViewAsWebpageLinkText", "ViewAsWebpageText", "PermissionReminder", "PermissionReminderText",
    "GreetingSalutation", "GreetingName", "GreetingString", "OrganizationName",
    "OrganizationAddress1", "OrganizationAddress2", "OrganizationAddress3", "OrganizationCity",
    "OrganizationState", "OrganizationInternationalState", "OrganizationCountry",
    "OrganizationPostalCode", "IncludeForwardEmail", "ForwardEmailLinkText", "IncludeSubscribeLink",
    "SubscribeLinkText", "EmailContentFormat", "EmailContent", "EmailTextContent", "StyleSheet",
    "ContactLists", "FromEmail", "ReplyToEmail",
))
CAMPAIGN_READ_ONLY: tuple[str, ...] = (
    "LastEditDate", "LastRunDate", "NextRunDate", "Sent", "Opens", "Clicks", "Bounces", "Forwards",
    "OptOuts", "SpamReports", "SharePageURL", "ArchiveStatus", "ArchiveURL", "Urls", "CampaignType",
)
CAMPAIGN_REQUIRED: tuple[str, ...] = (
    "Name", "Subject", "FromName", "EmailContentFormat", "EmailContent", "EmailTextContent",
    "FromEmail", "ReplyToEmail",
)

LIST_ELEMENTS: frozenset[str] = frozenset((
    "OptInDefault", "Name", "SortOrder", "DisplayOnSignup", "ShortName", "Members", "ContactCount",
))
SCHEDULE_ELEMENTS: frozenset[str] = frozenset(("ScheduledTime",))

ELEMENTS_BY_PAYLOAD: dict[str, frozenset[str]] = {
    "Contact": CONTACT_ELEMENTS,
    "Campaign": CAMPAIGN_ELEMENTS,
    "ContactList": LIST_ELEMENTS,
    "Schedule": SCHEDULE_ELEMENTS,
}

OPT_IN_SOURCES: tuple[str, ...] = ("ACTION_BY_CUSTOMER", "ACTION_BY_CONTACT")
EMAIL_TYPES: tuple[str, ...] = ("HTML", "Text")
YES_NO: tuple[str, ...] = ("YES", "NO")
GREETING_NAMES: tuple[str, ...] = ("FirstName", "LastName", "FirstAndLastName", "None")
CONTENT_FORMATS: tuple[str, ...] = ("HTML", "XHTML")

# Flag -> the texts it makes required (reference §5.1, L015).
CONDITIONAL_TEXTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ViewAsWebpage", ("ViewAsWebpageLinkText", "ViewAsWebpageText")),
    ("PermissionReminder", ("PermissionReminderText",)),
    ("IncludeForwardEmail", ("ForwardEmailLinkText",)),
    ("IncludeSubscribeLink", ("SubscribeLinkText",)),
)

US_STATES: frozenset[str] = frozenset((
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ "
    "NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR VI GU AS MP UM AA AE AP"
).split())
CA_PROVINCES: frozenset[str] = frozenset("AB BC MB NB NL NS NT NU ON PE QC SK YT".split())

ACTIVITY_TYPES: tuple[str, ...] = (
    "SV_ADD", "ADD_CONTACTS", "ADD_CONTACT_DETAIL", "REMOVE_CONTACTS_FROM_LISTS",
    "CLEAR_CONTACTS_FROM_LISTS", "EXPORT_CONTACTS",
)
EXPORT_FILE_TYPES: tuple[str, ...] = ("CSV", "TXT")
EXPORT_SORT_BY: tuple[str, ...] = ("EMAIL_ADDRESS", "DATE_DESC")

# Any account's list URI, on the API's host or on the local sandbox (core/list_uris.py: the
# sandbox reads them through the same definition).
LIST_URI = re.compile(
    rf"^{LIST_URI_ORIGIN}/ws/customers/(?P<user>[^/]+)/lists/(?P<id>\d+|active|removed|do-not-mail)$"
)
EMAIL_SETTINGS_URI = re.compile(r"/ws/customers/(?P<user>[^/]+)/settings/emailaddresses/\d+$")
CUSTOMER_URI = re.compile(r"/ws/customers/(?P<user>[^/?#]+)")

# A pragmatic address check: one @, a dotted domain, no spaces (the server's exact grammar is not
# public; P24 shows '+' is legal).
EMAIL = re.compile(r"^[^@\s<>()\[\],;:\"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")
MAX_EMAIL_LENGTH = 80
MAX_CUSTOM_FIELD_LENGTH = 50


def suggest_name(name: str, known: frozenset[str]) -> str | None:
    """The exact-case known name matching ``name`` case-insensitively, if any."""
    folded = name.casefold()
    for candidate in sorted(known):
        if candidate.casefold() == folded:
            return candidate
    return None


def is_placeholder(value: str) -> bool:
    """Values the linter must not judge: unresolved ``{{variables}}`` and ``$ACCOUNT.*`` tokens."""
    return "{{" in value or value.strip().startswith("$ACCOUNT.")
