"""Form bodies (urlencoded or multipart) as their decoded fields, compared by name."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl

from ctct_desktop.diffing.model import Difference

_PART_NAME = re.compile(r'content-disposition:[^\r\n]*\bname="([^"]*)"', re.IGNORECASE)


def _multipart(text: str, content_type: str) -> list[tuple[str, str]]:
    boundary = re.search(r'boundary="?([^";]+)"?', content_type)
    marker = boundary.group(1) if boundary else (text.lstrip().splitlines() or ["--"])[0][2:]
    fields = []
    for part in text.split("--" + marker):
        head, sep, value = part.replace("\r\n", "\n").partition("\n\n")
        name = _PART_NAME.search(head)
        if sep and name:
            fields.append((name.group(1), value[:-1] if value.endswith("\n") else value))
    return fields


def form_fields(text: str, content_type: str) -> list[tuple[str, str]]:
    if "multipart/" in content_type.lower() or text.lstrip().startswith("--"):
        return _multipart(text, content_type)
    return parse_qsl(text.strip(), keep_blank_values=True)


def _link(name: str, a: list[str] | None, b: list[str] | None) -> tuple[str | None, str | None, str]:
    if name == "lists" and not a:
        return "L025", "v1-400-activities-form", "an activity names the lists it adds to"
    if name == "data" and a is not None and b is not None and all(v.count("\n") == 0 for v in a):
        return "L025", "v1-400-activities-form", "data needs a header row and at least one row"
    if name in ("lists", "data", "activityType"):
        return "L025", "v1-400-activities-form", ""
    return None, None, ""


def field_differences(a: list[tuple[str, str]], b: list[tuple[str, str]], where: str,
                      kinds: tuple[str, str, str] = ("missing-param", "extra-param", "param-value")) -> list[Difference]:
    """Fields (or query parameters) by name, order-insensitive; a repeated name compares as a set."""
    def grouped(fields: list[tuple[str, str]]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for name, value in fields:
            out.setdefault(name, []).append(value)
        return out
    left, right = grouped(a), grouped(b)
    missing, extra, changed = kinds
    out = []
    for name in sorted(set(left) | set(right)):
        la, rb = left.get(name), right.get(name)
        if la is not None and rb is not None and sorted(la) == sorted(rb):
            continue
        kind = missing if la is None else extra if rb is None else changed
        shown_a = None if la is None else " | ".join(la)
        shown_b = None if rb is None else " | ".join(rb)
        rule, article, note = _link(name, la, rb) if where.endswith("body") else (None, None, "")
        out.append(Difference(f"{where} {name}", kind, shown_a, shown_b, rule, article, note))
    return out
