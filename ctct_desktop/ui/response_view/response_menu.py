"""The window's Response menu: the body's views (Pretty, Raw, Hex), its tools (Filter, Fold all,
Unfold all, Go to offset) and its copies (Save body, Open in another app), each enabled only
when it applies to the body on screen (no body: all of them off).

Fold all / Unfold all act on the body view on screen (an editor, the filter's results, or the
paged view of a large body). Their keys, Ctrl+Alt+[ and Ctrl+Alt+], belong to the focused text
view (the request body editor folds with the same keys), so the menu shows them in the entry's
text instead of taking them as window shortcuts, which would steal them from the request editor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6 import QtCore, QtGui, QtWidgets

from ctct_desktop.ui.widgets.code_editor import CodeEditor

if TYPE_CHECKING:
    from ctct_desktop.ui.response_view.body_view import BodyView
    from ctct_desktop.ui.window_actions import WindowActions

FOLD_ALL_KEYS, UNFOLD_ALL_KEYS = "Ctrl+Alt+[", "Ctrl+Alt+]"


class _Folds(Protocol):
    def fold_all(self) -> None: ...

    def unfold_all(self) -> None: ...


class ResponseMenu(QtCore.QObject):
    """Fills ``menu`` and keeps its entries' enabled state in step with ``body``."""

    def __init__(self, menu: QtWidgets.QMenu, window_actions: WindowActions, body: BodyView) -> None:
        super().__init__(menu)
        self.menu, self.body, self.window_actions = menu, body, window_actions
        tools = body.tools
        self.fold_all_action = self._action("Fold &all", FOLD_ALL_KEYS,
                                            "Fold every XML element and JSON object of the body on screen", True)
        self.unfold_all_action = self._action("&Unfold all", UNFOLD_ALL_KEYS,
                                              "Unfold everything in the body on screen", False)
        for action in (window_actions.pretty_view, window_actions.raw_view, tools.hex_action):
            menu.addAction(action)
        menu.addSeparator()
        for action in (window_actions.filter_body, self.fold_all_action, self.unfold_all_action, tools.goto_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(tools.actions.save_action)
        menu.addAction(tools.actions.open_action)
        tools.body_changed.connect(self.refresh)
        body.stack.currentChanged.connect(self.refresh)
        self.refresh()

    def _action(self, text: str, keys: str, tip: str, fold: bool) -> QtGui.QAction:
        action = QtGui.QAction(f"{text}\t{keys}", self.menu)
        action.setToolTip(f"{tip} ({keys}, in the body)")
        action.setStatusTip(action.toolTip())
        action.triggered.connect(lambda: self._fold(fold))
        return action

    def shortcut_actions(self) -> list[QtGui.QAction]:
        """The entries the window's own actions do not hold, for the F1 shortcut list."""
        tools = self.body.tools
        return [tools.hex_action, tools.goto_action, tools.copy_text_action, self.fold_all_action,
                self.unfold_all_action, tools.actions.save_action, tools.actions.open_action]

    def has_body(self) -> bool:
        return self.body.tools.source.size > 0

    def refresh(self, _index: int = -1) -> None:
        body, has = self.body, self.has_body()
        for action in (self.window_actions.pretty_view, self.window_actions.raw_view, body.tools.hex_action):
            action.setEnabled(has)
        self.window_actions.filter_body.setEnabled(has and body.filter_bar.kind is not None)
        folds = has and self._folds() is not None
        self.fold_all_action.setEnabled(folds)
        self.unfold_all_action.setEnabled(folds)

    def _folds(self) -> _Folds | None:
        """The folds of the text view on screen; None on the hex and image pages."""
        current = self.body.stack.currentWidget()
        if isinstance(current, CodeEditor):
            return current.enable_folding()
        if self.body.paged_active:
            return self.body.paged.folds
        return None

    def _fold(self, fold: bool) -> None:
        folds = self._folds()
        if folds is not None:
            folds.fold_all() if fold else folds.unfold_all()
