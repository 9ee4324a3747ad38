"""HAR 1.2 (browser developer tools) -> every entry as a request, its response as a recorded exchange."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from ctct_desktop.core.models import Auth, AuthKind, Header, RequestModel, ResponseRecord
from ctct_desktop.importers import jsonish as j
from ctct_desktop.importers.bodies import body_kind, header_value
from ctct_desktop.importers.credentials import take_auth_header
from ctct_desktop.importers.model import MAX_REQUESTS, ImportedRequest, ImportResult, failed

FORMAT = "har"
RECORDED_NOTE = "Recorded in the imported HAR file: this response was not sent from here."
_DROPPED = {"content-length", "host", "connection", "accept-encoding", "cookie"}


def is_har(document: Any) -> bool:
    return isinstance(j.obj(document, "log").get("entries"), list)


def import_har(text: str) -> ImportResult:
    return j.import_document(FORMAT, text, from_document)


def from_document(document: Any) -> ImportResult:
    entries = [e for e in j.arr(j.obj(document, "log"), "entries") if isinstance(e, dict)]
    requests = [r for r in (_entry(e) for e in entries[:MAX_REQUESTS]) if r is not None]
    if not requests:
        return failed(FORMAT, "The HAR file has no entries with a request URL.")
    notes = (f"Only the first {MAX_REQUESTS} entries were imported.",) if len(entries) > MAX_REQUESTS else ()
    return ImportResult(FORMAT, tuple(requests), notes)


def _headers(items: list[Any]) -> list[Header]:
    return [Header(j.text(h, "name"), j.text(h, "value")) for h in items
            if isinstance(h, dict) and j.text(h, "name") and not j.text(h, "name").startswith(":")]


def _entry(entry: dict[str, Any]) -> ImportedRequest | None:
    req = j.obj(entry, "request")
    url = j.text(req, "url").strip()
    if not url:
        return None
    notes: list[str] = []
    headers = _headers(j.arr(req, "headers"))
    if any(h.name.lower() == "cookie" for h in headers) or j.arr(req, "cookies"):
        notes.append("Cookies were not imported (a browser session's, not the API's).")
    headers = [h for h in headers if h.name.lower() not in _DROPPED]
    post = j.obj(req, "postData")
    body = j.text(post, "text")
    if not body and j.arr(post, "params"):
        notes.append("The recorded form parameters were not imported (the HAR kept no body text).")
    if body and header_value(headers, "Content-Type") is None and j.text(post, "mimeType"):
        headers.append(Header("Content-Type", j.text(post, "mimeType")))
    headers, auth = take_auth_header(headers, _described_auth(j.obj(req, "_auth")), notes)
    request = RequestModel(method=(j.text(req, "method") or "GET").upper()[:20], url=url, headers=tuple(headers),
                           body=body, body_kind=body_kind(header_value(headers, "Content-Type"), body), auth=auth)
    response = _response(j.obj(entry, "response"), url, j.number(entry, "time"), notes)
    name = f"{request.method} {url.split('?', 1)[0].rstrip('/').rsplit('/', 1)[-1]}"[:80]
    return ImportedRequest(request, tuple(notes), name=name, response=response)


def _described_auth(described: dict[str, Any]) -> Auth:
    """CTCT Desktop's own HAR field (``_auth``): the auth kind and user, secrets as references."""
    try:
        kind = AuthKind(j.text(described, "kind") or "none")
    except ValueError:
        return Auth()
    return Auth(kind, j.text(described, "username"), j.text(described, "password"), j.text(described, "api_key"),
                j.text(described, "token"))


def _response(res: dict[str, Any], url: str, time_ms: float | None, notes: list[str]) -> ResponseRecord | None:
    status = j.number(res, "status")
    if status is None or not 100 <= status <= 999:
        return None
    content = j.obj(res, "content")
    raw = j.text(content, "text")
    if j.text(content, "encoding").lower() == "base64":
        try:
            data = base64.b64decode(raw, validate=False)
        except (binascii.Error, ValueError):
            data = b""
            notes.append("The recorded response body is not valid base64: it was left out.")
    else:
        data = raw.encode("utf-8", "surrogatepass")
    headers = tuple((h.name, h.value) for h in _headers(j.arr(res, "headers")))
    version = j.text(res, "httpVersion").upper().replace("HTTP/", "") or "1.1"
    return ResponseRecord(status=int(status), reason=j.text(res, "statusText"), http_version=f"HTTP/{version}",
                          headers=headers, body=data, url=url, elapsed_ms=max(0.0, time_ms or 0.0),
                          notes=(RECORDED_NOTE,))
