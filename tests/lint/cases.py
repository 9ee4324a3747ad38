"""One failing and one passing request per rule (the passing one differs only in the fault)."""

from __future__ import annotations

from dataclasses import dataclass

from ctct_desktop.core.models import Auth, AuthKind, BodyKind, Header, RequestModel
from tests.lint.support import BASE, corpus_text, mutate, request

LIST_URI = "http%3A%2F%2Fapi.constantcontact.com%2Fws%2Fcustomers%2Fjoesflowers%2Flists%2F1"
CONTACT = "contact_create.xml"
CAMPAIGN = "campaign_create_html.xml"
XHTML = "campaign_create_xhtml.xml"


@dataclass(frozen=True)
class Case:
    code: str
    name: str
    bad: RequestModel
    good: RequestModel
    bad_variables: dict[str, str] | None = None
    good_variables: dict[str, str] | None = None


def _contact(old: str, new: str, method: str = "POST", path: str = "/contacts") -> tuple[RequestModel, RequestModel]:
    return (request(mutate(CONTACT, old, new), path, method), request(corpus_text(CONTACT), path, method))


def _campaign(old: str, new: str, name: str = CAMPAIGN) -> tuple[RequestModel, RequestModel]:
    return request(mutate(name, old, new), "/campaigns"), request(corpus_text(name), "/campaigns")


def _form(bad: str, good: str) -> tuple[RequestModel, RequestModel]:
    return request(bad, "/activities", kind=BodyKind.FORM), request(good, "/activities", kind=BodyKind.FORM)


def _drop(name: str, element: str) -> str:
    text = corpus_text(name)
    start = text.index(f"<{element}>")
    end = text.index(f"</{element}>") + len(element) + 3
    return text[:start] + text[end:]


def _schedule(time: str) -> RequestModel:
    return request(mutate("schedule.xml", "<ScheduledTime>2099-11-13T20:03:35.000Z", f"<ScheduledTime>{time}"),
                   "/campaigns/1/schedules")


def _case(code: str, name: str, pair: tuple[RequestModel, RequestModel], bad_variables: dict[str, str] | None = None,
          good_variables: dict[str, str] | None = None) -> Case:
    return Case(code, name, pair[0], pair[1], bad_variables, good_variables)


_GOOD_SCHEDULE = request(corpus_text("schedule.xml"), "/campaigns/1/schedules")
_CLEAN_XML = request(corpus_text(CONTACT))

CASES: list[Case] = [
    _case("L001", "entry without Atom namespace", _contact('<entry xmlns="http://www.w3.org/2005/Atom">', "<entry>")),
    _case("L001", "bare Contact without entry", (request('<Contact xmlns="http://ws.constantcontact.com/ns/1.0/">'
                                                         "<EmailAddress>a@b.co</EmailAddress></Contact>"), _CLEAN_XML)),
    _case("L002", "missing updated and author", _contact("<updated>2008-07-23T14:21:06.407Z</updated>\n  <author></author>", "")),
    _case("L003", "id is a number", _contact("<id>data:,none</id>", "<id>2</id>")),
    _case("L004", "updated is not a date", _contact("2008-07-23T14:21:06.407Z", "yesterday")),
    _case("L005", "content without type", _contact('<content type="application/vnd.ctct+xml">', "<content>")),
    _case("L005", "payload outside content", _contact("<content type=\"application/vnd.ctct+xml\">",
                                                      "<Contact xmlns=\"http://ws.constantcontact.com/ns/1.0/\"/>"
                                                      "<content type=\"application/vnd.ctct+xml\">")),
    _case("L006", "Contact without CTCT namespace", _contact('<Contact xmlns="http://ws.constantcontact.com/ns/1.0/">', "<Contact>")),
    _case("L006", "Contact posted to /lists", (request(corpus_text(CONTACT), "/lists"), request(corpus_text("list_create.xml"), "/lists"))),
    _case("L007", "lower-case element name", _contact("<EmailType>HTML</EmailType>", "<emailtype>HTML</emailtype>")),
    _case("L007", "unknown element", _contact("<Note>", "<Nickname>x</Nickname><Note>")),
    _case("L008", "invalid email", _contact("jo+news@example.com", "jo news at example")),
    _case("L008", "email over 80 characters", _contact("jo+news@example.com", "a" * 75 + "@example.com")),
    _case("L008", "bad OptInSource", _contact("ACTION_BY_CUSTOMER", "ACTION_BY_OWNER")),
    _case("L009", "no ContactLists", (request(corpus_text(CONTACT).split("<ContactLists>")[0] + "</Contact></content></entry>"),
                                      _CLEAN_XML)),
    _case("L010", "list id is a number", _contact('id="http://api.constantcontact.com/ws/customers/joesflowers/lists/1"', 'id="1"')),
    _case("L011", "EmailType lower case", _contact("<EmailType>HTML</EmailType>", "<EmailType>html</EmailType>")),
    _case("L011", "CustomField16", _contact("<CustomField1>Roses</CustomField1>", "<CustomField16>Roses</CustomField16>")),
    _case("L011", "custom field over 50", _contact("<CustomField1>Roses</CustomField1>", f"<CustomField1>{'r' * 51}</CustomField1>")),
    _case("L012", "read-only Status written", _contact("<EmailType>", "<Status>Active</Status><EmailType>")),
    _case("L013", "campaign without Subject", _campaign("<Subject>Our spring sale starts today</Subject>", "")),
    _case("L013", "EmailContentFormat lower case", _campaign("<EmailContentFormat>HTML<", "<EmailContentFormat>html<")),
    _case("L014", "GreetingName form-field name", _campaign("<GreetingName>FirstName<", "<GreetingName>cmp_grt_name<")),
    _case("L014", "ViewAsWebpage lower case", _campaign("<ViewAsWebpage>YES<", "<ViewAsWebpage>yes<")),
    _case("L015", "ViewAsWebpage without texts", _campaign("<ViewAsWebpageText>Having trouble viewing this email?</ViewAsWebpageText>", "")),
    _case("L015", "US without OrganizationState", _campaign("<OrganizationState>MA</OrganizationState>", "")),
    _case("L015", "no country and no state", _campaign("<OrganizationState>MA</OrganizationState>\n      <OrganizationCountry>US</OrganizationCountry>", "")),
    _case("L015", "state of the wrong country", _campaign("<OrganizationState>MA<", "<OrganizationState>ON<")),
    _case("L016", "EmailTextContent not wrapped", _campaign("&lt;Text&gt;Roses &amp;amp; tulips, 20% off.&lt;/Text&gt;", "Roses")),
    _case("L016", "XHTML text not wrapped", _campaign("&lt;Text&gt;Autumn bouquets are here.&lt;/Text&gt;", "Autumn", XHTML)),
    _case("L017", "raw HTML in EmailContent", _campaign("&lt;html&gt;&lt;body&gt;&lt;p&gt;Roses", "<html><body><p>Roses</p></body></html>&lt;p&gt;Roses")),
    _case("L017", "stray end tag", _campaign("&lt;/body&gt;&lt;/html&gt;</EmailContent>", "&lt;/div&gt;&lt;/body&gt;&lt;/html&gt;</EmailContent>")),
    _case("L017", "XHTML not well-formed", _campaign("&lt;/p&gt;&lt;/body&gt;", "&lt;/body&gt;", XHTML)),
    _case("L017", "XHTML without namespace", _campaign(' xmlns="http://www.w3.org/1999/xhtml"', "", XHTML)),
    _case("L018", "space instead of plus", _campaign("<Date>2010-09-28T05:22:42+01:00</Date>", "<Date>2010-09-28T05:22:42 01:00</Date>")),
    _case("L019", "FromEmail without Email id", (request(mutate(CAMPAIGN, '<Email id="http://api.constantcontact.com/ws/customers/joesflowers/settings/emailaddresses/1">', '<Email id="1">'), "/campaigns"), request(corpus_text(CAMPAIGN), "/campaigns"))),
    _case("L020", "ScheduledTime not a datetime", (_schedule("next tuesday"), _GOOD_SCHEDULE)),
    _case("L020", "ScheduledTime in the past", (_schedule("2001-01-01T00:00:00Z"), _GOOD_SCHEDULE)),
    _case("L021", "unescaped ampersand", _contact("&amp; Plants", "& Plants")),
    _case("L022", "application/xml", (request(corpus_text(CONTACT), headers=(Header("Content-Type", "application/xml"),)),
                                      request(corpus_text(CONTACT), headers=(Header("Content-Type", "application/atom+xml"),)))),
    _case("L022", "activities as atom", (request(corpus_text("activity_clear.form"), "/activities", kind=BodyKind.FORM,
                                                 headers=(Header("Content-Type", "application/atom+xml"),)),
                                         request(corpus_text("activity_clear.form"), "/activities", kind=BodyKind.FORM))),
    _case("L023", "raw plus in email search", (request("", "/contacts?email=jo+news@example.com", "GET"),
                                               request("", "/contacts?email=jo%2Bnews%40example.com", "GET"))),
    _case("L024", "API key in the path", (request("", url=BASE.replace("joesflowers", "KEY123%joesflowers") + "/lists", method="GET"),
                                          request("", "/lists", "GET"))),
    _case("L024", "Basic user without key", (request("", "/lists", "GET", auth=Auth(AuthKind.BASIC, username="joesflowers", password="pw")),
                                             request("", "/lists", "GET"))),
    _case("L025", "unencoded list URI", _form("activityType=CLEAR_CONTACTS_FROM_LISTS&lists=http://api.constantcontact.com/ws/customers/joesflowers/lists/1",
                                             f"activityType=CLEAR_CONTACTS_FROM_LISTS&lists={LIST_URI}")),
    _case("L025", "add without header row", _form(f"activityType=SV_ADD&data=jo%40example.com&lists={LIST_URI}",
                                                 f"activityType=SV_ADD&data=Email+Address%0Ajo%40example.com&lists={LIST_URI}")),
    _case("L025", "export with two lists", _form(f"activityType=EXPORT_CONTACTS&fileType=CSV&listId={LIST_URI}&listId={LIST_URI}",
                                                f"activityType=EXPORT_CONTACTS&fileType=CSV&listId={LIST_URI}")),
    _case("L025", "clear with data", _form(f"activityType=CLEAR_CONTACTS_FROM_LISTS&data=x&lists={LIST_URI}",
                                          f"activityType=CLEAR_CONTACTS_FROM_LISTS&lists={LIST_URI}")),
    _case("L026", "unresolved variable", (request(mutate(CONTACT, "jo+news@example.com", "{{email}}")),
                                          request(mutate(CONTACT, "jo+news@example.com", "{{email}}"))),
          bad_variables={"other": "x"}, good_variables={"email": "jo@example.com"}),
    _case("L027", "declaration without brackets", _contact('<?xml version="1.0" encoding="UTF-8"?>', '?xml version="1.0" encoding="UTF-8"?')),
    _case("L028", "list of another account", _contact("customers/joesflowers/lists/2", "customers/otheruser/lists/2")),
    _case("L028", "credential for another account", (request("", "/lists", "GET", auth=Auth(AuthKind.CTCT_BASIC, username="someoneelse", password="p", api_key="K")),
                                                     request("", "/lists", "GET"))),
    _case("L029", "JSON trailing comma", (request('{"first_name": "Jo",\n "last_name": "Lee",}', url="https://api.cc.email/v3/contacts", kind=BodyKind.JSON),
                                          request('{"first_name": "Jo",\n "last_name": "Lee"}', url="https://api.cc.email/v3/contacts", kind=BodyKind.JSON))),
    _case("L030", "entity declarations", (request('<!DOCTYPE entry [<!ENTITY a "aaaaaaaaaa">]>\n<entry>&a;</entry>'), _CLEAN_XML)),
]

_V3 = "https://api.cc.email/v3/contacts"
_MULTIPART = ('--XyZ\r\nContent-Disposition: form-data; name="activityType"\r\n\r\nSV_ADD\r\n'
              '--XyZ\r\nContent-Disposition: form-data; name="data"\r\n\r\nEmail Address\r\njo@example.com\r\n'
              '--XyZ\r\nContent-Disposition: form-data; name="lists"\r\n\r\n'
              'http://api.constantcontact.com/ws/customers/joesflowers/lists/1\r\n--XyZ--\r\n')
_KEYED = Auth(AuthKind.CTCT_BASIC, username="joesflowers", password="pw", api_key="KEY123")
_FORM_HEADERS = (Header("Content-Type", "application/x-www-form-urlencoded"),)
_FORM_LISTS = ("activityType=SV_ADD&data=Email+Address%0Ajo%40example.com"
               "&lists=http%3A%2F%2Fapi.constantcontact.com%2Fws%2Fcustomers%2F{user}%2Flists%2F1")

CASES += [
    _case("L002", "missing id only", _contact("<id>data:,none</id>", "")),
    _case("L003", "empty id on PUT", _contact("<id>data:,none</id>", "<id/>", "PUT", "/contacts/2")),
    _case("L004", "updated with impossible date", _contact("2008-07-23T14:21:06.407Z", "2008-02-30T14:21:06Z")),
    _case("L005", "two contents", _contact("</content>", "</content><content type=\"application/vnd.ctct+xml\"/>")),
    _case("L005", "wrong content type", _contact('<content type="application/vnd.ctct+xml">', '<content type="text">')),
    _case("L006", "miscased payload", (request(mutate(CONTACT, "<Contact xmlns", "<contact xmlns").replace("</Contact>", "</contact>")),
                                       _CLEAN_XML)),
    _case("L006", "empty content", (request(corpus_text(CONTACT).split("<Contact")[0] + "</content></entry>"), _CLEAN_XML)),
    _case("L007", "element in no namespace", _contact("<Note>Met", '<Note xmlns="">Met')),
    _case("L007", "unknown child of ContactLists", _contact("<ContactLists>", "<ContactLists><List/>")),
    _case("L007", "miscased element inside FromEmail", _campaign("<EmailAddress>joesflowers@example.com</EmailAddress>\n      </FromEmail>",
                                                                 "<Emailaddress>joesflowers@example.com</Emailaddress>\n      </FromEmail>")),
    _case("L007", "miscased required campaign element", _campaign("<Subject>Our spring sale starts today</Subject>",
                                                                  "<subject>Our spring sale starts today</subject>")),
    _case("L008", "missing OptInSource", _contact("<OptInSource>ACTION_BY_CUSTOMER</OptInSource>", "")),
    _case("L008", "lower-case OptInSource", _contact("ACTION_BY_CUSTOMER", "action_by_customer")),
    _case("L008", "empty EmailAddress", _contact("<EmailAddress>jo+news@example.com</EmailAddress>", "<EmailAddress/>")),
    _case("L009", "PUT with empty ContactLists", (request(mutate("contact_update.xml", "<ContactLists>", "<ContactLists/><Gone>")
                                                          .replace("</ContactLists>", "</Gone>", 1), "/contacts/2", "PUT"),
                                                  request(corpus_text("contact_update.xml"), "/contacts/2", "PUT"))),
    _case("L010", "ContactList without id", _contact('<ContactList id="http://api.constantcontact.com/ws/customers/joesflowers/lists/1"/>', "<ContactList/>")),
    _case("L012", "campaign statistics written", _campaign("<Subject>", "<Opens>12</Opens><Subject>")),
    _case("L013", "empty Name", _campaign("<Name>Spring Sale 2010</Name>", "<Name></Name>")),
    _case("L013", "no FromEmail", (request(mutate(CAMPAIGN, "<FromEmail>", "<FromEmailX>").replace("</FromEmail>", "</FromEmailX>"),
                                           "/campaigns"), request(corpus_text(CAMPAIGN), "/campaigns"))),
    _case("L015", "PermissionReminder without text", (request(_drop(CAMPAIGN, "PermissionReminderText"), "/campaigns"),
                                                      request(corpus_text(CAMPAIGN), "/campaigns"))),
    _case("L015", "Canada without province", _campaign("<OrganizationState>MA</OrganizationState>\n      <OrganizationCountry>US<",
                                                       "<OrganizationCountry>ca<")),
    _case("L016", "raw Text element", _campaign("&lt;Text&gt;Roses &amp;amp; tulips, 20% off.&lt;/Text&gt;", "<Text>Roses</Text>")),
    _case("L018", "raw plus in updatedsince", (request("", "/contacts?updatedsince=2008-07-23T14:21:06+01:00&listtype=active", "GET"),
                                              request("", "/contacts?updatedsince=2008-07-23T14:21:06%2B01:00&listtype=active", "GET"))),
    _case("L010", "campaign list id relative", _campaign('<ContactList id="http://api.constantcontact.com/ws/customers/joesflowers/lists/1">',
                                                         '<ContactList id="/ws/customers/joesflowers/lists/1">')),
    _case("L019", "FromEmail without EmailAddress", (request(mutate(CAMPAIGN, "<EmailAddress>joesflowers@example.com</EmailAddress>\n      </FromEmail>",
                                                                    "</FromEmail>"), "/campaigns"),
                                                     request(corpus_text(CAMPAIGN), "/campaigns"))),
    _case("L019", "ReplyToEmail without Email", (request(mutate(CAMPAIGN, "<ReplyToEmail>\n        <Email ", "<ReplyToEmail>\n        <Mail ")
                                                         .replace("</Email>\n        <EmailAddress>joesflowers@example.com</EmailAddress>\n      </ReplyToEmail>",
                                                                  "</Mail>\n        <EmailAddress>joesflowers@example.com</EmailAddress>\n      </ReplyToEmail>"),
                                                         "/campaigns"), request(corpus_text(CAMPAIGN), "/campaigns"))),
    _case("L020", "no ScheduledTime", (request(mutate("schedule.xml", "<ScheduledTime>2099-11-13T20:03:35.000Z</ScheduledTime>", ""),
                                               "/campaigns/1/schedules"), _GOOD_SCHEDULE)),
    _case("L022", "JSON to v3 as text", (request('{"a": 1}', url=_V3, kind=BodyKind.JSON, headers=(Header("Content-Type", "text/plain"),)),
                                        request('{"a": 1}', url=_V3, kind=BodyKind.JSON))),
    _case("L022", "form posted to /lists", (request("OptInDefault=true&Name=x", "/lists", kind=BodyKind.FORM),
                                           request(corpus_text("list_create.xml"), "/lists"))),
    _case("L023", "upper-case encoded email", (request("", "/contacts?email=Jo%40Example.com", "GET"),
                                              request("", "/contacts?email=jo%40example.com", "GET"))),
    _case("L024", "key equals the path user", (request("", url=BASE.replace("joesflowers", "KEY123joesflowers") + "/lists", method="GET",
                                                       auth=_KEYED), request("", "/lists", "GET", auth=_KEYED))),
    _case("L024", "upper-case path username", (request("", url=BASE.replace("joesflowers", "JoesFlowers") + "/lists", method="GET"),
                                              request("", "/lists", "GET"))),
    _case("L024", "encoded username in the credential", (request("", "/lists", "GET", auth=Auth(AuthKind.CTCT_BASIC, username="joe%40x.com",
                                                                                                password="p", api_key="K")),
                                                        request("", "/lists", "GET"))),
    _case("L024", "percent in the username field", (request("", "/lists", "GET", auth=Auth(AuthKind.CTCT_BASIC, username="KEY%joesflowers",
                                                                                            password="p", api_key="K")),
                                                    request("", "/lists", "GET"))),
    _case("L024", "missing API key", (request("", "/lists", "GET", auth=Auth(AuthKind.CTCT_BASIC, username="joesflowers", password="p")),
                                     request("", "/lists", "GET", auth=Auth(AuthKind.CTCT_BASIC, username="joesflowers", account="Main")))),
    _case("L025", "no activityType", _form(f"data=x&lists={LIST_URI}", f"activityType=CLEAR_CONTACTS_FROM_LISTS&lists={LIST_URI}")),
    _case("L025", "unknown activityType", _form(f"activityType=sv_add&lists={LIST_URI}", f"activityType=CLEAR_CONTACTS_FROM_LISTS&lists={LIST_URI}")),
    _case("L025", "export without fileType", _form(f"activityType=EXPORT_CONTACTS&listId={LIST_URI}",
                                                  f"activityType=EXPORT_CONTACTS&fileType=TXT&listId={LIST_URI}")),
    _case("L025", "export with a bad sortBy", _form(f"activityType=EXPORT_CONTACTS&fileType=CSV&sortBy=NAME&listId={LIST_URI}",
                                                   f"activityType=EXPORT_CONTACTS&fileType=CSV&sortBy=DATE_DESC&listId={LIST_URI}")),
    _case("L025", "remove without lists", _form("activityType=REMOVE_CONTACTS_FROM_LISTS&data=Email+Address%0Ajo%40example.com",
                                               f"activityType=REMOVE_CONTACTS_FROM_LISTS&data=Email+Address%0Ajo%40example.com&lists={LIST_URI}")),
    _case("L026", "variable missing inside another value", (request("", url="{{base_url}}/lists", method="GET"),
                                                           request("", url="{{base_url}}/lists", method="GET")),
          bad_variables={"base_url": "https://api.constantcontact.com/ws/customers/{{username}}"},
          good_variables={"base_url": "https://api.constantcontact.com/ws/customers/{{username}}", "username": "joesflowers"}),
    _case("L028", "entry id of another account", _contact("<id>data:,none</id>",
                                                         "<id>http://api.constantcontact.com/ws/customers/someone/contacts/2</id>")),
    _case("L028", "activity lists value of another account",
          (request(_FORM_LISTS.format(user="otheruser"), "/activities", headers=_FORM_HEADERS, kind=BodyKind.FORM),
           request(_FORM_LISTS.format(user="joesflowers"), "/activities", headers=_FORM_HEADERS, kind=BodyKind.FORM))),
    _case("L028", "multipart activity of another account's list",
          (request(_MULTIPART.replace("customers/joesflowers", "customers/otheruser"), "/activities",
                   headers=(Header("Content-Type", "multipart/form-data; boundary=XyZ"),), kind=BodyKind.FORM),
           request(_MULTIPART, "/activities", headers=(Header("Content-Type", "multipart/form-data; boundary=XyZ"),),
                   kind=BodyKind.FORM))),
    _case("L031", "multipart body sent as Atom (casebook T2)",
          (request(_MULTIPART, "/activities", headers=(Header("Content-Type", "application/atom+xml"),), kind=BodyKind.FORM),
           request(_MULTIPART, "/activities", headers=(Header("Content-Type", "multipart/form-data; boundary=XyZ"),),
                   kind=BodyKind.FORM))),
    _case("L031", "multipart body with another boundary",
          (request(_MULTIPART, "/activities", headers=(Header("Content-Type", "multipart/form-data; boundary=abc"),),
                   kind=BodyKind.FORM),
           request(_MULTIPART, "/activities", headers=(Header("Content-Type", 'multipart/form-data; boundary="XyZ"'),),
                   kind=BodyKind.FORM))),
    _case("L032", "curly quotes around an attribute value",
          (request(mutate(CONTACT, '<entry xmlns="http://www.w3.org/2005/Atom">', "<entry xmlns=\u201chttp://www.w3.org/2005/Atom\u201d>")),
           request(mutate(CONTACT, "<EmailAddress>", "<EmailAddress>\u201cquoted\u201d ")))),
    _case("L032", "no-break space between attributes",
          (request(mutate(CONTACT, '<content type="application/vnd.ctct+xml">', '<content\u00a0type="application/vnd.ctct+xml">')),
           request(mutate(CONTACT, "<EmailAddress>", "<EmailAddress>\u00a0")))),
    _case("L033", "indentation stripped by a forum",
          (request("\n".join(line.lstrip() for line in corpus_text(CONTACT).splitlines())), _CLEAN_XML)),
    _case("L029", "single quotes", (request("{'a': 1}", url=_V3, kind=BodyKind.JSON), request('{"a": 1}', url=_V3, kind=BodyKind.JSON))),
    _case("L029", "unquoted placeholder is fine, trailing comma is not",
          (request('{"count": {{n}},}', url=_V3, kind=BodyKind.JSON), request('{"count": {{n}}}', url=_V3, kind=BodyKind.JSON))),
]
