from __future__ import annotations

import base64
from datetime import datetime, timezone

from ctct_desktop.core.models import (Auth, AuthKind, BodyKind, Exchange, FailureKind, Header, RequestModel,
                                      ResponseRecord, TransportFailure)
from ctct_desktop.core.redaction import MASK
from ctct_desktop.send.export import as_curl, exchange_report

AUTH = Auth(AuthKind.CTCT_BASIC, username="joesflowers", api_key="key-abc-123", password="pw-xyz-789")
REQUEST = RequestModel(method="POST", url="https://api.constantcontact.com/ws/customers/joesflowers/contacts",
                       headers=(Header("Accept", "application/atom+xml"),), body="<entry/>",
                       body_kind=BodyKind.XML, auth=AUTH)
SECRETS = ("key-abc-123", "pw-xyz-789", "key-abc-123%joesflowers:pw-xyz-789")


def _leaks(text: str) -> list[str]:
    found = []
    for secret in SECRETS:
        for variant in (secret, base64.b64encode(secret.encode()).decode()):
            if variant in text:
                found.append(variant)
    return found


def test_report_has_both_sides_and_no_secret() -> None:
    response = ResponseRecord(409, "Conflict", "HTTP/1.1", (("Content-Type", "text/plain"),),
                              b"Error 409: exists; echoed pw-xyz-789", REQUEST.url, 27.0)
    text = exchange_report(Exchange(REQUEST, response, sent_url=REQUEST.url), SECRETS,
                           explanations=["409 Conflict", "Search, GET, then PUT."],
                           now=datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc))
    assert "POST https://api.constantcontact.com/ws/customers/joesflowers/contacts" in text
    assert "Content-Type: application/atom+xml" in text and f"Authorization: Basic {MASK}" in text
    assert "HTTP/1.1 409 Conflict" in text and "Error 409: exists" in text
    assert "== Explanation" in text and "2026-01-02 03:04:05 UTC" in text
    assert _leaks(text) == []


def test_report_of_a_failure() -> None:
    failure = TransportFailure(FailureKind.REFUSED, "refused", "ConnectionRefusedError")
    text = exchange_report(Exchange(REQUEST, failure=failure), SECRETS)
    assert "No response: refused" in text and _leaks(text) == []


def test_curl_masks_secrets_and_keeps_the_shape() -> None:
    command = as_curl(REQUEST.with_changes(url=REQUEST.url + "?api_key=live-key-1"), SECRETS)
    assert command.startswith("curl -X POST ")
    assert "live-key-1" not in command and _leaks(command) == []
    assert "'Content-Type: application/atom+xml'" in command and "--data-binary '<entry/>'" in command
