"""core.variables: placeholders, escaping, scopes, nesting, encoding by context, dynamic values."""

from __future__ import annotations

import re
import uuid
from urllib.parse import unquote

from hypothesis import given, settings
from hypothesis import strategies as st

from ctct_desktop.core.models import Auth, AuthKind, BodyKind, Header, RequestModel
from ctct_desktop.core.variables import (
    dynamic_variable_names,
    find_placeholders,
    is_single_placeholder,
    preview_value,
    resolve_request,
    resolve_text,
)


def test_find_placeholders_positions_and_escapes() -> None:
    text = r"a {{x}} \{{y}} \\{{z}} {{ $uuid }} {{ not valid! }}"
    found = find_placeholders(text)
    assert [p.name for p in found] == ["x", "z", "$uuid"]
    for p in found:
        assert text[p.start:p.end].startswith("{{") and text[p.start:p.end].endswith("}}")
    assert found[2].is_dynamic and not found[0].is_dynamic


def test_escaped_braces_become_literal_and_double_backslash_keeps_one() -> None:
    text, unresolved = resolve_text(r"\{{name}} and \\{{name}}", [{"name": "V"}])
    assert text == r"{{name}} and \V"
    assert unresolved == ()


def test_scopes_first_match_wins_and_unresolved_are_listed_once() -> None:
    req = RequestModel(url="https://h/{{a}}/{{b}}/{{a}}/{{missing}}", body="{{missing}}",
                       body_kind=BodyKind.TEXT)
    res = resolve_request(req, [{"a": "cli"}, {"a": "env", "b": "env-b"}, {"b": "collection"}])
    assert res.request.url == "https://h/cli/env-b/cli/{{missing}}"
    assert res.request.body == "{{missing}}"
    assert res.unresolved == ("missing",)
    assert res.used == {"a": "cli", "b": "env-b"}


def test_nested_values_resolve_and_cycles_stop() -> None:
    scopes = [{"base_url": "https://api.example.com/ws/customers/{{username}}", "username": "joe",
               "a": "{{b}}", "b": "{{a}}"}]
    res = resolve_request(RequestModel(url="{{base_url}}/contacts?x={{a}}"), scopes)
    assert res.request.url.startswith("https://api.example.com/ws/customers/joe/contacts?x=")
    assert "a" in res.unresolved


def test_values_are_encoded_for_the_place_they_land() -> None:
    scopes = [{"email": "A+b@x.com", "tag": 'R&D "<1>"', "path": "p q"}]
    req = RequestModel(url="https://h/{{path}}?email={{email}}#{{path}}",
                       headers=(Header("X-Tag", "{{tag}}"),),
                       auth=Auth(AuthKind.BASIC, username="{{tag}}", password="{{tag}}"))
    url = resolve_request(req, scopes).request
    assert url.url == "https://h/p q?email=A%2Bb%40x.com#p q"
    assert url.headers[0].value == 'R&D "<1>"'
    assert url.auth.username == 'R&D "<1>"' and url.auth.password == 'R&D "<1>"'
    xml = resolve_request(RequestModel(body="<a t=\"{{tag}}\">{{tag}}</a>", body_kind=BodyKind.XML), scopes)
    assert xml.request.body == "<a t=\"R&amp;D &quot;&lt;1&gt;&quot;\">R&amp;D &quot;&lt;1&gt;&quot;</a>"
    js = resolve_request(RequestModel(body='{"t": "{{tag}}"}', body_kind=BodyKind.JSON), scopes)
    assert js.request.body == '{"t": "R&D \\"<1>\\""}'
    form = resolve_request(RequestModel(body="data={{email}}", body_kind=BodyKind.FORM), scopes)
    assert form.request.body == "data=A%2Bb%40x.com"
    text = resolve_request(RequestModel(body="{{tag}}", body_kind=BodyKind.TEXT), scopes)
    assert text.request.body == 'R&D "<1>"'


def test_disabled_headers_and_header_names_resolve_too() -> None:
    req = RequestModel(headers=(Header("{{h}}", "{{v}}", enabled=False),))
    res = resolve_request(req, [{"h": "X-A", "v": "1"}])
    assert res.request.headers == (Header("X-A", "1", enabled=False),)


def test_dynamic_variables_have_one_value_per_resolution() -> None:
    req = RequestModel(body="{{$uuid}} {{$uuid}} {{$unique_email}} {{$timestamp}} {{$isoTimestamp}} "
                            "{{$randomInt}}", body_kind=BodyKind.TEXT)
    first = resolve_request(req, []).request.body.split()
    assert first[0] == first[1]
    uuid.UUID(first[0])
    assert re.fullmatch(r"demo-[0-9a-f]{12}@example\.com", first[2])
    assert first[3].isdigit()
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", first[4])
    assert 0 <= int(first[5]) <= 1000
    second = resolve_request(req, []).request.body.split()
    assert second[0] != first[0] and second[2] != first[2]
    assert set(dynamic_variable_names()) == {"$uuid", "$timestamp", "$isoTimestamp", "$randomInt",
                                             "$unique_email"}


def test_a_scope_can_pin_a_dynamic_variable() -> None:
    res = resolve_request(RequestModel(url="https://h/{{$uuid}}"), [{"$uuid": "fixed"}])
    assert res.request.url == "https://h/fixed"


def test_preview_value_describes_dynamic_without_evaluating() -> None:
    assert preview_value("base", [{"base": "x/{{u}}", "u": "joe"}]) == "x/joe"
    assert preview_value("missing", [{}]) is None
    assert "UUID" in (preview_value("$uuid", []) or "")


def test_is_single_placeholder() -> None:
    assert is_single_placeholder("{{api_key}}")
    assert is_single_placeholder("{{ password }}")
    assert not is_single_placeholder("x{{api_key}}")
    assert not is_single_placeholder("{{a}}{{b}}")
    assert not is_single_placeholder("hunter2")
    assert not is_single_placeholder(r"\{{api_key}}")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("{}\\$ab_ .x\n")), max_size=60),
       st.dictionaries(st.sampled_from(["a", "b", "x", "$uuid"]), st.text(max_size=8), max_size=4))
def test_resolution_never_raises_and_placeholders_lie_inside_text(text: str, scope: dict[str, str]) -> None:
    for p in find_placeholders(text):
        assert 0 <= p.start < p.end <= len(text)
    res = resolve_request(RequestModel(url=text, body=text, body_kind=BodyKind.XML,
                                       headers=(Header(text, text),)), [scope])
    assert isinstance(res.request.body, str)
    assert set(res.unresolved) <= {p.name for p in find_placeholders(text)} | set(scope.values()) | {
        n for v in scope.values() for n in (p.name for p in find_placeholders(v))}


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_query_values_always_decode_back_to_the_variable(value: str) -> None:
    res = resolve_request(RequestModel(url="https://h/p?v={{v}}"), [{"v": value}])
    encoded = res.request.url.split("?v=", 1)[1]
    assert unquote(encoded) == value
    assert "+" not in encoded and " " not in encoded and "&" not in encoded


def test_extra_braces_around_a_placeholder_stay_as_text() -> None:
    assert resolve_text("{{{x}}}", [{"x": "v"}]) == ("{v}", ())
    assert resolve_text(r"\{{ not a name }}", [{}]) == ("{{ not a name }}", ())


def test_hostile_runs_resolve_in_linear_time() -> None:
    text = ("\\\\\\{{" * 50_000) + "{" * 100_000 + "{{x}}"
    resolved, unresolved = resolve_text(text, [{"x": "v"}])
    assert resolved == ("\\{{" * 50_000) + "{" * 100_000 + "v"
    assert unresolved == ()
