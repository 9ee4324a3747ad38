"""The Import dialog: paste text or pick a file, see what was detected and what could not be
carried over, then open every request in its own tab. Detection runs in a worker, a moment after
the text stops changing, so a large HAR never stalls the window."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from ctct_desktop.importers import FORMATS, ImportResult
from ctct_desktop.ui.import_view.reading import SHOWN_LIMIT, Loaded, read_source, run_import
from ctct_desktop.ui.workers import start_task

DEBOUNCE_MS = 250
PROMPT = ("Paste a curl command (bash, cmd or PowerShell), PHP curl code, a raw HTTP request, or a HAR, "
          "Postman or Insomnia export — or open a file.")


class ImportDialog(QtWidgets.QDialog):
    """``imported`` holds the import the user accepted (None until then)."""

    detected = QtCore.Signal(ImportResult)  # each finished detection, for the summary and tests

    def __init__(self, parent: QtWidgets.QWidget | None = None, where: str = "Each opens in its own tab.") -> None:
        super().__init__(parent)
        self.setWindowTitle("Import requests")
        self._where = where  # what Import does with them: tabs, or the open ticket
        self.imported: ImportResult | None = None
        self._latest: ImportResult | None = None
        self._source = ""  # the text imported: the box's, or a large file's kept out of the box
        self._generation = 0
        self._build()
        self._timer = QtCore.QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self._detect)
        self.text.textChanged.connect(self._text_changed)

    def _build(self) -> None:
        self.text = QtWidgets.QPlainTextEdit(self)
        self.text.setAccessibleName("Text to import")
        self.text.setPlaceholderText(PROMPT)
        self.text.setLineWrapMode(QtWidgets.QPlainTextEdit.LineWrapMode.NoWrap)
        self.open_button = QtWidgets.QPushButton("&Open file…", self)
        self.open_button.setToolTip("Import a .har, Postman or Insomnia .json, a .php, .sh or .txt file")
        self.open_button.clicked.connect(self._pick_file)
        self.status = QtWidgets.QLabel(PROMPT, self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("What was detected")
        self.notes = QtWidgets.QListWidget(self)
        self.notes.setAccessibleName("Imported requests and what could not be carried over")
        self.notes.setWordWrap(True)
        self.buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = self.buttons.addButton("&Import", QtWidgets.QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        row = QtWidgets.QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.open_button, 0)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.text, 3)
        layout.addLayout(row)
        layout.addWidget(self.notes, 2)
        layout.addWidget(self.buttons)
        self.resize(760, 560)

    # ----- input ---------------------------------------------------------------------------
    def set_source(self, text: str) -> None:
        """Import ``text``: shown in the box when it is small enough to edit there."""
        if len(text) <= SHOWN_LIMIT:
            self.text.setPlainText(text)
            return
        self._source = text
        with QtCore.QSignalBlocker(self.text):
            self.text.setPlainText("")
        self.text.setPlaceholderText(f"A {len(text) / 1_048_576:.1f} MB source is imported without being shown. "
                                     "Type or paste here to import something else.")
        self._schedule()

    def open_file(self, path: str) -> None:
        self.status.setText(f"Reading {path}…")
        start_task(lambda _p: read_source(path), self._file_read, owner=self)

    def _pick_file(self) -> None:
        path, _filter = QtWidgets.QFileDialog.getOpenFileName(
            self, "Import from a file", "", "Exports and code (*.har *.json *.php *.sh *.txt *.http *.bat *.ps1);;"
            "All files (*)")
        if path:
            self.open_file(path)

    def _file_read(self, loaded: Loaded) -> None:
        if loaded.error:
            self._show_error(loaded.error)
            return
        self.set_source(loaded.text)

    def _text_changed(self) -> None:
        self._source = self.text.toPlainText()
        self._schedule()

    def _schedule(self) -> None:
        self._generation += 1
        self.import_button.setEnabled(False)
        self._timer.start()

    # ----- detection -----------------------------------------------------------------------
    def _detect(self) -> None:
        text, generation = self._source, self._generation
        if not text.strip():
            self.status.setText(PROMPT)
            self.notes.clear()
            return
        self.status.setText("Reading…")
        start_task(lambda _p: run_import(text), lambda result: self._detected(generation, result), owner=self)

    def _detected(self, generation: int, result: ImportResult) -> None:
        if generation != self._generation:
            return  # the text changed again since: a newer detection is on its way
        self._latest = result
        self.notes.clear()
        if not result.requests and result.variables:
            self._show_error(f"{FORMATS.get(result.format, result.format)} with {len(result.variables)} variables and "
                             "no requests: add them to an environment (or run ctct-desktop import FILE --into "
                             "COLLECTION, which writes the environment file).")
        elif not result.requests:
            self._show_error(result.error or "Nothing to import.")
        else:
            count = len(result.requests)
            self.status.setText(f"Detected: {FORMATS.get(result.format, result.format)} — {count} "
                                f"request{'s' if count != 1 else ''}. {self._where}")
            self._list(result)
            self.import_button.setEnabled(True)
        self.detected.emit(result)

    def _list(self, result: ImportResult) -> None:
        for note in result.notes:
            self.notes.addItem(f"Note: {note}")
        for imported in result.requests:
            where = " / ".join(imported.folder + (imported.name,))
            self.notes.addItem(f"{imported.request.method} {imported.request.url}" + (f"   ({where})" if where else ""))
            for note in imported.notes:
                self.notes.addItem(f"    • {note}")

    def _show_error(self, message: str) -> None:
        self.status.setText(message)
        self.import_button.setEnabled(False)

    def _accept(self) -> None:
        if self._latest is not None and self._latest.requests:
            self.imported = self._latest
            self.accept()
