"""The rule registry: each rule module registers its checks here, with their documentation.

Adding a rule means adding a module under ``rules/`` (and importing it in ``rules/__init__``);
no other rule, nor the engine, changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ctct_desktop.lint.context import LintContext
from ctct_desktop.lint.model import Diagnostic, RuleDoc

Check = Callable[[LintContext], Iterable[Diagnostic]]
Applies = Callable[[LintContext], bool]


@dataclass(frozen=True)
class Rule:
    doc: RuleDoc
    applies: Applies
    check: Check


_RULES: dict[str, Rule] = {}


def register(doc: RuleDoc, applies: Applies) -> Callable[[Check], Check]:
    """Decorator: register ``check`` under ``doc.code`` (one check per code)."""

    def decorate(check: Check) -> Check:
        if doc.code in _RULES:
            raise ValueError(f"rule {doc.code} registered twice")
        _RULES[doc.code] = Rule(doc, applies, check)
        return check

    return decorate


def _code_key(code: str) -> tuple[str, int]:
    digits = "".join(ch for ch in code if ch.isdigit())
    return code.rstrip("0123456789"), int(digits or 0)


def all_rules() -> list[Rule]:
    _load()
    return [_RULES[code] for code in sorted(_RULES, key=_code_key)]


def rule_docs() -> list[RuleDoc]:
    """Every rule's documentation, in code order (for the UI's rule browser and the CLI)."""
    return [rule.doc for rule in all_rules()]


def rule_doc(code: str) -> RuleDoc | None:
    _load()
    rule = _RULES.get(code.strip().upper())
    return rule.doc if rule else None


def _load() -> None:
    import ctct_desktop.lint.rules  # noqa: F401 - importing registers every rule
