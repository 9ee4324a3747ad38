"""Auth: none, Basic, Constant Contact v1 Basic (API key + username + password), Bearer, or a
stored account (its secrets stay in the OS keyring and are applied only when sending).

For v1 the panel shows the user string it composes, ``apikey%username``, exactly as sent: the
``%`` is literal and nothing is URL-encoded (reference §2.1).
"""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from ctct_desktop.core.models import Auth, AuthKind

_KINDS: tuple[tuple[AuthKind | str, str], ...] = (
    (AuthKind.NONE, "No auth"),
    (AuthKind.BASIC, "Basic"),
    (AuthKind.CTCT_BASIC, "Constant Contact v1 Basic"),
    (AuthKind.BEARER, "Bearer token"),
    (ACCOUNT := "account", "Stored account (keyring)"),
)


def _line(parent: QtWidgets.QWidget, name: str, tip: str, secret: bool = False) -> QtWidgets.QLineEdit:
    edit = QtWidgets.QLineEdit(parent)
    edit.setAccessibleName(name)
    edit.setToolTip(tip)
    edit.setPlaceholderText(name)
    if secret:
        edit.setEchoMode(QtWidgets.QLineEdit.EchoMode.PasswordEchoOnEdit)
    return edit


class AuthPanel(QtWidgets.QWidget):
    changed = QtCore.Signal()

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = QtWidgets.QComboBox(self)
        self.kind.setAccessibleName("Auth type")
        self.kind.setToolTip("How the request authenticates")
        for kind, label in _KINDS:
            self.kind.addItem(label, kind)
        self.user = _line(self, "Username", "Basic auth user name")
        self.password = _line(self, "Password", "Basic auth password", secret=True)
        self.api_key = _line(self, "API key", "Your Constant Contact API key (v1)")
        self.ctct_user = _line(self, "Constant Contact username", "The account's login name (v1)")
        self.ctct_password = _line(self, "Constant Contact password", "The account's password (v1)", secret=True)
        self.composed = QtWidgets.QLineEdit(self)
        self.composed.setReadOnly(True)
        self.composed.setAccessibleName("Composed Basic user")
        self.composed.setToolTip("The Basic user string sent for v1: apikey%username, never URL-encoded")
        self.token = _line(self, "Token", "Bearer access token", secret=True)
        self.pages = QtWidgets.QStackedWidget(self)
        self.pages.addWidget(QtWidgets.QLabel("The request is sent without an Authorization header.", self))
        self.pages.addWidget(self._form(("User", self.user), ("Password", self.password)))
        self.pages.addWidget(self._form(("API key", self.api_key), ("Username", self.ctct_user),
                                        ("Password", self.ctct_password), ("Sent as user", self.composed)))
        self.pages.addWidget(self._form(("Token", self.token)))
        self.account = QtWidgets.QComboBox(self)
        self.account.setAccessibleName("Account")
        self.account.setEditable(True)
        self.account.setToolTip("A named account from Accounts… (File menu); its secrets are read from the "
                                "keyring only when the request is sent")
        self.pages.addWidget(self._form(("Account", self.account)))
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.kind)
        layout.addWidget(self.pages)
        layout.addStretch(1)
        self.kind.currentIndexChanged.connect(self._on_kind)
        for edit in (self.user, self.password, self.api_key, self.ctct_user, self.ctct_password, self.token):
            edit.textChanged.connect(self._on_field)
        self.account.currentTextChanged.connect(self._on_field)

    def set_account_names(self, names: list[str]) -> None:
        """The accounts to offer; the current choice is kept even when it is not (yet) listed."""
        current = self.account.currentText()
        with QtCore.QSignalBlocker(self.account):
            self.account.clear()
            self.account.addItems(names)
            self.account.setCurrentText(current)

    def _form(self, *rows: tuple[str, QtWidgets.QWidget]) -> QtWidgets.QWidget:
        page = QtWidgets.QWidget(self)
        form = QtWidgets.QFormLayout(page)
        form.setContentsMargins(0, 0, 0, 0)
        for label, widget in rows:
            form.addRow(label, widget)
        return page

    def _on_kind(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        self.changed.emit()

    def _on_field(self) -> None:
        self.composed.setText(f"{self.api_key.text()}%{self.ctct_user.text()}")
        self.changed.emit()

    def current_kind(self) -> AuthKind | str:
        data = self.kind.currentData()
        return data if data == ACCOUNT else AuthKind(data)

    def to_auth(self) -> Auth:
        kind = self.current_kind()
        if kind == ACCOUNT:
            return Auth(AuthKind.NONE, account=self.account.currentText().strip())
        if kind is AuthKind.BASIC:
            return Auth(kind, username=self.user.text(), password=self.password.text())
        if kind is AuthKind.CTCT_BASIC:
            return Auth(kind, username=self.ctct_user.text(), password=self.ctct_password.text(),
                        api_key=self.api_key.text())
        if kind is AuthKind.BEARER:
            return Auth(kind, token=self.token.text())
        return Auth()

    def set_auth(self, auth: Auth) -> None:
        blockers = [QtCore.QSignalBlocker(w) for w in (self, self.kind)]
        wanted: AuthKind | str = ACCOUNT if auth.account else auth.kind
        self.kind.setCurrentIndex(next(i for i, (k, _l) in enumerate(_KINDS) if k == wanted))
        self.account.setCurrentText(auth.account)
        self.pages.setCurrentIndex(self.kind.currentIndex())
        basic = auth.kind is AuthKind.BASIC
        self.user.setText(auth.username if basic else "")
        self.password.setText(auth.password if basic else "")
        ctct = auth.kind is AuthKind.CTCT_BASIC
        self.api_key.setText(auth.api_key if ctct else "")
        self.ctct_user.setText(auth.username if ctct else "")
        self.ctct_password.setText(auth.password if ctct else "")
        self.token.setText(auth.token if auth.kind is AuthKind.BEARER else "")
        del blockers
        self.composed.setText(f"{self.api_key.text()}%{self.ctct_user.text()}")
