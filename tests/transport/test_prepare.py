"""What ``prepare`` refuses before anything is sent: every kind of whitespace in a URL, and header
names or values that would split or forge a header line."""

from __future__ import annotations

import pytest

from ctct_desktop.core.models import Header, RequestModel
from ctct_desktop.transport.prepare import PreparationError, prepare

BASE = "http://127.0.0.1:1/ws/customers/joesflowers/contacts"


@pytest.mark.parametrize("space", [" ", "\t", "\n", "\r", "\x0b", "\x0c", "\u00a0", "\u2003", "\u3000", "\x1c"])
def test_any_whitespace_inside_a_url_is_refused(space: str) -> None:
    with pytest.raises(PreparationError, match="space or line break"):
        prepare(RequestModel(url=f"{BASE}?email=a{space}b"))


@pytest.mark.parametrize(("name", "value"), [
    ("X Bad", "1"), ("X:Bad", "1"), ("X\tBad", "1"), ("X\rBad", "1"), ("X\nBad", "1"),
    ("X-Ok", "one\r\nX-Forged: 1"), ("X-Ok", "one\ntwo"), ("X-Ok", "one\rtwo"),
])
def test_a_header_that_would_split_or_forge_a_line_is_refused(name: str, value: str) -> None:
    with pytest.raises(PreparationError, match="space, colon or line break"):
        prepare(RequestModel(url=BASE, headers=(Header(name, value),)))


def test_ordinary_headers_and_values_go_out_as_written() -> None:
    prepared = prepare(RequestModel(url=BASE, headers=(Header("X-Note", "a: b\tc d"), Header(" Accept ", "*/*"))))
    assert prepared.headers == (("X-Note", "a: b\tc d"), ("Accept", "*/*"))
