"""The request editor's Tests tab: assertions, captures and the repeat rule in their one-line forms.

Each part is plain text, one check per line, validated as typed with the core/checks parser;
beside every line stands its parse error, or the result it had in the last run (or the last
send of this request): ✓ held, ✗ expected vs actual, = the captured value. The lines of each
open request are kept by its file (an untitled draft: by its tab's draft id) while the user
switches tabs; they are saved with it. Editing a line drops its result: it is stale until the
line runs again, even when the text is typed back.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6 import QtCore, QtGui, QtWidgets

from ctct_desktop.core.checks import CheckLines, RequestChecks, parse_checks
from ctct_desktop.store.request_file import RequestFileError, load_request
from ctct_desktop.ui.request_editor.check_results import LineResults, beside
from ctct_desktop.ui.severity_colours import outcome_colour
from ctct_desktop.ui.widgets.code_editor import monospace_font

Key = Path | str | None  # a request file, "draft:<id>" for an untitled tab, None before any

HELP = ('One per line. Assertions: <code>status == 201</code>, <code>status is 2xx</code>, '
        '<code>header Content-Type matches "atom"</code>, <code>xpath "//atom:id" exists</code>, '
        '<code>time &lt; 500 ms</code>. Captures: <code>list_id = header Location regex "lists/(\\d+)"</code>. '
        'Repeat: <code>until xpath "//ctct:Status" == "COMPLETE" at most 20 times every 1 s</code>.')


class CheckLinesEdit(QtWidgets.QWidget):
    """A plain-text editor for one kind of line, with each line's status in a pane beside it."""

    changed = QtCore.Signal()

    def __init__(self, kind: str, title: str, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.results: dict[str, str] = {}
        self.label = QtWidgets.QLabel(title, self)
        self.editor = QtWidgets.QPlainTextEdit(self)
        self.editor.setAccessibleName(title.replace("&", ""))
        self.editor.setFont(monospace_font())
        self.editor.setLineWrapMode(QtWidgets.QPlainTextEdit.LineWrapMode.NoWrap)
        self.editor.setTabChangesFocus(True)
        self.label.setBuddy(self.editor)
        self.status = QtWidgets.QPlainTextEdit(self)
        self.status.setReadOnly(True)
        self.status.setFont(monospace_font())
        self.status.setLineWrapMode(QtWidgets.QPlainTextEdit.LineWrapMode.NoWrap)
        self.status.setAccessibleName(f"{title.replace('&', '')}: result of each line")
        self.status.setFocusPolicy(QtCore.Qt.FocusPolicy.ClickFocus)
        self.status.setVerticalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        split = QtWidgets.QSplitter(QtCore.Qt.Orientation.Horizontal, self)
        split.addWidget(self.editor)
        split.addWidget(self.status)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(split, 1)
        self.editor.textChanged.connect(self._edited)
        self.editor.verticalScrollBar().valueChanged.connect(self.status.verticalScrollBar().setValue)

    def lines(self) -> tuple[str, ...]:
        """The non-blank lines, stripped: what the file keeps."""
        return tuple(line.strip() for line in self.editor.toPlainText().splitlines() if line.strip())

    def set_lines(self, lines: tuple[str, ...]) -> None:
        with QtCore.QSignalBlocker(self.editor):
            self.editor.setPlainText("\n".join(lines))
        self.refresh()

    def set_results(self, results: dict[str, str]) -> None:
        self.results = results
        self.refresh()

    def line_statuses(self) -> list[str]:
        return beside(self.kind, self.editor.toPlainText().splitlines(), self.results)

    def refresh(self) -> None:
        statuses = self.line_statuses()
        self.status.setPlainText("\n".join(statuses))
        palette = self.status.palette()
        cursor = QtGui.QTextCursor(self.status.document())
        for number, text in enumerate(statuses):
            if not text:
                continue
            block = self.status.document().findBlockByNumber(number)
            cursor.setPosition(block.position())
            cursor.setPosition(block.position() + block.length() - 1, QtGui.QTextCursor.MoveMode.KeepAnchor)
            colour = outcome_colour("failed" if text.startswith("✗") else "passed", palette)
            fmt = QtGui.QTextCharFormat()
            fmt.setForeground(colour)
            cursor.setCharFormat(fmt)
        self.status.verticalScrollBar().setValue(self.editor.verticalScrollBar().value())

    def _edited(self) -> None:
        self.refresh()
        self.changed.emit()


class TestsTab(QtWidgets.QWidget):
    """``changed`` on every edit; ``check_lines()`` is what Save writes."""

    changed = QtCore.Signal()

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Tests")
        self.help = QtWidgets.QLabel(HELP, self)
        self.help.setWordWrap(True)
        self.help.setTextFormat(QtCore.Qt.TextFormat.RichText)
        self.where = QtWidgets.QLabel("", self)
        self.where.setAccessibleName("Where the results come from")
        self.assertions = CheckLinesEdit("assertion", "Assertio&ns", self)
        self.captures = CheckLinesEdit("capture", "Capt&ures (kept for the requests after this one)", self)
        self.repeat = CheckLinesEdit("repeat", "Repeat (one line, optional: poll until an assertion holds, at &most N times)", self)
        self.repeat.setMaximumHeight(self.fontMetrics().lineSpacing() * 5)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        for widget, stretch in ((self.help, 0), (self.where, 0), (self.assertions, 3), (self.captures, 2),
                                (self.repeat, 0)):
            layout.addWidget(widget, stretch)
        for part in (self.assertions, self.captures, self.repeat):
            part.changed.connect(self._drop_stale)
            part.changed.connect(self.changed)
        self._path: Path | None = None
        self._key: Key = None
        self._baseline = CheckLines()
        self._edits: dict[Key, CheckLines] = {}  # unsaved lines of requests in other tabs
        self._saved: dict[Key, CheckLines] = {}  # their lines as the file holds them
        self._results: dict[Key, LineResults] = {}

    # ------------------------------------------------------------------ lines

    def check_lines(self) -> CheckLines:
        repeat = self.repeat.lines()
        return CheckLines(self.assertions.lines(), self.captures.lines(), repeat[0] if repeat else "")

    def checks(self) -> RequestChecks:
        """The lines that parse (what a send evaluates afterwards)."""
        return parse_checks(self.check_lines())[0]

    @property
    def modified(self) -> bool:
        return self.check_lines() != self._baseline

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def key(self) -> Key:
        """What the shown request's lines and results are kept by: its file, or its draft's tab."""
        return self._key

    def show_lines(self, lines: CheckLines | None) -> None:
        lines = lines or CheckLines()
        self._baseline = lines
        self._show(lines)

    def _show(self, lines: CheckLines) -> None:
        self.assertions.set_lines(lines.assertions)
        self.captures.set_lines(lines.captures)
        self.repeat.set_lines((lines.repeat,) if lines.repeat else ())
        self._show_results()

    def show_for(self, path: Path | None, draft: str = "") -> None:
        """Another request is shown (a tab switch, an open, a save as): keep this one's lines, show
        that one's (its unsaved edits, else its file's). ``draft``: an untitled tab's draft id."""
        path = path.resolve() if path is not None else None
        key = tab_key(path, draft)
        if key == self._key:
            return
        if self.modified:
            self._edits[self._key] = self.check_lines()
            self._saved[self._key] = self._baseline
        else:
            self._edits.pop(self._key, None)
        self._path, self._key = path, key
        if key in self._edits:
            self._baseline = self._saved.pop(key, CheckLines())
            self._show(self._edits.pop(key))
        else:
            self.show_lines(_read_lines(path))

    def follow_save(self, path: Path) -> None:
        """The request was saved (to ``path``, perhaps a new name): its lines are the file's now,
        and the results an untitled draft had go with it."""
        old, self._path = self._key, path.resolve()
        self._key = self._path
        if old != self._key and old in self._results:
            self._results[self._key] = self._results.pop(old)
        self._baseline = self.check_lines()

    def reload(self) -> None:
        """Revert: the file's lines again."""
        self._edits.pop(self._key, None)
        self.show_lines(_read_lines(self._path))

    # ------------------------------------------------------------------ results

    def set_results(self, key: Key, results: LineResults) -> None:
        """``key``: a request file (a run's results) or ``self.key`` when the results were asked for."""
        key = key.resolve() if isinstance(key, Path) else key
        self._results[key] = results
        if key == self._key:
            self._show_results()

    def _drop_stale(self) -> None:
        """An edited line's result no longer belongs to it: keep only the results of lines as they are."""
        results = self._results.get(self._key)
        if results is None:
            return
        lines, repeat = set(self.assertions.lines()), self.repeat.lines()
        assertions = {k: v for k, v in results.assertions.items()
                      if k in lines or (k.startswith("until ") and any(r.startswith(k) for r in repeat))}
        captures = {k: v for k, v in results.captures.items() if k in set(self.captures.lines())}
        if len(assertions) != len(results.assertions) or len(captures) != len(results.captures):
            self._results[self._key] = replace(results, assertions=assertions, captures=captures)
            self._show_results()

    def _show_results(self) -> None:
        results = self._results.get(self._key, LineResults())
        self.assertions.set_results(dict(results.assertions))
        self.captures.set_results(dict(results.captures))
        self.repeat.set_results(dict(results.assertions))
        self.where.setText(f"Results beside each line: {results.where}." if results.where else
                           "Run the collection (Ctrl+Shift+R) or send the request to see each line's result.")


def tab_key(path: Path | None, draft: str = "") -> Key:
    return path if path is not None else (f"draft:{draft}" if draft else None)


def _read_lines(path: Path | None) -> CheckLines:
    if path is None or not path.is_file():
        return CheckLines()
    try:
        return load_request(path).check_lines or CheckLines()
    except (RequestFileError, OSError):
        return CheckLines()
