"""The few questions the collections panel asks the user, one function each.

Kept apart from the panel so tests can answer them (monkeypatch) without driving modal dialogs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6 import QtCore, QtGui, QtWidgets


def confirm(parent: QtWidgets.QWidget, title: str, text: str) -> bool:
    buttons = QtWidgets.QMessageBox.StandardButton
    answer = QtWidgets.QMessageBox.question(parent, title, text, buttons.Yes | buttons.No, buttons.No)
    return answer == buttons.Yes


def ask_folder(parent: QtWidgets.QWidget, caption: str, start: Path | None = None) -> Path | None:
    chosen = QtWidgets.QFileDialog.getExistingDirectory(parent, caption, str(start or Path.home()))
    return Path(chosen) if chosen else None


def ask_text(parent: QtWidgets.QWidget, title: str, label: str, default: str = "") -> str | None:
    text, accepted = QtWidgets.QInputDialog.getText(parent, title, label, QtWidgets.QLineEdit.EchoMode.Normal,
                                                    default)
    return text if accepted and text.strip() else None


def reveal_in_file_manager(path: Path) -> bool:
    """Open the folder (a request's own folder) in the platform's file manager."""
    folder = path if path.is_dir() else path.parent
    return QtGui.QDesktopServices.openUrl(QtCore.QUrl.fromLocalFile(str(folder)))


@dataclass(frozen=True)
class Destination:
    """A folder a request can be saved into, with how it is shown (Collection / sub / folder)."""

    folder: Path
    label: str


@dataclass(frozen=True)
class SaveAsChoice:
    folder: Path
    name: str


class SaveAsDialog(QtWidgets.QDialog):
    """Pick the destination folder (any folder of an open user collection) and the new name."""

    def __init__(self, parent: QtWidgets.QWidget | None, destinations: list[Destination], name: str) -> None:
        super().__init__(parent)
        self.setWindowTitle("Save as")
        self.destination = QtWidgets.QComboBox(self)
        self.destination.setAccessibleName("Destination folder")
        for choice in destinations:
            self.destination.addItem(choice.label, choice.folder)
        self.name = QtWidgets.QLineEdit(name, self)
        self.name.setAccessibleName("Request name")
        buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Save | QtWidgets.QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.name.textChanged.connect(
            lambda text: buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Save).setEnabled(bool(text.strip())))
        form = QtWidgets.QFormLayout(self)
        form.addRow("Save in:", self.destination)
        form.addRow("Name:", self.name)
        form.addRow(buttons)
        self.name.selectAll()
        self.name.setFocus()

    def choice(self) -> SaveAsChoice | None:
        folder = self.destination.currentData()
        if not isinstance(folder, Path) or not self.name.text().strip():
            return None
        return SaveAsChoice(folder, self.name.text().strip())


def ask_save_as(parent: QtWidgets.QWidget, destinations: list[Destination], name: str) -> SaveAsChoice | None:
    dialog = SaveAsDialog(parent, destinations, name)
    try:
        return dialog.choice() if dialog.exec() == QtWidgets.QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
