"""Settings email addresses (read-only) and the service document."""

from __future__ import annotations

from ctct_desktop.core import sandbox_demo as demo
from tests.sandbox.sandbox_helpers import ATOM_HEADERS, client_for, entries, parse, text

EMAIL = "a:content/c:Email"


def test_two_registered_addresses_one_verified_one_pending(sandbox) -> None:
    with client_for(sandbox) as client:
        found = entries(client.get("/settings/emailaddresses"))
        verified = parse(client.get(f"/settings/emailaddresses/{demo.SEED_VERIFIED_EMAIL_ID}"))
        pending = parse(client.get(f"/settings/emailaddresses/{demo.SEED_PENDING_EMAIL_ID}"))
    assert [text(e, f"{EMAIL}/c:EmailAddress") for e in found] == [demo.SEED_VERIFIED_EMAIL, demo.SEED_PENDING_EMAIL]
    assert text(verified, f"{EMAIL}/c:Status") == "Verified"
    assert text(verified, f"{EMAIL}/c:VerifiedTime") is not None
    assert text(pending, f"{EMAIL}/c:Status") == "Pending"
    assert text(pending, f"{EMAIL}/c:VerifiedTime") is None


def test_settings_are_read_only(sandbox) -> None:
    with client_for(sandbox) as client:
        assert client.post("/settings/emailaddresses", content="x", headers=ATOM_HEADERS).status_code == 415
        assert client.put("/settings/emailaddresses/1", content="x", headers=ATOM_HEADERS).status_code == 415


def test_service_document_lists_the_collections(sandbox) -> None:
    with client_for(sandbox) as client:
        service = parse(client.get(sandbox.account_url + "/"))
    hrefs = [c.get("href") for c in service.iter("{http://www.w3.org/2007/app}collection")]
    assert "/ws/customers/joesflowers/contacts" in hrefs
    assert "/ws/customers/joesflowers/settings/emailaddresses" in hrefs
