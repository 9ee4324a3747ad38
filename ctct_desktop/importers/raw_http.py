"""Raw HTTP request text (a log, Fiddler, Charles): request line, headers, blank line, body."""

from __future__ import annotations

import re

from ctct_desktop.core.models import Header, RequestModel
from ctct_desktop.importers.bodies import body_kind, header_value
from ctct_desktop.importers.credentials import take_auth_header
from ctct_desktop.importers.model import ImportedRequest, ImportResult, failed, too_large

FORMAT = "http"
REQUEST_LINE = re.compile(r"\A[ \t]*([A-Z]{3,10})[ \t]+(\S{1,8000})(?:[ \t]+HTTP/([0-9.]{1,3}))?[ \t]*\Z")
_HEADER = re.compile(r"\A([!#$%&'*+.^_`|~0-9A-Za-z-]{1,200}):[ \t]*(.*?)[ \t]*\Z")
# Set by the transport from the body and connection; an imported copy would be stale or wrong.
_TRANSPORT = {"content-length", "host", "connection", "transfer-encoding", "keep-alive", "expect"}


def looks_like(text: str) -> bool:
    first = text.lstrip("\ufeff\r\n").split("\n", 1)[0].rstrip("\r")
    return REQUEST_LINE.match(first) is not None


def import_raw_http(text: str) -> ImportResult:
    refused = too_large(text)
    if refused:
        return failed(FORMAT, refused)
    stripped = text.lstrip("\ufeff\r\n")
    blank = re.search(r"\r?\n[ \t]*\r?\n", stripped)
    head, body = (stripped[:blank.start()], stripped[blank.end():]) if blank else (stripped, "")
    lines = head.replace("\r\n", "\n").split("\n")
    request_line = REQUEST_LINE.match(lines[0].rstrip("\r")) if lines else None
    if request_line is None:
        return failed(FORMAT, "The text does not start with an HTTP request line (such as "
                      "'POST /ws/customers/joe/contacts HTTP/1.1').")
    method, target = request_line.group(1), request_line.group(2)
    notes: list[str] = []
    headers = _headers(lines, notes)
    url = _url(target, headers, notes)
    kept = [h for h in headers if h.name.lower() not in _TRANSPORT]
    if header_value(headers, "Transfer-Encoding"):
        notes.append("Transfer-Encoding was dropped: the body is sent whole (a chunked body's framing "
                     "would have to be removed by hand).")
    kept, auth = take_auth_header(kept, RequestModel().auth, notes)
    if header_value(kept, "Cookie") is not None:
        kept = [h for h in kept if h.name.lower() != "cookie"]
        notes.append("The Cookie header was not imported (a browser session's, not the API's).")
    request = RequestModel(method=method, url=url, headers=tuple(kept), body=body,
                           body_kind=body_kind(header_value(kept, "Content-Type"), body), auth=auth)
    name = f"{method} {url.split('?', 1)[0].rstrip('/').rsplit('/', 1)[-1]}"[:80]
    return ImportResult(FORMAT, (ImportedRequest(request, tuple(notes), name=name),))


def _headers(lines: list[str], notes: list[str]) -> list[Header]:
    headers: list[Header] = []
    for line in lines[1:]:
        line = line.rstrip("\r")
        if line[:1] in " \t" and headers:  # obsolete line folding
            last = headers.pop()
            headers.append(Header(last.name, f"{last.value} {line.strip()}"))
            continue
        match = _HEADER.match(line)
        if match:
            headers.append(Header(match.group(1), match.group(2)))
        else:
            notes.append(f"'{line[:60]}' is not a header line: not imported.")
    return headers


def _url(target: str, headers: list[Header], notes: list[str]) -> str:
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", target):
        return target
    host = (header_value(headers, "Host") or "").strip()
    if not host:
        notes.append("There is no Host header: the server became {{host}}; set it (or the URL) before sending.")
        return "https://{{host}}" + (target if target.startswith("/") else "/" + target)
    scheme = "http" if host.endswith(":80") or host.split(":")[0] in ("localhost", "127.0.0.1") else "https"
    notes.append(f"The scheme is not in a request line; {scheme}:// was assumed from the Host header.")
    return f"{scheme}://{host}{target if target.startswith('/') else '/' + target}"
