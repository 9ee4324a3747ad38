"""Bodies shaped exactly as the official v1 PHP library (S1, ctct_php_library) wrote them.

``Contact::createXml`` writes every field, empty ones as empty elements, no ``id`` attribute on
``<Contact>``, the contact URI (or ``data:,``) in the Atom ``<id>`` and a ``+01:00`` stamp;
``Campaign::createXml`` writes every field too, ``<Status>draft</Status>``, an Atom ``<source>``
block and a ``link rel="edit"`` naming the placeholder user ``customer``. The real API took both
(reference §4.2, §9.2 items 14-15), so the linter and the sandbox must too.
"""

from __future__ import annotations

from ctct_desktop.core import sandbox_demo as demo

ACCOUNT = demo.account_id_uri()
CTCT = "http://ws.constantcontact.com/ns/1.0/"
_CONTACT_FIELDS = (
    "FirstName", "LastName", "MiddleName", "CompanyName", "JobTitle", "OptInSource", "HomePhone", "WorkPhone",
    "Addr1", "Addr2", "Addr3", "City", "StateCode", "StateName", "CountryCode", "PostalCode", "SubPostalCode",
    "Note", "EmailType", *(f"CustomField{n}" for n in range(1, 16)),
)
_CAMPAIGN_FIELDS = (
    "Subject", "FromName", "ViewAsWebpage", "ViewAsWebpageLinkText", "ViewAsWebpageText", "PermissionReminder",
    "PermissionReminderText", "GreetingSalutation", "GreetingName", "GreetingString", "OrganizationName",
    "OrganizationAddress1", "OrganizationAddress2", "OrganizationAddress3", "OrganizationCity", "OrganizationState",
    "OrganizationInternationalState", "OrganizationCountry", "OrganizationPostalCode", "IncludeForwardEmail",
    "ForwardEmailLinkText", "IncludeSubscribeLink", "SubscribeLinkText", "EmailContentFormat", "EmailContent",
    "EmailTextContent", "StyleSheet",
)
# The library's defaults (Campaign::__construct), with a real organisation instead of $ACCOUNT tokens.
CAMPAIGN_DEFAULTS = {
    "FromName": "Default From Name", "ViewAsWebpage": "NO", "PermissionReminder": "NO", "GreetingSalutation": "Dear",
    "GreetingName": "FirstName", "OrganizationName": "Joe's Flowers", "OrganizationAddress1": "123 Main Street",
    "OrganizationCity": "Boston", "OrganizationState": "MA", "OrganizationCountry": "US",
    "IncludeForwardEmail": "NO", "IncludeSubscribeLink": "NO", "EmailContentFormat": "HTML",
}


def _elements(names: tuple[str, ...], values: dict[str, str]) -> str:
    return "".join(f"<{name}>{values[name]}</{name}>" if values.get(name) else f"<{name}></{name}>" for name in names)


def php_contact_xml(atom_id: str, email: str, lists: tuple[int, ...], values: dict[str, str] | None = None,
                    *, stray_text: str = "", status: str | None = None) -> str:
    """``Contact::createXml``: its element order, its empty elements, its +01:00 stamp."""
    given = {"OptInSource": "ACTION_BY_CUSTOMER", **(values or {})}
    status_xml = "" if status is None else f"<Status>{status}</Status>"
    refs = "".join(f'<ContactList id="{ACCOUNT}/lists/{n}"/>' for n in lists)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            "<entry xmlns='http://www.w3.org/2005/Atom'><title/><updated>2012-03-30T10:15:00+01:00</updated>"
            f"<author><name>CTCT Samples</name></author><id>{atom_id}</id><summary type=\"text\"/>"
            f'<content type="application/vnd.ctct+xml"><Contact xmlns="{CTCT}">{stray_text}{status_xml}'
            f"<EmailAddress>{email}</EmailAddress>{_elements(_CONTACT_FIELDS, given)}"
            f"<ContactLists>{refs}</ContactLists></Contact></content></entry>\n")


def php_campaign_xml(campaign_id: str, name: str, values: dict[str, str], lists: tuple[int, ...] = (1,),
                     email_id: int = demo.SEED_VERIFIED_EMAIL_ID, email: str = demo.SEED_VERIFIED_EMAIL) -> str:
    """``Campaign::createXml``: every field, Status draft, the fixed 2009 Date, the source block."""
    given = {**CAMPAIGN_DEFAULTS, **values}
    refs = "".join(f'<ContactList id="{ACCOUNT}/lists/{n}"><link xmlns="http://www.w3.org/2005/Atom" '
                   f'href="/ws/customers/{demo.DEMO_USERNAME}/lists/{n}" rel="self"/></ContactList>' for n in lists)
    email_path = f"/ws/customers/{demo.DEMO_USERNAME}/settings/emailaddresses/{email_id}"

    def sender(tag: str) -> str:
        return (f'<{tag}><Email id="http://api.constantcontact.com{email_path}"><link '
                f'xmlns="http://www.w3.org/2005/Atom" href="{email_path}" rel="self"/></Email>'
                f"<EmailAddress>{email}</EmailAddress></{tag}>")

    return ("<?xml version='1.0' encoding='UTF-8'?>\n<entry xmlns='http://www.w3.org/2005/Atom'>"
            f'<link href="/ws/customers/customer/campaigns" rel="edit"/><id>{campaign_id}</id>'
            f'<title type="text">{name}</title><updated>2012-03-30T10:15:00+01:00</updated>'
            '<author><name>Constant Contact</name></author><content type="application/vnd.ctct+xml">'
            f'<Campaign xmlns="{CTCT}" id="{campaign_id}"><Name>{name}</Name><Status>draft</Status>'
            f"<Date>2009-10-19T18:34:53.105Z</Date>{_elements(_CAMPAIGN_FIELDS, given)}"
            f"<ContactLists>{refs}</ContactLists>{sender('FromEmail')}{sender('ReplyToEmail')}</Campaign></content>"
            f'<source><id>{campaign_id}</id><title type="text">Campaigns for customer</title><link href="campaigns"/>'
            '<link href="campaigns" rel="self"/><author><name>customer</name></author>'
            "<updated>2012-03-30T10:15:00+01:00</updated></source></entry>\n")
