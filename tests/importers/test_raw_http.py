"""Raw HTTP request text (Fiddler, Charles, logs); and the XML repairs its forum-damaged body is offered."""

from __future__ import annotations

import pytest

from ctct_desktop.core.models import AuthKind, BodyKind
from ctct_desktop.importers import import_text
from ctct_desktop.importers.raw_http import import_raw_http
from ctct_desktop.lint import lint_request
from ctct_desktop.lint.model import Fix
from tests.importers.support import assert_no_secret_outside_auth, fixture


def test_fiddler_request_with_host_and_crlf() -> None:
    result = import_text(fixture("fiddler_raw.txt"))
    assert result.format == "http"
    (imported,) = result.requests
    request = imported.request
    assert request.method == "POST"
    assert request.url == "https://api.constantcontact.com/ws/customers/joesflowers/contacts"
    assert [h.name for h in request.headers] == ["Content-Type", "User-Agent"]  # Host, Length, Connection dropped
    assert request.auth.kind is AuthKind.CTCT_BASIC and request.auth.password == "s3cretPW"
    assert request.body.startswith('?xml version="1.0"') and request.body.endswith("</entry>")
    assert request.body_kind is BodyKind.XML
    assert_no_secret_outside_auth(result)


def test_forum_damage_in_the_body_is_offered_as_fixes_not_changed() -> None:
    (imported,) = import_text(fixture("fiddler_raw.txt")).requests
    request = imported.request
    assert 'xmlns=""' in request.body and "&nbsp;" in request.body  # the import changes nothing
    found = {d.code: d for d in lint_request(request)}
    assert "L027" in found and isinstance(found["L027"].fix, Fix)
    repaired = found["L027"].fix.apply(request)
    assert repaired.body.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    for _ in range(4):  # apply each offered repair in turn, as a user would from the Problems panel
        fixes = [d.fix for d in lint_request(repaired) if d.fix and d.code in ("L001", "L021", "L027", "L032")]
        if not fixes:
            break
        repaired = fixes[0].apply(repaired)
    assert 'xmlns="http://www.w3.org/2005/Atom"' in repaired.body and "&#160;" in repaired.body


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_without_host_the_server_is_a_placeholder(newline: str) -> None:
    text = newline.join(["GET /ws/customers/joe/lists HTTP/1.1", "Accept: */*", "", ""])
    (imported,) = import_raw_http(text).requests
    assert imported.request.url == "https://{{host}}/ws/customers/joe/lists"
    assert any("no Host header" in note for note in imported.notes)


def test_absolute_target_and_body_kept_verbatim() -> None:
    text = "PUT http://localhost:8080/ws/customers/joe/contacts/1\r\nContent-Type: application/atom+xml\r\n\r\n<a>\r\n</a>"
    (imported,) = import_raw_http(text).requests
    assert imported.request.url == "http://localhost:8080/ws/customers/joe/contacts/1"
    assert imported.request.body == "<a>\r\n</a>" and imported.request.method == "PUT"


def test_not_a_request_line_is_an_error() -> None:
    assert import_raw_http("hello world").error
