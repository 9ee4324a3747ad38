"""The explanation card at the top of the response pane.

Shows the best-ranked explanation of a failed exchange: what happened, why, the numbered fix,
and the fix as buttons. Other candidate explanations sit behind "Other possible causes".
Buttons only ask for an action; the main window applies it to the editor, and nothing is sent.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6 import QtCore, QtWidgets

from ctct_desktop.explain import Explanation
from ctct_desktop.lint import Diagnostic


def explanation_html(explanation: Explanation) -> str:
    steps = "".join(f"<li>{html.escape(step)}</li>" for step in explanation.fix)
    evidence = ", ".join(html.escape(e) for e in explanation.evidence)
    pointers = "".join(
        f"<li>line {p.line}:{p.column or 1} — {html.escape(p.code)} {html.escape(p.message)}</li>"
        for p in explanation.pointers if p.line is not None)
    parts = [f"<p>{html.escape(explanation.cause)}</p>"]
    if pointers:
        parts.append(f"<p><b>Where in your request:</b></p><ul>{pointers}</ul>")
    if steps:
        parts.append(f"<p><b>How to fix it:</b></p><ol>{steps}</ol>")
    if evidence:
        parts.append(f"<p style='color:gray'>Matched on: {evidence}</p>")
    return "".join(parts)


class ExplanationCard(QtWidgets.QFrame):
    action_requested = QtCore.Signal(str, Explanation)  # action name, the explanation it belongs to
    article_requested = QtCore.Signal(str)  # article id
    jump_requested = QtCore.Signal(Diagnostic)  # the explanation's first pointer
    follow_up_requested = QtCore.Signal()  # "continue" on a fix that takes several sends

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ExplanationCard")
        self.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
        self.setAccessibleName("Explanation")
        self.title = QtWidgets.QLabel()
        self.title.setObjectName("ExplanationTitle")
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.body = QtWidgets.QLabel()
        self.body.setWordWrap(True)
        self.body.setTextFormat(QtCore.Qt.TextFormat.RichText)
        self.body.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextBrowserInteraction)
        self.actions_row = QtWidgets.QHBoxLayout()
        self.others = QtWidgets.QComboBox()
        self.others.setAccessibleName("Other possible causes")
        self.others.activated.connect(self._other_chosen)
        # A long fix list scrolls inside the card instead of pushing the response out of sight.
        self.text_scroll = QtWidgets.QScrollArea()
        self.text_scroll.setWidget(self.body)
        self.text_scroll.setWidgetResizable(True)
        self.text_scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        self.text_scroll.setMaximumHeight(240)
        self.text_scroll.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.text_scroll)
        layout.addLayout(self.actions_row)
        layout.addWidget(self.others)
        self._explanations: list[Explanation] = []
        self._shown: Explanation | None = None
        self.hide()

    def show_explanations(self, explanations: Sequence[Explanation]) -> None:
        self._explanations = list(explanations)
        if not self._explanations:
            self.clear()
            return
        self.others.clear()
        self.others.addItem(f"Other possible causes ({len(self._explanations) - 1})")
        for other in self._explanations[1:]:
            self.others.addItem(other.title, other.article_id)
        self.others.setVisible(len(self._explanations) > 1)
        self._show(self._explanations[0])
        self.show()

    def show_follow_up(self, title: str, text: str, button: str) -> None:
        """A multi-step fix waits for the user: say what was received and offer the next step."""
        self._explanations = []
        self._shown = None
        self.title.setText(title)
        self.body.setText(f"<p>{html.escape(text)}</p>")
        self._fit()
        self._clear_buttons()
        go = QtWidgets.QPushButton(button)
        go.setObjectName("follow-up")
        go.setToolTip("Builds the next request in the editor (undoable); nothing is sent.")
        go.clicked.connect(self.follow_up_requested)
        self.actions_row.addWidget(go)
        self.actions_row.addStretch(1)
        self.others.hide()
        self.show()

    def _fit(self) -> None:
        """As tall as the text needs, up to the cap; past it the text scrolls inside the card."""
        width = max(self.text_scroll.viewport().width(), self.width() - 40, 400)
        needed = self.body.heightForWidth(width)
        self.text_scroll.setMinimumHeight(min(max(needed, 0) + 4, self.text_scroll.maximumHeight()))

    def _clear_buttons(self) -> None:
        while (item := self.actions_row.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()

    def clear(self) -> None:
        self._explanations = []
        self._shown = None
        self.hide()

    @property
    def shown(self) -> Explanation | None:
        return self._shown

    def _show(self, explanation: Explanation) -> None:
        self._shown = explanation
        self.title.setText(explanation.title)
        self.body.setText(explanation_html(explanation))
        self._fit()
        self._clear_buttons()
        for action in explanation.actions:
            button = QtWidgets.QPushButton(action.label)
            button.setObjectName(f"action-{action.name}")
            button.setToolTip("Changes the request in the editor (undoable); nothing is sent.")
            button.clicked.connect(lambda _=False, n=action.name: self.action_requested.emit(n, explanation))
            self.actions_row.addWidget(button)
        article = QtWidgets.QPushButton("Open article")
        article.clicked.connect(lambda: self.article_requested.emit(explanation.article_id))
        self.actions_row.addWidget(article)
        if explanation.pointers:
            first = explanation.pointers[0]
            go = QtWidgets.QPushButton("Show the line")
            go.clicked.connect(lambda: self.jump_requested.emit(first))
            self.actions_row.addWidget(go)
        self.actions_row.addStretch(1)

    def _other_chosen(self, index: int) -> None:
        if index > 0:
            self._show(self._explanations[index])
        self.others.setCurrentIndex(0)
