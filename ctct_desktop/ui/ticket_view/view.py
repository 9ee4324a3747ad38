"""The ticket view: one ticket folder opened in the window.

Details (id, title, account, status and notes, both saved to ``ticket.toml`` as they change),
the quirks, the requests (activate one to open it as a document), the recorded exchanges (marked,
compared), Reproduce on the sandbox (off the UI thread, Esc cancels) with its results, and the
bundle export. Every change is a ``tickets.editing`` call; errors are said in the message line.

The window's File → Ticket menu (``actions.py``) holds the keyboard commands; the view follows its
folder when the collection tree renames or moves it, and stops saving when it is deleted.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6 import QtCore, QtGui, QtWidgets

from ctct_desktop.core.models import Exchange
from ctct_desktop.send import Accounts
from ctct_desktop.store.request_file import REQUEST_SUFFIX
from ctct_desktop.importers.model import ImportResult
from ctct_desktop.tickets.editing import import_into_ticket, keep_reproduced, read_exchange, update_ticket
from ctct_desktop.tickets.folder import set_mark
from ctct_desktop.tickets.model import ExchangeMark, Ticket, TicketError, TicketStatus
from ctct_desktop.tickets.reproduce import ReproducedExchange, Reproduction
from ctct_desktop.tickets.ticket_file import TICKET_FILE, load_ticket
from ctct_desktop.ui.ticket_view.comparing import open_ticket_comparison
from ctct_desktop.ui.ticket_view.exchanges import ExchangeList
from ctct_desktop.ui.ticket_view.reproducing import Reproducer
from ctct_desktop.ui.ticket_view.results import ReproductionList
from ctct_desktop.ui.diff_view.window import DiffWindow
from ctct_desktop.ui.workers import start_task

NOTES_SAVE_MS = 600


def _button(parent: QtWidgets.QWidget, text: str, tip: str, key: str = "") -> QtWidgets.QPushButton:
    button = QtWidgets.QPushButton(text, parent)
    button.setToolTip(tip + (f" ({key})" if key else ""))
    return button


class TicketView(QtWidgets.QWidget):
    """Signals for the window: open a request file as a document, show an exchange in the response
    pane (a recorded one, or a reproduced one with its send result), and say something."""

    request_opened = QtCore.Signal(Path)
    exchange_opened = QtCore.Signal(Exchange, str)  # the exchange and a name for its tab
    reproduced_opened = QtCore.Signal(ReproducedExchange)
    export_requested = QtCore.Signal(Path)
    import_requested = QtCore.Signal(Path)  # Import into ticket…: the Import dialog, its result kept here
    message = QtCore.Signal(str)
    reproduced = QtCore.Signal(Reproduction)  # a reproduction finished and is listed
    changed = QtCore.Signal(Ticket)  # ticket.toml was written (status, notes, marks, kept exchanges)
    state_changed = QtCore.Signal()  # a ticket shown or gone, a reproduction started or ended (menus follow)

    def __init__(self, accounts: Accounts | None = None, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TicketView")
        self.setAccessibleName("Ticket")
        self.folder: Path | None = None
        self.ticket: Ticket | None = None
        self.reproducer: Reproducer | None = None
        self.diff_window: DiffWindow | None = None
        self._accounts = accounts
        self._notes_timer = QtCore.QTimer(self, singleShot=True, interval=NOTES_SAVE_MS)
        self._notes_timer.timeout.connect(self.save_notes)
        self._build()
        self._build_actions()

    # ----- construction --------------------------------------------------------------------
    def _build(self) -> None:
        self.heading = QtWidgets.QLabel(self)
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.heading.setAccessibleName("Ticket id, title and account")
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.status = QtWidgets.QComboBox(self)
        self.status.setAccessibleName("Ticket status")
        for status in TicketStatus:
            self.status.addItem(status.value)
        self.status.currentIndexChanged.connect(self._status_chosen)
        self.notes = QtWidgets.QPlainTextEdit(self)
        self.notes.setAccessibleName("Ticket notes")
        self.notes.setPlaceholderText("What the customer wrote, what was found (saved to ticket.toml)")
        self.notes.textChanged.connect(self._notes_timer.start)
        self.quirks = QtWidgets.QLabel(self)
        self.quirks.setWordWrap(True)
        self.quirks.setAccessibleName("Sandbox quirks")
        self.requests = QtWidgets.QListWidget(self)
        self.requests.setAccessibleName("Ticket requests")
        self.requests.itemActivated.connect(self._request_activated)
        self.exchanges = ExchangeList(self)
        self.exchanges.mark_requested.connect(self.set_mark)
        self.exchanges.opened.connect(self.open_exchange)
        self.results = ReproductionList(self)
        self.results.opened.connect(self.reproduced_opened)
        self.progress = QtWidgets.QProgressBar(self)
        self.progress.setAccessibleName("Reproduction progress")
        self.progress.setVisible(False)
        self.info = QtWidgets.QLabel(self)
        self.info.setWordWrap(True)
        self.info.setAccessibleName("Ticket messages")
        self.info.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reproduce_button = _button(self, "&Reproduce on the sandbox",
                                        "Run the ticket's requests on a scratch sandbox with its quirks", "Ctrl+Alt+R")
        self.cancel_button = _button(self, "Cancel", "Stop the reproduction", "Esc")
        self.cancel_button.setEnabled(False)
        self.keep_button = _button(self, "&Keep in ticket", "Record the reproduced exchanges in the ticket (redacted)")
        self.keep_button.setEnabled(False)
        self.compare_button = _button(self, "Co&mpare", "Compare the two selected exchanges", "Ctrl+Alt+D")
        self.export_button = _button(self, "E&xport bundle…", "Write the ticket as one .ctct-ticket.zip")
        self.import_button = _button(self, "&Import into ticket…", "Add requests from a HAR, curl, PHP, Postman… "
                                     "export; a HAR's recorded responses become the ticket's exchanges")
        self.import_button.clicked.connect(lambda: self.import_requested.emit(self.folder) if self.folder else None)
        self.reproduce_button.clicked.connect(self.reproduce)
        self.cancel_button.clicked.connect(self.cancel)
        self.keep_button.clicked.connect(self.keep_reproduced)
        self.compare_button.clicked.connect(self.compare_selected)
        self.export_button.clicked.connect(lambda: self.export_requested.emit(self.folder) if self.folder else None)
        self._lay_out()

    def _lay_out(self) -> None:
        form = QtWidgets.QFormLayout()
        status_label = QtWidgets.QLabel("&Status:", self)
        status_label.setBuddy(self.status)
        form.addRow(status_label, self.status)
        notes_label = QtWidgets.QLabel("&Notes:", self)
        notes_label.setBuddy(self.notes)
        form.addRow(notes_label, self.notes)
        form.addRow("Quirks:", self.quirks)
        lists = QtWidgets.QTabWidget(self)
        lists.addTab(self.exchanges, "&Exchanges")
        lists.addTab(self.requests, "Re&quests")
        lists.addTab(self.results, "Reproduc&tion")
        self.lists = lists
        buttons = QtWidgets.QGridLayout()
        for index, button in enumerate((self.reproduce_button, self.cancel_button, self.keep_button,
                                        self.compare_button, self.export_button, self.import_button)):
            buttons.addWidget(button, index // 3, index % 3)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(lists, 1)
        layout.addWidget(self.info)

    def _build_actions(self) -> None:
        def action(text: str, key: str, slot: Callable[[], None]) -> QtGui.QAction:
            made = QtGui.QAction(text, self)
            made.setShortcut(QtGui.QKeySequence(key))
            made.setShortcutContext(QtCore.Qt.ShortcutContext.WidgetWithChildrenShortcut)
            made.triggered.connect(slot)
            self.addAction(made)
            return made

        # Esc only while the view has the focus (the window's Esc cancels a send); Ctrl+Alt+R, Ctrl+Alt+D
        # and the marks are the window's File → Ticket actions, which work wherever the focus is.
        self.cancel_action = action("Cancel reproduction", "Esc", self.cancel)
        self.cancel_action.setEnabled(False)
        self._window_escape = False  # the window's Esc is active (a send runs): see set_window_escape

    @property
    def running(self) -> bool:
        return self.reproducer is not None and self.reproducer.running

    # ----- showing a ticket ----------------------------------------------------------------
    def open_ticket(self, folder: Path) -> bool:
        """Show the ticket in ``folder``; False (and a message) when it cannot be read."""
        try:
            ticket = load_ticket(folder)
        except TicketError as exc:
            self.say(str(exc))
            return False
        if self.folder is not None and self._notes_timer.isActive():
            self.save_notes()
        if folder != self.folder:  # another ticket: the last reproduction was not this one's
            self._drop_reproduction()
        self.folder = folder
        self._show(ticket)
        with QtCore.QSignalBlocker(self.notes):
            self.notes.setPlainText(ticket.notes)
        self.notes.moveCursor(QtGui.QTextCursor.MoveOperation.End)  # what is found next is added at the end
        self._set_editable(True)
        self.say(f"Ticket {ticket.id or folder.name} from {folder}.")
        self.state_changed.emit()
        return True

    def _drop_reproduction(self) -> None:
        """Forget the last reproduction (and stop one in flight): it belongs to the ticket shown before."""
        if self.running and self.reproducer is not None:
            self.reproducer.cancel()
        self.reproducer = None
        self._set_running(False)
        self.results.show_reproduction(None)
        self.keep_button.setEnabled(False)

    def _set_editable(self, editable: bool) -> None:
        for widget in (self.status, self.reproduce_button, self.compare_button, self.export_button,
                       self.import_button):
            widget.setEnabled(editable and (widget is not self.reproduce_button or not self.running))
        self.notes.setReadOnly(not editable)
        if not editable:
            self.keep_button.setEnabled(False)

    # ----- the folder renamed, moved or gone -----------------------------------------------
    def follow_folder(self, moved_to: Path) -> None:
        """The ticket's folder was renamed or moved (by the collection tree): go on at ``moved_to``."""
        if self.folder is None:
            return
        old, self.folder = self.folder, moved_to
        if self.reproducer is not None:
            self.reproducer.folder = moved_to
        if self._notes_timer.isActive():
            self.save_notes()  # the notes typed before the rename belong in the new place
        try:
            ticket = load_ticket(moved_to)
        except TicketError as exc:
            self.ticket_gone(f"The ticket folder moved from {old} to {moved_to}, but cannot be read there ({exc}).")
            return
        self._show(ticket)
        self.say(f"The ticket folder moved: {old.name} is now {moved_to}.")
        self.state_changed.emit()

    def ticket_gone(self, reason: str) -> None:
        """The folder is no longer there: keep what is shown (to copy from), never write into it again."""
        if self.folder is None:
            return
        self._notes_timer.stop()
        self.folder = None
        self._drop_reproduction()
        self._set_editable(False)
        self.requests.clear()
        self.say(f"{reason} Nothing more is saved; open the ticket again (from the tree) to go on.")
        self.state_changed.emit()

    def _show(self, ticket: Ticket) -> None:
        self.ticket = ticket
        parts = [p for p in (ticket.id, ticket.title) if p]
        account = f" — account {ticket.account}" if ticket.account else ""
        self.heading.setText(f"{': '.join(parts)}{account}")
        with QtCore.QSignalBlocker(self.status):
            self.status.setCurrentText(ticket.status.value)
        self.quirks.setText(", ".join(f"{k} = {v}" for k, v in sorted(ticket.quirks.items()))
                            or "none (the sandbox's defaults)")
        self.exchanges.show_exchanges(ticket.exchanges)
        self._list_requests()

    def _list_requests(self) -> None:
        self.requests.clear()
        if self.folder is None:
            return
        try:
            files = sorted(p for p in self.folder.iterdir() if p.name.endswith(REQUEST_SUFFIX))
        except OSError as exc:
            self.say(f"The ticket's requests cannot be listed ({exc.strerror or exc}).")
            return
        for path in files:
            item = QtWidgets.QListWidgetItem(path.name.removesuffix(REQUEST_SUFFIX), self.requests)
            item.setData(QtCore.Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(f"{path}\nDouble-click (Enter) opens it as a document")

    def reload(self) -> None:
        if self.folder is not None:
            self.open_ticket(self.folder)

    def say(self, text: str) -> None:
        self.info.setText(text)
        self.message.emit(text)

    # ----- editing -------------------------------------------------------------------------
    def _status_chosen(self, _index: int) -> None:
        status = TicketStatus(self.status.currentText())  # Qt hands a str-enum back as a plain str
        if self.ticket is not None and status is not self.ticket.status:
            self._write(lambda folder: update_ticket(folder, status=status), f"Status set to {status.value}.")

    def save_notes(self) -> None:
        self._notes_timer.stop()
        if self.ticket is not None and self.notes.toPlainText() != self.ticket.notes:
            notes = self.notes.toPlainText()
            self._write(lambda folder: update_ticket(folder, notes=notes), "Notes saved to ticket.toml.")

    def hideEvent(self, event: QtGui.QHideEvent) -> None:  # noqa: N802 - Qt API
        """The dock or the window closed: notes typed a moment ago are saved now, not lost with the timer."""
        if self._notes_timer.isActive():
            self.save_notes()
        super().hideEvent(event)

    def set_mark(self, file: str, mark: ExchangeMark) -> None:
        self._write(lambda folder: set_mark(folder, file, mark), f"{file} marked {mark.value}.")

    def mark_selected(self, mark: ExchangeMark) -> None:
        """Mark every selected exchange (File → Ticket → Mark as…); says so when none is selected."""
        files = self.exchanges.selected_files()
        if self.folder is None:
            return
        if not files:
            self.say("Select the exchanges to mark first (in the Exchanges list).")
            return
        for file in files:
            self.set_mark(file, mark)

    def _write(self, change: Callable[[Path], Ticket], done: str) -> None:
        if self.folder is None:
            return
        if not self.still_there():
            return
        try:
            ticket = change(self.folder)
        except TicketError as exc:
            self.say(str(exc))
            return
        self._show(ticket)
        self.changed.emit(ticket)
        self.say(done)

    def still_there(self) -> bool:
        """False (and the view stops saving) when the folder was renamed or deleted outside the app."""
        folder = self.folder
        if folder is None:
            return False
        try:
            present = folder.is_dir() and (folder / TICKET_FILE).is_file()
        except OSError:
            present = False
        if not present:
            self.ticket_gone(f"The ticket folder {folder} is no longer there (renamed, moved or deleted "
                             "outside the app).")
        return present

    # ----- opening ------------------------------------------------------------------------
    def _request_activated(self, item: QtWidgets.QListWidgetItem) -> None:
        self.request_opened.emit(Path(str(item.data(QtCore.Qt.ItemDataRole.UserRole))))

    def open_exchange(self, file: str) -> None:
        """Read the recorded exchange in a worker, then show it in the response pane."""
        folder, ticket = self.folder, self.ticket
        recorded = next((e for e in ticket.exchanges if e.file == file), None) if ticket is not None else None
        if folder is None or recorded is None:
            return

        def read(_progress: object) -> Exchange | str:
            try:
                return read_exchange(folder, recorded)
            except TicketError as exc:
                return str(exc)

        def shown(found: Exchange | str) -> None:
            if isinstance(found, str):
                self.say(found)
            else:
                self.exchange_opened.emit(found, recorded.request or Path(file).stem)
                self.say(f"{file} ({recorded.mark.value}) is shown in the response pane: recorded, not sent.")
        self.say(f"Reading {file}…")
        start_task(read, shown, self.say, owner=self)

    def compare_selected(self) -> None:
        chosen = self.exchanges.selected()
        if self.folder is None or len(chosen) != 2:
            self.say("Select two exchanges to compare (Ctrl+click the second).")
            return
        self.diff_window = open_ticket_comparison(self.folder, chosen[0], chosen[1], self.window())

    # ----- reproducing --------------------------------------------------------------------
    def reproduce(self) -> None:
        if self.folder is None or self.running or not self.still_there():
            return
        self.save_notes()
        reproducer = Reproducer(self.folder, self._accounts, self)
        # a reproduction of the ticket shown before (dropped when another was opened) reports nothing here
        reproducer.progress.connect(lambda done, total, text: self._progress(done, total, text)
                                    if reproducer is self.reproducer else None)
        reproducer.finished.connect(lambda found: self._reproduced(found) if reproducer is self.reproducer else None)
        reproducer.failed.connect(lambda text: self._reproduce_failed(text) if reproducer is self.reproducer else None)
        self.reproducer = reproducer
        self._set_running(True)
        self.progress.setRange(0, 0)
        self.say("Reproducing on a scratch sandbox… (Esc cancels)")
        reproducer.start()

    def cancel(self) -> None:
        if self.reproducer is not None and self.reproducer.running:
            self.reproducer.cancel()
            self.say("Cancelling the reproduction…")

    def set_window_escape(self, active: bool) -> None:
        """While a send runs the window's Esc is the one Esc (two actions on one key: Qt runs
        neither); it asks ``cancel_if_focused`` first. The view's own Esc is for the other times."""
        self._window_escape = active
        self.cancel_action.setEnabled(self.running and not active)

    def cancel_if_focused(self) -> bool:
        """The window's Esc, with the focus in this view during a reproduction: cancel that."""
        focused = QtWidgets.QApplication.focusWidget()
        if not self.running or focused is None or not self.isAncestorOf(focused):
            return False
        self.cancel()
        return True

    def _set_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.cancel_button.setEnabled(running)
        self.cancel_action.setEnabled(running and not self._window_escape)
        self.reproduce_button.setEnabled(not running and self.folder is not None)
        self.state_changed.emit()

    def _progress(self, done: int, total: int, text: str) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        self.info.setText(text)

    def _reproduced(self, reproduction: Reproduction) -> None:
        self._set_running(False)
        self.results.show_reproduction(reproduction)
        self.lists.setCurrentWidget(self.results)
        self.keep_button.setEnabled(self.folder is not None
                                    and any(e.run.result is not None for e in reproduction.exchanges))
        self.state_changed.emit()
        count = len(reproduction.exchanges)
        lead = "Cancelled after" if reproduction.cancelled else "Reproduced"
        problems = f" Not read: {'; '.join(reproduction.problems)}" if reproduction.problems else ""
        self.say(f"{lead} {count} exchange{'s' if count != 1 else ''} on a scratch sandbox; "
                 f"Enter on a row shows it in the response pane.{problems}")
        self.reproduced.emit(reproduction)

    def _reproduce_failed(self, message: str) -> None:
        self._set_running(False)
        self.say(f"The ticket could not be reproduced: {message}")

    def import_result(self, result: ImportResult) -> None:
        """Keep an accepted import in the ticket: its requests, and the responses a HAR recorded."""
        if self.folder is None or not self.still_there():
            return
        try:
            done = import_into_ticket(self.folder, result)
        except TicketError as exc:
            self.say(f"Not imported into the ticket: {exc}")
            return
        self.reload()
        self.say(f"Imported {len(done.requests)} request{'s' if len(done.requests) != 1 else ''} and "
                 f"{len(done.exchanges)} recorded exchange{'s' if len(done.exchanges) != 1 else ''} into the ticket.")

    def keep_reproduced(self) -> None:
        reproduction = self.results.reproduction
        if self.folder is None or reproduction is None or not self.still_there():
            return
        try:
            kept = keep_reproduced(self.folder, reproduction.exchanges)
        except TicketError as exc:
            self.say(str(exc))
            return
        self.keep_button.setEnabled(False)
        self.reload()
        self.state_changed.emit()
        self.lists.setCurrentWidget(self.exchanges)
        self.say(f"{len(kept)} reproduced exchange{'s' if len(kept) != 1 else ''} kept in the ticket (redacted).")
