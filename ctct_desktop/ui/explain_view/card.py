"""The explanation banner at the top of the response pane.

Shows the best-ranked explanation of a failed exchange: a title and the fix as buttons, always
visible, and below them (expandable) what happened, where in the request and the numbered steps.
Other candidate explanations sit behind "Other possible causes". The banner never makes the
window taller: its text scrolls inside it and its buttons wrap onto another row.
Buttons only ask for an action; the main window applies it to the editor, and nothing is sent.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6 import QtCore, QtGui, QtWidgets

from ctct_desktop.core.models import Exchange
from ctct_desktop.explain import Explanation
from ctct_desktop.lint import Diagnostic
from ctct_desktop.ui.widgets.flow_layout import FlowLayout

TEXT_HEIGHT = 160  # px: the cause and steps scroll past this, inside the banner
TEXT_MINIMUM = 48  # px: what the banner keeps for them when the pane is short (about three lines)


DETAIL_LIMIT = 600  # the explainer's limit for the underlying error it fills into a cause


def split_detail(cause: str, detail: str) -> tuple[str, str]:
    """The cause without the "Details: <exception chain>" an article fills in, and the chain.

    The chain ("ConnectError: … <- ConnectionRefusedError: [Errno 111] …") is for whoever digs
    deeper; inline it breaks the sentences around it, so the banner puts it behind "Details"."""
    if not detail.strip():
        return cause, ""
    from ctct_desktop.explain.facts import Facts  # deferred: start-up (measured: it brings lxml, ~10 ms)

    facts = Facts()
    facts.set("detail", detail, limit=DETAIL_LIMIT)  # the text exactly as the explainer filled it in
    for filled in dict.fromkeys((facts.values["detail"], detail.strip())):
        pattern = r"\s*Details:\s*" + re.escape(filled) + r"\.?"
        if re.search(pattern, cause):
            return re.sub(pattern, "", cause, count=1).strip(), detail.strip()
    return cause, detail.strip()


def explanation_html(explanation: Explanation, cause: str | None = None, detail: str = "") -> str:
    import html  # deferred: html.entities costs start-up 2.6 ms, and no card shows before a response

    steps = "".join(f"<li>{html.escape(step)}</li>" for step in explanation.fix)
    evidence = ", ".join(html.escape(e) for e in explanation.evidence)
    pointers = "".join(
        f"<li>line {p.line}:{p.column or 1} — {html.escape(p.code)} {html.escape(p.message)}</li>"
        for p in explanation.pointers if p.line is not None)
    parts = [f"<p>{html.escape(explanation.cause if cause is None else cause)}</p>"]
    if pointers:
        parts.append(f"<p><b>Where in your request:</b></p><ul>{pointers}</ul>")
    if steps:
        parts.append(f"<p><b>How to fix it:</b></p><ol>{steps}</ol>")
    if evidence:
        parts.append(f"<p>Matched on: {evidence}</p>")
    if detail:
        parts.append(f"<p><b>Details</b> (as reported by the network stack):</p>"
                     f"<p style='font-family: monospace'>{html.escape(detail)}</p>")
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
        self.setSizePolicy(QtWidgets.QSizePolicy.Policy.Preferred, QtWidgets.QSizePolicy.Policy.Maximum)
        self.expander = QtWidgets.QToolButton()
        self.expander.setObjectName("ExplanationExpander")
        self.expander.setCheckable(True)
        self.expander.setChecked(True)
        self.expander.setAutoRaise(True)
        self.expander.setToolTip("Show or hide the cause and the steps")
        self.expander.setAccessibleName("Show the cause and steps")
        self.expander.toggled.connect(self._set_expanded)
        self.title = QtWidgets.QLabel()
        self.title.setObjectName("ExplanationTitle")
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.title.setSizePolicy(QtWidgets.QSizePolicy.Policy.Ignored, QtWidgets.QSizePolicy.Policy.Preferred)
        self.body = QtWidgets.QLabel()
        self.body.setWordWrap(True)
        self.body.setTextFormat(QtCore.Qt.TextFormat.RichText)
        self.body.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextBrowserInteraction)
        self.body.setAlignment(QtCore.Qt.AlignmentFlag.AlignTop | QtCore.Qt.AlignmentFlag.AlignLeft)
        self.actions_row = FlowLayout()
        self.others = QtWidgets.QComboBox()
        self.others.setAccessibleName("Other possible causes")
        self.others.setSizeAdjustPolicy(QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.others.activated.connect(self._other_chosen)
        # The cause and steps scroll inside the banner; its minimum is small so it never grows the window.
        self.text_scroll = QtWidgets.QScrollArea()
        self.text_scroll.setObjectName("ExplanationText")
        self.text_scroll.setWidget(self.body)
        self.text_scroll.setWidgetResizable(True)
        self.text_scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        self.text_scroll.setMinimumHeight(TEXT_MINIMUM)
        self.text_scroll.setMaximumHeight(TEXT_HEIGHT)
        self.text_scroll.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = QtWidgets.QHBoxLayout()
        header.addWidget(self.expander, 0, QtCore.Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.title, 1)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(4)
        layout.addLayout(header)
        layout.addLayout(self.actions_row)
        layout.addWidget(self.text_scroll, 1)
        self.details_button = QtWidgets.QPushButton("Details")
        self.details_button.setObjectName("details")
        self.details_button.setCheckable(True)
        self.details_button.setToolTip("Show the underlying error as reported by the network stack")
        self.details_button.toggled.connect(self._render)
        self._explanations: list[Explanation] = []
        self._shown: Explanation | None = None
        self._failure_detail = ""
        self._detail: tuple[str, str] = ("", "")
        self._set_expanded(True)
        self.hide()

    def use_exchange(self, exchange: Exchange) -> None:
        """The exchange being explained (ResponseView hands it over before the explanations come):
        its failure's underlying error goes behind "Details" instead of into the sentences."""
        self._failure_detail = exchange.failure.detail if exchange.failure is not None else ""

    def show_explanations(self, explanations: Sequence[Explanation]) -> None:
        self._explanations = list(explanations)
        if not self._explanations:
            self.clear()
            return
        self.others.clear()
        self.others.addItem(f"Other possible causes ({len(self._explanations) - 1})")
        for other in self._explanations[1:]:
            self.others.addItem(other.title, other.article_id)
        self._show(self._explanations[0])
        self.show()

    def show_follow_up(self, title: str, text: str, button: str) -> None:
        """A multi-step fix waits for the user: say what was received and offer the next step."""
        self._explanations = []
        self._shown = None
        self.title.setText(title)
        import html  # deferred: see explanation_html

        self.body.setText(f"<p>{html.escape(text)}</p>")
        self._clear_buttons()
        go = QtWidgets.QPushButton(button)
        go.setObjectName("follow-up")
        go.setToolTip("Builds the next request in the editor (undoable); nothing is sent.")
        go.clicked.connect(self.follow_up_requested)
        self._add_button(go)
        self._fit()
        self.show()

    def _set_expanded(self, expanded: bool) -> None:
        self.expander.setArrowType(QtCore.Qt.ArrowType.DownArrow if expanded else QtCore.Qt.ArrowType.RightArrow)
        self.text_scroll.setVisible(expanded)

    def _fit(self) -> None:
        """As tall as the text wants, up to TEXT_HEIGHT; only a hint: the splitter may give less
        and the text scrolls, so the window never grows for it."""
        width = max(self.text_scroll.viewport().width(), self.width() - 40, 200)
        needed = self.body.heightForWidth(width)
        wanted = min(max(needed, 0) + 4, TEXT_HEIGHT)
        self.text_scroll.setMaximumHeight(wanted)
        self.text_scroll.setMinimumHeight(min(wanted, TEXT_MINIMUM))
        self.updateGeometry()

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width() and self.body.text():
            QtCore.QTimer.singleShot(0, self._fit)  # the text re-wraps: a new height, after this layout pass

    def _add_button(self, button: QtWidgets.QWidget) -> None:
        self.actions_row.addWidget(button)

    def _clear_buttons(self) -> None:
        while (item := self.actions_row.takeAt(0)) is not None:
            widget = item.widget()
            if widget is self.others or widget is self.details_button:
                widget.hide()
            elif widget is not None:
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
        self.title.setToolTip(explanation.title)
        self._clear_buttons()
        for action in explanation.actions:
            button = QtWidgets.QPushButton(action.label)
            button.setObjectName(f"action-{action.name}")
            button.setToolTip("Changes the request in the editor (undoable); nothing is sent.")
            button.clicked.connect(lambda _=False, n=action.name: self.action_requested.emit(n, explanation))
            self._add_button(button)
        article = QtWidgets.QPushButton("Open article")
        article.clicked.connect(lambda: self.article_requested.emit(explanation.article_id))
        self._add_button(article)
        if explanation.pointers:
            first = explanation.pointers[0]
            go = QtWidgets.QPushButton("Show the line")
            go.clicked.connect(lambda: self.jump_requested.emit(first))
            self._add_button(go)
        if len(self._explanations) > 1:
            self._add_button(self.others)
            self.others.show()
        self._detail = split_detail(explanation.cause, explanation.detail or self._failure_detail)
        if self._detail[1]:
            with QtCore.QSignalBlocker(self.details_button):
                self.details_button.setChecked(False)
            self._add_button(self.details_button)
            self.details_button.show()
        self._render()

    def _render(self) -> None:
        if self._shown is None:
            return
        cause, detail = self._detail
        self.body.setText(explanation_html(self._shown, cause, detail if self.details_button.isChecked() else ""))
        self._fit()

    def _other_chosen(self, index: int) -> None:
        if index > 0:
            self._show(self._explanations[index])
        self.others.setCurrentIndex(0)
