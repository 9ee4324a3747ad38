"""Builders of realistic exchanges for the history tests (no tests here; imported by them)."""

from __future__ import annotations

import base64

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

PASSWORD = "hunter2-Passw0rd"
API_KEY = "ak-5f2c9e71d04b"
TOKEN = "tok-9a8b7c6d5e4f"
BASE = "http://127.0.0.1:8765/ws/customers/joe"

CONTACT_XML = (
    '<entry xmlns="http://www.w3.org/2005/Atom"><content type="application/vnd.ctct+xml">'
    '<Contact xmlns="http://ws.constantcontact.com/ns/1.0/"><EmailAddress>jane.doe@example.com'
    "</EmailAddress><OptInSource>ACTION_BY_CUSTOMER</OptInSource></Contact></content></entry>"
)


def ctct_request(method: str = "POST", path: str = "/contacts", body: str = CONTACT_XML) -> RequestModel:
    return RequestModel(
        method=method,
        url=BASE + path,
        headers=(Header("Content-Type", "application/atom+xml"), Header("Accept", "application/atom+xml")),
        body=body,
        body_kind=BodyKind.XML if body else BodyKind.NONE,
        auth=Auth(AuthKind.CTCT_BASIC, username="joe", password=PASSWORD, api_key=API_KEY),
    )


def response(status: int, body: bytes = b"", headers: tuple[tuple[str, str], ...] = (),
             reason: str = "") -> ResponseRecord:
    return ResponseRecord(status, reason or "Reason", "HTTP/1.1",
                          (("Content-Type", "application/atom+xml"), *headers), body, "", 12.5)


def exchange(status: int = 201, method: str = "POST", path: str = "/contacts",
             request_body: str = CONTACT_XML, response_body: bytes = b"<entry/>") -> Exchange:
    request = ctct_request(method, path, request_body)
    return Exchange(request, response(status, response_body), None, request.url)


def failed_exchange(kind: FailureKind = FailureKind.REFUSED, message: str = "Connection refused") -> Exchange:
    request = ctct_request("GET", "/lists", "")
    return Exchange(request, None, TransportFailure(kind, message, "ConnectError: [Errno 111]"), request.url)


def basic_pair_b64() -> str:
    return base64.b64encode(f"{API_KEY}%joe:{PASSWORD}".encode()).decode()
