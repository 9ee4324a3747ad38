"""A rule's documentation, shown from the Problems panel (id, title, rationale, bad and good)."""

from __future__ import annotations

import html

from PySide6 import QtWidgets


def rule_doc_html(code: str) -> str:
    from ctct_desktop.lint import rule_doc  # deferred: start-up (measured: the rule registry)

    doc = rule_doc(code)
    if doc is None:
        return f"<p>No documentation for rule {html.escape(code)}.</p>"
    return (
        f"<h2>{html.escape(doc.code)} — {html.escape(doc.title)}</h2>"
        f"<p><i>Severity: {html.escape(doc.severity.value)}</i></p>"
        f"<p>{html.escape(doc.rationale)}</p>"
        f"<h3>Wrong</h3><pre>{html.escape(doc.bad_example)}</pre>"
        f"<h3>Right</h3><pre>{html.escape(doc.good_example)}</pre>"
    )


class RuleDocDialog(QtWidgets.QDialog):
    def __init__(self, code: str, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Lint rule {code}")
        self.browser = QtWidgets.QTextBrowser()
        self.browser.setHtml(rule_doc_html(code))
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(640, 480)
