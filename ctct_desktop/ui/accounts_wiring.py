"""Accounts in the window: File → Accounts…, the auth panel's account list, and applying an
account's secrets in the send worker (keyring reads and token refresh never block the UI)."""

from __future__ import annotations

from PySide6 import QtCore

from ctct_desktop.core.models import RequestModel
from ctct_desktop.credentials.accounts import AccountManager
from ctct_desktop.credentials.secrets import SecretStore, default_secret_store
from ctct_desktop.ui.main_window import MainWindow
from ctct_desktop.ui.send_controller import Prepared
from ctct_desktop.ui.window_actions import make_action


class LazySecretStore:
    """Resolves the keyring backend on first use (it costs 80-400 ms), not at start-up."""

    def __init__(self) -> None:
        self._store: SecretStore | None = None

    def _resolved(self) -> SecretStore:
        if self._store is None:
            self._store = default_secret_store()
        return self._store

    @property
    def persistent(self) -> bool:
        return self._resolved().persistent

    def get(self, key: str) -> str | None:
        return self._resolved().get(key)

    def set(self, key: str, value: str) -> None:
        self._resolved().set(key, value)

    def delete(self, key: str) -> None:
        self._resolved().delete(key)


class AccountsWiring(QtCore.QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.manager = AccountManager(LazySecretStore())  # type: ignore[arg-type]
        self.action = make_action(window, "&Accounts…",
                                  "Credentials kept in the OS keyring; OAuth 2.0 sign-in (Ctrl+Shift+A)", "Ctrl+Shift+A")
        self.action.triggered.connect(self.open_dialog)
        file_menu = window.menus["file"]
        file_menu.insertAction(file_menu.actions()[0] if file_menu.actions() else None, self.action)
        window.sender.prepare = self.prepare
        self.refresh_names()

    def refresh_names(self) -> None:
        try:
            names = [account.name for account in self.manager.list()]
        except Exception as exc:  # a damaged accounts file is reported, never fatal
            self.window.show_activity(f"Accounts could not be read: {exc}")
            names = []
        self.window.request_editor.auth.set_account_names(names)

    def open_dialog(self) -> None:
        from ctct_desktop.ui.accounts_view import AccountsDialog

        dialog = AccountsDialog(self.manager, self.window, sandbox_base_url=self.window.sandbox_base_url)
        dialog.accounts_changed.connect(self.refresh_names)
        dialog.open()

    def prepare(self, request: RequestModel) -> Prepared:
        """Runs in the send worker: apply the named account (refreshing a v3 token when due)."""
        if not request.auth.account:
            return Prepared(request)
        from ctct_desktop.credentials.send_auth import authorize_request

        authorized = authorize_request(request, self.manager)
        if not authorized.ok:
            return Prepared(None, authorized.problem, authorized.secrets)
        return Prepared(authorized.request, None, authorized.secrets)
