"""Accounts in the window: File → Accounts… and the auth panel's account list. Applying an
account (keyring reads, token refresh) is the pipeline's job, in the plan worker."""

from __future__ import annotations

from PySide6 import QtCore

from ctct_desktop.credentials.accounts import AccountManager
from ctct_desktop.ui.main_window import MainWindow
from ctct_desktop.ui.window_actions import make_action


class AccountsWiring(QtCore.QObject):
    def __init__(self, window: MainWindow, manager: AccountManager) -> None:
        super().__init__(window)
        self.window = window
        self.manager = manager
        self.action = make_action(window, "Acc&ounts…",
                                  "Credentials kept in the OS keyring; OAuth 2.0 sign-in (Ctrl+Shift+A)", "Ctrl+Shift+A")
        self.action.triggered.connect(self.open_dialog)
        file_menu = window.menus["file"]
        existing = file_menu.actions()
        if existing:
            file_menu.insertAction(existing[0], self.action)
        else:
            file_menu.addAction(self.action)
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
