"""The panel's commands as QActions: one set shared by the toolbar, the context menu and the keys.

Shortcuts apply while the tree has focus (``WidgetWithChildrenShortcut``), so F2 and Del in the
request editor keep their usual meaning.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from PySide6 import QtGui, QtWidgets

from ctct_desktop.ui.collections_view.items import ItemKind, TreeItem

_LOCAL = QtGui.Qt.ShortcutContext.WidgetWithChildrenShortcut


@dataclass
class PanelActions:
    open_request: QtGui.QAction
    new_request: QtGui.QAction
    new_folder: QtGui.QAction
    rename: QtGui.QAction
    duplicate: QtGui.QAction
    delete: QtGui.QAction
    undo_delete: QtGui.QAction
    save_as: QtGui.QAction
    reveal: QtGui.QAction
    open_collection: QtGui.QAction
    new_collection: QtGui.QAction
    close_collection: QtGui.QAction
    run: QtGui.QAction

    def all(self) -> list[QtGui.QAction]:
        return [getattr(self, f.name) for f in fields(self)]


def _action(owner: QtWidgets.QWidget, text: str, tip: str,
            keys: QtGui.QKeySequence | QtGui.QKeySequence.StandardKey | str | None = None,
            icon: QtWidgets.QStyle.StandardPixmap | None = None) -> QtGui.QAction:
    action = QtGui.QAction(text, owner)
    action.setToolTip(tip)
    action.setStatusTip(tip)
    if icon is not None:
        action.setIcon(owner.style().standardIcon(icon))
    if keys is not None:
        action.setShortcut(QtGui.QKeySequence(keys))
        action.setShortcutContext(_LOCAL)
    owner.addAction(action)
    return action


def build_actions(owner: QtWidgets.QWidget) -> PanelActions:
    pix = QtWidgets.QStyle.StandardPixmap
    keys = QtGui.QKeySequence.StandardKey
    return PanelActions(
        open_request=_action(owner, "&Open", "Open the request in the editor (Enter or double-click)"),
        new_request=_action(owner, "New &request", "New request in the selected folder", None, pix.SP_FileIcon),
        new_folder=_action(owner, "New &folder", "New folder in the selected folder", None,
                           pix.SP_FileDialogNewFolder),
        rename=_action(owner, "Re&name", "Rename the selected request or folder (F2)", "F2"),
        duplicate=_action(owner, "D&uplicate", "Copy the request or folder next to it", "Ctrl+D"),
        delete=_action(owner, "&Delete", "Move to the collection's trash (.trash folder)", keys.Delete,
                       pix.SP_TrashIcon),
        undo_delete=_action(owner, "&Undo delete", "Put the last deleted item back", keys.Undo),
        save_as=_action(owner, "&Save as…", "Copy this request into one of your collections", None,
                        pix.SP_DialogSaveButton),
        reveal=_action(owner, "Reveal in file &manager", "Show the folder in the file manager"),
        open_collection=_action(owner, "Open &collection folder…", "Open a folder as a collection", None,
                                pix.SP_DirOpenIcon),
        new_collection=_action(owner, "New co&llection…", "Make a folder into a new collection"),
        close_collection=_action(owner, "Close collection", "Stop showing this collection (files stay)"),
        run=_action(owner, "&Run", "Run the folder's requests in order, with their assertions (Ctrl+Shift+R)",
                    "Ctrl+Shift+R", pix.SP_MediaPlay),
    )


def update_enabled(actions: PanelActions, item: TreeItem | None, can_undo: bool, has_user_collection: bool) -> None:
    """Enable what makes sense for the selected row."""
    writable = item is not None and not item.read_only and item.kind is not ItemKind.PROBLEM
    entry = item is not None and item.kind in (ItemKind.FOLDER, ItemKind.REQUEST)
    actions.open_request.setEnabled(item is not None and item.kind is ItemKind.REQUEST)
    can_create = writable or (item is None and has_user_collection)  # nothing selected: the first collection
    actions.new_request.setEnabled(can_create)
    actions.new_folder.setEnabled(can_create)
    actions.rename.setEnabled(writable and entry)
    actions.duplicate.setEnabled(writable and entry)
    actions.delete.setEnabled(writable and entry)
    actions.undo_delete.setEnabled(can_undo)
    actions.save_as.setEnabled(has_user_collection and item is not None and item.kind is ItemKind.REQUEST)
    actions.reveal.setEnabled(item is not None and item.path.exists())
    actions.close_collection.setEnabled(item is not None and item.kind is ItemKind.COLLECTION and not item.read_only)
    actions.run.setEnabled(item is not None and item.kind is not ItemKind.PROBLEM)


def context_menu(owner: QtWidgets.QWidget, actions: PanelActions, item: TreeItem | None) -> QtWidgets.QMenu:
    menu = QtWidgets.QMenu(owner)
    if item is not None and item.kind is not ItemKind.PROBLEM:
        menu.addAction(actions.run)
        menu.addSeparator()
    if item is not None and item.kind is ItemKind.REQUEST:
        menu.addAction(actions.open_request)
        menu.addAction(actions.save_as)
        menu.addSeparator()
    if item is None or not item.read_only:
        for action in (actions.new_request, actions.new_folder, None, actions.rename, actions.duplicate,
                       actions.delete, actions.undo_delete):
            menu.addSeparator() if action is None else menu.addAction(action)
        menu.addSeparator()
    menu.addAction(actions.reveal)
    if item is not None and item.kind is ItemKind.COLLECTION and not item.read_only:
        menu.addAction(actions.close_collection)
    menu.addSeparator()
    menu.addAction(actions.open_collection)
    menu.addAction(actions.new_collection)
    return menu
