"""``lint_request``: run every applicable rule and return sorted diagnostics.

The engine never raises and never hangs on hostile input: each rule runs guarded, and the
rules themselves only use the hardened parser and linear scans. Set ``CTCT_LINT_STRICT=1`` to
let a rule's exception through (the test suite does, so a broken rule cannot hide).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping

from ctct_desktop.core.models import RequestModel
from ctct_desktop.lint.context import LintContext
from ctct_desktop.lint.model import Diagnostic
from ctct_desktop.lint.registry import all_rules

_log = logging.getLogger(__name__)


def _strict() -> bool:
    return os.environ.get("CTCT_LINT_STRICT") == "1"


def lint_request(request: RequestModel, variables: Mapping[str, str] | None = None, *,
                 body_bytes: bytes | None = None) -> list[Diagnostic]:
    """Diagnostics for ``request``, sorted by (where, line, column).

    ``variables`` resolves ``{{name}}`` in URL, headers and auth (and makes unknown names an
    error). ``body_bytes`` are the body's original bytes when known (a file), so a declared
    encoding can be checked against them.
    """
    try:
        context = LintContext(request, variables, body_bytes)
    except Exception:  # noqa: BLE001 - the linter must never take the caller down
        if _strict():
            raise
        _log.exception("lint context failed")
        return []
    found: list[Diagnostic] = []
    for rule in all_rules():
        try:
            if rule.applies(context):
                found.extend(rule.check(context))
        except Exception:  # noqa: BLE001
            if _strict():
                raise
            _log.exception("lint rule %s failed", rule.doc.code)
    return sorted(_unique(found), key=Diagnostic.sort_key)


def _unique(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    seen: set[tuple[object, ...]] = set()
    result = []
    for d in diagnostics:
        key = (d.code, d.where, d.start, d.end, d.message)
        if key not in seen:
            seen.add(key)
            result.append(d)
    return result


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    from ctct_desktop.lint.model import Severity

    return any(d.severity is Severity.ERROR for d in diagnostics)
