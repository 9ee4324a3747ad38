"""Facts drawn from an exchange, and the promise that explain() never raises on hostile input."""

from __future__ import annotations

import base64

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ctct_desktop.core.models import Auth, AuthKind, BodyKind, Exchange, Header, RequestModel, ResponseRecord
from ctct_desktop.explain import explain, needs_explaining
from ctct_desktop.explain.facts import api_of, build_facts
from tests.explain.builders import ACCOUNT, contact_body, exchange, v1


def test_api_version_from_the_url() -> None:
    assert api_of(ACCOUNT + "/contacts") == "v1"
    assert api_of("https://api.constantcontact.com/v2/contacts?api_key=x") == "v2"
    assert api_of("https://api.cc.email/v3/contacts") == "v3"
    assert api_of("https://api.cc.email/anything") == "v3"
    assert api_of("https://oauth2.constantcontact.com/oauth2/oauth/token") == "oauth"
    assert api_of("https://example.com/x") == "other"
    assert api_of("") == "unknown"
    assert api_of("http://[::1") in ("other", "unknown")


def test_credential_and_path_facts() -> None:
    header = "Basic " + base64.b64encode(b"key%Joe%40Example:pw").decode()
    ex = exchange("GET", "https://api.constantcontact.com/ws/customers/MaryS/contacts", 401,
                  auth=Auth(), headers=[("Authorization", header)])
    facts = build_facts(ex)
    assert {"basic-user-encoded", "path-user-differs", "path-user-not-lowercase"} <= facts.features
    assert facts.values["path_user"] == "MaryS"
    assert facts.values["basic_user_masked"].startswith("•••%")
    assert "key" not in facts.values["basic_user_masked"], "the API key never reaches a card"


def test_no_secret_reaches_the_explanation() -> None:
    auth = Auth(AuthKind.BASIC, username="abc123key%joesflowers", password="s3cret-pass")
    for e in explain(v1("GET", "/contacts", 401, "Error 401: Unauthorized", auth=auth)):
        text = " ".join((e.title, e.cause, *e.fix, *e.evidence))
        assert "abc123key" not in text and "s3cret-pass" not in text


def test_body_facts_for_contact_and_form() -> None:
    facts = build_facts(v1("PUT", "/contacts/1", 400, body=contact_body("a+b@example.com", lists=(),
                                                                        source="ACTION_BY_CONTACT")))
    assert {"contact-body", "email-has-plus", "contact-lists-empty", "optin-action-by-contact"} <= facts.features
    assert facts.values["opt_in_source_other"] == "ACTION_BY_CUSTOMER"
    form = build_facts(v1("POST", "/lists", 400, body="Name=x&OptInDefault=false"))
    assert "body-is-form-on-atom-resource" in form.features and "content-type-mismatch" not in form.features


def test_two_xx_is_not_explained_but_a_failure_or_error_is() -> None:
    ok = v1("GET", "/contacts", 200, "<feed/>")
    assert not needs_explaining(ok) and explain(ok) == []
    assert explain(Exchange(RequestModel())) == []
    assert needs_explaining(v1("GET", "/contacts", 404))


def test_hostile_xml_in_the_request_is_reported_not_expanded() -> None:
    bomb = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
            "<entry>&lol2;</entry>")
    facts = build_facts(v1("POST", "/contacts", 400, "Error 400: Bad Request", body=bomb))
    assert "body-not-well-formed" in facts.features
    assert "entities" in facts.values["parse_error"]


_text = st.text(max_size=300)
_status = st.integers(min_value=100, max_value=599)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(method=st.sampled_from(["GET", "POST", "PUT", "DELETE", "", "PO ST"]), url=_text, body=_text,
       response=st.binary(max_size=600), status=_status, header=st.tuples(_text, _text))
def test_explain_never_raises_on_random_input(method: str, url: str, body: str, response: bytes, status: int,
                                              header: tuple[str, str]) -> None:
    request = RequestModel(method, url, headers=(Header(*header),), body=body, body_kind=BodyKind.XML,
                           auth=Auth(AuthKind.BASIC, username=header[0], password="p"))
    record = ResponseRecord(status, "", "HTTP/1.1", (header, ("Content-Type", header[1])), response, url, 1.0)
    ranked = explain(Exchange(request, response=record, sent_url=url), diagnostics=[])
    if not 200 <= status < 300:
        assert ranked, "every non-2xx status has at least its generic article"
        assert [e.score for e in ranked] == sorted((e.score for e in ranked), reverse=True)


@settings(max_examples=60, deadline=None)
@given(tail=st.text(alphabet="<>/&;=%+ \"'abcEntryContactEmailAddressOptInSource:", max_size=400))
def test_explain_never_raises_on_mutated_contact_bodies(tail: str) -> None:
    body = contact_body()[: len(contact_body()) // 2] + tail
    ranked = explain(v1("POST", "/contacts", 400, "Error 400: " + tail[:80], body=body), diagnostics=[])
    assert ranked


def test_api_key_in_path_detection_spares_encoded_usernames() -> None:
    def flagged(segment: str) -> bool:
        url = f"https://api.constantcontact.com/ws/customers/{segment}/lists"
        return "path-contains-percent" in build_facts(exchange("GET", url, 400, auth=Auth())).features

    assert flagged("abc123key%joesflowers")
    assert flagged("abc123key%25joesflowers")
    assert flagged("abc%deadbeef")  # a key whose '%' happens to precede hex digits
    assert not flagged("joesflowers")
    assert not flagged("joe%40example.com")
    assert not flagged("jos%C3%A9")  # a non-Latin username, percent-encoded


def test_keys_in_the_path_or_the_query_never_reach_a_card() -> None:
    from tests.explain.cases import CASES

    for ex in (CASES["v1-400-api-key-in-path"](), exchange(
            "GET", "https://api.constantcontact.com/ws/customers/abc123key%joesflowers/contacts/9", 404, auth=Auth()),
            exchange("GET", "https://api.constantcontact.com/v2/contacts?api_key=abc123key", 401, auth=Auth())):
        for e in explain(ex):
            text = " ".join((e.title, e.cause, *e.fix, *e.evidence))
            assert "abc123key" not in text, (e.article_id, text)


@settings(max_examples=25, deadline=None)
@given(body=st.text(alphabet='<>/&;="\' \nabcdeEntryContactEmailAddress:%+', max_size=300))
def test_explain_with_the_real_linter_never_raises(body: str) -> None:
    ranked = explain(v1("POST", "/contacts", 400, "Error 400: Bad Request", body=body))
    assert ranked and ranked[-1].score <= ranked[0].score


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=400))
def test_kb_loader_reports_any_hostile_file_and_keeps_the_rest(tmp_path_factory: object, text: str) -> None:
    from ctct_desktop.explain.kb import read_kb

    folder = tmp_path_factory.mktemp("kb")  # type: ignore[attr-defined]
    (folder / "good.toml").write_text('id = "good"\ntitle = "t"\napi = "any"\ncause = "c"\nfix = ["f"]\n'
                                      "[[matchers]]\nstatus = [400]\n", encoding="utf-8")
    (folder / "hostile.toml").write_text(text, encoding="utf-8")
    kb = read_kb(folder)
    assert [a.id for a in kb.articles] == ["good"]
    assert [p.path.name for p in kb.problems] == ["hostile.toml"]


def test_bodies_are_decoded_by_bom_charset_declaration_or_shape() -> None:
    from ctct_desktop.explain.decoding import decode_body, printable

    text = "Error 400: café"
    assert decode_body(text.encode("utf-16")) == text  # BOM
    assert decode_body(text.encode("utf-16-le")) == text and decode_body(text.encode("utf-16-be")) == text  # shape
    assert decode_body(b"\xef\xbb\xbf" + text.encode()) == text
    assert decode_body(text.encode("latin-1"), "text/plain; charset=ISO-8859-1") == text
    assert decode_body(b"<?xml version='1.0' encoding='windows-1252'?><a>caf\xe9</a>").endswith("café</a>")
    assert decode_body(text.encode(), "text/plain; charset=no-such-codec") == text
    assert printable("a\x00b\x1bc\td\n") == "a\ufffdb\ufffdc\td\n"


def test_control_characters_never_reach_a_card() -> None:
    facts = build_facts(v1("POST", "/contacts", 400, "Error 400: bad\x00 value\x1b[31m"))
    assert "\x00" not in facts.values["v1_message"] and "\x1b" not in facts.values["v1_message"]


def test_the_request_body_is_parsed_once_for_facts_and_lint(monkeypatch) -> None:  # noqa: ANN001
    from ctct_desktop.core import xml_safety

    calls: list[int] = []
    real = xml_safety.parse_bytes

    def counting(data: bytes, **kwargs: bool) -> xml_safety.ParseOutcome:
        calls.append(len(data))
        return real(data, **kwargs)

    monkeypatch.setattr(xml_safety, "parse_bytes", counting)
    body = contact_body("jane news@example.com")
    ranked = explain(v1("POST", "/contacts", 400, "Error 400: The provided email address jane news@example.com "
                        "was not valid", body=body))
    assert ranked[0].article_id == "v1-400-invalid-email"
    assert calls == [len(body.encode("utf-8"))]


def test_facts_of_a_contact_on_many_lists() -> None:
    lists = "".join(f'<ContactList id="http://api.constantcontact.com/ws/customers/joesflowers/lists/{n}"/>'
                    for n in range(5000))
    body = contact_body().replace("<ContactLists>", "<ContactLists>" + lists, 1)
    facts = build_facts(v1("POST", "/contacts", 400, body=body))
    assert int(facts.values["list_count"]) >= 5000 and "ctct-element-case-mismatch" not in facts.features
    miscased = body.replace(lists[:200], lists[:200].replace("<ContactList ", "<contactlist ", 1), 1)
    assert "ctct-element-case-mismatch" in build_facts(v1("POST", "/contacts", 400, body=miscased)).features
