"""The linter's vocabulary: diagnostics, fixes and rule documentation.

Everything is a frozen dataclass so results can cross from a worker thread to the UI and be
compared in tests. A ``Fix`` is pure data plus a pure ``apply``: the UI turns its body edits
into one undoable step, the CLI and tests apply it to a ``RequestModel`` directly.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum

from ctct_desktop.core.models import Auth, Header, RequestModel


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Where(str, Enum):
    """Which part of the request a diagnostic points at; the order is the sort order."""

    BODY = "body"
    URL = "url"
    HEADER = "header"
    AUTH = "auth"


WHERE_ORDER: dict[Where, int] = {where: index for index, where in enumerate(Where)}


@dataclass(frozen=True)
class TextEdit:
    """Replace body[start:end] (Python str indices) with ``replacement``."""

    start: int
    end: int
    replacement: str


def apply_edits(text: str, edits: tuple[TextEdit, ...]) -> str:
    """Apply non-overlapping edits; later offsets first so earlier ones stay valid."""
    result = text
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        start = max(0, min(edit.start, len(result)))
        end = max(start, min(edit.end, len(result)))
        result = result[:start] + edit.replacement + result[end:]
    return result


def _set_headers(headers: tuple[Header, ...], updates: tuple[tuple[str, str], ...]) -> tuple[Header, ...]:
    """Replace same-name headers (case-insensitive, first one kept in place) or append."""
    result = list(headers)
    for name, value in updates:
        wanted = name.lower()
        positions = [i for i, h in enumerate(result) if h.name.strip().lower() == wanted]
        if positions:
            first = positions[0]
            result[first] = Header(name, value, True)
            result = [h for i, h in enumerate(result) if i == first or i not in positions]
        else:
            result.append(Header(name, value, True))
    return tuple(result)


@dataclass(frozen=True)
class Fix:
    """A quick fix: every part is optional; ``apply`` applies all of them at once."""

    title: str
    body_edits: tuple[TextEdit, ...] = ()
    url: str | None = None
    set_headers: tuple[tuple[str, str], ...] = ()
    auth: Auth | None = None

    def apply(self, request: RequestModel) -> RequestModel:
        """The request with this fix applied; the input is left untouched."""
        changes: dict[str, object] = {}
        if self.body_edits:
            changes["body"] = apply_edits(request.body, self.body_edits)
        if self.url is not None:
            changes["url"] = self.url
        if self.set_headers:
            changes["headers"] = _set_headers(request.headers, self.set_headers)
        if self.auth is not None:
            changes["auth"] = self.auth
        return replace(request, **changes) if changes else request  # type: ignore[arg-type]


@dataclass(frozen=True)
class Diagnostic:
    """One finding. Line/column (1-based) and start/end (str offsets) only for body findings."""

    code: str
    severity: Severity
    where: Where
    message: str
    hint: str = ""
    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None
    start: int | None = None
    end: int | None = None
    fix: Fix | None = None

    def sort_key(self) -> tuple[int, int, int, str]:
        return (WHERE_ORDER[self.where], self.line or 0, self.column or 0, self.code)

    def to_json(self) -> dict[str, object]:
        """The CLI's JSON shape (and a stable shape for other consumers)."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "where": self.where.value,
            "line": self.line,
            "column": self.column,
            "message": self.message,
            "hint": self.hint,
        }


@dataclass(frozen=True)
class RuleDoc:
    """What the UI shows for a rule: why it exists and what right and wrong look like."""

    code: str
    title: str
    severity: Severity
    rationale: str
    bad_example: str
    good_example: str
