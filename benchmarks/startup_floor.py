"""The floor under the app's start-up: a window with about the widgets of the app's first screen
(tab bars, a request row, a tabbed request editor with a text body and tables, a tabbed response
pane, two docks on each side, five menus of twelve shortcuts, a toolbar, a status bar), built with
plain PySide6 and none of the app's modules. ``bench_ui_startup.py`` times it beside the bare
window and the app, so what the widgets cost is told apart from what our code costs.

It arms the same start-up probe as the other two sides and leaves at the window's first idle.
With ``--with-app-imports`` it first imports everything ``python -m ctct_desktop`` imports before
its window is built (``ctct_desktop.app``), and builds the same plain window: what the app's
modules cost to load, with none of its widgets made.
"""

from __future__ import annotations

import sys

from PySide6 import QtCore, QtGui, QtWidgets

from ctct_desktop.ui import startup_probe

Qt = QtCore.Qt


def request_pane() -> QtWidgets.QWidget:
    pane = QtWidgets.QWidget()
    layout = QtWidgets.QVBoxLayout(pane)
    row = QtWidgets.QHBoxLayout()
    method = QtWidgets.QComboBox()
    method.addItems(["GET", "POST", "PUT", "DELETE"])
    row.addWidget(method)
    row.addWidget(QtWidgets.QLineEdit("http://127.0.0.1:8089/ws/customers/joesflowers/contacts"))
    row.addWidget(QtWidgets.QPushButton("Send"))
    layout.addLayout(row)
    tabs = QtWidgets.QTabWidget()
    for name in ("Params", "Headers", "Body", "Auth", "Options"):
        if name == "Body":
            body = QtWidgets.QPlainTextEdit()
            body.setPlainText("<entry/>\n" * 20)
            tabs.addTab(body, name)
        else:
            tabs.addTab(QtWidgets.QTableWidget(3, 3), name)
    layout.addWidget(tabs)
    return pane


def response_pane() -> QtWidgets.QWidget:
    pane = QtWidgets.QWidget()
    layout = QtWidgets.QVBoxLayout(pane)
    layout.addWidget(QtWidgets.QLabel("No response yet: press Ctrl+Enter to send"))
    tabs = QtWidgets.QTabWidget()
    for name in ("Body", "Headers", "Timing"):
        tabs.addTab(QtWidgets.QPlainTextEdit(), name)
    layout.addWidget(tabs)
    return pane


def build(window: QtWidgets.QMainWindow) -> None:
    central = QtWidgets.QWidget()
    layout = QtWidgets.QVBoxLayout(central)
    tab_bar = QtWidgets.QTabBar()
    tab_bar.addTab("New request")
    layout.addWidget(tab_bar)
    splitter = QtWidgets.QSplitter(Qt.Orientation.Vertical)
    splitter.addWidget(request_pane())
    splitter.addWidget(response_pane())
    layout.addWidget(splitter)
    window.setCentralWidget(central)
    for area, names in ((Qt.DockWidgetArea.LeftDockWidgetArea, ("Collections", "Environments")),
                        (Qt.DockWidgetArea.BottomDockWidgetArea, ("History", "Problems"))):
        previous = None
        for name in names:
            dock = QtWidgets.QDockWidget(name, window)
            dock.setWidget(QtWidgets.QTreeView())
            window.addDockWidget(area, dock)
            if previous is not None:
                window.tabifyDockWidget(previous, dock)
            previous = dock
    for title in ("&File", "&Edit", "&View", "&Request", "&Help"):
        menu = window.menuBar().addMenu(title)
        for i in range(12):
            action = QtGui.QAction(f"Action {i}", window)
            action.setShortcut(QtGui.QKeySequence(f"Ctrl+Shift+{i % 10}"))
            menu.addAction(action)
    toolbar = window.addToolBar("Main")
    toolbar.addWidget(QtWidgets.QComboBox())
    toolbar.addAction("Send")
    toolbar.addAction("Cancel")
    window.statusBar().addWidget(QtWidgets.QLabel("Ready"))


def main() -> int:
    if "--with-app-imports" in sys.argv[1:]:
        import ctct_desktop.app  # noqa: F401 - loaded, not used: the cost of the modules alone
    app = QtWidgets.QApplication(sys.argv[:1])
    window = QtWidgets.QMainWindow()
    window.setWindowTitle("floor")
    build(window)
    window.resize(1360, 860)
    startup_probe.install(window)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
