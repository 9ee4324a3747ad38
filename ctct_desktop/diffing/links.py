"""Which lint rule checks a difference and which article explains it, by id (never by import)."""

from __future__ import annotations

ATOM_NS = "http://www.w3.org/2005/Atom"
CTCT_NS = "http://ws.constantcontact.com/ns/1.0/"
ATOM_SECTIONS = "v1-400-atom-sections"
CONTACT_XML = "v1-400-contact-xml"
CTCT_ELEMENTS = frozenset({"Contact", "ContactList", "Campaign", "Schedule", "Activity"})
ENTRY_COMMON = frozenset({"id", "title", "author", "updated"})
CAMPAIGN_REQUIRED = frozenset({"Name", "Subject", "FromName", "EmailContentFormat", "EmailContent",
                               "EmailTextContent", "FromEmail", "ReplyToEmail"})
CAMPAIGN_ENUMS = frozenset({"ViewAsWebpage", "PermissionReminder", "IncludeForwardEmail", "IncludeSubscribeLink",
                            "GreetingName", "EmailContentFormat"})
READ_ONLY = frozenset({"Status", "InsertTime", "LastUpdateTime", "Confirmed", "OptInTime", "CampaignType"})
DATE_ELEMENTS = frozenset({"Date", "ScheduledTime", "updated", "LastUpdateTime", "InsertTime", "OptInTime"})

Link = tuple[str | None, str | None, str]  # rule, article, note


def namespace_link(local: str, parent: str | None) -> Link:
    if parent is None:
        return "L001", ATOM_SECTIONS, "the entry must be in the Atom namespace"
    if local in CTCT_ELEMENTS:
        return "L006", ATOM_SECTIONS, f"<{local}> must be in the namespace {CTCT_NS}"
    return None, ATOM_SECTIONS, ""


def missing_link(local: str, parent: str | None) -> Link:
    if parent == "entry" and local in ENTRY_COMMON:
        return "L002", ATOM_SECTIONS, f"every entry needs <{local}>, even empty"
    if parent == "entry" and local == "content":
        return "L005", ATOM_SECTIONS, ""
    if local in ("OrganizationState", "OrganizationCountry"):
        return "L015", None, "the organisation's address needs its state and country"
    if parent == "Campaign" and local in CAMPAIGN_REQUIRED:
        return "L013", None, ""
    if local == "ContactLists":
        return "L009", None, "a contact without lists is unlisted; on PUT it becomes Removed"
    if local == "EmailAddress":
        return "L008", CONTACT_XML, ""
    return None, None, ""


def extra_link(local: str, parent: str | None) -> Link:
    if parent == "entry" and local == "name":
        return "L002", ATOM_SECTIONS, "<name> belongs inside <author>"
    if parent == "entry" and local in ("title", "link", "id", "updated"):
        return "L002", ATOM_SECTIONS, "a second one: the feed's elements pasted inside the entry"
    if parent == "entry":
        return "L005", ATOM_SECTIONS, "only Atom elements and one <content> belong in the entry"
    if parent in CTCT_ELEMENTS:
        return "L007", CONTACT_XML, ""
    return None, None, ""


def value_link(local: str, a: str, b: str) -> Link:
    if local in DATE_ELEMENTS and " " in a.strip() and "+" in b:
        return "L018", "v1-400-datetime-plus-space", "the + of the time zone offset became a space"
    if local == "id":
        return "L003", ATOM_SECTIONS, "data:,none on a create, the resource's URI on an update"
    if local == "updated":
        return "L004", ATOM_SECTIONS, ""
    if local == "GreetingName":
        return "L014", "v1-400-greeting-name", "GreetingName is FirstName, LastName, FirstAndLastName or None"
    if local in CAMPAIGN_ENUMS:
        return "L014", None, ""
    if local == "OptInSource":
        return "L008", "v1-400-status-transition", "who acts: the owner cannot re-subscribe an opted-out contact"
    if local == "EmailAddress":
        return "L008", "v1-400-invalid-email", ""
    if local in READ_ONLY:
        return "L012", None, f"{local} is read-only: the server ignores or refuses it"
    return None, None, ""


def content_type_link(path: str) -> Link:
    if path.rstrip("/").endswith("/activities"):
        return "L022", "v1-400-activities-form", "/activities takes a form, not Atom XML"
    return "L022", "v1-415-content-type", ""
