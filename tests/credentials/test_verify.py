"""Verify: one cheap GET with the account, explained; against the sandbox."""

from __future__ import annotations

from typing import Any

from ctct_desktop.credentials.accounts import Account, AccountKind, AccountManager, AccountSecrets
from ctct_desktop.credentials.verify import probe_url, verify_account
from ctct_desktop.core import sandbox_demo as demo


def test_probe_urls_per_api_version() -> None:
    assert probe_url(Account("a", AccountKind.V1_BASIC, username="joe")) == \
        "https://api.constantcontact.com/ws/customers/joe/lists"
    assert probe_url(Account("a", AccountKind.V2)) == "https://api.constantcontact.com/v2/account/info"
    assert probe_url(Account("a", AccountKind.V3, client_id="c")) == "https://api.cc.email/v3/account/summary"
    assert probe_url(Account("a", AccountKind.OAUTH2_TOKEN)) is None


def test_verify_good_and_bad_credentials_on_the_sandbox(sandbox: Any, manager: AccountManager) -> None:
    manager.add(Account("demo", AccountKind.V1_BASIC, username=demo.DEMO_USERNAME),
                AccountSecrets(api_key=demo.DEMO_API_KEY, password=demo.DEMO_PASSWORD))
    good = verify_account(manager, "demo", sandbox.base_url)
    assert good.ok and good.status == 200 and "Verified" in good.message
    manager.add(Account("bad", AccountKind.V1_BASIC, username=demo.DEMO_USERNAME),
                AccountSecrets(api_key=demo.DEMO_API_KEY, password="not-the-password"))
    bad = verify_account(manager, "bad", sandbox.base_url)
    assert not bad.ok and bad.status == 401 and "apikey%username" in bad.message
    assert "not-the-password" not in bad.message + bad.url


def test_verify_explains_missing_accounts_and_usernames(manager: AccountManager) -> None:
    assert "no account named" in verify_account(manager, "ghost").message
    manager.add(Account("tok", AccountKind.OAUTH2_TOKEN), AccountSecrets(access_token="t"))
    result = verify_account(manager, "tok")
    assert not result.ok and result.status is None and "no username" in result.message
