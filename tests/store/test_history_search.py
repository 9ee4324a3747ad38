"""Searching the history by URL, status, status class, method, failure and body text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ctct_desktop.core.models import FailureKind
from ctct_desktop.store.history import History
from ctct_desktop.store.history_search import build_condition, split_terms

from tests.store.test_history_builders import CONTACT_XML, exchange, failed_exchange


@pytest.fixture(params=[True, False], ids=["fts5", "like"])
def history(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[History]:
    h = History(tmp_path / "h.sqlite3", full_text=request.param)
    assert h.full_text is request.param
    yield h
    h.close()


@pytest.fixture
def filled(history: History) -> dict[str, int]:
    ids = {
        "created": history.record(exchange(201, "POST", "/contacts",
                                           response_body=b"<entry><id>urn:contact:77</id></entry>")),
        "conflict": history.record(exchange(409, "POST", "/contacts",
                                            response_body=b"<error>Email address already exists</error>")),
        "lists": history.record(exchange(200, "GET", "/lists/409", "",
                                         response_body=b"<feed><title>Newsletter subscribers</title></feed>")),
        "missing": history.record(exchange(404, "DELETE", "/contacts/12", "", b"Not found")),
        "server": history.record(exchange(500, "PUT", "/contacts/13", CONTACT_XML.replace("jane", "zoe"),
                                          b"Internal error")),
        "refused": history.record(failed_exchange(FailureKind.REFUSED, "The server refused the connection")),
    }
    return ids


def _ids(history: History, query: str) -> set[int]:
    return {entry.id for entry in history.search(query)}


def test_status_code_matches_status_or_url(history: History, filled: dict[str, int]) -> None:
    assert _ids(history, "409") == {filled["conflict"], filled["lists"]}
    assert _ids(history, "404") == {filled["missing"]}


def test_status_class(history: History, filled: dict[str, int]) -> None:
    assert _ids(history, "4xx") == {filled["conflict"], filled["missing"]}
    assert _ids(history, "2XX") == {filled["created"], filled["lists"]}
    assert _ids(history, "5xx") == {filled["server"]}


def test_method_in_capitals(history: History, filled: dict[str, int]) -> None:
    assert _ids(history, "DELETE") == {filled["missing"]}
    assert _ids(history, "PUT") == {filled["server"]}


def test_url_substring(history: History, filled: dict[str, int]) -> None:
    assert _ids(history, "/lists/") == {filled["lists"]}
    assert _ids(history, "/lists") == {filled["lists"], filled["refused"]}
    assert _ids(history, "contacts/1") == {filled["missing"], filled["server"]}


def test_response_body_words(history: History, filled: dict[str, int]) -> None:
    assert _ids(history, "already") == {filled["conflict"]}
    assert _ids(history, "newsletter") == {filled["lists"]}  # case-insensitive
    assert _ids(history, "Newsl") == {filled["lists"]}  # word prefix


def test_request_body_text(history: History, filled: dict[str, int]) -> None:
    assert _ids(history, "zoe.doe@example.com") == {filled["server"]}
    assert _ids(history, "ACTION_BY_CUSTOMER") == {filled["created"], filled["conflict"], filled["server"]}


def test_failures_by_kind_and_message(history: History, filled: dict[str, int]) -> None:
    assert _ids(history, "refused") == {filled["refused"]}
    assert _ids(history, "connection") == {filled["refused"]}


def test_terms_combine_with_and(history: History, filled: dict[str, int]) -> None:
    assert _ids(history, "POST 409") == {filled["conflict"]}
    assert _ids(history, "4xx contacts") == {filled["conflict"], filled["missing"]}
    assert _ids(history, '"already exists" 409') == {filled["conflict"]}
    assert _ids(history, "POST nothing-like-this") == set()


def test_empty_query_lists_everything_newest_first(history: History, filled: dict[str, int]) -> None:
    assert [e.id for e in history.search("   ")] == sorted(filled.values(), reverse=True)
    assert len(history.search("", limit=2)) == 2


@pytest.mark.parametrize(
    "query",
    ['"', '""', "*", "NEAR(a b)", "a OR", "AND", "^", "-", "(", ")", "'; DROP TABLE entries; --",
     "%", "_", "\\", "{{x}}", "col:value", "\x00", "x" * 5000, "é" * 50, "日本語", "\ud800"],
)
def test_hostile_queries_never_raise(history: History, filled: dict[str, int], query: str) -> None:
    history.search(query)
    assert len(history.list()) == len(filled)


def test_like_wildcards_are_literal(history: History, filled: dict[str, int]) -> None:
    assert _ids(history, "%") == set()
    assert _ids(history, "_") == {filled["created"], filled["conflict"], filled["server"]}


def test_punctuation_searches_bodies_too(history: History, filled: dict[str, int]) -> None:
    assert _ids(history, "</title>") == {filled["lists"]}


def test_without_fts_any_substring_matches(tmp_path: Path) -> None:
    with History(tmp_path / "h.sqlite3", full_text=False) as history:
        conflict = history.record(exchange(409, response_body=b"<error>Email address already exists</error>"))
        history.record(exchange(404, "DELETE", "/contacts/12", "", b"Not found"))
        assert _ids(history, "ready exi") == {conflict}
        assert _ids(history, "contacts_1") == set()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=40))
def test_any_query_is_answered(history: History, query: str) -> None:
    assert isinstance(history.search(query), list)


def test_split_terms() -> None:
    assert split_terms('POST "already exists"  4xx') == ["POST", "already exists", "4xx"]
    assert split_terms('"unbalanced phrase') == ["unbalanced phrase"]
    assert split_terms("") == []
    assert len(split_terms(" ".join(["w"] * 100))) == 16


def test_conditions_only_bind_values() -> None:
    condition = build_condition("x'); DROP TABLE entries; --", full_text=True)
    assert "DROP" not in condition.sql
    assert any("DROP" in str(p) for p in condition.params)
