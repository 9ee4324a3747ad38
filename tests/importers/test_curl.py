"""curl command lines: bash, Windows cmd and PowerShell quoting, options, several commands."""

from __future__ import annotations

import pytest

from ctct_desktop.core.models import AuthKind, BodyKind
from ctct_desktop.importers import import_text
from ctct_desktop.importers.curl import import_curl
from tests.importers.support import assert_no_secret_outside_auth, fixture


def test_docs_style_paste_gives_two_requests_with_v1_auth() -> None:
    result = import_text(fixture("ctct_docs_create_contact.sh"))
    assert result.format == "curl" and len(result.requests) == 2
    create, search = (r.request for r in result.requests)
    assert create.method == "POST"
    assert create.url == "https://api.constantcontact.com/ws/customers/joesflowers/contacts"
    assert create.body_kind is BodyKind.XML and create.body.startswith('<?xml version="1.0"')
    assert create.body.rstrip().endswith("</entry>") and "\n  <content" in create.body
    assert create.auth.kind is AuthKind.CTCT_BASIC
    assert (create.auth.api_key, create.auth.username, create.auth.password) == (
        "{{CTCT_API_KEY}}", "joesflowers", "{{CTCT_PASSWORD}}")
    assert any("$CTCT_PASSWORD is set elsewhere" in note for note in result.requests[0].notes)
    assert search.method == "GET" and search.body == ""
    assert search.url.endswith("/contacts?email=jo%2Btest%40example.com")
    assert search.auth.password == "s3cretPW" and search.auth.api_key == "ak_1234abcd"
    assert_no_secret_outside_auth(result)


def test_windows_cmd_caret_continuations_and_quotes() -> None:
    result = import_text(fixture("windows_cmd.txt"))
    assert "\r\n" in fixture("windows_cmd.txt")
    (imported,) = result.requests
    request = imported.request
    assert request.url == "https://api.constantcontact.com/ws/customers/joesflowers/lists"
    assert [(h.name, h.value) for h in request.headers] == [("Accept", "application/atom+xml")]
    assert request.auth.username == "joesflowers" and request.auth.password == "s3cretPW"
    assert request.verify_tls is False and any("-k" in note for note in imported.notes)


def test_chrome_copy_as_curl_cmd_with_caret_quotes() -> None:
    text = ('curl ^"https://api.constantcontact.com/ws/customers/joe/lists^" ^\r\n'
            '  -H ^"accept: */*^" ^\r\n  --data-raw ^"a=1^&b=2^" ^\r\n  --compressed')
    (imported,) = import_curl(text).requests
    assert imported.request.url == "https://api.constantcontact.com/ws/customers/joe/lists"
    assert imported.request.body == "a=1&b=2" and imported.request.method == "POST"
    assert imported.request.headers[0].value == "*/*"


def test_powershell_backticks_and_curl_exe() -> None:
    (imported,) = import_text(fixture("powershell.txt")).requests
    request = imported.request
    assert request.method == "PUT" and request.url.endswith("/contacts/1")
    assert request.body.startswith("<entry") and request.auth.password == "{{CTCT_PASSWORD}}"


@pytest.mark.parametrize(("args", "method", "url", "body"), [
    ("-X PATCH https://h/x", "PATCH", "https://h/x", ""),
    ("-XDELETE https://h/x", "DELETE", "https://h/x", ""),
    ("https://h/x -d a=1 -d b=2", "POST", "https://h/x", "a=1&b=2"),
    ("-G https://h/x -d a=1 --data-urlencode 'e=a b+c'", "GET", "https://h/x?a=1&e=a+b%2Bc", ""),
    ("--url https://h/x -I", "HEAD", "https://h/x", ""),
    ("h.example/x", "GET", "http://h.example/x", ""),
    ("--data-urlencode '=x&y' https://h/x", "POST", "https://h/x", "x%26y"),
])
def test_options(args: str, method: str, url: str, body: str) -> None:
    (imported,) = import_curl("curl " + args).requests
    assert (imported.request.method, imported.request.url, imported.request.body) == (method, url, body)


def test_form_fields_become_multipart_and_files_are_noted() -> None:
    (imported,) = import_curl("curl -F activityType=SV_ADD -F 'data=<contacts.csv' https://h/activities").requests
    request = imported.request
    assert request.body_kind is BodyKind.FORM
    assert request.header("Content-Type", ).startswith("multipart/form-data; boundary=")
    assert 'name="activityType"\r\n\r\nSV_ADD\r\n' in request.body
    assert any("contacts.csv" in note and "not imported" in note for note in imported.notes)


def test_cookie_is_noted_not_imported() -> None:
    (imported,) = import_curl("curl -b 'JSESSIONID=abc' https://h/x").requests
    assert imported.request.headers == ()
    assert "-b cookie not imported" in " ".join(imported.notes)
    assert "abc" not in " ".join(imported.notes)


def test_authorization_header_moves_into_auth_fields() -> None:
    (imported,) = import_curl('curl -H "Authorization: Basic YWslam9lOnB3" https://h/x').requests
    assert imported.request.headers == ()
    auth = imported.request.auth
    assert (auth.kind, auth.api_key, auth.username, auth.password) == (AuthKind.CTCT_BASIC, "ak", "joe", "pw")


def test_xml_data_without_content_type_is_sent_as_curl_sends_it() -> None:
    (imported,) = import_curl("curl -d '<entry/>' https://api.constantcontact.com/ws/customers/joe/contacts").requests
    assert imported.request.header("Content-Type") == "application/x-www-form-urlencoded"
    assert imported.request.body_kind is BodyKind.XML
    assert any("x-www-form-urlencoded" in note for note in imported.notes)


def test_unknown_option_and_data_file_are_noted() -> None:
    (imported,) = import_curl("curl --frobnicate -d @body.xml https://h/x").requests
    notes = " ".join(imported.notes)
    assert "--frobnicate" in notes and "body.xml" in notes


@pytest.mark.parametrize("text", ["", "curl", "curl -X POST", "echo hello", "curl 'unclosed"])
def test_nothing_importable_is_an_error_not_an_exception(text: str) -> None:
    result = import_curl(text)
    if text == "curl 'unclosed":
        assert result.requests[0].request.url == "http://unclosed"
    else:
        assert not result.ok and result.error
