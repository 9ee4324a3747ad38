"""Pick how two bodies compare: as XML, JSON, form fields or text, by Content-Type and a sniff."""

from __future__ import annotations

from ctct_desktop.diffing.form_diff import field_differences, form_fields
from ctct_desktop.diffing.json_diff import json_differences, parse_json
from ctct_desktop.diffing.model import Difference
from ctct_desktop.diffing.text_diff import text_differences
from ctct_desktop.diffing.xml_diff import xml_differences


def body_format(text: str, content_type: str = "") -> str:
    """"xml", "json", "form", "multipart", "text" or "none"."""
    ct = content_type.lower()
    stripped = text.lstrip("\ufeff \t\r\n")
    if not stripped:
        return "none"
    if "multipart/" in ct or stripped.startswith("--") and "content-disposition" in stripped[:400].lower():
        return "multipart"
    if stripped.startswith("<") or stripped.startswith("?xml"):
        return "xml"
    if stripped[0] in "{[" and parse_json(stripped)[1] is None:
        return "json"
    if "json" in ct:
        return "json"
    if "x-www-form-urlencoded" in ct or ("=" in stripped and "\n" not in stripped.strip() and " " not in stripped):
        return "form"
    if "xml" in ct:
        return "xml"
    return "text"


def body_differences(a: str, b: str, content_type_a: str = "", content_type_b: str = "",
                     where: str = "body") -> list[Difference]:
    fa, fb = body_format(a, content_type_a), body_format(b, content_type_b)
    if a == b:
        return []
    out: list[Difference] = []
    if fa != fb and "none" not in (fa, fb):
        out.append(Difference(where, "body-format", fa, fb, note="the bodies are written in different formats"))
    formats = {fa, fb}
    if formats <= {"form", "multipart"}:
        return out + field_differences(form_fields(a, content_type_a), form_fields(b, content_type_b), where)
    if formats == {"xml"}:
        return out + xml_differences(a, b, where)
    if formats == {"json"}:
        (left, _), (right, _) = parse_json(a), parse_json(b)
        return out + json_differences(left, right, where)
    if "none" in formats:
        return out + [Difference(where, "text", a[:200] or None, b[:200] or None, note="one side has no body")]
    return out + text_differences(a, b, where)
