"""The questions the document controller asks, one function each (tests answer them).

Where to save reuses the collections pane's "Save as" dialog, so both places look alike.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from PySide6 import QtWidgets

from ctct_desktop.ui.collections_view import dialogs as collection_dialogs
from ctct_desktop.ui.collections_view.dialogs import Destination, SaveAsChoice

Button = QtWidgets.QMessageBox.StandardButton


class UnsavedAnswer(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def _button(answer: int | Button) -> Button | None:
    """exec() gives an int; a test's stand-in may give the enum itself."""
    if isinstance(answer, Button):
        return answer
    try:
        return Button(answer)
    except ValueError:
        return None


def _save_discard_or_cancel(box: QtWidgets.QMessageBox) -> UnsavedAnswer:
    """Run a Save / Discard / Cancel box: Save is the default, Esc or closing it means Cancel."""
    box.setDefaultButton(Button.Save)
    box.setEscapeButton(Button.Cancel)
    try:
        answer = _button(box.exec())
    finally:
        box.deleteLater()
    if answer == Button.Save:
        return UnsavedAnswer.SAVE
    if answer == Button.Discard:
        return UnsavedAnswer.DISCARD
    return UnsavedAnswer.CANCEL


def ask_unsaved(parent: QtWidgets.QWidget, name: str, before: str) -> UnsavedAnswer:
    """Save / Discard / Cancel; Esc or closing the box means Cancel."""
    box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Warning, "Unsaved changes",
                                f"Save the changes to “{name}” before {before}?",
                                Button.Save | Button.Discard | Button.Cancel, parent)
    box.setInformativeText("If you discard them, they are lost.")
    return _save_discard_or_cancel(box)


def ask_save_target(parent: QtWidgets.QWidget, destinations: list[Destination], name: str) -> SaveAsChoice | None:
    """Which folder of an open collection, and under which name."""
    return collection_dialogs.ask_save_as(parent, destinations, name)


def ask_new_collection(parent: QtWidgets.QWidget) -> tuple[Path, str] | None:
    """No collection is open: offer to make one (folder, then its name)."""
    answer = QtWidgets.QMessageBox.question(
        parent, "Save request",
        "Requests are saved in a collection: a folder of plain-text files you can keep in git.\n\n"
        "No collection is open. Choose or create a folder for a new collection now?",
        Button.Yes | Button.Cancel, Button.Yes)
    if answer != Button.Yes:
        return None
    folder = collection_dialogs.ask_folder(parent, "Choose or create the folder for the new collection")
    if folder is None:
        return None
    name = collection_dialogs.ask_text(parent, "New collection", "Collection name:", folder.name)
    return (folder, name) if name is not None else None


def tell(parent: QtWidgets.QWidget, title: str, text: str) -> None:
    QtWidgets.QMessageBox.warning(parent, title, text)


def ask_unsaved_many(parent: QtWidgets.QWidget, names: list[str], before: str) -> UnsavedAnswer:
    """One question for every unsaved request (closing the window): Save all, Discard all, Cancel."""
    if len(names) == 1:
        return ask_unsaved(parent, names[0], before)
    listed = "\n".join(f"• {name}" for name in names)
    box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Warning, "Unsaved changes",
                                f"{len(names)} requests have unsaved changes. Save them before {before}?\n\n"
                                f"{listed}", Button.Save | Button.Discard | Button.Cancel, parent)
    box.setInformativeText("Save writes each one to its file (new requests ask where); if you discard "
                           "them, the changes are lost.")
    box.button(Button.Save).setText("Save all")
    box.button(Button.Discard).setText("Discard all")
    return _save_discard_or_cancel(box)


def ask_revert(parent: QtWidgets.QWidget, name: str) -> bool:
    """Revert to the saved file? Yes reloads it (the unsaved changes are lost); Esc keeps them."""
    box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Question, "Revert",
                                "Revert to the saved file?", Button.Yes | Button.Cancel, parent)
    box.setInformativeText(f"“{name}” has unsaved changes. Reverting loads the file as it is on disk "
                           "and the changes are lost.")
    box.button(Button.Yes).setText("Revert")
    box.setDefaultButton(Button.Cancel)
    box.setEscapeButton(Button.Cancel)
    try:
        answer = _button(box.exec())
    finally:
        box.deleteLater()
    return answer == Button.Yes
