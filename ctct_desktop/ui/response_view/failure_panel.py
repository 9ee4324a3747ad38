"""A transport failure in plain words, with the underlying detail behind a "Details" expander."""

from __future__ import annotations

from PySide6 import QtWidgets

from ctct_desktop.core.models import FailureKind, TransportFailure

_TITLES: dict[FailureKind, str] = {
    FailureKind.INVALID_URL: "The request cannot be sent",
    FailureKind.DNS: "Host not found",
    FailureKind.REFUSED: "Connection refused",
    FailureKind.TLS: "TLS (HTTPS) problem",
    FailureKind.TIMEOUT: "Timed out",
    FailureKind.RESET: "Connection dropped",
    FailureKind.PROXY: "Proxy problem",
    FailureKind.TOO_MANY_REDIRECTS: "Redirect loop",
    FailureKind.PROTOCOL: "Not valid HTTP",
    FailureKind.CANCELLED: "Cancelled",
    FailureKind.NOT_SENT: "Not sent",
    FailureKind.OTHER: "The request failed",
}


class FailurePanel(QtWidgets.QFrame):
    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
        self.title = QtWidgets.QLabel(self)
        font = self.title.font()  # a font, not a style sheet: the title follows the palette when it turns dark
        font.setBold(True)
        font.setPointSizeF(max(font.pointSizeF(), 9.0) * 1.4)
        self.title.setFont(font)
        self.title.setAccessibleName("Failure title")
        self.message = QtWidgets.QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Failure explanation")
        self.details_button = QtWidgets.QToolButton(self)
        self.details_button.setText("Details")
        self.details_button.setCheckable(True)
        self.details_button.setToolTip("Show the underlying error as reported by the network stack")
        self.details = QtWidgets.QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.details.setAccessibleName("Failure details")
        self.details.setVisible(False)
        self.details_button.toggled.connect(self.details.setVisible)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.message)
        layout.addWidget(self.details_button)
        layout.addWidget(self.details, 1)
        layout.addStretch(0)

    def show_failure(self, failure: TransportFailure) -> None:
        self.title.setText(_TITLES.get(failure.kind, "The request failed"))
        self.message.setText(failure.message)
        self.details.setPlainText(f"kind: {failure.kind.value}\n{failure.detail}")
        self.details_button.setChecked(False)
