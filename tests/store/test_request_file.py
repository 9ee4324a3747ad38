"""Saved request files: exact round-trip, stable text, no secrets, clear errors, migrations."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctct_desktop.core.models import Auth, AuthKind, BodyKind, Header, RequestModel
from ctct_desktop.store.request_file import (
    RequestFileError,
    SavedRequest,
    dump_request,
    load_request,
    parse_request,
    save_request,
)

XML_BODY = ('<?xml version="1.0" encoding="UTF-8"?>\n<entry xmlns="http://www.w3.org/2005/Atom">\n'
            "  <id>data:,none</id>\n</entry>\n")


def _saved(**changes: object) -> SavedRequest:
    request = RequestModel(method="POST", url="{{base_url}}/contacts",
                           headers=(Header("Content-Type", "application/atom+xml"), Header("X-Off", "1", False)),
                           body=XML_BODY, body_kind=BodyKind.XML,
                           auth=Auth(AuthKind.CTCT_BASIC, username="{{username}}", api_key="{{api_key}}",
                                     password="{{password}}"))
    return SavedRequest("Create contact", "When to use it.", request.with_changes(**changes))


def test_round_trip_is_exact_and_file_is_readable(tmp_path: Path) -> None:
    saved = _saved()
    path = tmp_path / "Create contact.ctct.toml"
    save_request(path, saved)
    back = load_request(path)
    assert back.request == saved.request
    assert (back.name, back.description, back.path) == (saved.name, saved.description, path)
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "format = 2"
    # the XML body is written line by line, so a diff shows the one line that changed
    assert "\n  <id>data:,none</id>\n" in text
    assert text == dump_request(saved)  # same input, same bytes: no timestamps or ids of the moment


def test_key_order_is_stable() -> None:
    keys = [line.split(" = ")[0] for line in dump_request(_saved()).splitlines() if " = " in line][:10]
    assert keys == ["format", "name", "description", "method", "url", "timeout_s", "verify_tls",
                    "follow_redirects", "body_kind", "body"]


def test_literal_secrets_are_never_written(tmp_path: Path) -> None:
    saved = _saved(auth=Auth(AuthKind.CTCT_BASIC, username="joe", password="hunter2", api_key="key-123",
                             token="tok-456"))
    text = dump_request(saved)
    for secret in ("hunter2", "key-123", "tok-456"):
        assert secret not in text
    auth = tomllib.loads(text)["auth"]
    assert auth == {"kind": "ctct-basic", "username": "joe"}
    stored = save_request(tmp_path / "x.ctct.toml", saved)
    assert stored.request.auth.password == "" and stored.request.auth.api_key == ""


def test_variable_references_for_secrets_are_written() -> None:
    auth = tomllib.loads(dump_request(_saved()))["auth"]
    assert auth["password"] == "{{password}}" and auth["api_key"] == "{{api_key}}"
    mixed = _saved(auth=Auth(AuthKind.BEARER, token="Bearer {{token}}"))
    assert "token" not in tomllib.loads(dump_request(mixed)).get("auth", {})


def test_reader_ignores_a_hand_written_literal_secret_with_a_note() -> None:
    text = 'format = 1\nmethod = "GET"\nurl = "https://h/"\n[auth]\nkind = "basic"\nusername = "u"\npassword = "pw"\n'
    saved = parse_request(text)
    assert saved.request.auth.password == ""
    assert any("literal secret" in n for n in saved.notes)


@pytest.mark.parametrize("text, reason", [
    ("format = 1\nmethod = [", "not valid TOML"),
    ("format = 9\n", "newer CTCT Desktop"),
    ("format = 1\nbody_kind = \"yaml\"\n", "body_kind"),
    ("format = 1\n[auth]\nkind = \"magic\"\n", "auth.kind"),
    ("format = 1\ntimeout_s = 0\n", "timeout_s"),
    ("format = 1\ntimeout_s = true\n", "timeout_s"),
    ("format = 1\nurl = 5\n", "'url' must be text"),
    ("format = 1\nheaders = [1]\n", "header 1"),
    ("format = 1\n[[headers]]\nname = \"A\"\nenabled = \"yes\"\n", "'enabled' must be true or false"),
    ("format = -1\n", "not a valid format"),
    ("format = \"one\"\n", "'format' must be a whole number"),
])
def test_malformed_files_raise_one_clear_error(text: str, reason: str) -> None:
    with pytest.raises(RequestFileError) as info:
        parse_request(text, Path("x.ctct.toml"))
    assert reason in info.value.reason
    assert str(info.value).startswith("x.ctct.toml: ")


def test_unreadable_files_report_path_and_reason(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ctct.toml"
    bad.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(RequestFileError, match="not UTF-8"):
        load_request(bad)
    with pytest.raises(RequestFileError, match="No such file"):
        load_request(tmp_path / "missing.ctct.toml")


def test_version_zero_hand_written_file_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "Quick check.ctct.toml"
    path.write_text('method = "POST"\nurl = "https://h/x"\nbody = "<a/>"\n'
                    '[headers]\nContent-Type = "application/atom+xml"\nAccept = "*/*"\n', encoding="utf-8")
    saved = load_request(path)
    assert saved.name == "Quick check"
    assert saved.request.headers == (Header("Content-Type", "application/atom+xml"), Header("Accept", "*/*"))
    assert saved.request.body_kind is BodyKind.XML
    assert any("upgraded from format 0" in n for n in saved.notes)
    save_request(path, saved)
    assert load_request(path).request == saved.request
    assert path.read_text(encoding="utf-8").startswith("format = 2\n")


def test_parser_never_raises_anything_but_request_file_error() -> None:
    for text in ["", "a = 1", "[[headers]]\n[[headers]]\nname=1", "format = 1e3", "auth = 3", "headers = {}",
                 "format = 1\n[auth]\npassword = 5", "\x00"]:
        try:
            parse_request(text)
        except RequestFileError:
            pass


# Any text a user can type or paste: all of Unicode's scalar values, heavy on the awkward ones.
AWKWARD = st.sampled_from(["'", "'''", '"', '"""', "\\", "\r\n", "\r", "\n", "\t", " ", "\x00", "\x7f",
                           "\x1b", "\u2028", "é", "🌷", "{{x}}", "\\u0041", "$", "#", "[a]"])
TEXT = st.lists(st.one_of(AWKWARD, st.text(max_size=5)), max_size=25).map("".join)


@settings(max_examples=400, deadline=None)
@given(body=TEXT, name=TEXT, description=TEXT, url=TEXT, header_value=TEXT,
       kind=st.sampled_from(list(BodyKind)), timeout=st.floats(min_value=0.001, max_value=1e6))
def test_any_body_round_trips_exactly(body: str, name: str, description: str, url: str, header_value: str,
                                      kind: BodyKind, timeout: float) -> None:
    saved = SavedRequest(name, description,
                         RequestModel(method="PATCH", url=url, headers=(Header(name, header_value, False),),
                                      body=body, body_kind=kind, timeout_s=timeout,
                                      auth=Auth(AuthKind.BASIC, username=header_value)))
    text = dump_request(saved)
    back = parse_request(text)
    assert back.request == saved.request
    assert back.description == description
    assert back.name == name
    assert dump_request(back) == text


def test_literal_secret_parameters_are_saved_as_references(tmp_path: Path) -> None:

    request = RequestModel(method="POST", url="https://api.constantcontact.com/v2/contacts?api_key=LIVE-KEY-123&limit=5",
                           body="grant_type=authorization_code&client_secret=SECRET-456&code={{code}}",
                           body_kind=BodyKind.FORM)
    path = tmp_path / "r.ctct.toml"
    save_request(path, SavedRequest("r", "", request))
    text = path.read_text()
    assert "LIVE-KEY-123" not in text and "SECRET-456" not in text
    loaded = load_request(path).request
    assert loaded.url.endswith("?api_key={{api_key}}&limit=5")
    assert loaded.body == "grant_type=authorization_code&client_secret={{client_secret}}&code={{code}}"


def test_literal_secret_headers_are_saved_as_references(tmp_path: Path) -> None:
    request = RequestModel(url="https://x/", headers=(Header("Authorization", "Basic a2V5OnB3"),
                                                       Header("X-Api-Key", "live-123"),
                                                       Header("Authorization", "Bearer {{token}}"),
                                                       Header("Accept", "application/atom+xml")))
    path = tmp_path / "h.ctct.toml"
    save_request(path, SavedRequest("h", "", request))
    text = path.read_text()
    assert "a2V5OnB3" not in text and "live-123" not in text
    values = [h.value for h in load_request(path).request.headers]
    assert values == ["Basic {{authorization}}", "{{x_api_key}}", "Bearer {{token}}", "application/atom+xml"]


# A request file exactly as the first release that wrote them (commit c4a89eb) wrote it: format 1.
FIRST_RELEASE = """format = 1
name = "Create contact"
description = "Add one contact."
method = "POST"
url = "{{base_url}}/contacts"
timeout_s = 30.0
verify_tls = true
follow_redirects = false
body_kind = "xml"
body = '''
<entry xmlns="http://www.w3.org/2005/Atom">
  <id>data:,none</id>
</entry>
'''

[auth]
kind = "ctct-basic"
username = "{{username}}"
password = "{{password}}"
api_key = "{{api_key}}"

[[headers]]
name = "Content-Type"
value = "application/atom+xml"
enabled = true
"""


def test_the_first_releases_file_reads_and_saves_byte_for_byte_but_its_number(tmp_path: Path) -> None:
    path = tmp_path / "Create contact.ctct.toml"
    path.write_text(FIRST_RELEASE, encoding="utf-8")
    saved = load_request(path)
    assert saved.notes == ("upgraded from format 1 to 2",)
    assert saved.check_lines is not None and saved.check_lines.empty
    assert saved.request.auth == Auth(AuthKind.CTCT_BASIC, username="{{username}}", password="{{password}}",
                                      api_key="{{api_key}}")
    assert saved.request.body.startswith('<entry xmlns="http://www.w3.org/2005/Atom">\n  <id>')
    save_request(path, saved)
    assert path.read_text(encoding="utf-8") == FIRST_RELEASE.replace("format = 1\n", "format = 2\n", 1)
