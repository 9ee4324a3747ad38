"""The linter: compiler-like diagnostics for a request before it is sent (no Qt).

``lint_request`` is the entry point; ``rule_docs``/``rule_doc`` give the documentation the UI
shows. Diagnostics carry body offsets and 1-based line/column, and optional pure ``Fix`` objects.

Severity means what the server does: an error is a finding the v1 server refuses (4xx), a warning
or an info one it takes. The few rules for which that does not hold are listed, with the reason,
in ``server_checks.EXCEPTIONS``; ``tests/e2e/test_lint_sandbox_agree.py`` holds the sandbox to it.
"""

from __future__ import annotations

from ctct_desktop.lint.engine import has_errors, lint_request
from ctct_desktop.lint.model import Diagnostic, Fix, RuleDoc, Severity, TextEdit, Where, apply_edits
from ctct_desktop.lint.registry import rule_doc, rule_docs
from ctct_desktop.lint.textmap import utf16_offset

__all__ = [
    "Diagnostic",
    "Fix",
    "RuleDoc",
    "Severity",
    "TextEdit",
    "Where",
    "apply_edits",
    "has_errors",
    "lint_request",
    "rule_doc",
    "rule_docs",
    "utf16_offset",
]
