"""What the ticket window tests share: a collection opened in the tree, a ticket opened from it as
a user does, and a ticket holding two recorded exchanges (failing and fixed) to mark and compare."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6 import QtCore

from ctct_desktop.core.models import BodyKind, Exchange, Header, RequestModel, ResponseRecord
from ctct_desktop.store.collection import create_collection
from ctct_desktop.tickets.folder import record_exchange_of
from ctct_desktop.tickets.model import ExchangeMark
from tests.tickets.casebook import CASES, SERVER, T1_CAMPAIGN, t1_fixed

ALT_CTRL = QtCore.Qt.KeyboardModifier.ControlModifier | QtCore.Qt.KeyboardModifier.AltModifier


def open_collection(qtbot: Any, bench: Any, root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    create_collection(root, root.name)
    panel = bench.saved_work.collections
    assert panel.add_collection(root)
    qtbot.waitUntil(lambda: not panel.busy and panel.collection(root.resolve()) is not None, timeout=10_000)
    return root.resolve()


def tree_item(bench: Any, path: Path) -> Any:
    return bench.saved_work.collections.model.item_at(path.resolve())


def open_from_tree(qtbot: Any, bench: Any, folder: Path) -> Any:
    """Select the ticket's row in the tree and press Enter, as a user does."""
    panel = bench.saved_work.collections
    panel.rescan(panel.root_of(folder))
    qtbot.waitUntil(lambda: tree_item(bench, folder) is not None and tree_item(bench, folder).ticket, timeout=10_000)
    qtbot.waitUntil(lambda: panel.select_path(folder), timeout=5000)
    panel.view.setFocus()
    qtbot.keyClick(panel.view, QtCore.Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bench.tickets.view is not None and bench.tickets.view.folder == folder, timeout=5000)
    return bench.tickets.view


def t1_with_two_exchanges(folder: Path) -> Path:
    """Casebook T1 with the customer's PUT recorded (400) and the fixed one (200), both unmarked."""
    CASES["T1"](folder)
    for name, body, status in (("Update campaign", T1_CAMPAIGN, 400), ("Update campaign fixed", t1_fixed(), 200)):
        request = RequestModel("PUT", SERVER + "/campaigns/2", (Header("Content-Type", "application/atom+xml"),),
                               body, BodyKind.XML)
        response = ResponseRecord(status, "Bad Request" if status == 400 else "OK", "HTTP/1.1",
                                  (("Content-Type", "text/plain"),), b"Error 400" if status == 400 else b"",
                                  SERVER + "/campaigns/2", 5.0)
        record_exchange_of(folder, Exchange(request, response), (), request=name, mark=ExchangeMark.OTHER)
    return folder
