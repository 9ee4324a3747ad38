"""Postman collection format v2.1: folders as item groups, bodies raw (with their language) or
urlencoded, Basic and Bearer auth with secrets as ``{{variable}}`` references."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from ctct_desktop.core.models import BodyKind, RequestModel
from ctct_desktop.exporters.secrets import basic_pair, bearer_token

SCHEMA = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
_LANGUAGES = {BodyKind.XML: "xml", BodyKind.JSON: "json", BodyKind.TEXT: "text"}


@dataclass(frozen=True)
class ExportItem:
    name: str
    request: RequestModel
    folder: tuple[str, ...] = ()  # folder names from the collection root
    description: str = ""


def _auth(request: RequestModel) -> dict[str, Any] | None:
    pair = basic_pair(request.auth)
    if pair is not None:
        return {"type": "basic", "basic": [{"key": "username", "value": pair[0], "type": "string"},
                                           {"key": "password", "value": pair[1], "type": "string"}]}
    token = bearer_token(request.auth)
    if token is not None:
        return {"type": "bearer", "bearer": [{"key": "token", "value": token, "type": "string"}]}
    return None


def _body(request: RequestModel) -> dict[str, Any] | None:
    if not request.body or request.body_kind is BodyKind.NONE:
        return None
    if request.body_kind is BodyKind.FORM and "{{" not in request.body:
        fields = parse_qsl(request.body, keep_blank_values=True)
        return {"mode": "urlencoded", "urlencoded": [{"key": k, "value": v, "type": "text"} for k, v in fields]}
    body: dict[str, Any] = {"mode": "raw", "raw": request.body}
    if request.body_kind in _LANGUAGES:
        body["options"] = {"raw": {"language": _LANGUAGES[request.body_kind]}}
    return body


def request_item(item: ExportItem) -> dict[str, Any]:
    r = item.request
    spec: dict[str, Any] = {
        "method": r.method.upper(),
        "header": [{"key": h.name, "value": h.value, "type": "text", **({} if h.enabled else {"disabled": True})}
                   for h in r.headers if h.name.strip().lower() != "authorization"],
        "url": {"raw": r.url},
    }
    auth, body = _auth(r), _body(r)
    if auth is not None:
        spec["auth"] = auth
    if body is not None:
        spec["body"] = body
    if item.description:
        spec["description"] = item.description
    return {"name": item.name, "request": spec, "response": []}


def _folder(children: list[dict[str, Any]], name: str) -> list[dict[str, Any]]:
    for child in children:
        if child.get("name") == name and "item" in child:
            return child["item"]
    group: dict[str, Any] = {"name": name, "item": []}
    children.append(group)
    return group["item"]


def postman_collection(name: str, items: Iterable[ExportItem],
                       variables: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The collection as data; ``variables`` are the collection's plain (non-secret) variables."""
    root: list[dict[str, Any]] = []
    for item in items:
        target = root
        for folder in item.folder:
            target = _folder(target, folder)
        target.append(request_item(item))
    document: dict[str, Any] = {"info": {"name": name, "schema": SCHEMA}, "item": root}
    if variables:
        document["variable"] = [{"key": k, "value": v, "type": "string"} for k, v in variables.items()]
    return document


def postman_text(name: str, items: Iterable[ExportItem], variables: Mapping[str, str] | None = None) -> str:
    return json.dumps(postman_collection(name, items, variables), indent=2, ensure_ascii=False) + "\n"
