"""Shows a sign-in failure: title and plain words; for a redirect mismatch, the two URIs side by side.

"Sent" is the redirect URI this sign-in used. "Must be registered" is the one the server knows:
the sandbox's registered URI when the sandbox is the server (with a button to switch to it), or,
for Constant Contact, the sent URI itself, which the developer must register for the API key.
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from ctct_desktop.credentials.oauth.errors import OAuthError
from ctct_desktop.ui.accounts_view.widgets import error_colour

MISMATCH = "redirect_uri_mismatch"


def _selectable(parent: QtWidgets.QWidget, text: str = "", *, mono: bool = False) -> QtWidgets.QLabel:
    label = QtWidgets.QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setTextFormat(QtCore.Qt.TextFormat.PlainText)
    if mono:
        label.setFont(QtGui.QFontDatabase.systemFont(QtGui.QFontDatabase.SystemFont.FixedFont))
    return label


class SignInErrorPanel(QtWidgets.QFrame):
    """Hidden until a sign-in fails; ``use_registered(uri)`` asks the form to switch redirect URIs."""

    use_registered = QtCore.Signal(str)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
        self.setAccessibleName("Sign-in problem")
        self.title = _selectable(self)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.message = _selectable(self)
        self.sent = _selectable(self, mono=True)
        self.registered = _selectable(self, mono=True)
        self.advice = _selectable(self)
        self.use_button = QtWidgets.QPushButton("Use the registered redirect URI", self)
        self.use_button.clicked.connect(lambda: self.use_registered.emit(self.registered.text()))
        self.uris = QtWidgets.QWidget(self)
        grid = QtWidgets.QFormLayout(self.uris)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addRow("Sent:", self.sent)
        grid.addRow("Must be registered:", self.registered)
        layout = QtWidgets.QVBoxLayout(self)
        for widget in (self.title, self.message, self.uris, self.advice, self.use_button):
            layout.addWidget(widget)
        self.error: OAuthError | None = None
        self.setVisible(False)

    def clear(self) -> None:
        self.error = None
        self.setVisible(False)

    def show_problem(self, title: str, message: str) -> None:
        """A failure that is not an OAuthError (e.g. the keyring refused the token)."""
        self._show(title, message, failed=True)

    def show_error(self, error: OAuthError, *, client_id: str = "", registered: str | None = None) -> None:
        self.error = error
        if error.code != MISMATCH:
            self._show(error.title, error.message, failed=error.code != "cancelled")
            return
        sent = error.sent_redirect_uri
        who = f" for client id {client_id}" if client_id else ""
        self._show(error.title, "The authorization server refused the redirect URI: it must match the one "
                                f"registered{who} exactly (scheme, host, port and path).", failed=True)
        self.sent.setText(sent)
        self.registered.setText(registered or sent)
        if registered and registered != sent:
            self.advice.setText("The local sandbox registers only this redirect URI. Use it and sign in again.")
            self.use_button.setVisible(True)
        else:
            self.advice.setText("Register exactly the sent URI for this API key in the Constant Contact developer "
                                "portal (http://127.0.0.1 with a port is allowed), or change the redirect URI "
                                "here to the one that is registered.")
        self.advice.setVisible(True)
        self.uris.setVisible(True)

    def _show(self, title: str, message: str, *, failed: bool) -> None:
        self.title.setStyleSheet(f"color: {error_colour(self)};" if failed else "")
        self.title.setText(title)
        self.message.setText(message)
        for widget in (self.uris, self.advice, self.use_button):
            widget.setVisible(False)
        self.setVisible(True)

    def text(self) -> str:
        """Everything the panel says, as one string (for copying and for tests)."""
        parts = [self.title.text(), self.message.text()]
        if not self.uris.isHidden():
            parts += [f"Sent: {self.sent.text()}", f"Must be registered: {self.registered.text()}",
                      self.advice.text()]
        return "\n".join(p for p in parts if p)
