"""Postman collection v2.1 (folders, variables, auth, bodies) and Postman environments.

Pre-request and test scripts are reported, not imported (the app runs no JavaScript). Secret
variables (an environment's "secret" type, or a name that says password, key, token or secret)
are listed without their values.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from ctct_desktop.core.models import Auth, AuthKind, Header, RequestModel
from ctct_desktop.importers import jsonish as j
from ctct_desktop.importers.bodies import MULTIPART, body_kind, header_value, multipart
from ctct_desktop.importers.credentials import basic_auth, take_auth_header
from ctct_desktop.importers.model import MAX_REQUESTS, ImportedRequest, ImportResult, failed

FORMAT = "postman"
ENVIRONMENT = "postman-environment"
_SECRET_NAME = re.compile(r"pass|secret|token|api.?key|apikey|authorization", re.IGNORECASE)
_LANGUAGE_TYPES = {"xml": "application/atom+xml", "json": "application/json", "text": "text/plain",
                   "html": "text/html", "javascript": "application/javascript"}


def is_collection(document: Any) -> bool:
    schema = j.text(j.obj(document, "info"), "schema")
    return "postman" in schema or ("info" in (document if isinstance(document, dict) else {})
                                   and isinstance(j.arr(document, "item"), list) and bool(j.arr(document, "item")))


def is_environment(document: Any) -> bool:
    return isinstance(document, dict) and isinstance(document.get("values"), list) and (
        "_postman_variable_scope" in document or "name" in document)


def import_postman(text: str) -> ImportResult:
    return j.import_document(FORMAT, text, _collection_or_environment)


def _collection_or_environment(document: Any) -> ImportResult:
    if is_environment(document) and not is_collection(document):
        return environment(document)
    return collection(document)


def variables(items: list[Any], secret_type: bool, notes: list[str],
              secrets: list[str] | None = None) -> tuple[tuple[str, str], ...]:
    """Enabled variables; a secret one keeps its name (added to ``secrets``) and loses its value."""
    kept: list[tuple[str, str]] = []
    for item in items:
        key = j.text(item, "key")
        if not key or item.get("enabled") is False or item.get("disabled") is True:
            continue
        if (secret_type and j.text(item, "type") == "secret") or _SECRET_NAME.search(key):
            notes.append(f"The variable '{key}' looks secret: its value was not imported; "
                         "set it in an environment or account.")
            kept.append((key, ""))
            if secrets is not None:
                secrets.append(key)
        else:
            kept.append((key, j.text(item, "value")))
    return tuple(kept)


def environment(document: Any) -> ImportResult:
    notes: list[str] = []
    secrets: list[str] = []
    found = variables(j.arr(document, "values"), True, notes, secrets)
    return ImportResult(ENVIRONMENT, notes=tuple(notes), variables=found,
                        error="" if found else "The environment has no variables.",
                        name=j.text(document, "name"), secret_variables=tuple(secrets))


def collection(document: Any) -> ImportResult:
    notes: list[str] = []
    secrets: list[str] = []
    found = variables(j.arr(document, "variable"), False, notes, secrets)
    if j.arr(document, "event"):
        notes.append("The collection's scripts were not imported (the app runs no JavaScript).")
    requests: list[ImportedRequest] = []
    _walk(j.arr(document, "item"), (), _auth(j.obj(document, "auth")), requests, 0)
    if not requests:
        return failed(FORMAT, "The Postman collection has no requests.")
    if len(requests) >= MAX_REQUESTS:
        notes.append(f"Only the first {MAX_REQUESTS} requests were imported.")
    return ImportResult(FORMAT, tuple(requests), tuple(notes), found, name=j.text(j.obj(document, "info"), "name"),
                        secret_variables=tuple(secrets))


def _walk(items: list[Any], folder: tuple[str, ...], inherited: Auth | None, out: list[ImportedRequest],
          depth: int) -> None:
    for item in items:
        if len(out) >= MAX_REQUESTS or depth > j.MAX_DEPTH or not isinstance(item, dict):
            return
        name = j.text(item, "name") or "request"
        auth = _auth(j.obj(item, "auth")) if "auth" in item else inherited
        if isinstance(item.get("item"), list):
            _walk(j.arr(item, "item"), folder + (name,), auth, out, depth + 1)
        elif "request" in item:
            out.append(_request(item, name, folder, auth))


def _auth(spec: dict[str, Any]) -> Auth | None:
    """None: no auth said (inherit); Auth(): explicitly none."""
    kind = j.text(spec, "type")
    if not kind:
        return None
    fields = {j.text(f, "key"): j.text(f, "value") for f in j.arr(spec, kind) if isinstance(f, dict)}
    if kind == "basic":
        return basic_auth(fields.get("username", ""), fields.get("password", ""))
    if kind == "bearer":
        return Auth(AuthKind.BEARER, token=fields.get("token", ""))
    return Auth()


def _url(value: Any) -> str:
    if isinstance(value, str):
        return value
    if not isinstance(value, dict):
        return ""
    raw = j.text(value, "raw")
    if raw:
        return raw
    host = ".".join(h for h in j.arr(value, "host") if isinstance(h, str))
    path = "/".join(p for p in j.arr(value, "path") if isinstance(p, str))
    protocol = j.text(value, "protocol") or "https"
    query = [(j.text(q, "key"), j.text(q, "value")) for q in j.arr(value, "query")
             if isinstance(q, dict) and not j.flag(q, "disabled")]
    url = f"{protocol}://{host}/{path}" if host else path
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query) if query else "")


def _body(spec: dict[str, Any], headers: list[Header], notes: list[str]) -> str:
    mode = j.text(spec, "mode")
    if mode == "raw":
        body = j.text(spec, "raw")
        language = j.text(j.obj(j.obj(spec, "options"), "raw"), "language")
        if body and header_value(headers, "Content-Type") is None and language in _LANGUAGE_TYPES:
            headers.append(Header("Content-Type", _LANGUAGE_TYPES[language]))
        return body
    pairs = [(j.text(p, "key"), j.text(p, "value")) for p in j.arr(spec, mode)
             if isinstance(p, dict) and not j.flag(p, "disabled") and j.text(p, "type") != "file"]
    if mode == "urlencoded":
        if header_value(headers, "Content-Type") is None:
            headers.append(Header("Content-Type", "application/x-www-form-urlencoded"))
        return urlencode(pairs, safe="{}")
    if mode == "formdata":
        files = [(j.text(p, "key"), j.text(p, "src") if isinstance(p.get("src"), str) else "file")
                 for p in j.arr(spec, mode) if isinstance(p, dict) and j.text(p, "type") == "file"]
        if files:
            notes.append("File fields of the form were imported empty (their files are not in the export).")
        if header_value(headers, "Content-Type") is None:
            headers.append(Header("Content-Type", MULTIPART))
        return multipart(pairs, files)
    if mode:
        notes.append(f"The '{mode}' body was not imported.")
    return ""


def _request(item: dict[str, Any], name: str, folder: tuple[str, ...], auth: Auth | None) -> ImportedRequest:
    spec = item.get("request")
    spec = spec if isinstance(spec, dict) else {"url": spec} if isinstance(spec, str) else {}
    notes: list[str] = []
    if j.arr(item, "event"):
        notes.append("Its pre-request and test scripts were not imported (the app runs no JavaScript).")
    headers = [Header(j.text(h, "key"), j.text(h, "value"), not j.flag(h, "disabled"))
               for h in j.arr(spec, "header") if isinstance(h, dict) and j.text(h, "key")]
    body = _body(j.obj(spec, "body"), headers, notes)
    own = _auth(j.obj(spec, "auth")) if "auth" in spec else auth
    headers, final = take_auth_header(headers, own or Auth(), notes)
    kind = body_kind(header_value(headers, "Content-Type"), body)
    request = RequestModel(method=(j.text(spec, "method") or "GET").upper()[:20], url=_url(spec.get("url")),
                           headers=tuple(headers), body=body, body_kind=kind, auth=final)
    return ImportedRequest(request, tuple(notes), name=name[:120], folder=folder)
