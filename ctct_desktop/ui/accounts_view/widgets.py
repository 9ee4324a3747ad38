"""Small widgets the account dialogs share: secret field with a Show toggle, inline field errors,
a busy line (spinner + words) and the warning banner."""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from ctct_desktop.ui.highlighting.palette import is_dark


def error_colour(widget: QtWidgets.QWidget) -> str:
    return "#ff7b72" if is_dark(widget.palette()) else "#b3261e"


class SecretField(QtWidgets.QWidget):
    """A password-mode line edit with a checkable "Show" button; text never leaves it in a tooltip."""

    textChanged = QtCore.Signal(str)
    textEdited = QtCore.Signal(str)

    def __init__(self, accessible_name: str, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QtWidgets.QLineEdit(self)
        self.edit.setEchoMode(QtWidgets.QLineEdit.EchoMode.Password)
        self.edit.setAccessibleName(accessible_name)
        self.edit.setInputMethodHints(QtCore.Qt.InputMethodHint.ImhSensitiveData
                                      | QtCore.Qt.InputMethodHint.ImhNoPredictiveText)
        self.show_button = QtWidgets.QToolButton(self)
        self.show_button.setText("Show")
        self.show_button.setCheckable(True)
        self.show_button.setAccessibleName(f"Show {accessible_name.lower()}")
        self.show_button.setToolTip("Show or hide the value")
        self.show_button.toggled.connect(self._reveal)
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.show_button)
        self.setFocusProxy(self.edit)
        self.edit.textChanged.connect(self.textChanged)
        self.edit.textEdited.connect(self.textEdited)

    def _reveal(self, shown: bool) -> None:
        mode = QtWidgets.QLineEdit.EchoMode.Normal if shown else QtWidgets.QLineEdit.EchoMode.Password
        self.edit.setEchoMode(mode)
        self.show_button.setText("Hide" if shown else "Show")

    def text(self) -> str:
        return self.edit.text()

    def setText(self, text: str) -> None:  # Qt naming, like QLineEdit
        self.edit.setText(text)

    def setPlaceholderText(self, text: str) -> None:
        self.edit.setPlaceholderText(text)

    def placeholderText(self) -> str:
        return self.edit.placeholderText()


class FieldBox(QtWidgets.QWidget):
    """A field with its inline error line underneath (hidden while there is nothing to say)."""

    def __init__(self, field: QtWidgets.QWidget, hint: str = "", parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.error = QtWidgets.QLabel(self)
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        self.error.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(field)
        if hint:
            note = QtWidgets.QLabel(hint, self)
            note.setWordWrap(True)
            note.setEnabled(False)
            layout.addWidget(note)
        layout.addWidget(self.error)
        self.setFocusProxy(field)

    def set_error(self, message: str) -> None:
        self.error.setStyleSheet(f"color: {error_colour(self)};")
        self.error.setText(message)
        self.error.setVisible(bool(message))
        self.error.setAccessibleDescription(message)


class BusyLine(QtWidgets.QWidget):
    """An indeterminate spinner bar and one line of words, e.g. "Waiting for the browser…"."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.spinner = QtWidgets.QProgressBar(self)
        self.spinner.setRange(0, 0)
        self.spinner.setTextVisible(False)
        self.spinner.setMaximumWidth(120)
        self.spinner.setAccessibleName("Working")
        self.label = QtWidgets.QLabel(self)
        self.label.setWordWrap(True)
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.spinner)
        layout.addWidget(self.label, 1)
        self.setVisible(False)

    def start(self, text: str) -> None:
        self.label.setText(text)
        self.spinner.setVisible(True)
        self.setVisible(True)

    def stop(self) -> None:
        self.setVisible(False)

    @property
    def busy(self) -> bool:
        return not self.isHidden()


class WarningBanner(QtWidgets.QFrame):
    """A framed warning with an icon, a bold title and wrapped text, selectable for copying."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QtGui.QPalette.ColorRole.AlternateBase)
        icon = self.style().standardIcon(QtWidgets.QStyle.StandardPixmap.SP_MessageBoxWarning)
        picture = QtWidgets.QLabel(self)
        picture.setPixmap(icon.pixmap(32, 32))
        picture.setAlignment(QtCore.Qt.AlignmentFlag.AlignTop)
        self.title = QtWidgets.QLabel(self)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.text = QtWidgets.QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        words = QtWidgets.QVBoxLayout()
        words.addWidget(self.title)
        words.addWidget(self.text)
        layout = QtWidgets.QHBoxLayout(self)
        layout.addWidget(picture)
        layout.addLayout(words, 1)
        self.setAccessibleName("Keyring warning")

    def show_message(self, title: str, text: str) -> None:
        self.title.setText(title)
        self.text.setText(text)
        self.setVisible(True)
