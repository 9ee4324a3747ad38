"""File → New ticket…, Open ticket…, Import / Export ticket bundle…, the File → Ticket submenu (the
open ticket's commands, with their keys, enabled while a ticket view is shown), and the dock the
ticket view lives in. Light at start-up: the view, its dialog and the ticket logic are imported when
used. The view follows its folder when the collection tree renames, moves or deletes it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui, QtWidgets

from ctct_desktop.core.models import Exchange, RequestModel
from ctct_desktop.send import Accounts, SendResult
from ctct_desktop.ui.collections_view.tree_model import PathChange
from ctct_desktop.ui.main_window import MainWindow
from ctct_desktop.ui.window_actions import make_action
from ctct_desktop.ui.workers import start_task

if TYPE_CHECKING:
    from ctct_desktop.store.collection import Collection
    from ctct_desktop.tickets.reproduce import ReproducedExchange
    from ctct_desktop.ui.collections_view.panel import CollectionsPanel
    from ctct_desktop.ui.documents.controller import DocumentController
    from ctct_desktop.ui.import_view.dialog import ImportDialog
    from ctct_desktop.ui.ticket_view.new_dialog import NewTicketChoice, NewTicketDialog
    from ctct_desktop.ui.ticket_view.view import TicketView

BUNDLE_FILTER = "Ticket bundles (*.ctct-ticket.zip);;All files (*)"
# File → Ticket → Mark as…: the ExchangeMark value (tickets.model, imported when used), text, key
MARKS = (("failing", "Mark as &failing", "Ctrl+Alt+1"), ("known-good", "Mark as &known-good", "Ctrl+Alt+2"),
         ("other", "&Unmark", "Ctrl+Alt+0"))


class TicketActions(QtCore.QObject):
    """Owns the ticket commands and the one ticket view (a dock, shown for the ticket opened last)."""

    def __init__(self, window: MainWindow, collections: CollectionsPanel, documents: DocumentController,
                 accounts: Accounts | None = None) -> None:
        super().__init__(window)
        self.window, self.collections, self.documents, self._accounts = window, collections, documents, accounts
        self.new_action = make_action(window, "Ne&w ticket…", "Keep a support case as a ticket folder in a "
                                      "collection (Ctrl+Alt+N)", "Ctrl+Alt+N")
        self.open_action = make_action(window, "Open tic&ket…", "Open a ticket folder (one holding ticket.toml)")
        self.import_action = make_action(window, "Import ticket &bundle…", "Unpack a .ctct-ticket.zip into a "
                                         "collection, checking its manifest and scanning it for secrets")
        self.export_action = make_action(window, "Export ticket b&undle…", "Write the open ticket as one "
                                         ".ctct-ticket.zip, after a secret scan")
        self.export_action.setEnabled(False)
        self.new_action.triggered.connect(self.open_new_dialog)
        self.open_action.triggered.connect(self._pick_ticket)
        self.import_action.triggered.connect(self._pick_bundle)
        self.export_action.triggered.connect(lambda: self._pick_export_target())
        self.view: TicketView | None = None
        self.dock: QtWidgets.QDockWidget | None = None
        self.dialog: NewTicketDialog | None = None  # the open New ticket dialog (tests fill it in)
        self.import_dialog: ImportDialog | None = None
        self._exporting = False
        self._last_export_folder: Path | None = None  # where the last bundle went: the next one is proposed there
        self._build_ticket_menu()
        collections.path_changed.connect(self._path_changed)
        collections.rescanner.scanned.connect(self._collection_rescanned)

    def actions(self) -> list[QtGui.QAction]:
        """The File menu's ticket part: the commands, then the Ticket submenu."""
        return [self.new_action, self.open_action, self.import_action, self.export_action, self.menu.menuAction()]

    def _build_ticket_menu(self) -> None:
        window = self.window
        self.menu = QtWidgets.QMenu("Tick&et", window)
        self.menu.setToolTipsVisible(True)
        self.reproduce_action = make_action(window, "&Reproduce on the sandbox", "Run the open ticket's requests "
                                            "on a scratch sandbox with its quirks (Ctrl+Alt+R)", "Ctrl+Alt+R")
        # Esc is the ticket view's own key (the window's Esc cancels a send): shown after a tab, as F1 reads it
        self.cancel_action = QtGui.QAction("&Cancel reproduction\tEsc", window)
        self.cancel_action.setStatusTip("Stop the reproduction in flight (Esc in the ticket view)")
        self.compare_action = make_action(window, "Co&mpare exchanges", "Compare the two exchanges selected in "
                                          "the ticket view (Ctrl+Alt+D)", "Ctrl+Alt+D")
        self.mark_actions: list[QtGui.QAction] = []
        for value, text, key in MARKS:
            mark = make_action(window, text, f"{text.replace('&', '')} the exchanges selected in the ticket "
                               f"view ({key})", key)
            mark.triggered.connect(lambda _checked=False, v=value: self._mark(v))
            self.mark_actions.append(mark)
        self.keep_action = make_action(window, "K&eep reproduced exchanges", "Record the last reproduction's "
                                       "exchanges in the ticket (redacted)")
        self.import_into_action = make_action(window, "&Import into ticket…", "Add requests from a HAR, curl, "
                                              "PHP, Postman… export to the open ticket")
        self.reproduce_action.triggered.connect(lambda: self.view.reproduce() if self.view is not None else None)
        self.cancel_action.triggered.connect(lambda: self.view.cancel() if self.view is not None else None)
        self.compare_action.triggered.connect(lambda: self.view.compare_selected() if self.view is not None else None)
        self.keep_action.triggered.connect(lambda: self.view.keep_reproduced() if self.view is not None else None)
        self.import_into_action.triggered.connect(self.open_import_dialog)
        for action in (self.reproduce_action, self.cancel_action, self.compare_action, None, *self.mark_actions,
                       None, self.keep_action, self.import_into_action):
            if action is None:
                self.menu.addSeparator()
            else:
                self.menu.addAction(action)
        window.add_shortcut_actions([self.new_action, *self.ticket_actions()])
        self._update_enabled()

    def ticket_actions(self) -> list[QtGui.QAction]:
        """The File → Ticket entries: they act on the ticket view, so they are enabled only while it is shown."""
        return [self.reproduce_action, self.cancel_action, self.compare_action, *self.mark_actions,
                self.keep_action, self.import_into_action]

    def _mark(self, value: str) -> None:
        from ctct_desktop.tickets.model import ExchangeMark  # deferred: start-up

        if self.view is not None:
            self.view.mark_selected(ExchangeMark(value))

    def shown(self) -> bool:
        """A ticket is open in the view and the view's dock is not closed."""
        view, dock = self.view, self.dock
        return (view is not None and view.folder is not None and dock is not None
                and dock.toggleViewAction().isChecked())

    def _update_enabled(self) -> None:
        shown, view = self.shown(), self.view
        running = view is not None and view.running
        for action in (self.compare_action, *self.mark_actions, self.import_into_action):
            action.setEnabled(shown)
        self.reproduce_action.setEnabled(shown and not running)
        self.cancel_action.setEnabled(shown and running)
        self.keep_action.setEnabled(shown and view is not None and view.keep_button.isEnabled())
        self.export_action.setEnabled(view is not None and view.folder is not None and not self._exporting)
        if view is not None and self.dock is not None and view.ticket is not None:
            gone = " (folder gone: not saved)" if view.folder is None else ""
            self.dock.setWindowTitle(f"Ticket — {view.ticket.id or view.ticket.title}{gone}")

    def _path_changed(self, change: PathChange) -> None:
        """The tree renamed, moved or deleted a path: the open ticket's folder, or one it lies in?"""
        view = self.view
        if view is None or view.folder is None:
            return
        current = view.folder.resolve()
        resolved = PathChange(change.old.resolve(), change.new.resolve() if change.new is not None else None)
        moved_to = resolved.follow(current)
        if moved_to == current:
            return
        if moved_to is None:
            view.ticket_gone(f"The ticket folder {current} was deleted (to the collection's .trash; the tree's "
                             "Undo delete puts it back).")
        else:
            view.follow_folder(moved_to)

    def _collection_rescanned(self, collection: Collection) -> None:
        """A collection changed on disk (git checkout, a file manager): if the open ticket was in it,
        is its folder still there? Otherwise the view would learn so only at its next write."""
        view = self.view
        if view is not None and view.folder is not None and view.folder.resolve().is_relative_to(collection.root.resolve()):
            view.still_there()

    # ----- the view ------------------------------------------------------------------------
    def ensure_view(self) -> TicketView:
        if self.view is None:
            from ctct_desktop.ui.ticket_view.view import TicketView  # deferred: start-up

            view = self.view = TicketView(self._accounts, self.window)
            view.request_opened.connect(self._open_request)
            view.exchange_opened.connect(self._open_exchange)
            view.reproduced_opened.connect(self._open_reproduced)
            view.export_requested.connect(lambda _folder: self._pick_export_target())
            view.import_requested.connect(lambda _folder: self.open_import_dialog())
            view.message.connect(self.window.show_activity)
            view.state_changed.connect(self._update_enabled)
            view.exchanges.use_menu_actions(self.mark_actions)
            send_cancel = self.window.window_actions.cancel  # enabled while a send runs
            send_cancel.enabledChanged.connect(view.set_window_escape)
            view.set_window_escape(send_cancel.isEnabled())
            self.window.add_escape_handler(view.cancel_if_focused)
            dock = self.dock = QtWidgets.QDockWidget("Ticket", self.window)
            dock.setObjectName("Dock:Ticket")
            dock.setWidget(view)
            self.window.addDockWidget(QtCore.Qt.DockWidgetArea.RightDockWidgetArea, dock)
            self.window.menus["view"].addAction(dock.toggleViewAction())
            dock.toggleViewAction().toggled.connect(lambda _shown: self._update_enabled())
        return self.view

    def open_ticket(self, folder: Path) -> bool:
        view = self.ensure_view()
        if not view.open_ticket(folder):
            return False
        assert self.dock is not None
        self.dock.setWindowTitle(f"Ticket — {view.ticket.id if view.ticket else folder.name}")
        self.dock.show()
        self.dock.raise_()
        view.setFocus()
        self._update_enabled()
        return True

    def open_import_dialog(self) -> None:
        """The Import dialog (Ctrl+I's); what it imports goes into the open ticket, not into tabs."""
        from ctct_desktop.ui.import_view.dialog import ImportDialog  # deferred: start-up

        view = self.ensure_view()
        dialog = self.import_dialog = ImportDialog(
            self.window, "They go into the ticket; a HAR's recorded responses become its exchanges.")
        dialog.setWindowTitle("Import into the ticket")
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: view.import_result(dialog.imported) if dialog.imported is not None else None)
        dialog.open()

    def _open_request(self, path: Path) -> None:
        from ctct_desktop.store.request_file import RequestFileError, load_request

        try:
            self.documents.open(load_request(path))
        except RequestFileError as exc:
            self.window.show_activity(str(exc))

    def _open_exchange(self, exchange: Exchange, name: str) -> None:
        self.documents.open_recorded(exchange.request, exchange, name)

    def _open_reproduced(self, found: ReproducedExchange) -> None:
        from dataclasses import replace

        result = found.run.result
        if result is None:
            self.window.show_activity(f"{found.name}: {found.run.message or 'nothing was sent'}")
            return
        self.documents.open_result(replace(found.run.item.saved, path=found.run.item.path), result)

    # ----- new ticket ----------------------------------------------------------------------
    def parent_folders(self) -> list[Path]:
        """Where a new ticket may go: the selected folder first, then every open collection."""
        roots = [root for root in self.collections.open_collections() if not self.collections.is_read_only(root)]
        current = self.collections.current_item()
        first = []
        if current is not None and not current.read_only:
            container = current.container()
            if container.path not in roots:
                first.append(container.path)
        return first + roots

    def open_new_dialog(self) -> None:
        from ctct_desktop.ui.ticket_view.new_dialog import NewTicketDialog  # deferred: start-up

        dialog = self.dialog = NewTicketDialog(self.parent_folders(), self._current_request() is not None, self.window)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.create_ticket(dialog.choice) if dialog.choice is not None else None)
        dialog.open()

    def _current_request(self) -> RequestModel | None:
        model = self.window.request_editor.to_model()
        return model if model.url.strip() else None

    def create_ticket(self, choice: NewTicketChoice) -> bool:
        from ctct_desktop.store.request_file import REQUEST_SUFFIX, SavedRequest
        from ctct_desktop.tickets.folder import add_request, new_ticket, record_exchange, record_exchange_of
        from ctct_desktop.tickets.model import ExchangeMark, Ticket, TicketError

        try:
            new_ticket(choice.folder, Ticket(choice.ticket_id, choice.title, choice.account, quirks=choice.quirks))
            request = self._current_request() if choice.seed else None
            if request is not None:
                name = self.documents.document.name or "request"
                path = add_request(choice.folder, SavedRequest(name, "The request the ticket started from.", request))
                session = self.documents.session
                exchange = session.exchange
                if exchange is not None:
                    status = exchange.response.status if exchange.response is not None else 0
                    mark = ExchangeMark.FAILING if status >= 400 else ExchangeMark.OTHER
                    stem = path.name.removesuffix(REQUEST_SUFFIX)
                    if session.result is not None:
                        record_exchange(choice.folder, session.result, request=stem, mark=mark)
                    else:
                        record_exchange_of(choice.folder, exchange, (), request=stem, mark=mark)
        except TicketError as exc:
            self.window.show_activity(f"The ticket was not created: {exc}")
            return False
        root = self.collections.root_of(choice.folder)
        if root is not None:
            self.collections.rescan(root)
        return self.open_ticket(choice.folder)

    def _pick_ticket(self) -> None:
        folder = QtWidgets.QFileDialog.getExistingDirectory(self.window, "Open a ticket folder")
        if folder:
            self.open_ticket(Path(folder))

    # ----- bundles -------------------------------------------------------------------------
    def _pick_export_target(self) -> None:
        view = self.view
        if view is None or view.folder is None:
            self.window.show_activity("Open a ticket first (double-click a ticket in the collection tree).")
            return
        if self._exporting:
            self.window.show_activity("The ticket is being exported; wait for the secret scan's result.")
            return
        target, _filter = QtWidgets.QFileDialog.getSaveFileName(
            self.window, "Export ticket bundle", str(self.suggested_bundle_target()), BUNDLE_FILTER)
        if target:
            self.export_bundle_to(Path(target))

    def suggested_bundle_target(self) -> Path:
        """Where the export dialog proposes to write: the open ticket's name in the folder of the last
        export, else in Documents (else home). Never beside the ticket: that is inside its collection,
        whose folder is kept in git, and a bundle there would be committed with the customer's data."""
        view = self.view
        name = f"{view.folder.name if view is not None and view.folder is not None else 'ticket'}.ctct-ticket.zip"
        if self._last_export_folder is not None and self._last_export_folder.is_dir():
            return self._last_export_folder / name
        documents = QtCore.QStandardPaths.writableLocation(QtCore.QStandardPaths.StandardLocation.DocumentsLocation)
        folder = Path(documents) if documents and Path(documents).is_dir() else Path.home()
        return folder / name

    def export_bundle_to(self, target: Path, done: Callable[[str], None] | None = None) -> None:
        """Export the open ticket to ``target`` in a worker; the result (the secret scan's too) is said."""
        from ctct_desktop.tickets.bundle import BUNDLE_SUFFIX, export_bundle
        from ctct_desktop.tickets.model import TicketError

        view = self.ensure_view()
        folder = view.folder
        if folder is None or self._exporting:
            return
        if not target.name.endswith(BUNDLE_SUFFIX):
            target = target.with_name(target.name.removesuffix(".zip") + BUNDLE_SUFFIX)
        known = self._known_secrets()

        def work(_progress: object) -> str:
            try:
                made = export_bundle(folder, target, known_secrets=known)
            except TicketError as exc:
                return f"Not exported: {exc}"
            return (f"Exported ticket {made.ticket.id}: {len(made.files)} files in {target}. "
                    "The secret scan found nothing.")

        def finished(text: str) -> None:
            self._exporting = False
            if text.startswith("Exported"):
                self._last_export_folder = target.parent
            self._update_enabled()
            self._said(text, done)
        self._exporting = True
        self._update_enabled()
        self._said(f"Exporting the ticket to {target} and scanning it for secrets…", None)
        start_task(work, finished, finished, owner=view)

    def _known_secrets(self) -> tuple[str, ...]:
        result: SendResult | None = self.documents.session.result
        return tuple(result.secrets) if result is not None else ()

    def _pick_bundle(self) -> None:
        bundle, _filter = QtWidgets.QFileDialog.getOpenFileName(self.window, "Import ticket bundle", "", BUNDLE_FILTER)
        if not bundle:
            return
        parents = self.parent_folders()
        parent = parents[0] if parents else None
        if parent is None:
            chosen = QtWidgets.QFileDialog.getExistingDirectory(self.window, "Unpack the ticket into…")
            parent = Path(chosen) if chosen else None
        if parent is not None:
            self.import_bundle_from(Path(bundle), parent)

    def import_bundle_from(self, bundle: Path, parent: Path, done: Callable[[str], None] | None = None) -> None:
        """Unpack ``bundle`` as a new folder in ``parent`` (in a worker), then open the ticket."""
        from ctct_desktop.tickets.bundle import BUNDLE_SUFFIX, import_bundle
        from ctct_desktop.tickets.model import TicketError

        stem = bundle.name.removesuffix(BUNDLE_SUFFIX).removesuffix(".zip") or "ticket"
        destination, number = parent / stem, 2
        while destination.exists():
            destination, number = parent / f"{stem} {number}", number + 1

        def work(_progress: object) -> tuple[str, Path | None]:
            try:
                ticket = import_bundle(bundle, destination)
            except TicketError as exc:
                return f"Not imported: {exc}", None
            return (f"Imported ticket {ticket.id} into {destination}: checksums verified, "
                    "the secret scan found nothing."), destination

        def finished(outcome: tuple[str, Path | None]) -> None:
            text, folder = outcome
            if folder is not None:
                root = self.collections.root_of(folder)
                if root is not None:
                    self.collections.rescan(root)
                self.open_ticket(folder)
            self._said(text, done)
        self._said(f"Importing {bundle.name}: checking its manifest and scanning it for secrets…", None)
        start_task(work, finished, lambda text: self._said(text, done), owner=self)

    def _said(self, text: str, done: Callable[[str], None] | None) -> None:
        if self.view is not None:
            self.view.info.setText(text)
        self.window.show_activity(text)
        if done is not None:
            done(text)
