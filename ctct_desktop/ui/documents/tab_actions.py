"""The document and tab commands with their editor keys, for the File and View menus.

Ctrl+Tab / Ctrl+Shift+Tab (and Ctrl+PgDown / Ctrl+PgUp) step through the tabs, Ctrl+W closes one,
Ctrl+Shift+T reopens the last closed one, Ctrl+N opens a new one: as in editors and browsers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui, QtWidgets

from ctct_desktop.ui.window_actions import make_action

if TYPE_CHECKING:
    from ctct_desktop.ui.documents.controller import DocumentController


class TabActions:
    def __init__(self, window: QtWidgets.QWidget, documents: DocumentController) -> None:
        self.new = make_action(window, "&New request", "Start a new, unsaved request in a new tab (Ctrl+N)",
                               "Ctrl+N")
        self.save = make_action(window, "&Save", "Save the request to its file (Ctrl+S)", "Ctrl+S")
        self.save_as = make_action(window, "Save &as…", "Save the request under a new name or in another "
                                   "folder of a collection (Ctrl+Shift+S)", "Ctrl+Shift+S")
        self.revert = make_action(window, "&Revert", "Reload the request from its file, dropping unsaved "
                                  "changes (asks first)")
        self.close_tab = make_action(window, "&Close tab", "Close the request's tab (Ctrl+W)", "Ctrl+W")
        self.reopen = make_action(window, "Reopen closed &tab", "Bring back the last closed tab, as it was "
                                  "(Ctrl+Shift+T)", "Ctrl+Shift+T")
        self.next_tab = make_action(window, "Ne&xt tab", "Show the next request tab (Ctrl+Tab)",
                                    "Ctrl+Tab", "Ctrl+PgDown")
        self.previous_tab = make_action(window, "Pre&vious tab", "Show the previous request tab "
                                        "(Ctrl+Shift+Tab)", "Ctrl+Shift+Tab", "Ctrl+PgUp")
        self.new.triggered.connect(lambda: documents.new())
        self.save.triggered.connect(lambda: documents.save())
        self.save_as.triggered.connect(lambda: documents.save_as())
        self.revert.triggered.connect(lambda: documents.revert())
        self.close_tab.triggered.connect(lambda: documents.close_tab())
        self.reopen.triggered.connect(lambda: documents.reopen_closed())
        self.next_tab.triggered.connect(lambda: documents.step(1))
        self.previous_tab.triggered.connect(lambda: documents.step(-1))
        self._documents = documents
        bar = documents.bar
        bar.setContextMenuPolicy(QtCore.Qt.ContextMenuPolicy.CustomContextMenu)
        bar.customContextMenuRequested.connect(self._tab_menu)
        self.open_menu = QtWidgets.QMenu("Open re&quests", window)
        self.open_menu.setToolTipsVisible(True)
        self.open_menu.aboutToShow.connect(self._fill_open_menu)
        self._fill_open_menu()

    def tab_menu_for(self, index: int) -> QtWidgets.QMenu:
        """The tab's context menu: close it, close the others (each asks when unsaved), reopen."""
        documents, bar = self._documents, self._documents.bar
        tabs = documents.tabs.ordered()
        menu = QtWidgets.QMenu(bar)
        if 0 <= index < len(tabs):
            tab = tabs[index]
            menu.addAction("&Close tab", lambda: documents.close_tab(tab))
            others = [t for t in tabs if t is not tab]
            close_others = menu.addAction("Close &other tabs", lambda: documents.close_tabs(others))
            close_others.setEnabled(bool(others))
            menu.addSeparator()
        menu.addAction(self.reopen)
        return menu

    def _tab_menu(self, point: QtCore.QPoint) -> None:
        bar = self._documents.bar
        self.tab_menu_for(bar.tabAt(point)).popup(bar.mapToGlobal(point))

    def _fill_open_menu(self) -> None:
        """View → Open requests: every tab by name, the shown one checked; choosing one shows it."""
        self.open_menu.clear()
        bar = self._documents.bar
        for index in range(bar.count()):
            action = self.open_menu.addAction(bar.tabText(index))
            action.setToolTip(bar.tabToolTip(index))
            action.setCheckable(True)
            action.setChecked(index == bar.currentIndex())
            action.triggered.connect(lambda _checked=False, i=index: bar.setCurrentIndex(i))

    def file_actions(self) -> list[QtGui.QAction]:
        return [self.new, self.save, self.save_as, self.revert, self.close_tab, self.reopen]

    def view_actions(self) -> list[QtGui.QAction]:
        return [self.next_tab, self.previous_tab, self.open_menu.menuAction()]
