"""Models to and from JSON-able dicts: the one serialization history and drafts share.

Pure functions, no I/O. Readers are strict about types and raise ``CodecError`` with a sentence
naming the bad field, so a damaged file never turns into a half-built model or a traceback.
Bodies that are valid UTF-8 are stored as text (readable in a diff); others as Base64.
"""

from __future__ import annotations

import base64
import binascii
import math
from collections.abc import Mapping
from enum import Enum
from typing import Any

from ctct_desktop.core.models import (
    Auth,
    AuthKind,
    BodyKind,
    FailureKind,
    Header,
    RequestModel,
    ResponseRecord,
    Timings,
    TransportFailure,
)

JsonDict = dict[str, Any]


class CodecError(ValueError):
    """Stored data does not describe a model; the message names the field."""


# ---------------------------------------------------------------- readers of single values


def _get(data: Mapping[str, Any], key: str, kind: type | tuple[type, ...], default: Any) -> Any:
    if not isinstance(data, Mapping):
        raise CodecError(f"expected an object, found {type(data).__name__}")
    if key not in data:
        return default
    value = data[key]
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, bool) and kind is not bool:
        raise CodecError(f"field {key!r} must be {_kind_name(kind)}, not a boolean")
    if not isinstance(value, kind):
        raise CodecError(f"field {key!r} must be {_kind_name(kind)}, not {type(value).__name__}")
    return value


def _kind_name(kind: type | tuple[type, ...]) -> str:
    if isinstance(kind, tuple):
        return " or ".join(k.__name__ for k in kind)
    return kind.__name__


def _optional_float(data: Mapping[str, Any], key: str) -> float | None:
    value = data.get(key) if isinstance(data, Mapping) else None
    if value is None:
        return None
    return _get(data, key, float, None)


def _enum(enum_type: type[Enum], data: Mapping[str, Any], key: str, default: Any) -> Any:
    raw = _get(data, key, str, default.value)
    try:
        return enum_type(raw)
    except ValueError:
        allowed = ", ".join(member.value for member in enum_type)
        raise CodecError(f"field {key!r} is {raw!r}; expected one of: {allowed}") from None


def _finite(value: float, key: str) -> float:
    if not math.isfinite(value):
        raise CodecError(f"field {key!r} must be a finite number")
    return value


# ---------------------------------------------------------------- bodies


def body_to_dict(body: bytes) -> JsonDict:
    """UTF-8 bodies as text, anything else as Base64, so nothing is lost either way."""
    try:
        return {"body": body.decode("utf-8")}
    except UnicodeDecodeError:
        return {"body_base64": base64.b64encode(body).decode("ascii")}


def body_from_dict(data: Mapping[str, Any]) -> bytes:
    if isinstance(data, Mapping) and "body_base64" in data:
        try:
            return base64.b64decode(_get(data, "body_base64", str, ""), validate=True)
        except (binascii.Error, ValueError) as exc:
            raise CodecError(f"field 'body_base64' is not valid Base64 ({exc})") from None
    return _get(data, "body", str, "").encode("utf-8", "surrogatepass")


# ---------------------------------------------------------------- request


def auth_to_dict(auth: Auth) -> JsonDict:
    return {
        "kind": auth.kind.value,
        "username": auth.username,
        "password": auth.password,
        "api_key": auth.api_key,
        "token": auth.token,
        "account": auth.account,
    }


def auth_from_dict(data: Mapping[str, Any]) -> Auth:
    return Auth(
        kind=_enum(AuthKind, data, "kind", AuthKind.NONE),
        username=_get(data, "username", str, ""),
        password=_get(data, "password", str, ""),
        api_key=_get(data, "api_key", str, ""),
        token=_get(data, "token", str, ""),
        account=_get(data, "account", str, ""),
    )


def _header_from_dict(data: Any, index: int) -> Header:
    if not isinstance(data, Mapping):
        raise CodecError(f"header {index} must be an object")
    return Header(
        name=_get(data, "name", str, ""),
        value=_get(data, "value", str, ""),
        enabled=_get(data, "enabled", bool, True),
    )


def request_to_dict(request: RequestModel) -> JsonDict:
    """Every field of the request, in a stable key order."""
    return {
        "method": request.method,
        "url": request.url,
        "headers": [{"name": h.name, "value": h.value, "enabled": h.enabled} for h in request.headers],
        "body_kind": request.body_kind.value,
        "body": request.body,
        "auth": auth_to_dict(request.auth),
        "timeout_s": request.timeout_s,
        "verify_tls": request.verify_tls,
        "follow_redirects": request.follow_redirects,
    }


def request_from_dict(data: Mapping[str, Any]) -> RequestModel:
    headers = _get(data, "headers", list, [])
    return RequestModel(
        method=_get(data, "method", str, "GET"),
        url=_get(data, "url", str, ""),
        headers=tuple(_header_from_dict(h, i) for i, h in enumerate(headers)),
        body=_get(data, "body", str, ""),
        body_kind=_enum(BodyKind, data, "body_kind", BodyKind.NONE),
        auth=auth_from_dict(_get(data, "auth", dict, {})),
        timeout_s=_finite(_get(data, "timeout_s", float, 30.0), "timeout_s"),
        verify_tls=_get(data, "verify_tls", bool, True),
        follow_redirects=_get(data, "follow_redirects", bool, False),
    )


# ---------------------------------------------------------------- response and failure


def timings_to_dict(timings: Timings) -> JsonDict:
    return {
        "connect_ms": timings.connect_ms,
        "tls_ms": timings.tls_ms,
        "ttfb_ms": timings.ttfb_ms,
        "download_ms": timings.download_ms,
        "total_ms": timings.total_ms,
    }


def timings_from_dict(data: Mapping[str, Any]) -> Timings:
    return Timings(
        connect_ms=_optional_float(data, "connect_ms"),
        tls_ms=_optional_float(data, "tls_ms"),
        ttfb_ms=_optional_float(data, "ttfb_ms"),
        download_ms=_optional_float(data, "download_ms"),
        total_ms=_get(data, "total_ms", float, 0.0),
    )


def response_to_dict(response: ResponseRecord, *, include_body: bool = True) -> JsonDict:
    """The response; ``include_body=False`` when the caller stores the body elsewhere."""
    out: JsonDict = {
        "status": response.status,
        "reason": response.reason,
        "http_version": response.http_version,
        "headers": [[name, value] for name, value in response.headers],
        "url": response.url,
        "elapsed_ms": response.elapsed_ms,
        "timings": timings_to_dict(response.timings),
    }
    if include_body:
        out.update(body_to_dict(response.body))
    return out


def _pair(item: Any, index: int) -> tuple[str, str]:
    if not (isinstance(item, list) and len(item) == 2 and all(isinstance(x, str) for x in item)):
        raise CodecError(f"response header {index} must be a [name, value] pair of strings")
    return item[0], item[1]


def response_from_dict(data: Mapping[str, Any], body: bytes | None = None) -> ResponseRecord:
    """Rebuild a response; ``body`` overrides the stored one (history keeps bodies apart)."""
    headers = _get(data, "headers", list, [])
    return ResponseRecord(
        status=_get(data, "status", int, 0),
        reason=_get(data, "reason", str, ""),
        http_version=_get(data, "http_version", str, ""),
        headers=tuple(_pair(item, i) for i, item in enumerate(headers)),
        body=body if body is not None else body_from_dict(data),
        url=_get(data, "url", str, ""),
        elapsed_ms=_get(data, "elapsed_ms", float, 0.0),
        timings=timings_from_dict(_get(data, "timings", dict, {})),
    )


def failure_to_dict(failure: TransportFailure) -> JsonDict:
    return {"kind": failure.kind.value, "message": failure.message, "detail": failure.detail}


def failure_from_dict(data: Mapping[str, Any]) -> TransportFailure:
    return TransportFailure(
        kind=_enum(FailureKind, data, "kind", FailureKind.OTHER),
        message=_get(data, "message", str, ""),
        detail=_get(data, "detail", str, ""),
    )
