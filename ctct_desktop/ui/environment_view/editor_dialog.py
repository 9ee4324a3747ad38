"""Edit an environment: a table of name / value / secret, saved as a plain file beside the collection.

Secret values are masked, typed into a password field, and go to the secret store (the OS
keyring); the file keeps only a reference. When the store is not persistent (no keyring on this
machine) the dialog says that secrets last for this session only. A built-in environment is
never changed: editing one makes the user's own copy.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6 import QtCore, QtWidgets

from ctct_desktop.store.collection import read_manifest
from ctct_desktop.store.collection_ops import CollectionError, check_name
from ctct_desktop.store.environment import (
    Environment,
    EnvironmentFileError,
    EnvVariable,
    SecretStoreLike,
    environment_path,
    save_environment,
    secret_reference,
    user_copy,
)
from ctct_desktop.ui.environment_view.secret_delegate import SecretValueDelegate

NAME, VALUE, SECRET = 0, 1, 2
REF_ROLE = QtCore.Qt.ItemDataRole.UserRole + 1
_VARIABLE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")
NOT_SAVED_NOTE = ("Not saved: this computer has no OS keyring, so secret values are kept in memory for "
                  "this session only (the file never holds them).")


class EnvironmentEditor(QtWidgets.QDialog):
    saved = QtCore.Signal(Environment)  # as written

    def __init__(self, environment: Environment | None, collection_root: Path, store: SecretStoreLike,
                 parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit environment")
        self.collection_root = Path(collection_root)
        self.store = store
        self._scope = read_manifest(self.collection_root).name
        source = environment or Environment("New environment")
        self.original = user_copy(source, f"{source.name} copy") if source.builtin else source
        self._build()
        self._load(self.original)

    # ------------------------------------------------------------------ building

    def _build(self) -> None:
        self.name = QtWidgets.QLineEdit(self.original.name, self)
        self.name.setAccessibleName("Environment name")
        self.table = QtWidgets.QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels(["Variable", "Value", "Secret"])
        self.table.setAccessibleName("Variables")
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(VALUE, QtWidgets.QHeaderView.ResizeMode.Stretch)
        self.delegate = SecretValueDelegate(self.is_secret_row, self.table)
        self.table.setItemDelegateForColumn(VALUE, self.delegate)
        self.table.itemChanged.connect(self._on_item_changed)
        add = QtWidgets.QPushButton("Add variable", self)
        add.clicked.connect(lambda: self.add_row("", "", False, edit=True))
        remove = QtWidgets.QPushButton("Remove", self)
        remove.clicked.connect(self.remove_selected)
        self.reveal = QtWidgets.QCheckBox("Show secret values", self)
        self.reveal.toggled.connect(self._set_reveal)
        self.note = QtWidgets.QLabel(NOT_SAVED_NOTE if not self.store.persistent else "", self)
        self.note.setWordWrap(True)
        self.note.setVisible(not self.store.persistent)
        self.error = QtWidgets.QLabel(self)
        self.error.setWordWrap(True)
        self.error.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.error.setStyleSheet("color: #c0392b")
        self.error.hide()
        self.buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Save | QtWidgets.QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        row = QtWidgets.QHBoxLayout()
        for widget in (add, remove):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.reveal)
        form = QtWidgets.QFormLayout()
        form.addRow("Name:", self.name)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        for part in (self.note, self.error, self.buttons):
            layout.addWidget(part)
        self.resize(620, 420)

    def _load(self, env: Environment) -> None:
        for var in env.variables:
            self.add_row(var.name, var.value, var.is_secret, ref=var.secret_ref)

    # ------------------------------------------------------------------ rows

    def add_row(self, name: str, value: str | None, secret: bool, *, ref: str | None = None,
                edit: bool = False) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        name_item = QtWidgets.QTableWidgetItem(name)
        name_item.setData(REF_ROLE, ref)
        value_item = QtWidgets.QTableWidgetItem()
        value_item.setData(QtCore.Qt.ItemDataRole.EditRole, value)
        secret_item = QtWidgets.QTableWidgetItem()
        secret_item.setFlags(QtCore.Qt.ItemFlag.ItemIsEnabled | QtCore.Qt.ItemFlag.ItemIsUserCheckable
                             | QtCore.Qt.ItemFlag.ItemIsSelectable)
        secret_item.setCheckState(QtCore.Qt.CheckState.Checked if secret else QtCore.Qt.CheckState.Unchecked)
        secret_item.setToolTip("Keep the value in the OS keyring; the file holds only a reference")
        for column, item in ((NAME, name_item), (VALUE, value_item), (SECRET, secret_item)):
            self.table.setItem(row, column, item)
        if edit:
            self.table.setCurrentCell(row, NAME)
            self.table.editItem(name_item)
        return row

    def remove_selected(self) -> None:
        for row in sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)

    def is_secret_row(self, row: int) -> bool:
        item = self.table.item(row, SECRET)
        return item is not None and item.checkState() == QtCore.Qt.CheckState.Checked

    def _on_item_changed(self, item: QtWidgets.QTableWidgetItem) -> None:
        if item.column() == SECRET:
            self.table.viewport().update()

    def _set_reveal(self, shown: bool) -> None:
        self.delegate.reveal = shown
        self.table.viewport().update()

    # ------------------------------------------------------------------ result

    def variables(self) -> tuple[EnvVariable, ...]:
        """The table as variables; raises ValueError with the first problem in plain words."""
        env_name = self.name.text().strip()
        rows: list[EnvVariable] = []
        seen: set[str] = set()
        for row in range(self.table.rowCount()):
            name_item, value_item = self.table.item(row, NAME), self.table.item(row, VALUE)
            name = name_item.text().strip() if name_item is not None else ""
            value = value_item.data(QtCore.Qt.ItemDataRole.EditRole) if value_item is not None else ""
            if not name and not value:
                continue  # an empty row the user added and left
            if not _VARIABLE_NAME.match(name):
                raise ValueError(f"Row {row + 1}: '{name}' is not a variable name (letters, digits, _ . -; "
                                 "starting with a letter or _).")
            if name in seen:
                raise ValueError(f"Row {row + 1}: '{name}' is defined twice.")
            seen.add(name)
            rows.append(self._variable(row, env_name, name, value))
        return tuple(rows)

    def _variable(self, row: int, env_name: str, name: str, value: object) -> EnvVariable:
        if not self.is_secret_row(row):
            return EnvVariable(name, value if isinstance(value, str) else "")
        name_item = self.table.item(row, NAME)
        ref = name_item.data(REF_ROLE) if name_item is not None else None
        ref = ref if isinstance(ref, str) and ref else secret_reference(env_name, name, self._scope)
        return EnvVariable(name, value if isinstance(value, str) else None, ref)

    def environment(self) -> Environment:
        """What Save would write; raises ValueError when the form is not valid."""
        try:
            name = check_name(self.name.text())
        except CollectionError as exc:
            raise ValueError(f"Environment name: {exc}") from None
        return Environment(name, self.variables(), self.original.path, builtin=False)

    def target_path(self, env: Environment) -> Path:
        if env.path is not None:
            return env.path
        path = environment_path(self.collection_root, env.name)
        if path.exists():
            raise ValueError(f"An environment named '{env.name}' already exists in this collection.")
        return path

    def save(self) -> Environment | None:
        """Write the file and the secrets; None (with the reason shown) when it cannot."""
        from ctct_desktop.credentials.secrets import SecretStoreError

        try:
            env = self.environment()
            written = save_environment(self.target_path(env), env, self.store)
        except (ValueError, EnvironmentFileError, SecretStoreError, OSError) as exc:
            self.show_error(str(exc))
            return None
        self._forget_dropped_secrets(written)
        self.saved.emit(written)
        return written

    def _forget_dropped_secrets(self, written: Environment) -> None:
        """A variable that stopped being secret (or went): remove its keyring entry."""
        from ctct_desktop.credentials.secrets import SecretStoreError

        kept = {v.secret_ref for v in written.variables if v.secret_ref}
        dropped = [v.secret_ref for v in self.original.variables
                   if v.secret_ref and v.secret_ref not in kept and self.original.path is not None]
        for ref in dropped:
            try:
                self.store.delete(ref)
            except SecretStoreError as exc:  # a locked keyring: harmless without the reference, but say so
                self.show_error(f"The old secret could not be removed from the keyring: {exc}")

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def accept(self) -> None:
        if self.save() is not None:
            super().accept()
