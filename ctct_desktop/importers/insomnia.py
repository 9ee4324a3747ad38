"""Insomnia v4 export: requests in their folders (request groups), environments as variables.

Insomnia writes variables as ``{{ _.name }}``; they become ``{{name}}``. Template tags
(``{% response ... %}``, ``{% uuid %}``) cannot run here and are reported.
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
from ctct_desktop.importers.postman import variables as _variables

FORMAT = "insomnia"
_VARIABLE = re.compile(r"\{\{\s*(?:_\.)?([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}")
_TAG = re.compile(r"\{%.*?%\}", re.DOTALL)


def is_insomnia(document: Any) -> bool:
    return isinstance(document, dict) and document.get("_type") == "export" and isinstance(
        document.get("resources"), list)


def import_insomnia(text: str) -> ImportResult:
    return j.import_document(FORMAT, text, from_document)


def _plain(value: str, notes: list[str]) -> str:
    if _TAG.search(value):
        notes.append("A template tag ({% ... %}) cannot run here: it became {{insomnia_tag}}.")
        value = _TAG.sub("{{insomnia_tag}}", value)
    return _VARIABLE.sub(lambda m: "{{" + m.group(1) + "}}", value)


def _folders(resources: list[dict[str, Any]]) -> dict[str, tuple[str, str]]:
    return {j.text(r, "_id"): (j.text(r, "name"), j.text(r, "parentId"))
            for r in resources if j.text(r, "_type") == "request_group"}


def _path(parent: str, groups: dict[str, tuple[str, str]]) -> tuple[str, ...]:
    path: list[str] = []
    seen: set[str] = set()
    while parent in groups and parent not in seen and len(path) < j.MAX_DEPTH:
        seen.add(parent)
        name, parent = groups[parent]
        path.insert(0, name or "folder")
    return tuple(path)


def from_document(document: Any) -> ImportResult:
    resources = [r for r in j.arr(document, "resources") if isinstance(r, dict)]
    groups = _folders(resources)
    notes: list[str] = []
    found: list[tuple[str, str]] = []
    secrets: list[str] = []
    for env in (r for r in resources if j.text(r, "_type") == "environment"):
        data = j.obj(env, "data")
        items = [{"key": k, "value": v} for k, v in data.items() if isinstance(v, (str, int, float))]
        if len(items) < len(data):
            notes.append("Nested environment values (objects, lists) were not imported.")
        found.extend(_variables(items, False, notes, secrets))
    requests = [_request(r, groups) for r in resources if j.text(r, "_type") == "request"][:MAX_REQUESTS]
    if not requests:
        return failed(FORMAT, "The Insomnia export has no requests.")
    workspace = next((j.text(r, "name") for r in resources if j.text(r, "_type") == "workspace"), "")
    return ImportResult(FORMAT, tuple(requests), tuple(dict.fromkeys(notes)), tuple(dict(found).items()),
                        name=workspace, secret_variables=tuple(dict.fromkeys(secrets)))


def _auth(spec: dict[str, Any], notes: list[str]) -> Auth:
    if j.flag(spec, "disabled"):
        return Auth()
    kind = j.text(spec, "type")
    if kind == "basic":
        return basic_auth(_plain(j.text(spec, "username"), notes), _plain(j.text(spec, "password"), notes))
    if kind == "bearer":
        return Auth(AuthKind.BEARER, token=_plain(j.text(spec, "token"), notes))
    if kind:
        notes.append(f"The '{kind[:30]}' authentication was not imported.")
    return Auth()


def _body(spec: dict[str, Any], headers: list[Header], notes: list[str]) -> str:
    mime = j.text(spec, "mimeType")
    params = [(_plain(j.text(p, "name"), notes), _plain(j.text(p, "value"), notes)) for p in j.arr(spec, "params")
              if isinstance(p, dict) and not j.flag(p, "disabled") and j.text(p, "type") != "file"]
    if mime and header_value(headers, "Content-Type") is None:
        headers.append(Header("Content-Type", MULTIPART if mime == "multipart/form-data" else mime))
    if mime == "application/x-www-form-urlencoded":
        return urlencode(params, safe="{}")
    if mime == "multipart/form-data":
        return multipart(params)
    return _plain(j.text(spec, "text"), notes)


def _request(resource: dict[str, Any], groups: dict[str, tuple[str, str]]) -> ImportedRequest:
    notes: list[str] = []
    headers = [Header(_plain(j.text(h, "name"), notes), _plain(j.text(h, "value"), notes), not j.flag(h, "disabled"))
               for h in j.arr(resource, "headers") if isinstance(h, dict) and j.text(h, "name")]
    body = _body(j.obj(resource, "body"), headers, notes)
    headers, auth = take_auth_header(headers, _auth(j.obj(resource, "authentication"), notes), notes)
    request = RequestModel(method=(j.text(resource, "method") or "GET").upper()[:20],
                           url=_plain(j.text(resource, "url"), notes), headers=tuple(headers), body=body,
                           body_kind=body_kind(header_value(headers, "Content-Type"), body), auth=auth)
    return ImportedRequest(request, tuple(dict.fromkeys(notes)), name=(j.text(resource, "name") or "request")[:120],
                           folder=_path(j.text(resource, "parentId"), groups))
