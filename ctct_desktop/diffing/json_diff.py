"""Two JSON bodies as structure: objects by key (order is not a difference), arrays by position.
Our own small walk: deepdiff would be a dependency for forty lines."""

from __future__ import annotations

import json
from typing import Any

from ctct_desktop.diffing.model import Difference

MAX_DIFFERENCES = 500


def parse_json(text: str) -> tuple[Any, str | None]:
    try:
        return json.loads(text), None
    except (ValueError, RecursionError) as exc:
        return None, f"not valid JSON: {exc}"


def _shown(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)[:200]


def _walk(a: Any, b: Any, path: str, out: list[Difference], where: str) -> None:
    if len(out) >= MAX_DIFFERENCES:
        return
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b), key=str):
            child = f"{path}.{key}" if path else str(key)
            if key not in a:
                out.append(Difference(f"{where} {child}", "json-missing", None, _shown(b[key])))
            elif key not in b:
                out.append(Difference(f"{where} {child}", "json-extra", _shown(a[key]), None))
            else:
                _walk(a[key], b[key], child, out, where)
    elif isinstance(a, list) and isinstance(b, list):
        for index in range(max(len(a), len(b))):
            child = f"{path}[{index}]"
            if index >= len(a):
                out.append(Difference(f"{where} {child}", "json-missing", None, _shown(b[index])))
            elif index >= len(b):
                out.append(Difference(f"{where} {child}", "json-extra", _shown(a[index]), None))
            else:
                _walk(a[index], b[index], child, out, where)
    elif type(a) is not type(b) and not (isinstance(a, (int, float)) and isinstance(b, (int, float))
                                         and not isinstance(a, bool) and not isinstance(b, bool)):
        out.append(Difference(f"{where} {path or '$'}", "json-type", _shown(a), _shown(b)))
    elif a != b:
        out.append(Difference(f"{where} {path or '$'}", "json-value", _shown(a), _shown(b)))


def json_differences(a: Any, b: Any, where: str = "body") -> list[Difference]:
    out: list[Difference] = []
    _walk(a, b, "", out, where)
    return out
