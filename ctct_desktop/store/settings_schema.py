"""The vocabulary of the declarative settings schema: one spec per field, and its checks.

A field is declared once, with its default, help text and limits; loading, saving, validating
and the settings dialog all read the same declaration.
"""

from __future__ import annotations

import base64
import binascii
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


class SettingValueError(ValueError):
    """A value does not fit its field; the message says what is expected."""


@dataclass(frozen=True)
class SettingSpec:
    """How one field is typed, bounded and explained."""

    kind: type  # bool, int, float, str or tuple (a list of strings)
    help: str
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    check: Callable[[Any], str | None] | None = None  # extra rule: a problem sentence or None


def setting(default: Any, *, help: str, kind: type | None = None, choices: tuple[str, ...] = (),
            minimum: float | None = None, maximum: float | None = None,
            check: Callable[[Any], str | None] | None = None) -> Any:
    """A dataclass field carrying its SettingSpec in the metadata."""
    spec = SettingSpec(kind or type(default), help, choices, minimum, maximum, check)
    return field(default=default, metadata={"spec": spec})


def _describe(spec: SettingSpec) -> str:
    if spec.choices:
        return "one of " + ", ".join(repr(c) for c in spec.choices)
    names = {bool: "true or false", int: "a whole number", float: "a number", str: "text",
             tuple: "a list of text values"}
    return names.get(spec.kind, spec.kind.__name__)


def _coerce(spec: SettingSpec, value: Any) -> Any:
    """The value in the field's Python type, or SettingValueError. Booleans are never numbers."""
    if spec.kind is bool:
        ok = isinstance(value, bool)
    elif spec.kind is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif spec.kind is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
        value = float(value) if ok else value
    elif spec.kind is tuple:
        ok = isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value)
        value = tuple(value) if ok else value
    else:
        ok = isinstance(value, spec.kind)
    if not ok:
        raise SettingValueError(f"expected {_describe(spec)}, found {_show(value)}")
    return value


def validate(spec: SettingSpec, value: Any) -> Any:
    """The checked value (ints accepted for floats, lists for tuples) or SettingValueError."""
    value = _coerce(spec, value)
    if spec.choices and value not in spec.choices:
        raise SettingValueError(f"expected {_describe(spec)}, found {_show(value)}")
    if spec.minimum is not None and value < spec.minimum:
        raise SettingValueError(f"must be at least {spec.minimum:g}, found {_show(value)}")
    if spec.maximum is not None and value > spec.maximum:
        raise SettingValueError(f"must be at most {spec.maximum:g}, found {_show(value)}")
    if spec.check is not None:
        problem = spec.check(value)
        if problem:
            raise SettingValueError(problem)
    return value


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def check_base64(value: str) -> str | None:
    """Window geometry is Qt's saveGeometry() bytes as Base64; empty means "not saved yet"."""
    if not value:
        return None
    try:
        base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return "expected Base64 text (or empty)"
    return None


def check_font_size(value: int) -> str | None:
    if value != 0 and not 6 <= value <= 72:
        return "expected 0 (the system size) or a size from 6 to 72 points"
    return None


def check_folders(value: tuple[str, ...]) -> str | None:
    if any(not item.strip() or "\x00" in item for item in value):
        return "every entry must be a folder path (no empty entries)"
    return None
