"""Request and response side by side on a wide window, stacked on a narrow one, or as chosen.

Like Insomnia and Bruno: the collections on the left, then the request, then the response. A
window narrower than ``WIDE_WINDOW`` and at least ``TALL_WINDOW`` high stacks them (request over
response); a short one keeps them side by side, since stacked panes need that height. A choice in
View → Side by side panes (Ctrl+Alt+L) holds at any size.
"""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

AUTOMATIC, SIDE_BY_SIDE, STACKED = "", "side-by-side", "stacked"
MODES = (AUTOMATIC, SIDE_BY_SIDE, STACKED)
WIDE_WINDOW = 1200  # px: below it there is not room for collections, request and response in a row
TALL_WINDOW = 780  # px: stacked panes, their docks and bars need about this much height


class PaneArrangement(QtCore.QObject):
    """Owns the request/response splitter's orientation; ``changed(bool)`` says side by side or not."""

    changed = QtCore.Signal(bool)

    def __init__(self, splitter: QtWidgets.QSplitter) -> None:
        super().__init__(splitter)
        self.splitter = splitter
        self.mode = AUTOMATIC
        self._size = QtCore.QSize()

    @property
    def side_by_side(self) -> bool:
        return self.splitter.orientation() == QtCore.Qt.Orientation.Horizontal

    def set_mode(self, mode: str) -> None:
        self.mode = mode if mode in MODES else AUTOMATIC
        self._apply()

    def toggle(self) -> None:
        """The user's choice: the other arrangement, kept at any width from now on."""
        self.set_mode(STACKED if self.side_by_side else SIDE_BY_SIDE)

    def window_resized(self, size: QtCore.QSize) -> None:
        self._size = QtCore.QSize(size)
        if self.mode == AUTOMATIC:
            self._apply()

    def _apply(self) -> None:
        roomy = self._size.width() >= WIDE_WINDOW or self._size.height() < TALL_WINDOW
        wide = self.mode == SIDE_BY_SIDE or (self.mode == AUTOMATIC and roomy)
        wanted = QtCore.Qt.Orientation.Horizontal if wide else QtCore.Qt.Orientation.Vertical
        if self.splitter.orientation() != wanted:
            self.splitter.setOrientation(wanted)
            total = sum(self.splitter.sizes()) or 1000
            self.splitter.setSizes([total * 2 // 5, total - total * 2 // 5])
        self.changed.emit(wide)
