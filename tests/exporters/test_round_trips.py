"""Export → import gives the same requests: Postman v2.1 and HAR 1.2, for a collection with folders,
XML, JSON and form bodies and each auth kind. Secrets never travel; they come back as {{references}}."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from ctct_desktop.core.models import Auth, AuthKind, BodyKind, Exchange, Header, RequestModel, ResponseRecord
from ctct_desktop.exporters import ExportItem, har_text, postman_text
from ctct_desktop.importers.har import import_har
from ctct_desktop.importers.postman import import_postman

SECRETS = ("pw-literal-1", "key-literal-2", "token-literal-3")
BASE = "https://api.constantcontact.com/ws/customers/joesflowers"
ATOM = Header("Content-Type", "application/atom+xml")
XML_BODY = '<entry xmlns="http://www.w3.org/2005/Atom">\n  <title type="text"> </title>\n</entry>'

COLLECTION = (
    ExportItem("Create contact", RequestModel(
        "POST", f"{BASE}/contacts", (ATOM, Header("Accept", "application/atom+xml")), XML_BODY, BodyKind.XML,
        Auth(AuthKind.CTCT_BASIC, "joesflowers", "pw-literal-1", "key-literal-2")), ("v1", "Contacts")),
    ExportItem("Bulk add", RequestModel(
        "POST", f"{BASE}/activities", (Header("Content-Type", "application/x-www-form-urlencoded"),),
        "activityType=SV_ADD&data=Email+Address%0Ajo%40example.com&lists=" + "http%3A%2F%2Fx%2Flists%2F1",
        BodyKind.FORM, Auth(AuthKind.BASIC, "joesflowers", "pw-literal-1")), ("v1", "Activities")),
    ExportItem("Create contact v3", RequestModel(
        "POST", "https://api.cc.email/v3/contacts?include=custom_fields", (Header("Content-Type", "application/json"),),
        '{"email_address": {"address": "jo@example.com"}}', BodyKind.JSON,
        Auth(AuthKind.BEARER, token="token-literal-3")), ("v3",)),
    ExportItem("Lists", RequestModel("GET", f"{BASE}/lists", (Header("Accept", "application/atom+xml"),),
                                     auth=Auth(AuthKind.CTCT_BASIC, "joesflowers", "{{password}}", "{{api_key}}"))),
    ExportItem("Ping", RequestModel("GET", "https://example.com/ping")),
)


@dataclass(frozen=True)
class Shape:
    """What must survive a round trip: the request as the API sees it, auth without its secrets."""

    method: str
    url: str
    headers: tuple[tuple[str, str], ...]
    body_kind: BodyKind
    body: str
    auth: tuple[str, str, str, str, str]  # kind, username, password, api_key, token (references only)


def _reference(value: str, name: str) -> str:
    return value if value.startswith("{{") else ("{{" + name + "}}" if value else "")


def shape(request: RequestModel) -> Shape:
    auth = request.auth
    secrets = (_reference(auth.password, "password"), _reference(auth.api_key, "api_key"),
               _reference(auth.token, "access_token"))
    return Shape(request.method, request.url,
                 tuple((h.name.lower(), h.value) for h in request.headers if h.name.lower() != "authorization"),
                 request.body_kind, request.body,
                 (auth.kind.value, auth.username, *secrets))


def test_postman_export_then_import_gives_the_same_requests() -> None:
    text = postman_text("Round trip", COLLECTION, {"base_url": BASE})
    for secret in SECRETS:
        assert secret not in text
    result = import_postman(text)
    assert not result.error, result.error
    assert [(r.name, r.folder) for r in result.requests] == [(i.name, i.folder) for i in COLLECTION]
    for item, imported in zip(COLLECTION, result.requests, strict=True):
        assert shape(imported.request) == shape(item.request), item.name
    assert ("base_url", BASE) in result.variables


@pytest.mark.parametrize("recorded", [False, True])
def test_har_export_then_import_gives_the_same_requests(recorded: bool) -> None:
    """A HAR carries no Authorization header (it would be the secret itself); the auth kind, the user
    and the secrets' {{references}} travel in the entry's ``_auth`` field (HAR 1.2 custom field)."""
    response = ResponseRecord(201, "Created", "HTTP/1.1", (("Content-Type", "application/atom+xml"),),
                              b"<entry/>", "", 12.5)
    items: list[RequestModel | Exchange] = [
        Exchange(i.request, response, sent_url=i.request.url) if recorded else i.request for i in COLLECTION]
    text = har_text(items)
    for secret in SECRETS:
        assert secret not in text
    result = import_har(text)
    assert not result.error, result.error
    assert len(result.requests) == len(COLLECTION)
    for item, imported in zip(COLLECTION, result.requests, strict=True):
        assert shape(imported.request) == shape(item.request), item.name
        if recorded:
            assert imported.response is not None and imported.response.status == 201
            assert imported.response.body == b"<entry/>"
