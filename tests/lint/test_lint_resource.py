"""URL classification decides which rules run; placeholders and line maps behave at the edges."""

from __future__ import annotations

import pytest

from ctct_desktop.core.models import Header
from ctct_desktop.lint.placeholders import find_placeholders, missing_names, resolve_outside_body
from ctct_desktop.lint.resource import classify
from ctct_desktop.lint.textmap import LineIndex


@pytest.mark.parametrize("url, api, kind, user, item", [
    ("https://api.constantcontact.com/ws/customers/joesflowers/contacts", "v1", "contacts", "joesflowers", None),
    ("https://api.constantcontact.com/ws/customers/joesflowers/contacts/2?x=1", "v1", "contacts", "joesflowers", "2"),
    ("http://127.0.0.1:8089/ws/customers/demo/campaigns/11/schedules", "v1", "schedules", "demo", None),
    ("http://127.0.0.1:8089/ws/customers/demo/campaigns/11/schedules/1", "v1", "schedules", "demo", "1"),
    ("https://api.constantcontact.com/ws/customers/joe%20smith/lists", "v1", "lists", "joe smith", None),
    ("https://api.constantcontact.com/ws/customers/joe/settings/emailaddresses", "v1", "settings", "joe", "emailaddresses"),
    ("https://api.constantcontact.com/v2/contacts?api_key=x", "v2", "contacts", None, None),
    ("https://api.cc.email/v3/contacts/sign_up_form", "v3", "contacts", None, None),
    ("not a url", "", "", None, None),
    ("http://[::1", "", "", None, None),
])
def test_classify(url: str, api: str, kind: str, user: str | None, item: str | None) -> None:
    target = classify(url)
    assert (target.api, target.kind, target.username, target.item_id) == (api, kind, user, item)
    if target.username_start is not None:
        assert url[target.username_start:].startswith(target.username_raw or "")


def test_placeholders() -> None:
    text = "{{base_url}}/contacts?email={{ email }}&x={{$uuid}}&y={{nope&z=\\{{escaped}}"
    assert [(p.name, text[p.start:p.end]) for p in find_placeholders(text)] == [
        ("base_url", "{{base_url}}"), ("email", "{{ email }}"), ("$uuid", "{{$uuid}}")]
    variables = {"base_url": "https://x/ws/customers/{{user}}", "email": "a+b@x.com"}
    assert missing_names(text, variables) == ("user",)
    assert missing_names(text, variables | {"user": "joe"}) == ()


def test_outside_body_resolution_encodes_query_values_and_keeps_the_body() -> None:
    from tests.lint.support import request

    req = request("<a>{{email}}</a>", url="{{base}}/contacts?email={{email}}",
                  headers=(Header("X-User", "{{user}}"),))
    resolved = resolve_outside_body(req, {"base": "https://h/ws/customers/{{user}}", "user": "joe", "email": "a+b@x.com"})
    assert resolved.url == "https://h/ws/customers/joe/contacts?email=a%2Bb%40x.com"
    assert resolved.headers[0].value == "joe" and resolved.body == "<a>{{email}}</a>"
    assert resolve_outside_body(req, None) is req


def test_line_index_round_trips() -> None:
    text = "ab\r\ncd\n\nlast"
    index = LineIndex(text)
    for offset in range(len(text) + 1):
        line, column = index.position(offset)
        if text[offset - 1:offset] != "\r":
            assert index.offset(line, column) == offset
    assert index.position(len(text) + 50) == (4, 5) and index.line_end(1) == 2 and index.line_count == 4


def test_utf16_offsets_for_qt() -> None:
    from ctct_desktop.lint import utf16_offset

    text = "a\U0001F600b\u00e9c"
    assert [utf16_offset(text, i) for i in range(len(text) + 1)] == [0, 1, 3, 4, 5, 6]
    assert utf16_offset("plain", 99) == 5
