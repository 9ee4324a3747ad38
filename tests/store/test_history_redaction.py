"""Whatever the bodies hold, the request's secrets never reach a history row."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ctct_desktop.core.models import Auth, AuthKind, Exchange, RequestModel, ResponseRecord
from ctct_desktop.core.redaction import MASK
from ctct_desktop.store.history_prepare import HistoryRow, prepare_row

secrets = st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789", min_size=6, max_size=22).map(lambda s: "Z9" + s)


def _row_text(row: HistoryRow) -> str:
    parts = [str(v) for v in row.values() if not isinstance(v, bytes)]
    return "\n".join(parts)


@settings(max_examples=120, deadline=None)
@given(secret=secrets, before=st.text(max_size=60), after=st.text(max_size=60),
       junk=st.binary(max_size=60), kind=st.sampled_from([AuthKind.BASIC, AuthKind.CTCT_BASIC, AuthKind.BEARER]))
def test_auth_secrets_are_masked_wherever_they_appear(secret: str, before: str, after: str, junk: bytes,
                                                       kind: AuthKind) -> None:
    auth = Auth(kind, username="joe", password=secret, api_key=secret, token=secret)
    request = RequestModel("POST", f"http://127.0.0.1/x?q={secret}", body=before + secret + after, auth=auth)
    response = ResponseRecord(
        400, "Bad", "HTTP/1.1", (("X-Echo", f"got {secret}"),),
        junk + secret.encode() + junk, f"http://127.0.0.1/{secret}", 1.0)
    row = prepare_row(Exchange(request, response, None, request.url))
    assert secret not in _row_text(row)
    assert row.response_body is None or secret.encode() not in row.response_body


@settings(max_examples=60, deadline=None)
@given(secret=secrets, offset=st.integers(min_value=0, max_value=40))
def test_a_secret_cut_by_truncation_leaves_no_fragment(secret: str, offset: int) -> None:
    limit = 100
    body = "a" * (limit - offset) + secret + "b" * 500
    request = RequestModel("POST", "http://127.0.0.1/", body=body)
    row = prepare_row(Exchange(request, None, None, ""), [secret], body_limit=limit)
    assert row.request_body_truncated
    assert len(row.request_body.encode()) <= limit
    assert "Z9" not in row.request_body  # every secret starts so: no readable head of it is left


@settings(max_examples=60, deadline=None)
@given(secret=secrets, junk=st.binary(min_size=1, max_size=40))
def test_secrets_in_binary_bodies_are_masked_and_other_bytes_kept(secret: str, junk: bytes) -> None:
    body = b"\xff" + junk + secret.encode() + b"\xfe" + junk
    response = ResponseRecord(200, "OK", "HTTP/1.1", (), body, "", 1.0)
    row = prepare_row(Exchange(RequestModel(), response, None, ""), [secret])
    stored = row.response_body if row.response_body is not None else (row.response_text or "").encode()
    assert secret.encode() not in stored
    assert stored.startswith(b"\xff")
    if row.response_body is not None:
        assert MASK.encode() in stored and stored.endswith(b"\xfe" + junk)
