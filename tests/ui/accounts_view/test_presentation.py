"""List texts, the Verify target and the no-keyring banner, on plain values."""

from __future__ import annotations

from ctct_desktop.credentials.model import Account, AccountKind
from ctct_desktop.credentials.secrets import SESSION_NOTE, KeyringStatus
from ctct_desktop.core import sandbox_demo as demo
from ctct_desktop.ui.accounts_view import presentation

NOW = 1_800_000_000.0


def test_expiry_reads_as_time_left_or_time_since() -> None:
    assert presentation.expiry_text(None, NOW) == ""
    assert presentation.expiry_text(NOW + 2 * 3600 - 300, NOW) == "expires in 1 h 55 min"
    assert presentation.expiry_text(NOW - 180, NOW) == "expired 3 min ago"
    assert presentation.expiry_text(NOW + 3 * 86400 + 3600, NOW) == "expires in 3 d 1 h"
    assert presentation.expiry_text(NOW + 308874923, NOW) == "expires in 9 years"


def test_row_marks_session_only_accounts() -> None:
    account = Account("s", AccountKind.V3, client_id="c", expires_at=NOW + 60, saved=False)
    row = presentation.row_for(account, NOW)
    assert (row.kind, row.storage, row.expiry) == ("v3 OAuth", presentation.NOT_SAVED_TEXT, "expires in 1 min")
    assert presentation.row_for(Account("k", AccountKind.V1_BASIC), NOW).storage == presentation.SAVED_TEXT


def test_verify_uses_the_sandbox_only_for_the_demo_user_on_v1() -> None:
    sandbox = "http://127.0.0.1:5555"
    demo_v1 = Account("d", AccountKind.V1_BASIC, username=demo.DEMO_USERNAME)
    assert presentation.verify_base_url(demo_v1, sandbox) == sandbox
    assert presentation.verify_base_url(demo_v1, "") is None
    assert presentation.verify_base_url(Account("o", AccountKind.V1_BASIC, username="someoneelse"), sandbox) is None
    assert presentation.verify_base_url(Account("v", AccountKind.V3, username=demo.DEMO_USERNAME), sandbox) is None
    assert "sandbox" in presentation.verify_target_text(demo_v1, sandbox)


def test_banner_only_without_a_persistent_store() -> None:
    assert presentation.keyring_banner(True, None) is None
    missing = KeyringStatus(False, "none", "No OS keyring is available. Start a Secret Service.")
    banner = presentation.keyring_banner(False, missing)
    assert banner is not None and "Start a Secret Service" in banner.text and "this session only" in banner.text
    assert presentation.keyring_banner(False, None) == presentation.Banner("Credentials are not saved", SESSION_NOTE)
    later = presentation.keyring_banner(False, KeyringStatus(True, "KWallet", "ok"))
    assert later is not None and "restart" in later.text and "KWallet" in later.text
