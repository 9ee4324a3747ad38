"""Compare with two of a ticket's exchanges selected: the diff window, fed from the ticket's
recorded exchanges instead of history entries (read and compared in a worker)."""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtWidgets

from ctct_desktop.tickets.editing import read_exchange
from ctct_desktop.tickets.model import RecordedExchange, TicketError
from ctct_desktop.ui.diff_view import Comparison, DiffWindow, compare_in_window


def side_title(recorded: RecordedExchange) -> str:
    return f"{recorded.file} ({recorded.mark.value})"


def compare_recorded(folder: Path, first: RecordedExchange, second: RecordedExchange) -> Comparison:
    try:
        a, b = read_exchange(folder, first), read_exchange(folder, second)
    except TicketError as exc:
        return Comparison.failed(str(exc))
    return Comparison.of_exchanges(a, b, side_title(first), side_title(second))


def open_ticket_comparison(folder: Path, first: RecordedExchange, second: RecordedExchange,
                           parent: QtWidgets.QWidget | None = None) -> DiffWindow:
    """The diff window, open at once ("Comparing…" under the sides' names), filled when the worker has compared."""
    return compare_in_window(lambda: compare_recorded(folder, first, second), parent,
                             f"Compare exchanges — {folder.name}", (side_title(first), side_title(second)))
