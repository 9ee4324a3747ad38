"""ResponseView: renders an Exchange. The explanation card goes on top through ``set_card_widget``."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from ctct_desktop.core.models import Exchange, RequestModel
from ctct_desktop.ui.response_view.body_view import BodyView
from ctct_desktop.ui.response_view.failure_panel import FailurePanel
from ctct_desktop.ui.response_view.status_line import StatusLine
from ctct_desktop.ui.response_view.timing_panel import TimingPanel
from ctct_desktop.ui.response_view.body_loader import LoadState


class ResponseView(QtWidgets.QWidget):
    """``loading(LoadState)`` forwards body-loading progress for the status bar."""

    loading = QtCore.Signal(LoadState)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.status_line = StatusLine(self)
        self.card_slot = QtWidgets.QVBoxLayout()
        self.card_slot.setContentsMargins(0, 0, 0, 0)
        self._card: QtWidgets.QWidget | None = None
        self.body = BodyView(self)
        self.headers = QtWidgets.QTableWidget(0, 2, self)
        self.headers.setHorizontalHeaderLabels(["Name", "Value"])
        self.headers.setAccessibleName("Response headers")
        self.headers.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.headers.verticalHeader().setVisible(False)
        self.headers.horizontalHeader().setStretchLastSection(True)
        self.headers.horizontalHeader().resizeSection(0, 220)
        self.timing = TimingPanel(self)
        self.tabs = QtWidgets.QTabWidget(self)
        self.tabs.setAccessibleName("Response parts")
        self.tabs.addTab(self.body, "Bod&y")
        self.tabs.addTab(self.headers, "Hea&ders")
        self.tabs.addTab(self.timing, "T&iming")
        self.failure = FailurePanel(self)
        self.pages = QtWidgets.QStackedWidget(self)
        self.pages.addWidget(self.tabs)
        self.pages.addWidget(self.failure)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 4)
        layout.addLayout(self.card_slot)
        layout.addWidget(self.status_line)
        layout.addWidget(self.pages, 1)
        self.body.state.connect(self.loading)
        self.addActions(self.body.tools.tool_actions())  # their keys work from the Headers and Timing tabs too
        self.exchange: Exchange | None = None

    @QtCore.Slot(object)
    def set_card_widget(self, widget: QtWidgets.QWidget | None) -> None:
        """Put ``widget`` (e.g. the explanation card) above the status line; None removes it.
        The widget decides when it is visible (the card hides itself until there is something to say)."""
        if self._card is not None:
            self.card_slot.removeWidget(self._card)
            self._card.setParent(None)
        self._card = widget
        if widget is not None:
            self.card_slot.addWidget(widget)

    def show_sending(self, request: RequestModel) -> None:
        """A new request is out: the previous response and its explanation are greyed until it is back."""
        self.status_line.show_sending(request.method, request.url)
        self.set_waiting(True)

    def set_waiting(self, waiting: bool) -> None:
        self.pages.setEnabled(not waiting)
        if self._card is not None:
            self._card.setEnabled(not waiting)

    @property
    def waiting(self) -> bool:
        return not self.pages.isEnabled()

    def clear(self) -> None:
        """No response for the request shown (one just opened, or a new tab): nothing of another's."""
        self.exchange = None
        self.set_waiting(False)
        self.status_line.show_idle()
        self.pages.setCurrentWidget(self.tabs)
        self.headers.setRowCount(0)
        self.timing.show_timings(None)
        self.body.clear()
        clear_card = getattr(self._card, "clear", None)
        if callable(clear_card):
            clear_card()

    def show_exchange(self, exchange: Exchange) -> None:
        self.exchange = exchange
        self.set_waiting(False)
        use_exchange = getattr(self._card, "use_exchange", None)
        if callable(use_exchange):  # the explanation banner: which exchange its explanations are for
            use_exchange(exchange)
        if exchange.response is None:
            failure = exchange.failure
            if failure is not None:
                self.status_line.show_failure(failure)
                self.failure.show_failure(failure)
                self.pages.setCurrentWidget(self.failure)
            return
        record = exchange.response
        self.status_line.show_response(record)
        self.pages.setCurrentWidget(self.tabs)
        self.headers.setRowCount(len(record.headers))
        for row, (name, value) in enumerate(record.headers):
            self.headers.setItem(row, 0, QtWidgets.QTableWidgetItem(name))
            self.headers.setItem(row, 1, QtWidgets.QTableWidgetItem(value))
        self.timing.show_timings(record.timings)
        self.body.origin_url = record.url  # names the file Save body suggests
        self.body.tools.body_cut = record.body_truncated  # Save body says the file holds what was kept
        self.body.show_body(record.body, record.content_type, path=record.body_path)
