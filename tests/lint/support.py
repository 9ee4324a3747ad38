"""Builders shared by the lint tests: requests around corpus bodies, and small queries."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from ctct_desktop.core.models import Auth, AuthKind, BodyKind, Header, RequestModel
from ctct_desktop.lint import Diagnostic, lint_request

CORPUS = Path(__file__).parent / "corpus"
BASE = "https://api.constantcontact.com/ws/customers/joesflowers"
AUTH = Auth(AuthKind.CTCT_BASIC, username="joesflowers", password="pw", api_key="KEY123")


def corpus_text(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


def manifest() -> list[dict[str, str]]:
    return json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))["requests"]


def request(body: str = "", path: str = "/contacts", method: str = "POST", *, url: str | None = None,
            headers: tuple[Header, ...] = (), auth: Auth = AUTH, kind: BodyKind | None = None) -> RequestModel:
    if kind is None:
        kind = BodyKind.NONE if not body else BodyKind.FORM if "=" in body[:40] and "<" not in body[:40] else BodyKind.XML
    return RequestModel(method=method, url=url if url is not None else BASE + path, headers=headers,
                        body=body, body_kind=kind, auth=auth)


def lint(req: RequestModel, variables: Mapping[str, str] | None = None) -> list[Diagnostic]:
    return lint_request(req, variables)


def codes(diagnostics: list[Diagnostic]) -> set[str]:
    return {d.code for d in diagnostics}


def only(diagnostics: list[Diagnostic], code: str) -> list[Diagnostic]:
    return [d for d in diagnostics if d.code == code]


def contact(**replacements: str) -> str:
    text = corpus_text("contact_create.xml")
    for old, new in replacements.items():
        assert old.replace("__", " ") in text or old in text, old
        text = text.replace(old, new)
    return text


def mutate(name: str, old: str, new: str) -> str:
    text = corpus_text(name)
    assert old in text, f"{old!r} not in {name}"
    return text.replace(old, new, 1)


def assert_inside(req: RequestModel, diagnostics: list[Diagnostic]) -> None:
    """Every body diagnostic's range lies inside the body and agrees with its line/column."""
    body = req.body
    lines = body.split("\n")
    for d in diagnostics:
        if d.start is None:
            assert d.line is None and d.column is None
            continue
        assert 0 <= d.start <= d.end <= len(body), d
        assert d.end > d.start or not body, d  # something to underline
        assert d.line is not None and d.column is not None and d.end_line is not None and d.end_column is not None
        assert 1 <= d.line <= len(lines) and 1 <= d.end_line <= len(lines), d
        assert 1 <= d.column <= len(lines[d.line - 1]) + 1, d
        assert 1 <= d.end_column <= len(lines[d.end_line - 1]) + 1, d
        assert sum(len(line) + 1 for line in lines[: d.line - 1]) + d.column - 1 == d.start, d
