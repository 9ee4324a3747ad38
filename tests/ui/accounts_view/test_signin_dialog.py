"""OAuth sign-in from the dialog, end to end against the sandbox; httpx plays the browser.

The sandbox registers http://127.0.0.1:8765/oauth/callback (demo.OAUTH_REDIRECT_URI) and no other,
so these tests listen on port 8765.
"""

from __future__ import annotations

import threading
from typing import Any

import httpx
from PySide6 import QtCore, QtGui, QtWidgets

from ctct_desktop.credentials.accounts import AccountManager
from ctct_desktop.credentials.model import Account, AccountKind, AccountSecrets
from ctct_desktop.credentials.oauth.signin import FlowKind
from ctct_desktop.core import sandbox_demo as demo
from ctct_desktop.ui.accounts_view import AccountsDialog, SignInDialog
from ctct_desktop.ui.accounts_view.signin_plan import ServerChoice
from tests.credentials.browser import PlayedBrowser
from tests.ui.accounts_view.helpers import click, type_into

ALLOW = (f"&sandbox_user={demo.DEMO_USERNAME}&sandbox_password={demo.DEMO_PASSWORD}"
         "&sandbox_decision=allow")
DENY = ALLOW.replace("allow", "deny")


def _signin(qtbot, manager: AccountManager, sandbox: Any, opener: Any) -> SignInDialog:  # type: ignore[no-untyped-def]
    dialog = SignInDialog(manager, sandbox_base_url=sandbox.base_url, opener=opener)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _run(qtbot, dialog: SignInDialog) -> None:  # type: ignore[no-untyped-def]
    click(qtbot, dialog.sign_in_button)
    assert dialog.running and dialog.cancel_button.isVisible() and not dialog.form.isEnabled()
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=20000)
    assert not dialog.running


def _lists_status(sandbox: Any, manager: AccountManager, name: str) -> int:
    token = manager.secrets(name).access_token
    with httpx.Client(trust_env=False, timeout=10) as client:
        return client.get(f"{sandbox.account_url}/lists", headers={"Authorization": f"Bearer {token}"}).status_code


def test_sandbox_defaults_fill_the_form(qtbot, saved_manager: AccountManager, sandbox: Any) -> None:
    dialog = _signin(qtbot, saved_manager, sandbox, PlayedBrowser(ALLOW))
    form = dialog.form
    assert form.server_choice is ServerChoice.SANDBOX
    assert (form.client_id.text(), form.client_secret.text()) == (demo.OAUTH_CLIENT_ID, demo.OAUTH_CLIENT_SECRET)
    assert form.redirect_uri.text() == demo.OAUTH_REDIRECT_URI
    form.select_flow(FlowKind.V3_PKCE)
    assert form.client_id.text() == demo.V3_CLIENT_ID and form.client_secret.text() == ""
    assert form.form.isRowVisible(form.boxes["scope"]) and not form.form.isRowVisible(form.boxes["api_version"])
    type_into(qtbot, form.client_id, "my-own-client")
    form.select_flow(FlowKind.SERVER)
    assert form.client_id.text() == "my-own-client"  # typed values are never overwritten
    form.select_server(ServerChoice.CONSTANT_CONTACT)
    assert form.values().server_url == "https://oauth2.constantcontact.com"


def test_server_flow_signs_in_saves_and_closes(qtbot, saved_manager: AccountManager, sandbox: Any) -> None:
    browser = PlayedBrowser(ALLOW)
    dialog = _signin(qtbot, saved_manager, sandbox, browser)
    type_into(qtbot, dialog.form.name, "sandbox-oauth")
    with qtbot.waitSignal(dialog.signed_in, timeout=20000) as signal:
        _run(qtbot, dialog)
    account = signal.args[0]
    assert (account.name, account.kind, account.username) == ("sandbox-oauth", AccountKind.OAUTH2_TOKEN,
                                                              demo.DEMO_USERNAME)
    assert dialog.result() == QtWidgets.QDialog.DialogCode.Accepted and not dialog.isVisible()
    assert browser.visited[0].startswith(f"{sandbox.base_url}/oauth2/oauth/siteowner/authorize?")
    assert dialog.authorize_url.startswith(sandbox.base_url)
    assert _lists_status(sandbox, saved_manager, "sandbox-oauth") == 200


def test_v3_sign_in_keeps_the_refresh_token(qtbot, saved_manager: AccountManager, sandbox: Any) -> None:
    dialog = _signin(qtbot, saved_manager, sandbox, PlayedBrowser(ALLOW))
    dialog.form.select_flow(FlowKind.V3_PKCE)
    _run(qtbot, dialog)
    assert dialog.outcome is not None and dialog.outcome.account is not None, dialog.errors.text()
    account = saved_manager.get("sandbox-v3")
    assert account.kind is AccountKind.V3 and account.client_id == demo.V3_CLIENT_ID
    assert account.expires_at is not None and account.auth_server == sandbox.base_url
    assert saved_manager.secrets("sandbox-v3").refresh_token


def test_client_flow_from_the_account_manager(qtbot, session_manager: AccountManager, sandbox: Any) -> None:
    manager_dialog = AccountsDialog(session_manager, sandbox_base_url=sandbox.base_url, opener=PlayedBrowser(ALLOW))
    qtbot.addWidget(manager_dialog)
    manager_dialog.show()
    click(qtbot, manager_dialog.signin_button)
    dialog = manager_dialog.signin_dialog
    assert dialog is not None
    dialog.form.select_flow(FlowKind.CLIENT)
    assert not dialog.form.form.isRowVisible(dialog.form.boxes["client_secret"])
    with qtbot.waitSignal(manager_dialog.accounts_changed, timeout=20000):
        _run(qtbot, dialog)
    rows = [manager_dialog.list.topLevelItem(i).text(0) for i in range(manager_dialog.list.topLevelItemCount())]
    assert rows == ["sandbox-v1-oauth"] and manager_dialog.selected_name() == "sandbox-v1-oauth"
    assert "Signed in as joesflowers" in manager_dialog.status.text()
    assert _lists_status(sandbox, session_manager, "sandbox-v1-oauth") == 200


def test_redirect_mismatch_shows_both_uris_and_offers_the_registered_one(qtbot, saved_manager: AccountManager,
                                                                         sandbox: Any) -> None:
    browser = PlayedBrowser(ALLOW)
    dialog = _signin(qtbot, saved_manager, sandbox, browser)
    wrong = "http://127.0.0.1:8765/callback"
    type_into(qtbot, dialog.form.redirect_uri, wrong)
    _run(qtbot, dialog)
    panel = dialog.errors
    assert panel.isVisible() and panel.error is not None and panel.error.code == "redirect_uri_mismatch"
    assert (panel.sent.text(), panel.registered.text()) == (wrong, demo.OAUTH_REDIRECT_URI)
    text = panel.text()
    assert f"Sent: {wrong}" in text and f"Must be registered: {demo.OAUTH_REDIRECT_URI}" in text
    assert browser.visited == []  # explained before any browser opened
    assert dialog.isVisible() and saved_manager.list() == []
    click(qtbot, panel.use_button)
    assert dialog.form.redirect_uri.text() == demo.OAUTH_REDIRECT_URI and not panel.isVisible()
    _run(qtbot, dialog)
    assert saved_manager.find("sandbox-v1-oauth") is not None


def test_access_denied_shows_the_title_and_what_to_do(qtbot, saved_manager: AccountManager, sandbox: Any) -> None:
    dialog = _signin(qtbot, saved_manager, sandbox, PlayedBrowser(DENY))
    _run(qtbot, dialog)
    assert dialog.errors.title.text() == "Access was denied"
    assert "User denied authentication." in dialog.errors.message.text()
    assert dialog.sign_in_button.isEnabled() and dialog.form.isEnabled()


def test_cancel_while_waiting_for_the_browser(qtbot, saved_manager: AccountManager, sandbox: Any) -> None:
    opened = threading.Event()

    def silent_browser(url: str) -> bool:  # a browser that never comes back
        opened.set()
        return True

    dialog = _signin(qtbot, saved_manager, sandbox, silent_browser)
    click(qtbot, dialog.sign_in_button)
    # the label changes before the worker thread hands the link to the browser: wait for both
    qtbot.waitUntil(lambda: "Waiting for the browser" in dialog.busy.label.text() and opened.is_set(), timeout=10000)
    assert dialog.link.isVisible() and dialog.copy_link.isVisible()
    click(qtbot, dialog.cancel_button)
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=5000)
    assert dialog.errors.title.text() == "Sign-in cancelled" and saved_manager.list() == []
    assert dialog.isVisible() and dialog.sign_in_button.isEnabled()


def test_signing_in_again_replaces_the_token_of_the_selected_account(qtbot, saved_manager: AccountManager,
                                                                       sandbox: Any) -> None:
    saved_manager.add(Account("mine", AccountKind.OAUTH2_TOKEN, username=demo.DEMO_USERNAME),
                      AccountSecrets(access_token="stale"))
    manager_dialog = AccountsDialog(saved_manager, sandbox_base_url=sandbox.base_url, opener=PlayedBrowser(ALLOW))
    qtbot.addWidget(manager_dialog)
    manager_dialog.select("mine")
    dialog = manager_dialog.sign_in()
    assert dialog.form.name.text() == "mine" and "replaces the token" in dialog.form.name_note.text()
    _run(qtbot, dialog)
    assert saved_manager.secrets("mine").access_token not in ("", "stale")


def test_form_problems_are_shown_before_anything_runs(qtbot, saved_manager: AccountManager, sandbox: Any) -> None:
    dialog = _signin(qtbot, saved_manager, sandbox, PlayedBrowser(ALLOW))
    type_into(qtbot, dialog.form.client_secret, "")
    type_into(qtbot, dialog.form.redirect_uri, "https://example.com/cb")
    click(qtbot, dialog.sign_in_button)
    assert not dialog.running
    boxes = dialog.form.boxes
    assert "client secret" in boxes["client_secret"].error.text()
    assert "127.0.0.1" in boxes["redirect_uri"].error.text()


def test_closing_the_dialog_while_waiting_cancels_the_sign_in(qtbot, saved_manager: AccountManager,
                                                              sandbox: Any) -> None:
    dialog = _signin(qtbot, saved_manager, sandbox, lambda url: True)
    click(qtbot, dialog.sign_in_button)
    qtbot.waitUntil(lambda: "Waiting for the browser" in dialog.busy.label.text(), timeout=10000)
    dialog.reject()
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=5000)
    assert dialog.outcome.error is not None and dialog.outcome.error.code == "cancelled"
    again = _signin(qtbot, saved_manager, sandbox, PlayedBrowser(ALLOW))  # the redirect port is free again
    _run(qtbot, again)
    assert again.outcome is not None and again.outcome.account is not None, again.errors.text()


class _UrlCatcher(QtCore.QObject):
    """Stands in for the desktop's browser: Qt routes QDesktopServices.openUrl here."""

    def __init__(self) -> None:
        super().__init__()
        self.browser = PlayedBrowser(ALLOW)

    @QtCore.Slot(QtCore.QUrl)
    def open(self, url: QtCore.QUrl) -> None:
        self.browser(url.toString(QtCore.QUrl.ComponentFormattingOption.FullyEncoded))


def test_the_default_opener_goes_through_qdesktopservices(qtbot, saved_manager: AccountManager,
                                                          sandbox: Any) -> None:
    catcher = _UrlCatcher()
    QtGui.QDesktopServices.setUrlHandler("http", catcher, "open")
    try:
        dialog = _signin(qtbot, saved_manager, sandbox, None)
        _run(qtbot, dialog)
    finally:
        QtGui.QDesktopServices.unsetUrlHandler("http")
    assert dialog.outcome is not None and dialog.outcome.account is not None, dialog.errors.text()
    assert catcher.browser.visited[0] == dialog.authorize_url + ALLOW  # the URL reached Qt unaltered
