"""Compare with two of a ticket's exchanges selected: the History's diff window, fed from the
ticket's recorded exchanges instead of history entries (read and compared in a worker)."""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtWidgets

from ctct_desktop.diffing import ranked, request_differences, response_differences
from ctct_desktop.tickets.editing import read_exchange
from ctct_desktop.tickets.model import RecordedExchange, TicketError
from ctct_desktop.ui.diff_view.loading import Comparison, _cut, _response_text
from ctct_desktop.ui.diff_view.window import DiffWindow
from ctct_desktop.ui.workers import start_task


def compare_recorded(folder: Path, first: RecordedExchange, second: RecordedExchange) -> Comparison:
    try:
        a, b = read_exchange(folder, first), read_exchange(folder, second)
    except TicketError as exc:
        return Comparison(error=str(exc))
    return Comparison(None, None, ranked(request_differences(a.request, b.request)),
                      ranked(response_differences(a, b)), "",
                      (_cut(a.request.body), _cut(b.request.body)), (_cut(_response_text(a)), _cut(_response_text(b))))


def side_title(recorded: RecordedExchange) -> str:
    return f"{recorded.file} ({recorded.mark.value})"


def open_ticket_comparison(folder: Path, first: RecordedExchange, second: RecordedExchange,
                           parent: QtWidgets.QWidget | None = None) -> DiffWindow:
    """The diff window, open at once ("Comparing…"), filled when the worker has compared."""
    window = DiffWindow(parent)
    window.setWindowTitle(f"Compare exchanges — {folder.name}")
    window.show()

    def shown(comparison: Comparison) -> None:
        window.show_comparison(comparison)
        if not comparison.error:
            window.sides.setText(f"A: {side_title(first)}\nB: {side_title(second)}")

    start_task(lambda _p: compare_recorded(folder, first, second), shown,
               lambda message: window.show_comparison(Comparison(error=message)), owner=window)
    return window
