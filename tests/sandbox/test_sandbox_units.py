"""Pure parts of the sandbox under hostile input: page tokens, timestamps, request entries."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ctct_desktop.sandbox import errors
from ctct_desktop.sandbox.clock import parse_date_or_datetime, parse_datetime, to_iso
from ctct_desktop.sandbox.paging import decode_token, encode_token
from ctct_desktop.sandbox.parse import read_entry


@given(st.integers(min_value=0, max_value=10**7))
def test_page_tokens_round_trip_and_look_opaque(after_id: int) -> None:
    token = encode_token(after_id)
    assert decode_token(token) == after_id
    body, check = token.split("-")
    assert len(body) == 8 and body[0].isalpha() and len(check) == 6


@given(st.integers(min_value=10**7, max_value=2**60))
def test_page_tokens_round_trip_for_huge_ids(after_id: int) -> None:
    assert decode_token(encode_token(after_id)) == after_id


@settings(max_examples=300)
@given(st.text(max_size=40))
def test_forged_tokens_are_api_errors_only(token: str) -> None:
    try:
        decode_token(token)
    except errors.ApiError as exc:
        assert exc.status == 400


@settings(max_examples=300)
@given(st.text(max_size=40))
def test_timestamps_never_raise(text: str) -> None:
    for parse in (parse_datetime, parse_date_or_datetime):
        moment = parse(text)
        assert moment is None or to_iso(moment).endswith("Z")


def test_timestamp_forms() -> None:
    assert to_iso(parse_datetime("2008-07-23T14:21:06.407Z")) == "2008-07-23T14:21:06.407Z"  # type: ignore[arg-type]
    assert to_iso(parse_datetime("2010-09-28T05:22:42+01:00")) == "2010-09-28T04:22:42.000Z"  # type: ignore[arg-type]
    assert parse_datetime("2010-09-28T05:22:42 01:00") is None
    assert parse_datetime("2008-02-30T00:00:00Z") is None
    assert parse_date_or_datetime("2008-04-16") is not None


@settings(max_examples=300)
@given(st.binary(max_size=300))
def test_read_entry_raises_only_api_errors(body: bytes) -> None:
    try:
        read_entry(body, "Contact")
    except errors.ApiError as exc:
        assert 400 <= exc.status < 500 and exc.message


def test_reason_phrases_are_written_as_the_rfc_writes_them(sandbox) -> None:  # type: ignore[no-untyped-def]
    import httpx

    from ctct_desktop.core import sandbox_demo as demo

    auth = (f"{demo.DEMO_API_KEY}%{demo.DEMO_USERNAME}", demo.DEMO_PASSWORD)
    ok = httpx.get(sandbox.account_url + "/lists", auth=auth)
    missing = httpx.get(sandbox.account_url + "/lists/99999", auth=auth)
    assert (ok.status_code, ok.reason_phrase) == (200, "OK")
    assert (missing.status_code, missing.reason_phrase) == (404, "Not Found")
