"""The reviewed request the fixture files were generated from (tests/snippets/fixtures/)."""

from __future__ import annotations

from ctct_desktop.core.models import Auth, AuthKind, BodyKind, Header, RequestModel

FIXTURE_BODY = """<?xml version="1.0" encoding="UTF-8"?>
<entry xmlns="http://www.w3.org/2005/Atom">
  <title type="text">Joe's "50% off" & more</title>
  <content type="application/vnd.ctct+xml">
    <Contact xmlns="http://ws.constantcontact.com/ns/1.0/">
      <FirstName>Zoë $HOME `id` \\ ^&amp; (1) | 😀</FirstName>
    </Contact>
  </content>
</entry>
"""

FIXTURE_REQUEST = RequestModel(
    "POST", "{{base_url}}/contacts?email=joe%2Broses%40example.com",
    (Header("Content-Type", "application/atom+xml"), Header("Accept", "application/atom+xml"),
     Header("X-Note", 'say "hi" \\ 100% & <more>'), Header("X-Off", "not sent", enabled=False)),
    FIXTURE_BODY, BodyKind.XML,
    Auth(AuthKind.CTCT_BASIC, "{{username}}", "{{password}}", "{{api_key}}"))
