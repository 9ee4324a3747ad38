"""The main window's actions and menus; every command has a keyboard shortcut and a tooltip."""

from __future__ import annotations

from dataclasses import dataclass, fields

from PySide6 import QtGui, QtWidgets

Seq = QtGui.QKeySequence


@dataclass
class WindowActions:
    send: QtGui.QAction
    cancel: QtGui.QAction
    format_body: QtGui.QAction
    focus_url: QtGui.QAction
    find: QtGui.QAction
    find_next: QtGui.QAction
    find_previous: QtGui.QAction
    pretty_view: QtGui.QAction
    raw_view: QtGui.QAction
    filter_body: QtGui.QAction
    quit: QtGui.QAction
    about: QtGui.QAction
    shortcuts: QtGui.QAction
    side_by_side: QtGui.QAction

    def all(self) -> list[QtGui.QAction]:
        return [getattr(self, f.name) for f in fields(self)]


def make_action(parent: QtWidgets.QWidget, text: str, tip: str, *keys: str | Seq.StandardKey) -> QtGui.QAction:
    """An action with tooltip, status tip and shortcuts, added to ``parent`` so the keys work anywhere."""
    action = QtGui.QAction(text, parent)
    action.setToolTip(tip)
    action.setStatusTip(tip)
    sequences: list[Seq] = []
    for key in keys:
        sequences.extend(Seq.keyBindings(key) if isinstance(key, Seq.StandardKey) else [Seq(key)])
    action.setShortcuts(sequences)
    parent.addAction(action)  # shortcuts work even when the menu bar is hidden
    return action


def build_actions(window: QtWidgets.QMainWindow) -> WindowActions:
    actions = WindowActions(
        send=make_action(window, "&Send", "Send the request (Ctrl+Enter)", "Ctrl+Return", "Ctrl+Enter"),
        cancel=make_action(window, "&Cancel", "Stop the request in flight (Esc)", "Esc"),
        format_body=make_action(window, "&Format body", "Pretty-print the request body (Ctrl+Shift+F)",
                            "Ctrl+Shift+F"),
        focus_url=make_action(window, "Focus &URL", "Put the cursor in the URI field (Ctrl+L)", "Ctrl+L"),
        find=make_action(window, "&Find…", "Find in the focused body (Ctrl+F)", "Ctrl+F"),
        find_next=make_action(window, "Find &next", "Next match (F3)", "F3"),
        find_previous=make_action(window, "Find &previous", "Previous match (Shift+F3)", "Shift+F3"),
        pretty_view=make_action(window, "&Pretty response", "Show the response body formatted (Ctrl+1)", "Ctrl+1"),
        raw_view=make_action(window, "&Raw response", "Show the response body as received (Ctrl+2)", "Ctrl+2"),
        filter_body=make_action(window, "F&ilter response…",
                                "Show only the parts of the response matching an XPath (XML) or JSONPath (JSON) "
                                "expression (Ctrl+Alt+F)", "Ctrl+Alt+F"),
        quit=make_action(window, "&Quit", "Quit CTCT Desktop (Ctrl+Q)", "Ctrl+Q"),
        about=make_action(window, "&About CTCT Desktop", "Version and purpose"),
        shortcuts=make_action(window, "&Keyboard shortcuts", "Every shortcut in one list (F1)", "F1"),
        side_by_side=make_action(window, "Side by side &panes",
                                 "Request and response side by side, or request over response (Ctrl+Alt+L)",
                                 "Ctrl+Alt+L"),
    )
    actions.side_by_side.setCheckable(True)
    actions.cancel.setEnabled(False)
    return actions


def build_menus(window: QtWidgets.QMainWindow, actions: WindowActions) -> dict[str, QtWidgets.QMenu]:
    """File, Edit, Request, Response, View, Help; returns them by name so later panels can add
    entries (the Response menu is filled by ``ui/response_view/response_menu``; it has no Alt
    letter: each of R, E, S, P, O, N already opens a menu, a tab or the environment field)."""
    bar = window.menuBar()
    menus = {name: bar.addMenu(title) for name, title in (("file", "&File"), ("edit", "&Edit"),
                                                          ("request", "&Request"), ("response", "Response"),
                                                          ("view", "&View"), ("help", "&Help"))}
    menus["file"].addAction(actions.quit)
    for action in (actions.find, actions.find_next, actions.find_previous):
        menus["edit"].addAction(action)
    for action in (actions.send, actions.cancel, actions.format_body, actions.focus_url):
        menus["request"].addAction(action)
    menus["view"].addAction(actions.side_by_side)
    menus["view"].addSeparator()
    menus["help"].addAction(actions.shortcuts)
    menus["help"].addAction(actions.about)
    return menus
