"""Shared helpers for importer tests: fixture text and the secrets a fixture must never leak."""

from __future__ import annotations

from pathlib import Path

from ctct_desktop.importers import ImportResult

FIXTURES = Path(__file__).parent / "fixtures"
SECRETS = ("s3cretPW",)


def fixture(name: str) -> str:
    return (FIXTURES / name).read_bytes().decode("utf-8")  # CRLF kept as the customer sent it


def assert_no_secret_outside_auth(result: ImportResult) -> None:
    """Secrets are only in auth fields: never in notes, headers, URLs or variables."""
    for imported in result.requests:
        request = imported.request
        visible = [request.url, request.auth.username, *imported.notes,
                   *(f"{h.name}: {h.value}" for h in request.headers)]
        for secret in SECRETS:
            assert not any(secret in text for text in visible), (secret, visible)
    for secret in SECRETS:
        assert not any(secret in text for text in result.notes)
        assert not any(secret in value for _name, value in result.variables)
