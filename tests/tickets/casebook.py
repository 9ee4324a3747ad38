"""The five forum cases of the ticket casebook as ticket folders: what each customer sent.

Each builder writes the requests the customer had (their server, their account name, no secret:
a ticket never holds one) and the quirks that make the scratch account behave like theirs. The
bodies keep every defect the casebook names, since reproducing means sending them as they were.
"""

from __future__ import annotations

from pathlib import Path

from ctct_desktop.core.models import Auth, AuthKind, BodyKind, Header, RequestModel
from ctct_desktop.store.request_file import SavedRequest
from ctct_desktop.tickets.folder import add_request, new_ticket
from ctct_desktop.tickets.model import Ticket

SERVER = "https://api.constantcontact.com/ws/customers/acmeflowers"
ID_ROOT = "http://api.constantcontact.com/ws/customers/acmeflowers"
ATOM = (Header("Content-Type", "application/atom+xml"),)
V1_AUTH = Auth(AuthKind.CTCT_BASIC, username="acmeflowers")  # the customer's name; no secret kept


def _request(folder: Path, name: str, method: str, path: str, body: str = "",
             headers: tuple[Header, ...] = ATOM, kind: BodyKind = BodyKind.XML) -> None:
    model = RequestModel(method=method, url=SERVER + path, headers=headers if body else (), body=body,
                         body_kind=kind if body else BodyKind.NONE, auth=V1_AUTH)
    add_request(folder, SavedRequest(name, "", model))


T1_CAMPAIGN = f"""<entry xmlns="">
  <link href="/ws/customers/acmeflowers/campaigns/2" rel="edit"/>
  <id>{ID_ROOT}/campaigns/2</id>
  <title type="text">Valentine's Day Roses</title>
  <updated>2026-02-01T10:00:00.000Z</updated>
  <name>Constant Contact</name>
  <content type="application/vnd.ctct+xml">
    <Campaign xmlns="" id="">
      <Name>Valentine's Day Roses</Name>
      <Subject>Roses for your Valentine</Subject>
      <FromName>Joe's Flowers</FromName>
      <ViewAsWebpage>NO</ViewAsWebpage>
      <PermissionReminder>YES</PermissionReminder>
      <PermissionReminderText>You're receiving this email because of your relationship with Joe's Flowers.</PermissionReminderText>
      <GreetingSalutation>Dear</GreetingSalutation>
      <GreetingName>FirstName</GreetingName>
      <GreetingString>Greetings!</GreetingString>
      <OrganizationName>Joe's Flowers</OrganizationName>
      <OrganizationAddress1>123 Main Street</OrganizationAddress1>
      <OrganizationCity>Boston</OrganizationCity>
      <OrganizationState>MA</OrganizationState>
      <OrganizationCountry>US</OrganizationCountry>
      <OrganizationPostalCode>02108</OrganizationPostalCode>
      <IncludeForwardEmail>NO</IncludeForwardEmail>
      <ForwardEmailLinkText>Forward this email</ForwardEmailLinkText>
      <IncludeSubscribeLink>NO</IncludeSubscribeLink>
      <SubscribeLinkText>Subscribe me!</SubscribeLinkText>
      <EmailContentFormat>HTML</EmailContentFormat>
      <EmailTextContent>&lt;Text&gt;Roses for your Valentine.&lt;/Text&gt;</EmailTextContent>
      <ContactLists>
        <ContactList id="">
          <link xmlns="" href="/ws/customers/acmeflowers/lists/1" rel="self"/>
        </ContactList>
      </ContactLists>
      <FromEmail>
        <Email id="">
          <link xmlns="" href="/ws/customers/acmeflowers/settings/emailaddresses/1" rel="self"/>
        </Email>
        <EmailAddress>joesflowers@example.com</EmailAddress>
      </FromEmail>
      <ReplyToEmail>
        <Email id="">
          <link xmlns="" href="/ws/customers/acmeflowers/settings/emailaddresses/1" rel="self"/>
        </Email>
        <EmailAddress>joesflowers@example.com</EmailAddress>
      </ReplyToEmail>
    </Campaign>
  </content>
  <title>Campaigns for customer</title>
  <link href="campaigns"/>
</entry>
"""


def t1_fixed() -> str:
    """T1's body as it should have been: Atom namespace, ids filled, the author wrapper, no feed elements."""
    return T1_CAMPAIGN.replace('<entry xmlns="">', '<entry xmlns="http://www.w3.org/2005/Atom">') \
        .replace('<Campaign xmlns="" id="">',
                 f'<Campaign xmlns="http://ws.constantcontact.com/ns/1.0/" id="{ID_ROOT}/campaigns/2">') \
        .replace('<ContactList id="">', f'<ContactList id="{ID_ROOT}/lists/1">') \
        .replace('<Email id="">', f'<Email id="{ID_ROOT}/settings/emailaddresses/1">') \
        .replace('<link xmlns="" ', '<link xmlns="http://www.w3.org/2005/Atom" ') \
        .replace("<name>Constant Contact</name>", "<author><name>Constant Contact</name></author>") \
        .replace('  <title>Campaigns for customer</title>\n  <link href="campaigns"/>\n', "")


def t1(folder: Path) -> Path:
    """A STOCK campaign GET, edited and PUT back: the Atom-sections 400 (a server bug then)."""
    new_ticket(folder, Ticket("T1", "Campaign update: Error 400 in the common Atom sections", "acmeflowers",
                              quirks={"stock_campaign_update": "atom_sections_400"}))
    _request(folder, "Update campaign", "PUT", "/campaigns/2", T1_CAMPAIGN)
    return folder


T2_MULTIPART = ("--------------------------1c0ffee\r\n"
                'Content-Disposition: form-data; name="activityType"\r\n\r\n'
                "SV_ADD\r\n"
                "--------------------------1c0ffee\r\n"
                'Content-Disposition: form-data; name="data"\r\n\r\n'
                "Email Address\r\n"
                "--------------------------1c0ffee--\r\n")


def t2(folder: Path) -> Path:
    """PHP's array POSTFIELDS sent as multipart while the header claims Atom XML, on /activities."""
    new_ticket(folder, Ticket("T2", "PHP bulk import: errors in the common Atom sections on /activities",
                              "acmeflowers"))
    _request(folder, "Bulk add contacts", "POST", "/activities", T2_MULTIPART,
             (Header("Content-Type", "application/atom+xml"),), BodyKind.TEXT)
    return folder


T3_CAMPAIGN = f"""<?xml version="1.0" encoding="UTF-8"?>
<entry xmlns="http://www.w3.org/2005/Atom">
  <link href="/ws/customers/acmeflowers/campaigns" rel="edit"/>
  <id>data:,none</id>
  <title type="text">Spring newsletter</title>
  <updated>2010-09-28T05:22:42.000Z</updated>
  <author><name>Constant Contact</name></author>
  <content type="application/vnd.ctct+xml">
    <Campaign xmlns="http://ws.constantcontact.com/ns/1.0/" id="{ID_ROOT}/campaigns">
      <Name>Spring newsletter</Name>
      <Status>Draft</Status>
      <Date>2010-09-28T05:22:42 01:00</Date>
      <Subject>Spring is here</Subject>
      <FromName>Acme Flowers</FromName>
      <ViewAsWebpage>NO</ViewAsWebpage>
      <PermissionReminder>YES</PermissionReminder>
      <PermissionReminderText>You're receiving this email because you signed up.</PermissionReminderText>
      <GreetingSalutation>Dear</GreetingSalutation>
      <GreetingName>cmp_grt_name</GreetingName>
      <GreetingString>Greetings!</GreetingString>
      <OrganizationName>Acme Flowers</OrganizationName>
      <OrganizationAddress1>1 Main Street</OrganizationAddress1>
      <OrganizationCity>Boston</OrganizationCity>
      <OrganizationPostalCode>02108</OrganizationPostalCode>
      <IncludeForwardEmail>NO</IncludeForwardEmail>
      <IncludeSubscribeLink>NO</IncludeSubscribeLink>
      <EmailContentFormat>HTML</EmailContentFormat>
      <EmailContent>&lt;html&gt;&lt;body&gt;Spring is here&lt;/body&gt;&lt;/html&gt;</EmailContent>
      <EmailTextContent>&lt;Text&gt;Spring is here&lt;/Text&gt;</EmailTextContent>
      <ContactLists>
        <ContactList id="{ID_ROOT}/lists/1">
          <link xmlns="http://www.w3.org/2005/Atom" href="/ws/customers/acmeflowers/lists/1" rel="self"/>
        </ContactList>
      </ContactLists>
      <FromEmail>
        <Email id="{ID_ROOT}/settings/emailaddresses/1">
          <link xmlns="http://www.w3.org/2005/Atom" href="/ws/customers/acmeflowers/settings/emailaddresses/1" rel="self"/>
        </Email>
        <EmailAddress>joesflowers@example.com</EmailAddress>
      </FromEmail>
      <ReplyToEmail>
        <Email id="{ID_ROOT}/settings/emailaddresses/1">
          <link xmlns="http://www.w3.org/2005/Atom" href="/ws/customers/acmeflowers/settings/emailaddresses/1" rel="self"/>
        </Email>
        <EmailAddress>joesflowers@example.com</EmailAddress>
      </ReplyToEmail>
    </Campaign>
  </content>
</entry>
"""

T3_SCHEDULE = f"""<?xml version="1.0" encoding="UTF-8"?>
<entry xmlns="http://www.w3.org/2005/Atom">
  <link href="/ws/customers/acmeflowers/campaigns/1/schedules" rel="edit"/>
  <id>data:,none</id>
  <title type="text"></title>
  <updated>2010-09-28T05:22:42.000Z</updated>
  <author><name>Constant Contact</name></author>
  <content type="application/vnd.ctct+xml">
    <Schedule xmlns="http://ws.constantcontact.com/ns/1.0/" id="{ID_ROOT}/campaigns/1/schedules/1">
      <ScheduledTime>2030-10-01T13:00:00.000Z</ScheduledTime>
    </Schedule>
  </content>
</entry>
"""


def t3(folder: Path) -> Path:
    """Campaign create with an invalid GreetingName and no OrganizationState; then scheduling, 403."""
    new_ticket(folder, Ticket("T3", "Campaign create: 400, then scheduling: 403", "acmeflowers",
                              quirks={"scheduling_approved": "false"}))
    _request(folder, "Create campaign", "POST", "/campaigns", T3_CAMPAIGN)
    _request(folder, "Schedule campaign", "POST", "/campaigns/1/schedules", T3_SCHEDULE)
    return folder


# The forum showed the XML declaration without its angle brackets; what the customer sent had them
# (the importer offers that repair). The <name> outside <author> and the feed's elements were real.
T4_CONTACT = f"""<?xml version="1.0" encoding="UTF-8"?>
<entry xmlns="http://www.w3.org/2005/Atom">
  <id>{ID_ROOT}/contacts/391</id>
  <title type="text">Contact: kemi.dubois390@example.com</title>
  <updated>2026-02-01T10:00:00.000Z</updated>
  <name>Constant Contact</name>
  <content type="application/vnd.ctct+xml">
    <Contact xmlns="http://ws.constantcontact.com/ns/1.0/" id="{ID_ROOT}/contacts/391">
      <EmailAddress>kemi.dubois390@example.com</EmailAddress>
      <OptInSource>ACTION_BY_CUSTOMER</OptInSource>
      <ContactLists>
        <ContactList id="{ID_ROOT}/lists/1"/>
        <ContactList id="{ID_ROOT}/lists/4"/>
      </ContactLists>
    </Contact>
  </content>
  <title>Contacts for customer</title>
  <link href="contacts"/>
</entry>
"""


def t4(folder: Path) -> Path:
    """An owner's PUT that would re-subscribe a Do Not Mail contact: the O to S transition 400."""
    new_ticket(folder, Ticket("T4", "Contact update: Status transition from O to S is not allowed", "acmeflowers"))
    _request(folder, "Update contact", "PUT", "/contacts/391", T4_CONTACT)
    return folder


def t5_contact(email: str) -> str:
    return f"""<entry xmlns="http://www.w3.org/2005/Atom">
  <title type="text"> </title>
  <updated>2026-02-01T10:00:00.000Z</updated>
  <author></author>
  <id>data:,none</id>
  <summary type="text">Contact</summary>
  <content type="application/vnd.ctct+xml">
    <Contact xmlns="http://ws.constantcontact.com/ns/1.0/">Customer document
      <EmailAddress>{email}</EmailAddress>
      <FirstName></FirstName>
      <LastName></LastName>
      <CompanyName></CompanyName>
      <HomePhone></HomePhone>
      <Addr1></Addr1>
      <City></City>
      <StateCode></StateCode>
      <PostalCode></PostalCode>
      <Note></Note>
      <OptInSource>ACTION_BY_CONTACT</OptInSource>
      <ContactLists>
        <ContactList id="{ID_ROOT}/lists/1"/>
        <ContactList id="{ID_ROOT}/lists/4"/>
      </ContactLists>
    </Contact>
  </content>
</entry>
"""


def t5(folder: Path) -> Path:
    """A sign-up form's POST for an address already in the account (on the Removed list): 409."""
    new_ticket(folder, Ticket("T5", "Sign-up form: The requested URL returned error: 409", "acmeflowers"))
    _request(folder, "Sign up", "POST", "/contacts", t5_contact("kemi.dubois390@example.com"))
    return folder


CASES = {"T1": t1, "T2": t2, "T3": t3, "T4": t4, "T5": t5}
