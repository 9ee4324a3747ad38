"""One line that says how the request went: code and reason coloured by class, time, size."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from ctct_desktop.core.models import ResponseRecord, TransportFailure

# White on each of these passes WCAG AA (4.5:1) in both palettes: the badge brings its own background.
_CLASS_COLOURS = {1: "#546e7a", 2: "#2e7d32", 3: "#1565c0", 4: "#bf360c", 5: "#c62828"}


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KiB"
    return f"{size / (1024 * 1024):.1f} MiB"


def human_ms(ms: float) -> str:
    return f"{ms:.0f} ms" if ms < 10_000 else f"{ms / 1000:.1f} s"


class StatusLine(QtWidgets.QWidget):
    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = QtWidgets.QLabel(self)
        self.code.setAccessibleName("Response status")
        self.code.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.elapsed = QtWidgets.QLabel(self)
        self.elapsed.setAccessibleName("Elapsed time")
        self.elapsed.setToolTip("Time from sending to the last byte of the body")
        self.body_size = QtWidgets.QLabel(self)
        self.body_size.setAccessibleName("Body size")
        self.body_size.setToolTip("Size of the response body after content decoding")
        self.notes = QtWidgets.QLabel(self)  # the response's own notes: recorded not sent, cut, kept raw
        self.notes.setAccessibleName("Response notes")
        self.notes.setWordWrap(True)
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.code)
        layout.addSpacing(12)
        layout.addWidget(self.elapsed)
        layout.addSpacing(12)
        layout.addWidget(self.body_size)
        layout.addSpacing(12)
        layout.addWidget(self.notes, 1)
        self.show_idle()

    def _set_code(self, text: str, colour: str | None) -> None:
        """A coloured badge sets both its colours; plain text takes the palette's (a style sheet
        there would keep the palette of the moment and stay black when the theme turns dark)."""
        self.code.setText(text)
        style = f"color: white; background: {colour}; padding: 2px 8px; border-radius: 3px; font-weight: bold;"
        self.code.setStyleSheet(style if colour else "")
        font = self.code.font()
        font.setBold(True)
        self.code.setFont(font)

    def show_idle(self) -> None:
        self._set_code("No response yet: press Ctrl+Enter to send", None)
        self.elapsed.clear()
        self.body_size.clear()
        self.notes.clear()

    def show_sending(self, method: str, url: str) -> None:
        self._set_code(f"Sending {method} {url}…", None)
        self.elapsed.clear()
        self.body_size.clear()
        self.notes.clear()

    def show_response(self, record: ResponseRecord) -> None:
        colour = _CLASS_COLOURS.get(record.status // 100, "#546e7a")
        self._set_code(f"{record.status} {record.reason}".strip(), colour)
        self.elapsed.setText(human_ms(record.elapsed_ms))
        self.body_size.setText(human_size(record.body_size))
        self.notes.setText(" ".join(record.notes))

    def show_failure(self, failure: TransportFailure) -> None:
        cancelled = failure.kind.value == "cancelled"
        self._set_code("Cancelled" if cancelled else f"No response ({failure.kind.value})",
                       "#546e7a" if cancelled else "#6a1b9a")
        self.elapsed.clear()
        self.body_size.clear()
        self.notes.clear()
