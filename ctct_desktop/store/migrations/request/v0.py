"""Version 0 -> 1: the unversioned, hand-written request file.

Before format numbers existed (and whenever someone writes a file by hand) a request was just
``method``, ``url``, an optional ``body`` and a plain ``[headers]`` table of ``Name = "value"``.
Version 1 keeps headers as an array of tables with an ``enabled`` flag and names the body kind,
which this step infers from the Content-Type header or the body's first character.
"""

from __future__ import annotations

from typing import Any


def _infer_body_kind(content_type: str, body: str) -> str:
    lowered = content_type.lower()
    if "xml" in lowered:
        return "xml"
    if "json" in lowered:
        return "json"
    if "x-www-form-urlencoded" in lowered:
        return "form"
    stripped = body.lstrip()
    if not stripped:
        return "none"
    if stripped.startswith("<"):
        return "xml"
    if stripped[0] in "{[":
        return "json"
    return "text"


def upgrade(data: dict[str, Any]) -> dict[str, Any]:
    upgraded = dict(data)
    headers = data.get("headers")
    content_type = ""
    if isinstance(headers, dict):
        pairs = [(str(name), str(value)) for name, value in headers.items()]
        upgraded["headers"] = [{"name": name, "value": value, "enabled": True} for name, value in pairs]
        content_type = next((value for name, value in pairs if name.lower() == "content-type"), "")
    if "body_kind" not in data:
        upgraded["body_kind"] = _infer_body_kind(content_type, str(data.get("body", "")))
    upgraded["format"] = 1
    return upgraded
