"""AccountEditor: add or edit one account, with a form that follows the account kind.

Secret fields are password-mode with a Show toggle. When editing, they start empty with an
"(unchanged)" placeholder and overwrite the stored secret only when something is typed. Problems
appear under the field as the user types (after the first edit of that field, or after Save).
The save itself runs in a worker: the keyring can take hundreds of milliseconds.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6 import QtCore, QtWidgets

from ctct_desktop.credentials.accounts import AccountManager
from ctct_desktop.credentials.model import ALLOWED_SECRETS, SECRET_FIELDS, Account, AccountKind, AccountSecrets
from ctct_desktop.ui.accounts_view import form_rules
from ctct_desktop.ui.accounts_view.form_rules import FIELD_LABELS, KIND_FIELDS, EditorValues
from ctct_desktop.ui.accounts_view.widgets import BusyLine, FieldBox, SecretField, error_colour
from ctct_desktop.ui.workers import start_task

UNCHANGED = "(unchanged)"
HINTS = {
    "username": "The Constant Contact account login (not the developer-site login).",
    "client_secret": "Optional: only for applications registered with a secret.",
    "refresh_token": "Optional: lets the app renew the access token when it expires.",
}


class AccountEditor(QtWidgets.QDialog):
    """``saved_account`` holds the result once the dialog is accepted."""

    saved = QtCore.Signal(Account)

    def __init__(self, manager: AccountManager, parent: QtWidgets.QWidget | None = None, *,
                 account: Account | None = None, existing_names: Iterable[str] = ()) -> None:
        super().__init__(parent)
        self.manager = manager
        self.original = account
        self.existing_names = tuple(existing_names)
        self.saved_account: Account | None = None
        self._touched: set[str] = set()
        self._show_all = False
        self.setWindowTitle(f"Edit account '{account.name}'" if account else "Add account")
        self._build()
        self._load(account)
        self._kind_changed()
        self.adjustSize()
        self.resize(max(self.width(), 520), self.height())

    # Construction
    def _build(self) -> None:
        self.kind = QtWidgets.QComboBox(self)
        self.kind.setAccessibleName("Kind")
        for kind in AccountKind:
            self.kind.addItem(kind.label, kind)
        self.name = QtWidgets.QLineEdit(self)
        self.username = QtWidgets.QLineEdit(self)
        self.client_id = QtWidgets.QLineEdit(self)
        self.secret_fields = {name: SecretField(FIELD_LABELS[name], self) for name in SECRET_FIELDS}
        self.expires = QtWidgets.QCheckBox("Expires", self)
        self.expires_at = QtWidgets.QDateTimeEdit(self)
        self.expires_at.setCalendarPopup(True)
        self.expires_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.expires_at.setAccessibleName("Token expiry")
        for name, widget in (("name", self.name), ("username", self.username), ("client_id", self.client_id)):
            widget.setAccessibleName(FIELD_LABELS[name])
        self.form = QtWidgets.QFormLayout()
        self.form.addRow("Kind", self.kind)
        self.boxes: dict[str, FieldBox] = {}
        for name in ("name", "username", "client_id", "api_key", "password", "client_secret",
                     "access_token", "refresh_token", "expires"):
            box = FieldBox(self._field_widget(name), HINTS.get(name, ""), self)
            self.boxes[name] = box
            self.form.addRow(FIELD_LABELS[name], box)
        self.busy = BusyLine(self)
        self.failure = QtWidgets.QLabel(self)
        self.failure.setWordWrap(True)
        self.failure.setVisible(False)
        self.failure.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Save
                                                  | QtWidgets.QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.try_save)
        self.buttons.rejected.connect(self.reject)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.busy)
        layout.addWidget(self.failure)
        layout.addWidget(self.buttons)
        self._connect()

    def _field_widget(self, name: str) -> QtWidgets.QWidget:
        if name in self.secret_fields:
            return self.secret_fields[name]
        if name == "expires":
            row = QtWidgets.QWidget(self)
            line = QtWidgets.QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(self.expires)
            line.addWidget(self.expires_at, 1)
            return row
        return {"name": self.name, "username": self.username, "client_id": self.client_id}[name]

    def _connect(self) -> None:
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.expires.toggled.connect(self.expires_at.setEnabled)
        typed: list[tuple[str, QtWidgets.QLineEdit | SecretField]] = [
            ("name", self.name), ("username", self.username), ("client_id", self.client_id),
            *self.secret_fields.items()]
        for name, widget in typed:
            widget.textEdited.connect(lambda _t, n=name: self._touch(n))
            widget.textChanged.connect(self._revalidate)

    def _load(self, account: Account | None) -> None:
        self.expires_at.setDateTime(QtCore.QDateTime.currentDateTime().addSecs(2 * 3600))
        self.expires_at.setEnabled(False)
        if account is None:
            return
        self.kind.setCurrentIndex(self.kind.findData(account.kind))
        self.name.setText(account.name)
        self.username.setText(account.username)
        self.client_id.setText(account.client_id)
        if account.expires_at is not None:
            self.expires.setChecked(True)
            self.expires_at.setDateTime(QtCore.QDateTime.fromSecsSinceEpoch(int(account.expires_at)))

    # Behaviour
    @property
    def current_kind(self) -> AccountKind:
        return AccountKind(self.kind.currentData())

    def _kind_changed(self) -> None:
        shown = KIND_FIELDS[self.current_kind]
        for name, box in self.boxes.items():
            self.form.setRowVisible(box, name in shown)
        kept = ALLOWED_SECRETS[self.original.kind] if self.original is not None else ()
        for name, field in self.secret_fields.items():
            field.setPlaceholderText(UNCHANGED if name in kept else "")
        self._revalidate()

    def _touch(self, name: str) -> None:
        self._touched.add(name)
        self._revalidate()

    def values(self) -> EditorValues:
        """What the form holds now (only the fields of the chosen kind count)."""
        shown = KIND_FIELDS[self.current_kind]
        typed = {name: field.text() for name, field in self.secret_fields.items() if name in shown}
        expires_at = None
        if self.expires.isChecked():
            expires_at = float(self.expires_at.dateTime().toSecsSinceEpoch())
        return EditorValues(kind=self.current_kind, name=self.name.text(), username=self.username.text(),
                            client_id=self.client_id.text(), expires_at=expires_at,
                            secrets=AccountSecrets(**typed))

    def problems(self) -> dict[str, str]:
        return form_rules.problems(self.values(), self.existing_names, self.original)

    def _revalidate(self) -> dict[str, str]:
        found = self.problems()
        for name, box in self.boxes.items():
            visible = self._show_all or name in self._touched
            box.set_error(found.get(name, "") if visible else "")
        return found

    def try_save(self) -> None:
        """Check the form; when it is fine, save in a worker and close on success."""
        self._show_all = True
        found = self._revalidate()
        if found:
            first = next(name for name in self.boxes if name in found)
            self.boxes[first].setFocus()
            return
        values = self.values()
        original = self.original
        manager = self.manager
        self._set_busy(True)
        start_task(lambda _progress: form_rules.save_or_reason(manager, values, original),
                   self._save_done, self._save_failed, owner=self)

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.kind, *self.boxes.values()):
            widget.setEnabled(not busy)
        self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Save).setEnabled(not busy)
        if busy:
            self.failure.setVisible(False)
            self.busy.start("Saving the secrets in the keyring…" if self.manager.persistent
                            else "Keeping the account for this session…")
        else:
            self.busy.stop()

    def _save_done(self, outcome: Account | str) -> None:
        if isinstance(outcome, str):
            self._save_failed(outcome)
            return
        account = outcome
        self._set_busy(False)
        self.saved_account = account
        self.saved.emit(account)
        self.accept()

    def _save_failed(self, message: str) -> None:
        self._set_busy(False)
        self.failure.setStyleSheet(f"color: {error_colour(self)};")
        self.failure.setText(f"Not saved. {message}")
        self.failure.setVisible(True)
