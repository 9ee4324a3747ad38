"""The linter: compiler-like diagnostics for a request before it is sent (no Qt).

``lint_request`` is the entry point; ``rule_docs``/``rule_doc`` give the documentation the UI
shows. Diagnostics carry body offsets and 1-based line/column, and optional pure ``Fix`` objects.

Severity means what the server does: an error is a finding the v1 server refuses (4xx), a warning
or an info one it takes. The few rules for which that does not hold are listed, with the reason,
in ``server_checks.EXCEPTIONS``; ``tests/e2e/test_lint_sandbox_agree.py`` holds the sandbox to it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ctct_desktop.lint.engine import has_errors, lint_request
    from ctct_desktop.lint.model import Diagnostic, Fix, RuleDoc, Severity, TextEdit, Where, apply_edits
    from ctct_desktop.lint.registry import rule_doc, rule_docs
    from ctct_desktop.lint.textmap import utf16_offset

# Names load on first use: the window needs the diagnostics' model at start-up, the engine (its
# rules, lxml) only at the first lint, after the first paint (measured: about 30 ms of imports).
_WHERE = {
    "has_errors": "engine", "lint_request": "engine",
    "Diagnostic": "model", "Fix": "model", "RuleDoc": "model", "Severity": "model", "TextEdit": "model",
    "Where": "model", "apply_edits": "model",
    "rule_doc": "registry", "rule_docs": "registry",
    "utf16_offset": "textmap",
}
__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'ctct_desktop.lint' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"ctct_desktop.lint.{module}"), name)
    globals()[name] = value
    return value
