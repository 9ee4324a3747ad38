"""The sign-in form: flow, authorization server, client id and secret, redirect URI, account name.

Choosing the sandbox fills in its public test client (id, secret, registered redirect URI) until
the user types their own values; nothing typed by the user is ever overwritten.
"""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from ctct_desktop.credentials.oauth.endpoints import LEGACY_SERVER, V3_DEFAULT_SCOPE, V3_SERVER
from ctct_desktop.credentials.oauth.signin import FlowKind
from ctct_desktop.core import sandbox_demo as demo
from ctct_desktop.ui.accounts_view import signin_plan
from ctct_desktop.ui.accounts_view.signin_plan import FLOW_LABELS, ServerChoice, SignInValues
from ctct_desktop.ui.accounts_view.widgets import FieldBox, SecretField

SECRET_HINT = "Required for the server flow; optional for v3 (only for applications registered with one)."


class SignInForm(QtWidgets.QWidget):
    changed = QtCore.Signal()

    def __init__(self, sandbox_base_url: str = "", parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.sandbox_base_url = sandbox_base_url
        self._edited: set[str] = set()
        self._build()
        self._connect()
        self._defaults()

    def _build(self) -> None:
        self.flow = QtWidgets.QComboBox(self)
        for flow, label in FLOW_LABELS.items():
            self.flow.addItem(label, flow)
        self.api_version = QtWidgets.QComboBox(self)
        self.api_version.addItem("v1 (XML, /ws/customers/…)", "v1")
        self.api_version.addItem("v2 (JSON, api_key + token)", "v2")
        self.server = QtWidgets.QComboBox(self)
        if self.sandbox_base_url:
            self.server.addItem(f"Local sandbox ({self.sandbox_base_url})", ServerChoice.SANDBOX)
        self.server.addItem("Constant Contact", ServerChoice.CONSTANT_CONTACT)
        self.server.addItem("Other address…", ServerChoice.CUSTOM)
        self.custom_server = QtWidgets.QLineEdit(self)
        self.custom_server.setPlaceholderText("https://authorization.server.example")
        self.client_id = QtWidgets.QLineEdit(self)
        self.client_secret = SecretField("Client secret", self)
        self.redirect_uri = QtWidgets.QLineEdit(demo.OAUTH_REDIRECT_URI, self)
        self.scope = QtWidgets.QLineEdit(V3_DEFAULT_SCOPE, self)
        self.name = QtWidgets.QLineEdit(self)
        self.name_note = QtWidgets.QLabel(self)
        self.name_note.setWordWrap(True)
        server_box = QtWidgets.QWidget(self)
        line = QtWidgets.QVBoxLayout(server_box)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.server)
        line.addWidget(self.custom_server)
        self.boxes = {
            "flow": FieldBox(self.flow, parent=self),
            "api_version": FieldBox(self.api_version, parent=self),
            "server": FieldBox(server_box, parent=self),
            "client_id": FieldBox(self.client_id, "The API key for v1/v2; the application's client id for v3.", self),
            "client_secret": FieldBox(self.client_secret, SECRET_HINT, self),
            "redirect_uri": FieldBox(self.redirect_uri, "Exactly as registered for the client; the app listens "
                                                        "on this loopback address for the answer.", self),
            "scope": FieldBox(self.scope, parent=self),
            "name": FieldBox(self.name, parent=self),
        }
        labels = {"flow": "Flow", "api_version": "Token for", "server": "Authorization server",
                  "client_id": "Client id", "client_secret": "Client secret", "redirect_uri": "Redirect URI",
                  "scope": "Scope", "name": "Save as account"}
        self.form = QtWidgets.QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        for key, box in self.boxes.items():
            self.form.addRow(labels[key], box)
            if isinstance(box.field, QtWidgets.QLineEdit):
                box.field.setAccessibleName(labels[key])
        self.flow.setAccessibleName("Flow")
        self.server.setAccessibleName("Authorization server")
        self.form.addRow("", self.name_note)

    def _connect(self) -> None:
        self.flow.currentIndexChanged.connect(self._defaults)
        self.server.currentIndexChanged.connect(self._defaults)
        self.api_version.currentIndexChanged.connect(self._defaults)
        for key, widget in (("client_id", self.client_id), ("client_secret", self.client_secret),
                            ("redirect_uri", self.redirect_uri), ("name", self.name)):
            widget.textEdited.connect(lambda _t, k=key: self._edited.add(k))
        for widget in (self.client_id, self.client_secret, self.redirect_uri, self.scope, self.name,
                       self.custom_server):
            widget.textChanged.connect(self.changed)
        for combo in (self.flow, self.server, self.api_version):
            combo.currentIndexChanged.connect(self.changed)

    # State
    @property
    def current_flow(self) -> FlowKind:
        return FlowKind(self.flow.currentData())

    @property
    def server_choice(self) -> ServerChoice:
        return ServerChoice(self.server.currentData())

    def select_flow(self, flow: FlowKind) -> None:
        self.flow.setCurrentIndex(self.flow.findData(flow))

    def select_server(self, choice: ServerChoice) -> None:
        index = self.server.findData(choice)
        if index >= 0:
            self.server.setCurrentIndex(index)

    def _fill(self, key: str, widget: QtWidgets.QLineEdit | SecretField, value: str) -> None:
        if key not in self._edited:
            widget.setText(value)

    def _defaults(self) -> None:
        """Show the rows this flow uses and fill the sandbox's values where the user typed nothing."""
        flow, choice = self.current_flow, self.server_choice
        v3 = flow is FlowKind.V3_PKCE
        self.form.setRowVisible(self.boxes["api_version"], not v3)
        self.form.setRowVisible(self.boxes["scope"], v3)
        self.form.setRowVisible(self.boxes["client_secret"], flow is not FlowKind.CLIENT)
        self.custom_server.setVisible(choice is ServerChoice.CUSTOM)
        sandbox = choice is ServerChoice.SANDBOX
        self._fill("client_id", self.client_id, signin_plan.sandbox_client_id(flow) if sandbox else "")
        self._fill("client_secret", self.client_secret, signin_plan.sandbox_client_secret(flow) if sandbox else "")
        registered = signin_plan.registered_redirect(choice, flow)
        if registered:
            self._fill("redirect_uri", self.redirect_uri, registered)
        self._fill("name", self.name, signin_plan.default_name(flow, choice, self.api_version.currentData()))
        self.server.setToolTip(V3_SERVER if v3 else LEGACY_SERVER)

    def values(self) -> SignInValues:
        flow = self.current_flow
        return SignInValues(
            flow=flow, client_id=self.client_id.text(), redirect_uri=self.redirect_uri.text(),
            server_url=signin_plan.server_url(self.server_choice, flow, self.sandbox_base_url,
                                              self.custom_server.text()),
            name=self.name.text(), client_secret="" if flow is FlowKind.CLIENT else self.client_secret.text(),
            api_version=str(self.api_version.currentData()), scope=self.scope.text())

    def show_problems(self, found: dict[str, str]) -> None:
        for key, box in self.boxes.items():
            box.set_error(found.get(key, ""))
        first = next((key for key in self.boxes if key in found), None)
        if first is not None:
            self.boxes[first].setFocus()

    def set_redirect_uri(self, uri: str) -> None:
        self._edited.add("redirect_uri")
        self.redirect_uri.setText(uri)

    def set_name(self, name: str) -> None:
        self._edited.add("name")
        self.name.setText(name)

    def set_client_id(self, client_id: str) -> None:
        self._edited.add("client_id")
        self.client_id.setText(client_id)
