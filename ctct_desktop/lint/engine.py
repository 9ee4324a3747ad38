"""``lint_request``: run every applicable rule and return sorted diagnostics.

The engine never raises and never hangs on hostile input: each rule runs guarded, and the
rules themselves only use the hardened parser and linear scans. Set ``CTCT_LINT_STRICT=1`` to
let a rule's exception through (the test suite does, so a broken rule cannot hide).

A rule reports at most ``MAX_PER_RULE`` findings, then one that says more were left out: a
body with a million bad list ids needs the first screenful, not a million diagnostics (their
memory outgrew the parsed tree, and a Problems panel cannot show them anyway).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Mapping
from dataclasses import replace

from ctct_desktop.core.models import RequestModel
from ctct_desktop.core.xml_safety import ParseOutcome
from ctct_desktop.lint.context import LintContext
from ctct_desktop.lint.model import Diagnostic, RuleDoc, Severity
from ctct_desktop.lint.registry import all_rules

_log = logging.getLogger(__name__)
MAX_PER_RULE = 100


def _strict() -> bool:
    return os.environ.get("CTCT_LINT_STRICT") == "1"


def lint_request(request: RequestModel, variables: Mapping[str, str] | None = None, *,
                 body_bytes: bytes | None = None, parsed: ParseOutcome | None = None) -> list[Diagnostic]:
    """Diagnostics for ``request``, sorted by (where, line, column).

    ``variables`` resolves ``{{name}}`` in URL, headers and auth (and makes unknown names an
    error). ``body_bytes`` are the body's original bytes when known (a file), so a declared
    encoding can be checked against them. ``parsed`` is ``core.xml_safety.parse_text`` of the
    body when the caller already has it (the explainer), so the body is not parsed twice.
    """
    try:
        context = LintContext(request, variables, body_bytes, parsed)
    except Exception:  # noqa: BLE001 - the linter must never take the caller down
        if _strict():
            raise
        _log.exception("lint context failed")
        return []
    found: list[Diagnostic] = []
    for rule in all_rules():
        try:
            if rule.applies(context):
                _collect(rule.doc, rule.check(context), found)
        except Exception:  # noqa: BLE001
            if _strict():
                raise
            _log.exception("lint rule %s failed", rule.doc.code)
    return sorted(_unique(found), key=Diagnostic.sort_key)


def _collect(doc: RuleDoc, diagnostics: Iterable[Diagnostic], found: list[Diagnostic]) -> None:
    """Append the rule's first MAX_PER_RULE findings; one more, when there is one, says that
    more were left out (at its own place). What a failing rule found before it failed stays."""
    for count, diagnostic in enumerate(diagnostics):
        if count == MAX_PER_RULE:
            found.append(replace(diagnostic, message=f"More {doc.code} findings are not listed: only the first "
                                 f"{MAX_PER_RULE} are. Fix those and lint again.", hint=diagnostic.message, fix=None))
            return
        found.append(diagnostic)


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
    return any(d.severity is Severity.ERROR for d in diagnostics)
