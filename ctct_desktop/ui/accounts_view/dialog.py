"""AccountsDialog: the account manager. List, add, edit, verify, sign in with OAuth, remove.

Every call that may block (keyring reads and writes, the Verify request, the browser sign-in)
runs in a worker. Listing only reads accounts.json, which is small, so it stays on the UI thread.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6 import QtCore, QtWidgets

from ctct_desktop.credentials.accounts import AccountManager
from ctct_desktop.credentials.model import Account, AccountError, AccountKind
from ctct_desktop.credentials.secrets import KeyringStatus, keyring_status
from ctct_desktop.credentials.verify import VerifyResult, verify_account
from ctct_desktop.ui.accounts_view import presentation
from ctct_desktop.ui.accounts_view.editor import AccountEditor
from ctct_desktop.ui.accounts_view.signin_dialog import Opener, SignInDialog
from ctct_desktop.ui.accounts_view.widgets import BusyLine, WarningBanner, error_colour
from ctct_desktop.ui.workers import start_task

COLUMNS = ("Name", "Kind", "Username", "Token", "Stored")
SELECT_NOTE = "Select an account to edit, verify or remove it."


@dataclass(frozen=True)
class Removal:
    name: str
    problem: str = ""  # plain reason it was not removed; empty when done


def remove_account_blocking(manager: AccountManager, name: str) -> Removal:
    """Removal for a worker: the account's keyring entries, then its metadata. Never raises."""
    try:
        manager.remove(name)
    except AccountError as exc:
        return Removal(name, str(exc))
    return Removal(name)


def verify_text(result: VerifyResult) -> str:
    status = f"HTTP {result.status}" if result.status is not None else "no response"
    head = "OK" if result.ok else "Failed"
    checked = f"\nChecked: {result.url}" if result.url else ""
    return f"{head} ({status}). {result.message}{checked}"


class AccountsDialog(QtWidgets.QDialog):
    accounts_changed = QtCore.Signal()

    def __init__(self, manager: AccountManager, parent: QtWidgets.QWidget | None = None, *,
                 sandbox_base_url: str = "", opener: Opener | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Accounts")
        self.manager = manager
        self.sandbox_base_url = sandbox_base_url
        self.opener = opener
        self.editor: AccountEditor | None = None
        self.signin_dialog: SignInDialog | None = None
        self.last_verify: VerifyResult | None = None
        self._verifying = ""
        self._build()
        self._show_banner()
        self.refresh()

    # Construction
    def _build(self) -> None:
        self.banner = WarningBanner(self)
        self.banner.setVisible(False)
        self.list = QtWidgets.QTreeWidget(self)
        self.list.setColumnCount(len(COLUMNS))
        self.list.setHeaderLabels(list(COLUMNS))
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAccessibleName("Accounts")
        self.list.itemSelectionChanged.connect(self._selection_changed)
        self.list.itemDoubleClicked.connect(lambda _item, _col: self.edit_account())
        self.empty_note = QtWidgets.QLabel("No accounts yet. Add one, or sign in with OAuth to get a token.", self)
        self.empty_note.setWordWrap(True)
        self.status = QtWidgets.QLabel(SELECT_NOTE, self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.busy = BusyLine(self)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.banner)
        middle = QtWidgets.QHBoxLayout()
        left = QtWidgets.QVBoxLayout()
        left.addWidget(self.list, 1)
        left.addWidget(self.empty_note)
        middle.addLayout(left, 1)
        middle.addLayout(self._build_buttons())
        layout.addLayout(middle, 1)
        layout.addWidget(self.busy)
        layout.addWidget(self.status)
        close = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.resize(760, 420)

    def _build_buttons(self) -> QtWidgets.QVBoxLayout:
        column = QtWidgets.QVBoxLayout()
        self.add_button = QtWidgets.QPushButton("&Add…", self)
        self.edit_button = QtWidgets.QPushButton("&Edit…", self)
        self.verify_button = QtWidgets.QPushButton("&Verify", self)
        self.signin_button = QtWidgets.QPushButton("&Sign in with OAuth…", self)
        self.remove_button = QtWidgets.QPushButton("&Remove", self)
        self.verify_button.setToolTip("Send one cheap request with this account and say whether the API accepts it")
        for button, slot in ((self.add_button, self.add_account), (self.edit_button, self.edit_account),
                             (self.verify_button, self.verify), (self.signin_button, self.sign_in),
                             (self.remove_button, self.remove_account)):
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            column.addWidget(button)
        column.addStretch(1)
        return column

    def _show_banner(self) -> None:
        banner = presentation.keyring_banner(self.manager.persistent, None)
        if banner is None:
            return
        self.banner.show_message(banner.title, banner.text)
        start_task(lambda _progress: keyring_status(), self._keyring_status_ready, owner=self)

    def _keyring_status_ready(self, status: KeyringStatus) -> None:
        banner = presentation.keyring_banner(self.manager.persistent, status)
        if banner is not None:
            self.banner.show_message(banner.title, banner.text)

    # Listing
    def refresh(self, select: str | None = None) -> None:
        """Reload the list (keeping or moving the selection)."""
        current = select or (self.selected_name() or "")
        try:
            accounts = self.manager.list()
        except AccountError as exc:
            accounts = []
            self._say(f"The accounts could not be read. {exc}", failed=True)
        self.list.clear()
        for account in accounts:
            item = self._item_for(account)
            self.list.addTopLevelItem(item)
            if account.name == current:
                self.list.setCurrentItem(item)
        for column in range(len(COLUMNS) - 1):
            self.list.resizeColumnToContents(column)
        self.empty_note.setVisible(not accounts)
        self._selection_changed()

    def _item_for(self, account: Account) -> QtWidgets.QTreeWidgetItem:
        row = presentation.row_for(account)
        item = QtWidgets.QTreeWidgetItem([row.name, row.kind, row.username, row.expiry, row.storage])
        item.setData(0, QtCore.Qt.ItemDataRole.UserRole, account)
        item.setToolTip(1, row.kind_tooltip)
        item.setToolTip(3, row.expiry_tooltip)
        if not account.saved:
            item.setToolTip(4, "Kept in memory for this session only: no OS keyring is available.")
            item.setForeground(4, self.palette().brush(self.palette().ColorRole.PlaceholderText))
        return item

    def accounts(self) -> list[Account]:
        items = (self.list.topLevelItem(i) for i in range(self.list.topLevelItemCount()))
        return [item.data(0, QtCore.Qt.ItemDataRole.UserRole) for item in items if item is not None]

    def selected_account(self) -> Account | None:
        item = self.list.currentItem()
        if item is None or not item.isSelected():
            return None
        return item.data(0, QtCore.Qt.ItemDataRole.UserRole)

    def selected_name(self) -> str | None:
        account = self.selected_account()
        return account.name if account is not None else None

    def select(self, name: str) -> None:
        for i in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(i)
            if item is not None and item.text(0) == name:
                self.list.setCurrentItem(item)
                item.setSelected(True)

    def _selection_changed(self) -> None:
        chosen = self.selected_account() is not None
        for button in (self.edit_button, self.remove_button):
            button.setEnabled(chosen)
        self.verify_button.setEnabled(chosen and not self._verifying)

    def _say(self, text: str, *, failed: bool = False) -> None:
        self.status.setStyleSheet(f"color: {error_colour(self)};" if failed else "")
        self.status.setText(text)

    def _changed(self, select: str | None = None) -> None:
        self.refresh(select)
        self.accounts_changed.emit()

    # Add and edit
    def add_account(self) -> AccountEditor:
        return self._open_editor(None)

    def edit_account(self) -> AccountEditor | None:
        account = self.selected_account()
        return self._open_editor(account) if account is not None else None

    def _open_editor(self, account: Account | None) -> AccountEditor:
        names = [a.name for a in self.accounts()]
        editor = AccountEditor(self.manager, self, account=account, existing_names=names)
        editor.saved.connect(self._editor_saved)
        self.editor = editor
        editor.open()
        return editor

    def _editor_saved(self, account: Account) -> None:
        self._say(f"Saved '{account.name}'." if account.saved else
                  f"Kept '{account.name}' for this session only (not saved: no OS keyring).")
        self._changed(account.name)

    # Verify
    def verify(self) -> None:
        account = self.selected_account()
        if account is None or self._verifying:
            return
        base_url = presentation.verify_base_url(account, self.sandbox_base_url)
        manager, name = self.manager, account.name
        self._verifying = name
        self.last_verify = None
        self._selection_changed()
        self._say("")
        self.busy.start(presentation.verify_target_text(account, self.sandbox_base_url))
        start_task(lambda _progress: verify_account(manager, name, base_url), self._verified, owner=self)

    def _verified(self, result: VerifyResult) -> None:
        name, self._verifying = self._verifying, ""
        self.busy.stop()
        self.last_verify = result
        self._say(f"{name}: {verify_text(result)}", failed=not result.ok)
        self._selection_changed()

    # Sign in
    def sign_in(self) -> SignInDialog:
        selected = self.selected_account()
        reuse = selected if selected is not None and selected.kind is not AccountKind.V1_BASIC else None
        dialog = SignInDialog(self.manager, self, sandbox_base_url=self.sandbox_base_url, opener=self.opener,
                              account=reuse)
        dialog.signed_in.connect(self._signed_in)
        self.signin_dialog = dialog
        dialog.open()
        return dialog

    def _signed_in(self, account: Account) -> None:
        who = f" as {account.username}" if account.username else ""
        self._say(f"Signed in{who}; saved the token as '{account.name}'.")
        self._changed(account.name)

    # Remove
    def remove_account(self) -> None:
        account = self.selected_account()
        if account is None:
            return
        where = "the OS keyring" if account.saved else "this session's memory"
        answer = QtWidgets.QMessageBox.question(
            self, "Remove account",
            f"Remove the account '{account.name}'?\n\nIts secrets are deleted from {where}. Saved requests "
            "that use it will need another account.",
            QtWidgets.QMessageBox.StandardButton.Yes | QtWidgets.QMessageBox.StandardButton.Cancel,
            QtWidgets.QMessageBox.StandardButton.Cancel)
        if answer != QtWidgets.QMessageBox.StandardButton.Yes:
            return
        manager, name = self.manager, account.name
        self.remove_button.setEnabled(False)
        self.busy.start(f"Removing '{name}'…")
        start_task(lambda _progress: remove_account_blocking(manager, name), self._removed, owner=self)

    def _removed(self, removal: Removal) -> None:
        self.busy.stop()
        name = removal.name
        if removal.problem:
            self._say(f"'{name}' was not removed. {removal.problem}", failed=True)
            self._selection_changed()
            return
        self._say(f"Removed '{name}' and its secrets.")
        self._changed()
