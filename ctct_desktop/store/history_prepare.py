"""An Exchange turned into one redacted, size-bounded history row. Pure: no database here.

Everything goes through ctct_desktop.core.redaction: the request (auth blanked, secret headers,
parameters and known values masked) and the response too, since servers echo what they were sent
(a URL with api_key in a Location header, a token in an error body). Very large bodies keep
their head only; redaction runs over the head plus a margin before cutting, so a secret that
straddles the cut is masked too.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timezone

from ctct_desktop.core.models import Exchange, Header, RequestModel, ResponseRecord, TransportFailure
from ctct_desktop.core.secret_set import SecretSet
from ctct_desktop.core.ui_pace import give_way
from ctct_desktop.core.redaction import (
    as_secret_set,
    auth_secrets,
    redact_header_value,
    redact_request,
    redact_text,
)
from ctct_desktop.store.history_codec import failure_to_dict, request_to_dict, response_to_dict

MAX_STORED_BODY_BYTES = 5 * 1024 * 1024
_REDACTION_MARGIN = 64 * 1024  # longer than any secret or secret parameter we expect


@dataclass(frozen=True)
class HistoryRow:
    """The values of one ``entries`` row, in column order of ``ROW_COLUMNS``."""

    sent_at: str
    method: str
    url: str
    status: int | None
    failure_kind: str | None
    elapsed_ms: float | None
    response_size: int | None
    request_json: str
    request_body: str
    request_body_truncated: bool
    outcome_json: str
    response_text: str | None
    response_body: bytes | None
    response_body_truncated: bool
    failure_text: str
    stored_bytes: int

    def values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in ROW_COLUMNS)


ROW_COLUMNS: tuple[str, ...] = tuple(HistoryRow.__dataclass_fields__)


def utc_now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _clean(text: str) -> str:
    """Text SQLite can store: lone surrogates (never valid UTF-8) become "?"."""
    return text.encode("utf-8", "replace").decode("utf-8") if _has_surrogates(text) else text


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
        return False
    except UnicodeEncodeError:
        return True


def bounded_text(text: str, secrets: Iterable[str], limit: int) -> tuple[str, bool]:
    """Redacted text cut to at most ``limit`` UTF-8 bytes; True when something was cut."""
    head = redact_text(text[: limit + _REDACTION_MARGIN], secrets)
    raw = head.encode("utf-8", "replace")  # lone surrogates (never valid UTF-8) become "?"
    if len(raw) <= limit and len(text) <= limit + _REDACTION_MARGIN:
        return raw.decode("utf-8"), False
    return raw[:limit].decode("utf-8", "ignore"), True


def bounded_body(body: bytes, secrets: Iterable[str], limit: int) -> tuple[str | None, bytes | None, bool]:
    """(text, bytes, truncated): UTF-8 bodies come back as text, anything else as bytes."""
    truncated = len(body) > limit
    head = body[: limit + _REDACTION_MARGIN]
    text = _utf8_or_none(head, cut=len(body) > len(head))
    if text is not None:
        safe, cut = bounded_text(text, secrets, limit)
        return safe, None, truncated or cut
    # Binary: redact what reads as text (surrogateescape keeps every other byte as it was).
    masked = redact_text(head.decode("utf-8", "surrogateescape"), secrets)
    data = masked.encode("utf-8", "surrogateescape")
    return None, data[:limit], truncated or len(data) > limit


def _utf8_or_none(data: bytes, cut: bool) -> str | None:
    """Strict UTF-8 decoding; a character split by an earlier cut is dropped, not fatal."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if cut and exc.start >= len(data) - 3:
            try:
                return data[: exc.start].decode("utf-8")
            except UnicodeDecodeError:
                return None
        return None


def _redact_request_headers(request: RequestModel, known: Iterable[str]) -> RequestModel:
    headers = tuple(Header(h.name, redact_header_value(h.name, h.value, known), h.enabled)
                    for h in request.headers)
    return request.with_changes(headers=headers)


def _redact_response(response: ResponseRecord, known: Iterable[str]) -> ResponseRecord:
    return replace(
        response,
        reason=redact_text(response.reason, known),
        headers=tuple((k, redact_header_value(k, v, known)) for k, v in response.headers),
        url=redact_text(response.url, known),
        body=b"",
    )


def _redact_failure(failure: TransportFailure, known: Iterable[str]) -> TransportFailure:
    return replace(failure, message=redact_text(failure.message, known),
                   detail=redact_text(failure.detail, known))


@dataclass(frozen=True)
class _Outcome:
    """The redacted response or failure of one send, ready for the row."""

    json: str
    text: str | None = None
    data: bytes | None = None
    truncated: bool = False
    failure_text: str = ""


def _outcome(exchange: Exchange, known: Iterable[str], sent_url: str, body_limit: int) -> _Outcome:
    outcome: dict[str, object] = {"sent_url": sent_url}
    text, data, cut, failure_text = None, None, False, ""
    if exchange.response is not None:
        outcome["response"] = response_to_dict(_redact_response(exchange.response, known), include_body=False)
        text, data, cut = bounded_body(exchange.response.body, known, body_limit)
    if exchange.failure is not None:
        safe_failure = _redact_failure(exchange.failure, known)
        outcome["failure"] = failure_to_dict(safe_failure)
        failure_text = _clean(f"{safe_failure.message}\n{safe_failure.detail}")
    return _Outcome(json.dumps(outcome, ensure_ascii=True), text, data, cut, failure_text)


def prepare_row(exchange: Exchange, secrets: Iterable[str] = (), *, sent_at: str | None = None,
                body_limit: int = MAX_STORED_BODY_BYTES) -> HistoryRow:
    """The redacted row for one send."""
    known = as_secret_set(secrets) | SecretSet.of(auth_secrets(exchange.request.auth))
    request = _redact_request_headers(redact_request(exchange.request.with_changes(body=""), known),
                                      known)
    give_way()  # each step can take tens of milliseconds of Python on a large body: between them,
    # a busy UI thread has the interpreter (core/ui_pace.py)
    request_body, request_cut = bounded_text(exchange.request.body, known, body_limit)
    sent_url = _clean(redact_text(exchange.sent_url, known))
    give_way()
    outcome = _outcome(exchange, known, sent_url, body_limit)
    give_way()
    request_json = json.dumps(request_to_dict(request), ensure_ascii=True)
    url = _clean(sent_url or request.url)
    texts = (url, request_json, request_body, outcome.json, outcome.text or "", outcome.failure_text)
    response = exchange.response
    return HistoryRow(
        sent_at=sent_at or utc_now_iso(),
        method=_clean(exchange.request.method.strip().upper()) or "GET",
        url=url,
        status=response.status if response is not None else None,
        failure_kind=exchange.failure.kind.value if exchange.failure is not None and response is None else None,
        elapsed_ms=response.elapsed_ms if response is not None else None,
        response_size=response.body_size if response is not None else None,
        request_json=request_json,
        request_body=request_body,
        request_body_truncated=request_cut,
        outcome_json=outcome.json,
        response_text=outcome.text,
        response_body=outcome.data,
        response_body_truncated=outcome.truncated,
        failure_text=outcome.failure_text,
        stored_bytes=sum(len(t.encode("utf-8")) for t in texts) + len(outcome.data or b""),
    )
