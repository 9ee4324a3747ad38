from __future__ import annotations

from hypothesis import given, strategies as st

from ctct_desktop.core.models import QueryParam
from ctct_desktop.core.urls import build_query, check_url, params_of, split_url, with_params


def test_plus_and_at_are_percent_encoded() -> None:
    url = with_params("https://api.constantcontact.com/ws/customers/joe/contacts",
                      [QueryParam("email", "a+b@example.com")])
    assert url.endswith("/contacts?email=a%2Bb%40example.com")
    assert "+" not in url.split("?", 1)[1]


def test_parsing_keeps_a_raw_plus_visible() -> None:
    assert params_of("http://x/contacts?email=a+b@example.com") == [QueryParam("email", "a+b@example.com")]


def test_repeated_params_and_disabled_rows() -> None:
    params = [QueryParam("email", "a@x.com"), QueryParam("email", "b@x.com"), QueryParam("off", "1", enabled=False)]
    assert build_query(params) == "email=a%40x.com&email=b%40x.com"


def test_fragment_and_base_survive() -> None:
    assert with_params("http://x/p?old=1#frag", [QueryParam("a", "b c")]) == "http://x/p?a=b%20c#frag"
    assert with_params("http://x/p?old=1", []) == "http://x/p"
    assert split_url("http://x/p?q=1#f") == ("http://x/p", "q=1", "#f")


@given(st.lists(st.tuples(st.text(min_size=1), st.text()), max_size=6))
def test_table_to_url_to_table_round_trips(pairs: list[tuple[str, str]]) -> None:
    params = [QueryParam(k, v) for k, v in pairs]
    assert params_of(with_params("http://h/p", params)) == params


def test_check_url_messages() -> None:
    assert check_url("https://api.constantcontact.com/ws/customers/joe/") is None
    assert "empty" in (check_url("") or "")
    assert "scheme" in (check_url("api.constantcontact.com/x") or "")
    assert "space" in (check_url("http://x/a b") or "")
    assert "port" in (check_url("http://x:70000/") or "")
    assert "host" in (check_url("http:///path") or "")
