"""What ``diff`` compares, read from a file: a saved request (.ctct.toml), a recorded exchange (the
exchange export's JSON) or a bare body (anything else)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ctct_desktop.core.models import BodyKind, Exchange, Header, RequestModel, ResponseRecord
from ctct_desktop.diffing.bodies import body_format, body_differences
from ctct_desktop.diffing.exchange_diff import exchange_differences
from ctct_desktop.diffing.model import Difference, ranked
from ctct_desktop.diffing.request_diff import request_differences
from ctct_desktop.store.request_file import REQUEST_SUFFIX, RequestFileError, load_request

MAX_BYTES = 64 * 1024 * 1024
_KINDS = {"xml": BodyKind.XML, "json": BodyKind.JSON, "form": BodyKind.FORM}


class SourceError(ValueError):
    """A file that cannot be compared; the message is for the user."""


@dataclass(frozen=True)
class Side:
    path: Path
    what: str  # "request", "exchange" or "body"
    request: RequestModel | None = None
    exchange: Exchange | None = None
    body: str = ""


def _pairs(raw: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(raw, list):
        return ()
    return tuple((str(p[0]), str(p[1])) for p in raw if isinstance(p, list) and len(p) == 2)


def exchange_from_export(data: dict[str, Any]) -> Exchange:
    """The exchange export (send/export.py, format 1) back as an Exchange."""
    req = data.get("request")
    if not isinstance(req, dict):
        raise SourceError("it has no 'request' object")
    body = str(req.get("body") or "")
    headers = tuple(Header(n, v) for n, v in _pairs(req.get("headers")))
    content_type = next((h.value for h in headers if h.name.lower() == "content-type"), "")
    kind = _KINDS.get(body_format(body, content_type), BodyKind.TEXT) if body else BodyKind.NONE
    request = RequestModel(str(req.get("method") or "GET"), str(req.get("url") or ""), headers, body, kind)
    resp = data.get("response")
    response = None
    if isinstance(resp, dict):
        status = resp.get("status")
        response = ResponseRecord(status if isinstance(status, int) else 0, str(resp.get("reason") or ""),
                                  str(resp.get("http_version") or ""), _pairs(resp.get("headers")),
                                  str(resp.get("body") or "").encode("utf-8"), str(req.get("url") or ""), 0.0)
    return Exchange(request, response, sent_url=str(req.get("url") or ""))


def load_side(path: Path) -> Side:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise SourceError(f"{path}: larger than {MAX_BYTES // (1024 * 1024)} MB")
        if path.name.endswith(REQUEST_SUFFIX):
            return Side(path, "request", request=load_request(path).request)
        text = path.read_bytes().decode("utf-8", "replace")
    except RequestFileError as exc:
        raise SourceError(str(exc)) from None
    except OSError as exc:
        raise SourceError(f"{path}: {exc.strerror or exc}") from None
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except ValueError:
            data = None
        if isinstance(data, dict) and "request" in data and "format" in data:
            try:
                return Side(path, "exchange", exchange=exchange_from_export(data))
            except SourceError as exc:
                raise SourceError(f"{path}: {exc}") from None
    return Side(path, "body", body=text)


def _request_of(side: Side) -> RequestModel | None:
    return side.request if side.request is not None else side.exchange.request if side.exchange else None


def compare(a: Side, b: Side) -> list[Difference]:
    """Like with like; a request against an exchange compares the requests, a body against
    anything compares bodies."""
    if a.exchange is not None and b.exchange is not None:
        return exchange_differences(a.exchange, b.exchange)
    ra, rb = _request_of(a), _request_of(b)
    if ra is not None and rb is not None:
        return ranked(request_differences(ra, rb))
    body_a = ra.body if ra is not None else a.body
    body_b = rb.body if rb is not None else b.body
    ct_a = (ra.content_type() or "") if ra is not None else ""
    ct_b = (rb.content_type() or "") if rb is not None else ""
    return ranked(body_differences(body_a, body_b, ct_a, ct_b))
