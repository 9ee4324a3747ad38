"""Hostile input never raises: arbitrary text for every importer, structured junk for the JSON ones."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ctct_desktop.importers import MAX_IMPORT_CHARS, ImportResult, import_text
from ctct_desktop.importers.curl import import_curl
from ctct_desktop.importers.har import import_har
from ctct_desktop.importers.insomnia import import_insomnia
from ctct_desktop.importers.php import import_php
from ctct_desktop.importers.postman import import_postman
from ctct_desktop.importers.raw_http import import_raw_http

IMPORTERS = [import_text, import_curl, import_php, import_raw_http, import_har, import_postman, import_insomnia]
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_PIECES = st.sampled_from(["curl ", "-X", "-H", "-d", "-u", "-F", "'", '"', "\\\n", "^\r\n", "`\n", "$x", "${y}",
                           "%z%", " ", "\n", "&&", ";", "|", "https://h/x", "=", ":", "@", "<", "-G", "--url",
                           "curl_init(", "curl_setopt($ch, CURLOPT_POSTFIELDS, ", "array(", "'a' => ", ")", "[",
                           "]", ".", "\"$v\"", "{$w}", "POST / HTTP/1.1\r\n", "Host: h\r\n", "\r\n\r\n", "#", "//"])


def _check(result: ImportResult) -> None:
    assert isinstance(result, ImportResult)
    assert result.ok or result.error or result.variables or result.requests == ()


@pytest.mark.parametrize("importer", IMPORTERS)
@FAST
@given(text=st.text(max_size=300))
def test_arbitrary_text(importer: Any, text: str) -> None:
    _check(importer(text))


@pytest.mark.parametrize("importer", [import_text, import_curl, import_php, import_raw_http])
@FAST
@given(pieces=st.lists(_PIECES | st.text(max_size=5), max_size=40))
def test_command_like_junk(importer: Any, pieces: list[str]) -> None:
    _check(importer("".join(pieces)))


_JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=8),
                     lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
                         st.sampled_from(["log", "entries", "request", "response", "url", "method", "headers",
                                          "name", "value", "key", "item", "info", "schema", "body", "mode", "raw",
                                          "auth", "type", "basic", "bearer", "postData", "text", "content",
                                          "status", "encoding", "_type", "resources", "parentId", "_id",
                                          "authentication", "values", "variable", "urlencoded", "formdata",
                                          "params", "mimeType", "event", "host", "path", "query", "disabled"]),
                         inner, max_size=6), max_leaves=40)


def _shaped(junk: Any) -> list[str]:
    return [json.dumps(x) for x in (
        junk, {"log": {"entries": [junk, {"request": junk, "response": junk}]}},
        {"info": {"schema": "https://schema.getpostman.com/json/collection/v2.1.0/"}, "item": [junk, {"item": junk}],
         "variable": junk, "auth": junk},
        {"_type": "export", "resources": [junk, {"_type": "request", "body": junk, "headers": junk},
                                          {"_type": "request_group", "_id": "a", "parentId": "a"}]},
        {"values": junk, "name": "env"})]


@pytest.mark.parametrize("importer", [import_text, import_har, import_postman, import_insomnia])
@FAST
@given(junk=_JSON)
def test_structured_junk_json(importer: Any, junk: Any) -> None:
    for text in _shaped(junk):
        _check(importer(text))


def test_deeply_nested_json_is_refused_clearly() -> None:
    result = import_text("[" * 100_000 + "]" * 100_000)
    assert result.error and not result.requests
    result = import_postman('{"info": {"schema": "postman"}, "item": ' + '[{"item": ' * 5000 + "[]" + "}]" * 5000 + "}")
    assert isinstance(result, ImportResult)


def test_oversized_input_is_refused_with_a_message() -> None:
    result = import_text("curl https://h/x " + "a" * MAX_IMPORT_CHARS)
    assert "an import reads at most 8 MB" in result.error


def test_insomnia_folder_cycle_terminates() -> None:
    text = json.dumps({"_type": "export", "resources": [
        {"_type": "request_group", "_id": "a", "parentId": "b", "name": "A"},
        {"_type": "request_group", "_id": "b", "parentId": "a", "name": "B"},
        {"_type": "request", "_id": "r", "parentId": "a", "url": "https://h/x"}]})
    (imported,) = import_insomnia(text).requests
    assert imported.folder == ("A", "B") or imported.folder == ("B", "A")


def test_php_values_that_double_stay_bounded() -> None:
    code = "$v0 = 'xxxxxxxxxxxxxxxx';\n" + "".join(f"$v{i} = $v{i - 1} . $v{i - 1} . \"$v{i - 1}$v{i - 1}\";\n"
                                                   for i in range(1, 60))
    code += "$ch = curl_init('https://h/x'); curl_setopt($ch, CURLOPT_POSTFIELDS, array($v59, $v59, $v59));"
    result = import_php(code)
    (imported,) = result.requests
    assert "grow past the import limit" in " ".join(result.notes)
    assert len(imported.request.body) <= MAX_IMPORT_CHARS
