"""Two recorded exchanges: their requests, then the answers (status, Content-Type, body)."""

from __future__ import annotations

from ctct_desktop.core.formatting import decode_text
from ctct_desktop.core.models import Exchange, ResponseRecord
from ctct_desktop.diffing.bodies import body_differences
from ctct_desktop.diffing.model import Difference, ranked
from ctct_desktop.diffing.request_diff import normal_media_type, request_differences


def _status(exchange: Exchange) -> str:
    if exchange.response is not None:
        return f"{exchange.response.status} {exchange.response.reason}".strip()
    if exchange.failure is not None:
        return f"no response ({exchange.failure.kind.value})"
    return "not sent"


def _body(response: ResponseRecord | None) -> str:
    if response is None:
        return ""
    try:
        data = response.read_body()
    except FileNotFoundError:
        data = response.body
    return decode_text(data, response.content_type)


def response_differences(a: Exchange, b: Exchange) -> list[Difference]:
    out: list[Difference] = []
    if _status(a) != _status(b):
        out.append(Difference("response status", "status", _status(a), _status(b)))
    ct_a = a.response.content_type if a.response else ""
    ct_b = b.response.content_type if b.response else ""
    if normal_media_type(ct_a) != normal_media_type(ct_b):
        out.append(Difference("response header Content-Type", "header", ct_a or None, ct_b or None))
    return out + body_differences(_body(a.response), _body(b.response), ct_a, ct_b, "response body")


def exchange_differences(a: Exchange, b: Exchange) -> list[Difference]:
    """Request differences first (they are the cause), each part ranked."""
    return ranked(request_differences(a.request, b.request)) + ranked(response_differences(a, b))
