from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from ctct_desktop.core.query import MAX_QUERY_BYTES, QueryError, evaluate_jsonpath

BODY = b'{"items": [{"id": 1, "name": "Joe", "tags": ["a"]}, {"id": 5, "name": "Ann", "ok": true, "x": null}]}'


def test_path_selects_values() -> None:
    assert evaluate_jsonpath(BODY, "$.items[*].name").values == ("Joe", "Ann")


def test_filter_from_the_extended_grammar() -> None:
    result = evaluate_jsonpath(BODY, "$.items[?(@.id > 3)].name")
    assert result.values == ("Ann",)


def test_scalars_in_json_spelling() -> None:
    assert evaluate_jsonpath(BODY, "$.items[1].ok").values == ("true",)
    assert evaluate_jsonpath(BODY, "$.items[1].x").values == ("null",)
    assert evaluate_jsonpath(BODY, "$.items[*].id").values == ("1", "5")


def test_object_value_is_compact_and_fragment_is_pretty() -> None:
    result = evaluate_jsonpath(BODY, "$.items[0].tags")
    assert result.values == ('["a"]',)
    assert result.fragments == ('[\n  "a"\n]',)


def test_str_body_and_bom() -> None:
    assert evaluate_jsonpath('{"a": "é"}', "$.a").values == ("é",)
    assert evaluate_jsonpath(b'\xef\xbb\xbf{"a": 2}', "$.a").values == ("2",)


def test_recursive_descent() -> None:
    assert evaluate_jsonpath(BODY, "$..name").values == ("Joe", "Ann")


def test_no_match_is_empty() -> None:
    assert evaluate_jsonpath(BODY, "$.nothing").values == ()


def test_syntax_error_is_a_query_error() -> None:
    with pytest.raises(QueryError, match="JSONPath syntax error"):
        evaluate_jsonpath(BODY, "$.items[")


def test_body_not_json_says_where() -> None:
    with pytest.raises(QueryError) as caught:
        evaluate_jsonpath(b'{"a": 1,\n "b": }', "$.a")
    assert "not valid JSON" in caught.value.message and "line 2" in caught.value.message


def test_body_not_utf8() -> None:
    with pytest.raises(QueryError, match="UTF-8"):
        evaluate_jsonpath(b'{"a": "\xff"}', "$.a")


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    with pytest.raises(QueryError, match="deep"):
        evaluate_jsonpath(b"[" * 100_000 + b"]" * 100_000, "$..x")


def test_body_over_the_limit_is_refused() -> None:
    with pytest.raises(QueryError, match=f"{MAX_QUERY_BYTES >> 20} MB"):
        evaluate_jsonpath(b" " * (MAX_QUERY_BYTES + 1), "$")


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=30))
def test_any_expression_either_answers_or_raises_query_error(expression: str) -> None:
    try:
        evaluate_jsonpath(BODY, expression)
    except QueryError as exc:
        assert exc.message
