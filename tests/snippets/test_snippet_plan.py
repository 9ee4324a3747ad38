"""What every snippet shares: no secrets, credentials from named environment variables, variables."""

from __future__ import annotations

import pytest

from ctct_desktop.core.models import Auth, AuthKind, BodyKind, Header, RequestModel
from ctct_desktop.cli.snippet import plain_values as environment_values
from ctct_desktop.snippets import LANGUAGE_IDS, SnippetError, plan_snippet, snippet
from ctct_desktop.store.environment import Environment, EnvVariable

SECRET_PASSWORD, SECRET_KEY = "hunter2-password", "abcd-api-key-1234"


def _literal_auth_request() -> RequestModel:
    return RequestModel("PUT", f"http://127.0.0.1:9/ws/customers/joe/contacts/1?api_key={SECRET_KEY}",
                        (Header("X-Echo", f"key {SECRET_KEY}"), Header("Authorization", "Basic c2VjcmV0")),
                        f"<x>{SECRET_PASSWORD}</x>", BodyKind.XML,
                        Auth(AuthKind.CTCT_BASIC, "joe", SECRET_PASSWORD, SECRET_KEY))


@pytest.mark.parametrize("lang", LANGUAGE_IDS)
def test_no_secret_ever_appears_and_the_env_names_are_at_the_top(lang: str) -> None:
    text = snippet(_literal_auth_request(), lang)
    for secret in (SECRET_PASSWORD, SECRET_KEY, "c2VjcmV0"):
        assert secret not in text
    head = "\n".join(text.splitlines()[:6])
    for name in ("CTCT_API_KEY", "CTCT_USERNAME", "CTCT_PASSWORD"):
        assert name in head


@pytest.mark.parametrize("lang", LANGUAGE_IDS)
def test_a_bearer_request_reads_the_access_token(lang: str) -> None:
    text = snippet(RequestModel("GET", "https://api.cc.email/v3/contacts", auth=Auth(AuthKind.BEARER,
                                                                                        token="tok-123456")), lang)
    assert "CTCT_ACCESS_TOKEN" in text and "tok-123456" not in text
    assert "CTCT_PASSWORD" not in text


def test_an_environment_resolves_plain_values_and_keeps_secret_ones_as_placeholders() -> None:
    env = Environment("Prod", (EnvVariable("base_url", "https://api.constantcontact.com/ws/customers/joe"),
                               EnvVariable("list", "7"), EnvVariable("password", "s3cret-value", "env/Prod/password")))
    request = RequestModel("GET", "{{base_url}}/lists/{{list}}?x={{password}}&y={{missing}}")
    plan = plan_snippet(request, environment_values(env))
    assert plan.url == "https://api.constantcontact.com/ws/customers/joe/lists/7?x={{password}}&y={{missing}}"
    assert plan.unresolved == ("password", "missing")
    assert "Replace these placeholders before running: {{password}}, {{missing}}." in snippet(request, "js",
                                                                                                environment_values(env))


def test_without_an_environment_every_variable_is_left_for_the_user() -> None:
    plan = plan_snippet(RequestModel("GET", "{{base_url}}/contacts", (Header("X-A", "{{a}}"),)))
    assert plan.url == "{{base_url}}/contacts" and plan.unresolved == ("base_url", "a")


def test_the_content_type_the_body_kind_implies_is_sent_and_a_disabled_header_is_not() -> None:
    plan = plan_snippet(RequestModel("POST", "http://h/", (Header("X-Off", "1", enabled=False),), "{}",
                                     BodyKind.JSON))
    assert plan.headers == (("Content-Type", "application/json"),)


def test_a_line_break_in_a_header_is_a_clear_error() -> None:
    with pytest.raises(SnippetError, match="line break"):
        snippet(RequestModel("GET", "http://h/", (Header("X-A", "a\r\nInjected: 1"),)), "curl")


def test_an_unknown_language_names_the_known_ones() -> None:
    with pytest.raises(SnippetError, match="python-httpx"):
        snippet(RequestModel("GET", "http://h/"), "cobol")


def test_extra_secrets_are_masked_wherever_they_were_resolved_to() -> None:
    resolved = RequestModel("GET", "https://h/x?key=env-secret-value-9", (Header("X-K", "env-secret-value-9"),),
                            "env-secret-value-9", BodyKind.TEXT)
    for lang in LANGUAGE_IDS:
        assert "env-secret-value-9" not in snippet(resolved, lang, secrets=["env-secret-value-9"])
