"""``{{name}}`` placeholders for linting, through the project's one resolver (core.variables).

The linter resolves URL, headers and auth before checking them (a template's
``{{base_url}}/contacts`` must be judged as the URL it becomes, query values percent-encoded
exactly as they will be sent) and leaves the body as text. Missing names are collected per
place, including names missing inside another variable's value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from ctct_desktop.core.models import BodyKind, RequestModel
from ctct_desktop.core.variables import Placeholder, find_placeholders, resolve_request, resolve_text

__all__ = ["Placeholder", "find_placeholders", "missing_names", "resolve_outside_body"]


def resolve_outside_body(request: RequestModel, variables: Mapping[str, str] | None) -> RequestModel:
    """The request with URL, headers and auth resolved; the body untouched."""
    if variables is None:
        return request
    stripped = replace(request, body="", body_kind=BodyKind.NONE)
    resolved = resolve_request(stripped, [variables]).request
    return replace(resolved, body=request.body, body_kind=request.body_kind)


def missing_names(text: str, variables: Mapping[str, str]) -> tuple[str, ...]:
    """Names that cannot be resolved in ``text`` (directly or inside another value)."""
    if "{{" not in text:
        return ()
    return resolve_text(text, [variables])[1]
