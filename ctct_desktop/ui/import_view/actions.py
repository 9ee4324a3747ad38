"""File → Import… (Ctrl+I), and a command pasted into the URL field: imported requests open in
tabs (the documents controller's), where the linter checks them like any other request."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui

from ctct_desktop.core.models import Exchange, RequestModel
from ctct_desktop.ui.main_window import MainWindow
from ctct_desktop.ui.window_actions import make_action

if TYPE_CHECKING:
    from ctct_desktop.importers import ImportResult

MAX_PASTE = 256 * 1024  # a paste into the URL field larger than this is left to the dialog


class ImportActions(QtCore.QObject):
    """Owns the Import action; ``open_tab`` opens a request in a new tab (DocumentController.new),
    ``open_recorded`` one with the response its source recorded (a HAR entry's) shown beside it."""

    def __init__(self, window: MainWindow, open_tab: Callable[[RequestModel], object],
                 replace_current: Callable[[RequestModel, str], None],
                 open_recorded: Callable[[RequestModel, Exchange, str], object] | None = None) -> None:
        super().__init__(window)
        self.window, self._open_tab, self._replace = window, open_tab, replace_current
        self._open_recorded = open_recorded
        self.action: QtGui.QAction = make_action(
            window, "&Import…", "Import a curl command, PHP code, raw HTTP, a HAR, Postman or Insomnia export "
            "(Ctrl+I)", "Ctrl+I")
        self.action.triggered.connect(self.open_dialog)
        self.dialog: QtCore.QObject | None = None  # the open dialog (tests fill it in)

    def open_dialog(self) -> None:
        from ctct_desktop.ui.import_view.dialog import ImportDialog  # deferred: start-up

        dialog = ImportDialog(self.window)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.open_all(dialog.imported))
        self.dialog = dialog
        dialog.open()

    def open_all(self, result: ImportResult | None) -> None:
        if result is None or not result.requests:
            return
        for imported in result.requests:
            exchange = imported.exchange
            if exchange is not None and self._open_recorded is not None:
                self._open_recorded(imported.request, exchange, imported.name)
            else:
                self._open_tab(imported.request)
        self.window.show_activity(_summary(result))

    def paste_into_url(self, text: str) -> None:
        """A curl command or raw HTTP pasted into the URL field replaces the request in this tab
        (one undoable step); further commands of the paste open in new tabs."""
        from ctct_desktop.importers import FORMATS, import_text  # deferred: start-up

        result = import_text(text) if len(text) <= MAX_PASTE else None
        if result is None or not result.requests:
            reason = result.error if result is not None else "The paste is too large for the URL field."
            self.window.show_activity(f"The paste looks like a command but could not be imported: {reason} "
                                      "Try File → Import… (Ctrl+I).")
            return
        first, *rest = result.requests
        self._replace(first.request, f"Import pasted {FORMATS.get(result.format, result.format)}")
        for imported in rest:
            self._open_tab(imported.request)
        self.window.show_activity(_summary(result, "The paste was imported as a request (Ctrl+Z restores "
                                               "what was here)"))


def _summary(result: ImportResult, lead: str = "") -> str:
    from ctct_desktop.importers import FORMATS

    count = len(result.requests)
    notes = [n for r in result.requests for n in r.notes] + list(result.notes)
    what = FORMATS.get(result.format, result.format)
    text = f"{lead or 'Imported'} from a {what}: {count} request{'s' if count != 1 else ''}."
    if notes:
        text += f" Not carried over: {' '.join(notes[:3])}" + (f" (+{len(notes) - 3} more)" if len(notes) > 3 else "")
    return text
