"""The built-in templates: complete, well-formed, described, secret-free, and v1 ones lint clean."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from ctct_desktop.core.models import AuthKind, BodyKind
from ctct_desktop.core.variables import find_placeholders, resolve_request
from ctct_desktop.resources import resource_path
from ctct_desktop.store.builtin_environments import sandbox_variables
from ctct_desktop.store.collection import scan_collection
from ctct_desktop.core.xml_safety import parse_bytes
from ctct_desktop.store.request_file import dump_request, load_request

TEMPLATES = resource_path("templates")
ALL = sorted(TEMPLATES.rglob("*.ctct.toml"))
V1 = [p for p in ALL if p.relative_to(TEMPLATES).parts[0] == "v1"]
SANDBOX = sandbox_variables("http://127.0.0.1:8089")
# Values a user takes from an earlier response (an activity id, an OAuth code, the opted-out
# contact's address), supplied here the way the e2e test supplies them from the sandbox.
RUNTIME = {"activity_id": "a07e1ffaxjxffmvj6qd", "oauth_code": "code", "dnm_contact_email": "kemi@example.com"}

REQUIRED = {
    "v1/Contacts": ["Create contact", "Get contact", "Update contact (keep all lists)", "Search by email",
                    "Sync by updatedsince", "Opt out contact", "Re-subscribe opted-out contact",
                    "Add contact to one more list"],
    "v1/Lists": ["Create list", "Update list", "Delete list", "List members"],
    "v1/Campaigns": ["Create campaign (minimal CUSTOM)", "Get campaign", "Update campaign", "Delete campaign",
                     "List campaigns by status", "Schedule campaign", "Unschedule campaign"],
    "v1/Settings": ["Get email addresses"],
    "v1": ["Service document"],
    "v1/Bulk activities": ["Add contacts (SV_ADD)", "Remove contacts from lists", "Clear lists",
                           "Export contacts", "Activity status"],
    "v1/OAuth 2.0": ["Exchange code for token"],
    "v2/Contacts": ["Create contact"], "v2/Lists": ["Create list"], "v2/Campaigns": ["Create campaign"],
    "v3/Contacts": ["Create contact"], "v3/Lists": ["Create list"], "v3/Campaigns": ["Create campaign"],
}


def _rel(path: Path) -> str:
    return str(path.relative_to(TEMPLATES))


def test_templates_collection_loads_without_problems() -> None:
    collection = scan_collection(TEMPLATES, read_only=True)
    assert collection.problems == []
    assert collection.name == "Templates"
    assert len(collection.tree.requests()) == len(ALL) >= 40


@pytest.mark.parametrize("folder, names", sorted(REQUIRED.items()))
def test_every_template_the_issue_lists_exists(folder: str, names: list[str]) -> None:
    for name in names:
        assert (TEMPLATES / folder / f"{name}.ctct.toml").is_file(), f"{folder}/{name}"


@pytest.mark.parametrize("path", ALL, ids=_rel)
def test_template_is_canonical_described_and_secret_free(path: Path) -> None:
    saved = load_request(path)
    assert saved.notes == ()
    assert path.read_text(encoding="utf-8") == dump_request(saved), "not in the writer's canonical form"
    assert len(saved.description) >= 20, "each template says when to use it"
    auth = tomllib.loads(path.read_text(encoding="utf-8")).get("auth", {})
    for field in ("password", "api_key", "token"):
        if field in auth:
            assert [p.name for p in find_placeholders(auth[field])] and auth[field].startswith("{{")
    if saved.request.body_kind is BodyKind.JSON:
        import json

        json.loads(resolve_request(saved.request, [SANDBOX, {"access_token": "t"}]).request.body)


@pytest.mark.parametrize("path", V1, ids=_rel)
def test_v1_template_resolves_completely_with_the_sandbox_environment(path: Path) -> None:
    saved = load_request(path)
    manifest = scan_collection(TEMPLATES).variables
    extras = RUNTIME
    res = resolve_request(saved.request, [extras, SANDBOX, manifest])
    assert res.unresolved == ()
    if saved.request.body_kind is BodyKind.XML:
        outcome = parse_bytes(res.request.body.encode("utf-8"))
        assert outcome.root is not None, outcome.error
    if "/ws/customers/" in res.request.url:
        assert saved.request.auth.kind is AuthKind.CTCT_BASIC
        assert saved.request.auth.username == "{{username}}"


@pytest.mark.parametrize("path", V1, ids=_rel)
def test_v1_template_lints_clean(path: Path) -> None:
    from ctct_desktop.lint import Severity, lint_request

    saved = load_request(path)
    manifest = scan_collection(TEMPLATES).variables
    extras = RUNTIME
    resolved = resolve_request(saved.request, [extras, SANDBOX, manifest]).request
    errors = [f"{d.code} {d.message}" for d in lint_request(resolved, None) if d.severity is Severity.ERROR]
    assert errors == []
