"""Shared helpers for the sandbox tests: clients, XML bodies and parsing of answers."""

from __future__ import annotations

from collections.abc import Iterable

import httpx
from lxml import etree

from ctct_desktop.core import sandbox_demo as demo
from ctct_desktop.sandbox.admin_guard import ADMIN_HEADERS as ADMIN_HEADERS  # every /_sandbox/* call sends it

ATOM = "http://www.w3.org/2005/Atom"
CTCT = "http://ws.constantcontact.com/ns/1.0/"
NS = {"a": ATOM, "c": CTCT}
ATOM_HEADERS = {"Content-Type": "application/atom+xml"}
BASIC = (f"{demo.DEMO_API_KEY}%{demo.DEMO_USERNAME}", demo.DEMO_PASSWORD)
LIST_URI = f"http://api.constantcontact.com/ws/customers/{demo.DEMO_USERNAME}/lists/{{}}"


def client_for(server: object, **kwargs: object) -> httpx.Client:
    """An httpx client on the demo account URL, authenticated with Basic."""
    options: dict[str, object] = {"base_url": server.account_url, "auth": BASIC, "timeout": 10}  # type: ignore[attr-defined]
    options.update(kwargs)
    return httpx.Client(**options)  # type: ignore[arg-type]


def parse(response: httpx.Response) -> etree._Element:
    return etree.fromstring(response.content)


def entries(response: httpx.Response) -> list[etree._Element]:
    return parse(response).findall("a:entry", NS)


def text(element: etree._Element, path: str) -> str | None:
    found = element.find(path, NS)
    return found.text if found is not None else None


def link(feed: etree._Element, rel: str) -> str | None:
    found = feed.find(f"a:link[@rel='{rel}']", NS)
    return found.get("href") if found is not None else None


def entry(payload: str, *, entry_id: str = "data:,none", updated: str = "2008-07-23T14:21:06.407Z") -> str:
    return (f'<entry xmlns="{ATOM}"><id>{entry_id}</id><title type="text"> </title><author></author>'
            f'<updated>{updated}</updated><content type="application/vnd.ctct+xml">{payload}</content></entry>')


def contact_xml(email: str, lists: Iterable[int] = (1,), source: str = "ACTION_BY_CUSTOMER",
                contact_id: int | None = None, extra: str = "") -> str:
    id_attr = f' id="http://api.constantcontact.com/ws/customers/joesflowers/contacts/{contact_id}"' if contact_id else ""
    refs = "".join(f'<ContactList id="{LIST_URI.format(n)}"/>' for n in lists)
    return entry(f'<Contact xmlns="{CTCT}"{id_attr}><EmailAddress>{email}</EmailAddress>'
                 f'<OptInSource>{source}</OptInSource>{extra}<ContactLists>{refs}</ContactLists></Contact>')


def list_xml(name: str, list_id: int | None = None) -> str:
    id_attr = f' id="{LIST_URI.format(list_id)}"' if list_id else ""
    return entry(f'<ContactList xmlns="{CTCT}"{id_attr}><OptInDefault>false</OptInDefault><Name>{name}</Name>'
                 f'<SortOrder>99</SortOrder></ContactList>', updated="2008-04-16")


EMAIL_REF = ('<{tag}><Email id="http://api.constantcontact.com/ws/customers/joesflowers/settings/emailaddresses/{n}">'
             '<link xmlns="http://www.w3.org/2005/Atom" href="/ws/customers/joesflowers/settings/emailaddresses/{n}" '
             'rel="self"/></Email><EmailAddress>{address}</EmailAddress></{tag}>')


def campaign_fields(**overrides: str | None) -> dict[str, str | None]:
    fields: dict[str, str | None] = {
        "Name": "API campaign", "Status": "Draft", "Subject": "Hello", "FromName": "Joe",
        "ViewAsWebpage": "NO", "PermissionReminder": "NO", "GreetingName": "FirstName",
        "OrganizationName": "Joe's Flowers", "OrganizationAddress1": "1 Main St",
        "OrganizationCity": "Boston", "OrganizationState": "MA", "OrganizationCountry": "US",
        "OrganizationPostalCode": "02108", "IncludeForwardEmail": "NO", "IncludeSubscribeLink": "NO",
        "EmailContentFormat": "HTML", "EmailContent": "&lt;html&gt;&lt;body&gt;Hi&lt;/body&gt;&lt;/html&gt;",
        "EmailTextContent": "&lt;Text&gt;Hi&lt;/Text&gt;",
    }
    fields.update(overrides)
    return fields


def campaign_xml(fields: dict[str, str | None] | None = None, *, from_id: int = 1,
                 from_address: str = demo.SEED_VERIFIED_EMAIL, lists: Iterable[int] = (1,),
                 campaign_id: int | None = None) -> str:
    fields = campaign_fields() if fields is None else fields
    body = "".join(f"<{k}>{v}</{k}>" for k, v in fields.items() if v is not None)
    refs = "".join(f'<ContactList id="{LIST_URI.format(n)}"/>' for n in lists)
    emails = (EMAIL_REF.format(tag="FromEmail", n=from_id, address=from_address)
              + EMAIL_REF.format(tag="ReplyToEmail", n=from_id, address=from_address))
    id_attr = f' id="http://api.constantcontact.com/ws/customers/joesflowers/campaigns/{campaign_id}"' if campaign_id else ""
    return entry(f'<Campaign xmlns="{CTCT}"{id_attr}>{body}<ContactLists>{refs}</ContactLists>{emails}</Campaign>')


def all_pages(client: httpx.Client, path: str, params: dict[str, str] | None = None) -> list[etree._Element]:
    """Follow next links to the end; returns every entry."""
    response = client.get(path, params=params)
    found: list[etree._Element] = []
    while True:
        assert response.status_code == 200, response.text
        feed = parse(response)
        found.extend(feed.findall("a:entry", NS))
        href = link(feed, "next")
        if href is None:
            return found
        response = client.get(server_root(client) + href)


def server_root(client: httpx.Client) -> str:
    url = client.base_url
    return f"{url.scheme}://{url.netloc.decode()}"


SCHEDULE = entry(f'<Schedule xmlns="{CTCT}" id="http://api.constantcontact.com/ws/customers/joesflowers/campaigns/1/'
                 f'schedules/1"><ScheduledTime>2031-11-13T20:03:35.000Z</ScheduledTime></Schedule>',
                 entry_id="http://api.constantcontact.com/ws/customers/joesflowers/campaigns/1/schedules/1")
