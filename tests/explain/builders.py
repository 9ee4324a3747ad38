"""Realistic exchanges for the explainer tests: the bodies and messages users actually meet."""

from __future__ import annotations

import json
from collections.abc import Sequence

from ctct_desktop.core.models import (
    Auth,
    AuthKind,
    BodyKind,
    Exchange,
    FailureKind,
    Header,
    RequestModel,
    ResponseRecord,
    TransportFailure,
)

HOST = "https://api.constantcontact.com"
ACCOUNT = f"{HOST}/ws/customers/joesflowers"
LIST_1 = "http://api.constantcontact.com/ws/customers/joesflowers/lists/1"
LIST_2 = "http://api.constantcontact.com/ws/customers/joesflowers/lists/2"
AUTH = Auth(AuthKind.CTCT_BASIC, username="joesflowers", password="s3cret-pass", api_key="abc123key")
ATOM = "application/atom+xml"
E1 = ("Error 400: The request contains errors in the common Atom sections, which lie outside <entry> or "
      "<Content>, such as <feed>, <id>, <author> or <updated>.")
E2 = ("Error 400: Update failed: Existing person 1234:5 has an invalid state: Status transition from O to S is "
      "not allowed when action by owner and confirm opt in is off")


def contact_body(email: str = "jane@example.com", source: str | None = "ACTION_BY_CUSTOMER",
                 lists: Sequence[str] = (LIST_1,), entry_open: str = '<entry xmlns="http://www.w3.org/2005/Atom">',
                 entry_id: str = "data:,none", updated: str = "2008-07-23T14:21:06.407Z",
                 contact_id: str = "", extra: str = "") -> str:
    source_line = f"\n      <OptInSource>{source}</OptInSource>" if source else ""
    list_lines = "".join(f'\n        <ContactList id="{u}"/>' for u in lists)
    attr = f' id="{contact_id}"' if contact_id else ""
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n{entry_open}\n  <title type="text"> </title>\n'
            f"  <updated>{updated}</updated>\n  <author></author>\n  <id>{entry_id}</id>\n"
            '  <summary type="text">Contact</summary>\n  <content type="application/vnd.ctct+xml">\n'
            f'    <Contact xmlns="http://ws.constantcontact.com/ns/1.0/"{attr}>\n'
            f"      <EmailAddress>{email}</EmailAddress>\n      <FirstName>Jane</FirstName>{extra}{source_line}\n"
            f"      <ContactLists>{list_lines}\n      </ContactLists>\n    </Contact>\n  </content>\n</entry>\n")


def campaign_body(greeting: str = "FirstName", date: str = "2010-09-28T05:22:42.000Z",
                  content: str = "&lt;html&gt;&lt;body&gt;&lt;p&gt;Hello&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;",
                  text: str = "&lt;Text&gt;Hello&lt;/Text&gt;") -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<entry xmlns="http://www.w3.org/2005/Atom">\n'
            '  <link href="/ws/customers/joesflowers/campaigns" rel="edit"/>\n  <id>data:,none</id>\n'
            '  <title type="text">Spring sale</title>\n  <updated>2010-09-28T05:22:42.000Z</updated>\n'
            '  <author><name>Joe</name></author>\n  <content type="application/vnd.ctct+xml">\n'
            '    <Campaign xmlns="http://ws.constantcontact.com/ns/1.0/">\n'
            "      <Name>Spring sale</Name>\n      <Status>Draft</Status>\n"
            f"      <Date>{date}</Date>\n      <Subject>Spring flowers</Subject>\n"
            "      <FromName>Joe's Flowers</FromName>\n      <ViewAsWebpage>NO</ViewAsWebpage>\n"
            "      <PermissionReminder>NO</PermissionReminder>\n"
            f"      <GreetingSalutation>Dear</GreetingSalutation>\n      <GreetingName>{greeting}</GreetingName>\n"
            "      <OrganizationName>Joe's Flowers</OrganizationName>\n"
            "      <OrganizationAddress1>1 Main St</OrganizationAddress1>\n"
            "      <OrganizationCity>Boston</OrganizationCity>\n      <OrganizationState>MA</OrganizationState>\n"
            "      <OrganizationCountry>US</OrganizationCountry>\n"
            "      <OrganizationPostalCode>02110</OrganizationPostalCode>\n"
            "      <EmailContentFormat>HTML</EmailContentFormat>\n"
            f"      <EmailContent>{content}</EmailContent>\n      <EmailTextContent>{text}</EmailTextContent>\n"
            '      <FromEmail>\n        <Email id="http://api.constantcontact.com/ws/customers/joesflowers/settings/'
            'emailaddresses/1">\n          <link xmlns="http://www.w3.org/2005/Atom" href="/ws/customers/joesflowers/'
            'settings/emailaddresses/1" rel="self"/>\n        </Email>\n'
            "        <EmailAddress>joe@example.com</EmailAddress>\n      </FromEmail>\n"
            '      <ReplyToEmail>\n        <Email id="http://api.constantcontact.com/ws/customers/joesflowers/settings/'
            'emailaddresses/1">\n          <link xmlns="http://www.w3.org/2005/Atom" href="/ws/customers/joesflowers/'
            'settings/emailaddresses/1" rel="self"/>\n        </Email>\n'
            "        <EmailAddress>joe@example.com</EmailAddress>\n      </ReplyToEmail>\n"
            "    </Campaign>\n  </content>\n</entry>\n")


def exchange(method: str, url: str, status: int, text: str | bytes = "", *, body: str = "",
             content_type: str | None = None, auth: Auth = AUTH, headers: Sequence[tuple[str, str]] = (),
             response_headers: Sequence[tuple[str, str]] = (), response_type: str = "text/plain") -> Exchange:
    request_headers = list(headers)
    if content_type:
        request_headers.append(("Content-Type", content_type))
    kind = BodyKind.NONE if not body else BodyKind.XML if body.lstrip().startswith("<") else (
        BodyKind.JSON if body.lstrip()[:1] in "[{" else BodyKind.FORM)
    request = RequestModel(method=method, url=url, headers=tuple(Header(n, v) for n, v in request_headers),
                           body=body, body_kind=kind, auth=auth)
    raw = text.encode("utf-8") if isinstance(text, str) else text
    all_headers = ((("Content-Type", response_type),) if raw else ()) + tuple(response_headers)
    response = ResponseRecord(status=status, reason="", http_version="HTTP/1.1", headers=all_headers, body=raw,
                              url=url, elapsed_ms=12.0)
    return Exchange(request, response=response, sent_url=url)


def v1(method: str, path: str, status: int, text: str = "", **kw: object) -> Exchange:
    if kw.get("body") and "content_type" not in kw:
        kw["content_type"] = ATOM
    return exchange(method, ACCOUNT + path, status, text, **kw)  # type: ignore[arg-type]


def json_errors(*pairs: tuple[str, str]) -> str:
    return json.dumps([{"error_key": k, "error_message": m} for k, m in pairs])


def api_json(method: str, url: str, status: int, payload: str, *, body: str = "",
             content_type: str | None = "application/json", token: str = "tok-123", **kw: object) -> Exchange:
    auth = Auth(AuthKind.BEARER, token=token) if token else Auth()
    return exchange(method, url, status, payload, body=body, content_type=content_type if body else None,
                    auth=auth, response_type="application/json", **kw)  # type: ignore[arg-type]


def failed(kind: FailureKind, message: str, detail: str, url: str = ACCOUNT + "/contacts") -> Exchange:
    request = RequestModel(method="GET", url=url, auth=AUTH)
    return Exchange(request, failure=TransportFailure(kind, message, detail), sent_url=url)
