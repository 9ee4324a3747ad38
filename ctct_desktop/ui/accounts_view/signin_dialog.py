"""SignInDialog: OAuth 2.0 sign-in in the system browser, saved as an account.

The sign-in blocks while the browser round trip happens, so it runs in a worker; the dialog shows
"Waiting for the browser…" with the link (in case no browser opens) and a Cancel that ends the
wait at once. The browser opener is injectable: tests play the browser with httpx.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtCore, QtGui, QtWidgets

from ctct_desktop.credentials.accounts import AccountManager
from ctct_desktop.credentials.model import Account, AccountError, AccountKind
from ctct_desktop.credentials.oauth.signin import FlowKind, SignIn
from ctct_desktop.ui.accounts_view import signin_plan
from ctct_desktop.ui.accounts_view.error_panel import SignInErrorPanel
from ctct_desktop.ui.accounts_view.signin_form import SignInForm
from ctct_desktop.ui.accounts_view.signin_plan import SignInOutcome
from ctct_desktop.ui.accounts_view.widgets import BusyLine
from ctct_desktop.ui.workers import start_task

Opener = Callable[[str], bool]


class _Bridge(QtCore.QObject):
    """Carries calls made on the sign-in's worker thread over to the UI thread."""

    authorize_url = QtCore.Signal(str)
    open_requested = QtCore.Signal(str)


class SignInDialog(QtWidgets.QDialog):
    """``signed_in(Account)`` fires once the token is saved; the dialog then closes."""

    signed_in = QtCore.Signal(Account)

    def __init__(self, manager: AccountManager, parent: QtWidgets.QWidget | None = None, *,
                 sandbox_base_url: str = "", opener: Opener | None = None,
                 account: Account | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Sign in with OAuth 2.0")
        self.manager = manager
        self.opener = opener
        self.signin: SignIn | None = None
        self.outcome: SignInOutcome | None = None
        self.authorize_url = ""
        self._bridge = _Bridge(self)
        self._bridge.authorize_url.connect(self._show_link)
        self._bridge.open_requested.connect(self._open_with_desktop)
        self._build(sandbox_base_url)
        if account is not None:
            self._prefill(account)
        self._name_changed()

    def _build(self, sandbox_base_url: str) -> None:
        self.form = SignInForm(sandbox_base_url, self)
        self.busy = BusyLine(self)
        self.link = QtWidgets.QLabel(self)
        self.link.setWordWrap(True)
        self.link.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextBrowserInteraction)
        self.link.setOpenExternalLinks(True)
        self.link.setVisible(False)
        self.copy_link = QtWidgets.QPushButton("Copy link", self)
        self.copy_link.setVisible(False)
        self.copy_link.clicked.connect(self._copy_link)
        self.errors = SignInErrorPanel(self)
        self.errors.use_registered.connect(self._use_registered)
        self.buttons = QtWidgets.QDialogButtonBox(self)
        self.sign_in_button = self.buttons.addButton("Sign in", QtWidgets.QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton("Cancel sign-in", QtWidgets.QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton(QtWidgets.QDialogButtonBox.StandardButton.Close)
        self.cancel_button.setVisible(False)
        self.sign_in_button.setDefault(True)
        self.sign_in_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.reject)
        self.form.name.textChanged.connect(self._name_changed)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.busy)
        link_line = QtWidgets.QHBoxLayout()
        link_line.addWidget(self.link, 1)
        link_line.addWidget(self.copy_link)
        layout.addLayout(link_line)
        layout.addWidget(self.errors)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(620, self.sizeHint().height())

    def _prefill(self, account: Account) -> None:
        """Signing in again for an existing token account: same name, matching flow."""
        if account.kind is AccountKind.V3:
            self.form.select_flow(FlowKind.V3_PKCE)
            if account.client_id:
                self.form.set_client_id(account.client_id)
        elif account.kind is AccountKind.V2:
            self.form.api_version.setCurrentIndex(self.form.api_version.findData("v2"))
        self.form.set_name(account.name)

    def _name_changed(self) -> None:
        name = self.form.name.text()
        try:
            existing = self.manager.find(name) if name else None
        except AccountError:  # a damaged accounts.json; the save will say so in words
            existing = None
        self.form.name_note.setText(signin_plan.replaces_note(name, existing))

    # Running
    @property
    def running(self) -> bool:
        return self.signin is not None

    def start(self) -> None:
        """Check the form, then run the sign-in and the save in a worker."""
        values = self.form.values()
        found = signin_plan.problems(values)
        self.form.show_problems(found)
        if found or self.running:
            return
        self.errors.clear()
        self.outcome = None
        signin = SignIn(signin_plan.build_request(values), opener=self.opener or self._request_open,
                        on_authorize_url=self._bridge.authorize_url.emit)
        self.signin = signin
        manager, name, api = self.manager, values.name, values.api_version
        self._set_running(True)
        start_task(lambda _progress: signin_plan.run_and_save(signin, manager, name, api), self._finished, owner=self)

    def cancel(self) -> None:
        if self.signin is not None:
            self.signin.cancel()
            self.busy.start("Cancelling…")

    def _set_running(self, running: bool) -> None:
        self.form.setEnabled(not running)
        self.sign_in_button.setEnabled(not running)
        self.cancel_button.setVisible(running)
        if running:
            self.busy.start("Checking the authorization server…")
        else:
            self.busy.stop()
            self.link.setVisible(False)
            self.copy_link.setVisible(False)

    def _request_open(self, url: str) -> bool:
        """The default opener, called on the worker thread: the UI thread opens the browser."""
        self._bridge.open_requested.emit(url)
        return True

    def _open_with_desktop(self, url: str) -> None:
        if not QtGui.QDesktopServices.openUrl(QtCore.QUrl.fromEncoded(url.encode("utf-8"))):
            self.busy.start("No browser could be opened. Copy the link below into a browser to sign in.")

    def _show_link(self, url: str) -> None:
        self.busy.start("Waiting for the browser… Sign in there and allow access; this window continues "
                        "by itself.")
        self.link.setText(f'If no browser opened, <a href="{_attribute(url)}">open the sign-in page</a> '
                          "or copy the link.")
        self.link.setToolTip(url)
        self.authorize_url = url
        self.link.setVisible(True)
        self.copy_link.setVisible(True)

    def _copy_link(self) -> None:
        QtWidgets.QApplication.clipboard().setText(self.authorize_url)

    def _finished(self, outcome: SignInOutcome) -> None:
        signin, self.signin = self.signin, None
        self.outcome = outcome
        self._set_running(False)
        if outcome.account is not None:
            self.signed_in.emit(outcome.account)
            self.accept()
            return
        if outcome.error is not None:
            registered = signin_plan.registered_redirect(self.form.server_choice, self.form.current_flow)
            client_id = signin.request.client_id if signin is not None else ""
            self.errors.show_error(outcome.error, client_id=client_id, registered=registered)
        else:
            self.errors.show_problem("The account was not saved", outcome.problem)

    def _use_registered(self, uri: str) -> None:
        self.form.set_redirect_uri(uri)
        self.errors.clear()

    def reject(self) -> None:
        """Closing while waiting cancels the sign-in (the listener port is freed at once)."""
        if self.signin is not None:
            self.signin.cancel()
        super().reject()


def _attribute(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
