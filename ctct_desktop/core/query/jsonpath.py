"""JSONPath over a JSON body, with jsonpath-ng's extended grammar (filters ``[?(@.x > 1)]``,
arithmetic, ``len``, sorting).
"""

from __future__ import annotations

import json

from jsonpath_ng.exceptions import JSONPathError
from jsonpath_ng.ext import parse

from ctct_desktop.core.query.result import QueryError, QueryResult, check_size


def evaluate_jsonpath(body: bytes | str, expression: str) -> QueryResult:
    """Evaluate ``expression`` on ``body``; QueryError says what is wrong with either."""
    if not expression.strip():
        raise QueryError("Type a JSONPath expression, e.g. $.items[*].name")
    check_size(body)
    document = _load(body)
    try:
        compiled = parse(expression)
    except JSONPathError as exc:
        raise QueryError(f"JSONPath syntax error: {exc}") from exc
    except Exception as exc:  # noqa: BLE001 - the library's lexer raises plain exceptions too
        raise QueryError(f"JSONPath syntax error: {exc}") from exc
    try:
        found = [match.value for match in compiled.find(document)]
    except RecursionError as exc:
        raise QueryError("The JSON document nests too deeply to evaluate this expression.") from exc
    except Exception as exc:  # noqa: BLE001 - filters compare user data of any type
        raise QueryError(f"The JSONPath expression could not be evaluated: {exc}") from exc
    return QueryResult(tuple(_value(item) for item in found), tuple(_fragment(item) for item in found))


def _load(body: bytes | str) -> object:
    try:
        text = body.decode("utf-8-sig") if isinstance(body, bytes) else body
    except UnicodeDecodeError as exc:
        raise QueryError(f"The body is not UTF-8 text (byte {exc.start}).") from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise QueryError(f"The body is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from exc
    except RecursionError as exc:
        raise QueryError("The JSON body nests too deeply to be parsed.") from exc
    except ValueError as exc:  # e.g. an integer longer than Python's digit limit
        raise QueryError(f"The body could not be read as JSON: {exc}") from exc


def _value(item: object) -> str:
    """A string as itself; anything else in JSON's own spelling (true, null, 1.5, {"a":1})."""
    if isinstance(item, str):
        return item
    return _dumps(item, None)


def _fragment(item: object) -> str:
    return _dumps(item, 2)


def _dumps(item: object, indent: int | None) -> str:
    separators = (",", ":") if indent is None else (",", ": ")
    try:
        return json.dumps(item, ensure_ascii=False, indent=indent, separators=separators)
    except (TypeError, ValueError, RecursionError):
        return str(item)
