"""The codec history and drafts share: lossless round trips, clear errors on damaged data."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctct_desktop.core.models import (
    Auth,
    AuthKind,
    BodyKind,
    FailureKind,
    Header,
    RequestModel,
    ResponseRecord,
    Timings,
    TransportFailure,
)
from ctct_desktop.store.history_codec import (
    CodecError,
    body_from_dict,
    body_to_dict,
    failure_from_dict,
    failure_to_dict,
    request_from_dict,
    request_to_dict,
    response_from_dict,
    response_to_dict,
)

text = st.text(max_size=40)
finite = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12)
optional_ms = st.none() | finite

auths = st.builds(Auth, kind=st.sampled_from(AuthKind), username=text, password=text,
                  api_key=text, token=text, account=text)
headers = st.builds(Header, name=text, value=text, enabled=st.booleans())
requests = st.builds(
    RequestModel,
    method=st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH", "PROPFIND"]),
    url=text,
    headers=st.lists(headers, max_size=5).map(tuple),
    body=st.text(max_size=300),
    body_kind=st.sampled_from(BodyKind),
    auth=auths,
    timeout_s=finite,
    verify_tls=st.booleans(),
    follow_redirects=st.booleans(),
)
timings = st.builds(Timings, connect_ms=optional_ms, tls_ms=optional_ms, ttfb_ms=optional_ms,
                    download_ms=optional_ms, total_ms=finite)
responses = st.builds(
    ResponseRecord,
    status=st.integers(100, 599),
    reason=text,
    http_version=st.sampled_from(["HTTP/1.1", "HTTP/2"]),
    headers=st.lists(st.tuples(text, text), max_size=6).map(tuple),
    body=st.binary(max_size=300) | st.text(max_size=300).map(lambda s: s.encode("utf-8", "surrogatepass")),
    url=text,
    elapsed_ms=finite,
    timings=timings,
)
failures = st.builds(TransportFailure, kind=st.sampled_from(FailureKind), message=text, detail=text)


def _through_json(data: object) -> object:
    """What a file or database gives back: JSON text, parsed again."""
    return json.loads(json.dumps(data, ensure_ascii=True))


@settings(max_examples=150, deadline=None)
@given(requests)
def test_request_round_trip(request: RequestModel) -> None:
    assert request_from_dict(_through_json(request_to_dict(request))) == request


@settings(max_examples=150, deadline=None)
@given(responses)
def test_response_round_trip_keeps_every_byte(response: ResponseRecord) -> None:
    assert response_from_dict(_through_json(response_to_dict(response))) == response


@settings(max_examples=100, deadline=None)
@given(failures)
def test_failure_round_trip(failure: TransportFailure) -> None:
    assert failure_from_dict(_through_json(failure_to_dict(failure))) == failure


@given(st.binary(max_size=200))
def test_body_is_text_when_utf8_and_base64_otherwise(body: bytes) -> None:
    stored = body_to_dict(body)
    try:
        body.decode("utf-8")
        assert set(stored) == {"body"}
    except UnicodeDecodeError:
        assert set(stored) == {"body_base64"}
    assert body_from_dict(stored) == body


def test_response_body_can_be_supplied_apart() -> None:
    response = ResponseRecord(200, "OK", "HTTP/1.1", (), b"kept elsewhere", "http://x", 1.0)
    meta = response_to_dict(response, include_body=False)
    assert "body" not in meta and "body_base64" not in meta
    assert response_from_dict(meta, body=b"kept elsewhere") == response


def test_missing_fields_take_model_defaults() -> None:
    assert request_from_dict({}) == RequestModel()
    assert request_from_dict({"url": "http://x"}).url == "http://x"


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        ({"method": 5}, "'method'"),
        ({"headers": "nope"}, "'headers'"),
        ({"headers": [1]}, "header 0"),
        ({"body_kind": "yaml"}, "'body_kind'"),
        ({"auth": {"kind": "kerberos"}}, "'kind'"),
        ({"timeout_s": "30"}, "'timeout_s'"),
        ({"timeout_s": math.inf}, "finite"),
        ({"verify_tls": "yes"}, "'verify_tls'"),
        ({"timeout_s": True}, "boolean"),
    ],
)
def test_damaged_request_data_names_the_field(data: dict[str, object], needle: str) -> None:
    with pytest.raises(CodecError, match=needle):
        request_from_dict(data)


@pytest.mark.parametrize(
    "data",
    [
        {"headers": [["only-name"]]},
        {"headers": [[1, 2]]},
        {"status": "200"},
        {"body_base64": "!!not base64!!"},
        {"timings": {"total_ms": "fast"}},
    ],
)
def test_damaged_response_data_raises_codec_error(data: dict[str, object]) -> None:
    with pytest.raises(CodecError):
        response_from_dict(data)


KNOWN_KEYS = ["method", "url", "headers", "body", "body_base64", "body_kind", "auth", "kind",
              "timeout_s", "verify_tls", "status", "reason", "timings", "total_ms", "connect_ms",
              "name", "value", "enabled", "message", "elapsed_ms"]
keys = st.sampled_from(KNOWN_KEYS) | st.text(max_size=8)


@settings(max_examples=300, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=10) | finite,
                    lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(keys, inner, max_size=6), max_leaves=20))
def test_hostile_data_gives_a_model_or_codec_error(data: object) -> None:
    for reader in (request_from_dict, response_from_dict, failure_from_dict):
        try:
            reader(data)  # type: ignore[arg-type]
        except CodecError:
            pass
