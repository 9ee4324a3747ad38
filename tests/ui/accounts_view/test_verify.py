"""Verify from the account manager, against the real sandbox on loopback."""

from __future__ import annotations

from typing import Any

from ctct_desktop.credentials.accounts import AccountManager
from ctct_desktop.credentials.model import Account, AccountKind, AccountSecrets
from ctct_desktop.core import sandbox_demo as demo
from ctct_desktop.ui.accounts_view import AccountsDialog
from tests.ui.accounts_view.helpers import click


def _verify(qtbot, dialog: AccountsDialog, name: str) -> None:  # type: ignore[no-untyped-def]
    dialog.select(name)
    click(qtbot, dialog.verify_button)
    assert dialog.busy.isVisible() and "sandbox" in dialog.busy.label.text()
    assert not dialog.verify_button.isEnabled()  # one check at a time
    qtbot.waitUntil(lambda: dialog.last_verify is not None, timeout=15000)
    assert not dialog.busy.isVisible() and dialog.verify_button.isEnabled()


def test_verify_the_demo_account_on_the_sandbox(qtbot, saved_manager: AccountManager, sandbox: Any) -> None:
    saved_manager.add(Account("demo", AccountKind.V1_BASIC, username=demo.DEMO_USERNAME),
                      AccountSecrets(api_key=demo.DEMO_API_KEY, password=demo.DEMO_PASSWORD))
    dialog = AccountsDialog(saved_manager, sandbox_base_url=sandbox.base_url)
    qtbot.addWidget(dialog)
    dialog.show()
    _verify(qtbot, dialog, "demo")
    result = dialog.last_verify
    assert result is not None and result.ok and result.status == 200
    assert result.url.startswith(sandbox.base_url)
    text = dialog.status.text()
    assert text.startswith("demo: OK (HTTP 200). Verified") and demo.DEMO_PASSWORD not in text


def test_verify_reports_refused_credentials_in_plain_words(qtbot, saved_manager: AccountManager,
                                                           sandbox: Any) -> None:
    saved_manager.add(Account("demo", AccountKind.V1_BASIC, username=demo.DEMO_USERNAME),
                      AccountSecrets(api_key=demo.DEMO_API_KEY, password="wrong-password"))
    dialog = AccountsDialog(saved_manager, sandbox_base_url=sandbox.base_url)
    qtbot.addWidget(dialog)
    dialog.show()
    _verify(qtbot, dialog, "demo")
    result = dialog.last_verify
    assert result is not None and not result.ok and result.status == 401
    assert "Failed (HTTP 401)" in dialog.status.text() and "apikey%username" in dialog.status.text()
    assert "wrong-password" not in dialog.status.text()


def test_verify_with_lost_session_secrets_says_what_is_missing(qtbot, session_manager: AccountManager,
                                                                sandbox: Any) -> None:
    session_manager.add(Account("demo", AccountKind.V1_BASIC, username=demo.DEMO_USERNAME),
                        AccountSecrets(api_key=demo.DEMO_API_KEY, password=demo.DEMO_PASSWORD))
    session_manager.store.delete("account/demo/password")  # as if the session memory were gone
    dialog = AccountsDialog(session_manager, sandbox_base_url=sandbox.base_url)
    qtbot.addWidget(dialog)
    dialog.show()
    _verify(qtbot, dialog, "demo")
    result = dialog.last_verify
    assert result is not None and result.status is None and "password" in result.message
    assert "no response" in dialog.status.text()
