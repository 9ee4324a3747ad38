"""Reading untrusted JSON exports (HAR, Postman, Insomnia) without ever raising.

Every accessor checks the type it gets: a field that is missing or of the wrong type reads as
empty, so structured junk imports as little as it holds instead of failing with a traceback.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ctct_desktop.importers.model import ImportResult, failed, too_large

MAX_DEPTH = 64


def load(text: str) -> tuple[Any, str]:
    """(document, "") or (None, reason)."""
    try:
        return json.loads(text.lstrip("\ufeff")), ""
    except RecursionError:
        return None, "The JSON nests too deeply to read."
    except ValueError as exc:
        return None, f"The text is not valid JSON ({exc})."


def import_document(fmt: str, text: str, build: Callable[[Any], ImportResult]) -> ImportResult:
    """The JSON importers' way in: refuse oversized text, read it, then ``build`` the result."""
    refused = too_large(text)
    if refused:
        return failed(fmt, refused)
    document, problem = load(text)
    if problem:
        return failed(fmt, problem)
    return build(document)


def obj(value: Any, key: str) -> dict[str, Any]:
    found = value.get(key) if isinstance(value, dict) else None
    return found if isinstance(found, dict) else {}


def arr(value: Any, key: str) -> list[Any]:
    found = value.get(key) if isinstance(value, dict) else None
    return found if isinstance(found, list) else []


def text(value: Any, key: str, default: str = "") -> str:
    found = value.get(key) if isinstance(value, dict) else None
    if isinstance(found, str):
        return found
    if isinstance(found, bool):
        return "true" if found else "false"
    if isinstance(found, (int, float)):
        return str(found)
    return default


def number(value: Any, key: str) -> float | None:
    found = value.get(key) if isinstance(value, dict) else None
    if isinstance(found, bool) or not isinstance(found, (int, float)):
        return None
    return float(found) if found == found and abs(found) < 1e12 else None


def flag(value: Any, key: str) -> bool:
    found = value.get(key) if isinstance(value, dict) else None
    return found is True
