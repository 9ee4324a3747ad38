"""File → New ticket…: title, where (a folder inside an open collection), the customer's account
name, and the sandbox quirks that make the scratch account behave like the customer's."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6 import QtCore, QtWidgets

from ctct_desktop.tickets.editing import known_quirks
from ctct_desktop.tickets.folder import safe_name


@dataclass(frozen=True)
class NewTicketChoice:
    folder: Path
    ticket_id: str
    title: str
    account: str
    quirks: dict[str, str]
    seed: bool  # add the current request and its last exchange


class NewTicketDialog(QtWidgets.QDialog):
    """``choice`` holds what was asked for once accepted (None before)."""

    def __init__(self, parents: list[Path], can_seed: bool, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New ticket")
        self.choice: NewTicketChoice | None = None
        form = QtWidgets.QFormLayout()
        self.title = QtWidgets.QLineEdit(self)
        self.title.setPlaceholderText("Campaign update: Error 400 in the common Atom sections")
        self.ticket_id = QtWidgets.QLineEdit(self)
        self.ticket_id.setPlaceholderText("the support system's number, e.g. T1 or 12345")
        self.account = QtWidgets.QLineEdit(self)
        self.account.setPlaceholderText("the customer's account (user) name; never a password")
        self.parent_folder = QtWidgets.QComboBox(self)
        for path in parents:
            self.parent_folder.addItem(str(path), str(path))
        self.folder_name = QtWidgets.QLineEdit(self)
        self.folder_name.setPlaceholderText("folder name (the id or the title when left empty)")
        for label, widget in (("&Title:", self.title), ("Ticket &id:", self.ticket_id),
                              ("&Account name:", self.account), ("&In:", self.parent_folder),
                              ("&Folder:", self.folder_name)):
            form.addRow(label, widget)
        self.quirks = self._quirk_table()
        self.seed = QtWidgets.QCheckBox("Add the &current request and its last exchange", self)
        self.seed.setEnabled(can_seed)
        self.seed.setChecked(can_seed)
        self.message = QtWidgets.QLabel(self)
        self.message.setWordWrap(True)
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Ok
                                             | QtWidgets.QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("&Create ticket")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(form)
        quirks_label = QtWidgets.QLabel("Sandbox &quirks (ticked ones are set on the scratch account):", self)
        quirks_label.setBuddy(self.quirks)
        layout.addWidget(quirks_label)
        layout.addWidget(self.quirks, 1)
        layout.addWidget(self.seed)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(640, 520)

    def _quirk_table(self) -> QtWidgets.QTableWidget:
        specs = known_quirks()
        table = QtWidgets.QTableWidget(len(specs), 2, self)
        table.setAccessibleName("Sandbox quirks")
        table.setHorizontalHeaderLabels(["Quirk", "Value"])
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setStretchLastSection(True)
        for row, spec in enumerate(specs):
            name = QtWidgets.QTableWidgetItem(spec.name)
            name.setFlags(QtCore.Qt.ItemFlag.ItemIsEnabled | QtCore.Qt.ItemFlag.ItemIsUserCheckable
                          | QtCore.Qt.ItemFlag.ItemIsSelectable)
            name.setCheckState(QtCore.Qt.CheckState.Unchecked)
            name.setToolTip(spec.help)
            table.setItem(row, 0, name)
            value = QtWidgets.QComboBox(table)
            value.setEditable(not spec.choices)
            value.addItems(list(spec.choices) or [spec.default])
            value.setCurrentText(spec.default)
            value.setToolTip(spec.help)
            value.setAccessibleName(f"Value of {spec.name}")
            table.setCellWidget(row, 1, value)
        table.resizeColumnToContents(0)
        return table

    def set_quirk(self, name: str, value: str) -> None:
        """Tick ``name`` and choose ``value`` (what a click and a choice do)."""
        for row in range(self.quirks.rowCount()):
            item = self.quirks.item(row, 0)
            if item is not None and item.text() == name:
                item.setCheckState(QtCore.Qt.CheckState.Checked)
                combo = self.quirks.cellWidget(row, 1)
                if isinstance(combo, QtWidgets.QComboBox):
                    combo.setCurrentText(value)
                return
        raise KeyError(name)

    def chosen_quirks(self) -> dict[str, str]:
        chosen = {}
        for row in range(self.quirks.rowCount()):
            item, combo = self.quirks.item(row, 0), self.quirks.cellWidget(row, 1)
            if item is not None and item.checkState() == QtCore.Qt.CheckState.Checked \
                    and isinstance(combo, QtWidgets.QComboBox):
                chosen[item.text()] = combo.currentText().strip()
        return chosen

    def _accept(self) -> None:
        title, ticket_id = self.title.text().strip(), self.ticket_id.text().strip()
        parent = self.parent_folder.currentData()
        if not title and not ticket_id:
            self.message.setText("A ticket needs a title or an id.")
            return
        if not parent:
            self.message.setText("Open or create a collection first (File → Open collection…): a ticket is a "
                                 "folder inside one.")
            return
        name = safe_name(self.folder_name.text().strip() or ticket_id or title, "ticket")
        self.choice = NewTicketChoice(Path(parent) / name, ticket_id or name, title, self.account.text().strip(),
                                      self.chosen_quirks(), self.seed.isChecked())
        self.accept()
