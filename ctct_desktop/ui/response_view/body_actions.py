"""Save the response body to a file, or open it in another application.

Both copy the bytes as received (not the pretty text) in a worker, streamed from the spool file
when the body is large, with a progress bar and a Cancel button; both say what happened in words.
Two seams keep them testable without a desktop: ``ask_path`` (the save dialog) and ``opener``
(``QDesktopServices.openUrl``; a test injects its own and reads the file it is given).
"""

from __future__ import annotations

import atexit
import itertools
import shutil
import tempfile
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6 import QtCore, QtGui, QtWidgets

from ctct_desktop.core.binary.body_copy import CopyCancelled, CopyFailed, copy_body
from ctct_desktop.core.binary.file_names import suggested_name
from ctct_desktop.core.binary.source import ByteSource
from ctct_desktop.ui.response_view.status_line import human_size
from ctct_desktop.ui.workers import start_task

SAVE_KEYS = "Ctrl+Alt+S"  # Ctrl+S saves the request, Ctrl+Shift+S saves it as
OPEN_KEYS = "Ctrl+Alt+O"
PROGRESS_FROM = 1 << 20  # copies of this many bytes or more show a progress bar


@dataclass(frozen=True)
class BodySnapshot:
    """The body on screen, as the copy needs it: bytes or spool file, and where it came from."""

    source: ByteSource
    content_type: str
    url: str
    cut: bool = False  # the response was cut at the size cap: the copy holds what was kept


@dataclass(frozen=True)
class CopyOutcome:
    written: int
    error: str = ""
    cancelled: bool = False


def _copy(snapshot: BodySnapshot, target: Path, cancel: threading.Event,
          progress: Callable[[int, int], None], mode: int | None = None) -> CopyOutcome:
    """Worker side: never raises (the UI gets a sentence)."""
    try:
        return CopyOutcome(copy_body(snapshot.source, target, progress=progress, cancel=cancel, mode=mode))
    except CopyCancelled:
        return CopyOutcome(0, cancelled=True)
    except CopyFailed as exc:
        return CopyOutcome(0, str(exc))


def ask_save_path(parent: QtWidgets.QWidget, suggested: str) -> str:
    """The platform's save dialog (it asks before overwriting); "" when the user cancels."""
    path, _filter = QtWidgets.QFileDialog.getSaveFileName(parent, "Save response body", suggested)
    return path


class OpenFolder:
    """Where bodies opened in other applications are written: one private folder per process,
    removed at exit; the same body opened twice reuses its file (keyed by the body itself, never
    by an id or a size another body could share)."""

    def __init__(self) -> None:
        self._path: Path | None = None
        self._files: weakref.WeakKeyDictionary[ByteSource, Path] = weakref.WeakKeyDictionary()
        self._numbers = itertools.count(1)

    def target(self, snapshot: BodySnapshot) -> tuple[Path, bool]:
        """The file for ``snapshot`` and whether it already holds it."""
        source = snapshot.source
        known = self._files.get(source)
        if known is not None and known.is_file() and known.stat().st_size == source.size:
            return known, True
        if self._path is None:
            self._path = Path(tempfile.mkdtemp(prefix="ctct-desktop-open-"))
            atexit.register(shutil.rmtree, self._path, ignore_errors=True)
        folder = self._path / str(next(self._numbers))  # a folder each, so the name stays the suggested one
        path = folder / suggested_name(snapshot.content_type, snapshot.url, source.head)
        self._files[source] = path
        return path, False


class BodyActions(QtCore.QObject):
    """The Save body and Open externally commands of one body view; ``message(str)`` says the outcome."""

    message = QtCore.Signal(str)
    finished = QtCore.Signal(CopyOutcome)

    def __init__(self, view: QtWidgets.QWidget, snapshot: Callable[[], BodySnapshot | None]) -> None:
        super().__init__(view)
        self._view, self._snapshot = view, snapshot
        self.ask_path: Callable[[str], str] = lambda name: ask_save_path(view, name)
        self.opener: Callable[[QtCore.QUrl], bool] = QtGui.QDesktopServices.openUrl
        self.open_folder = OpenFolder()
        self._folder = Path.home()
        self._cancel = threading.Event()
        self._busy = False
        self.save_action = self._action("&Save body…", "Save the response body to a file, bytes as received "
                                        f"({SAVE_KEYS})", SAVE_KEYS, self.save)
        self.open_action = self._action("&Open body in another app", "Write the body to a file and open it with "
                                        f"the application the desktop uses for its type ({OPEN_KEYS})",
                                        OPEN_KEYS, self.open_externally)
        self.bar = QtWidgets.QWidget(view)
        self.progress = QtWidgets.QProgressBar(self.bar)
        self.progress.setAccessibleName("Body copy progress")
        self.progress.setMaximumHeight(14)
        self.cancel_button = QtWidgets.QPushButton("Cancel", self.bar)
        self.cancel_button.setAccessibleName("Cancel the body copy")
        self.cancel_button.clicked.connect(self.cancel)
        row = QtWidgets.QHBoxLayout(self.bar)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        self.bar.setVisible(False)
        self.set_available(False)

    def _action(self, text: str, tip: str, keys: str, slot: Callable[[], None]) -> QtGui.QAction:
        action = QtGui.QAction(text, self._view)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.setShortcut(QtGui.QKeySequence(keys))
        action.setShortcutContext(QtCore.Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self._view.addAction(action)
        return action

    @property
    def busy(self) -> bool:
        return self._busy

    def set_available(self, available: bool) -> None:
        """Enabled while there is a body on screen and no copy under way."""
        for action in (self.save_action, self.open_action):
            action.setEnabled(available and not self._busy)

    def cancel(self) -> None:
        self._cancel.set()

    def save(self) -> None:
        snapshot = self._snapshot()
        if snapshot is None or self._busy:
            return
        name = suggested_name(snapshot.content_type, snapshot.url, snapshot.source.head)
        chosen = self.ask_path(str(self._folder / name))
        if not chosen:
            return
        target = Path(chosen)
        self._folder = target.parent
        self._start(snapshot, target, lambda outcome: self._saved(outcome, target, snapshot.cut))

    def open_externally(self) -> None:
        snapshot = self._snapshot()
        if snapshot is None or self._busy:
            return
        try:
            target, ready = self.open_folder.target(snapshot)
        except OSError as exc:
            self.message.emit(f"The body could not be written for opening: {exc.strerror or exc}.")
            return
        if ready:
            self._opened(CopyOutcome(snapshot.source.size), target)
        else:
            self._start(snapshot, target, lambda outcome: self._opened(outcome, target), mode=0o600)

    def _start(self, snapshot: BodySnapshot, target: Path, done: Callable[[CopyOutcome], None],
               mode: int | None = None) -> None:
        self._busy = True
        self.set_available(True)
        cancel = self._cancel = threading.Event()
        if snapshot.source.size >= PROGRESS_FROM:
            self.progress.setRange(0, 1000)
            self.progress.setValue(0)
            self.progress.setFormat(f"Copying the body to {target.name}… %p%")
            self.bar.setVisible(True)

        def finish(outcome: CopyOutcome) -> None:
            self._busy = False
            self.bar.setVisible(False)
            self.set_available(True)
            done(outcome)
            self.finished.emit(outcome)

        start_task(lambda progress: _copy(snapshot, target, cancel, progress, mode), finish,
                   lambda message: finish(CopyOutcome(0, f"The body was not copied: {message}.")),
                   lambda done_bytes, total: self.progress.setValue(int(1000 * done_bytes / max(1, total))),
                   owner=self)

    def _saved(self, outcome: CopyOutcome, target: Path, cut_body: bool) -> None:
        if outcome.cancelled:
            self.message.emit(f"Saving was cancelled; {target} was not written.")
        elif outcome.error:
            self.message.emit(outcome.error)
        else:
            cut = " It was cut at the size limit as it arrived: the file holds what was kept." if cut_body else ""
            self.message.emit(f"Saved the body ({human_size(outcome.written)}) to {target}.{cut}")

    def _opened(self, outcome: CopyOutcome, target: Path) -> None:
        if outcome.cancelled:
            self.message.emit("Opening was cancelled.")
            return
        if outcome.error:
            self.message.emit(outcome.error.replace("was not saved to", "could not be written to"))
            return
        if not self.opener(QtCore.QUrl.fromLocalFile(str(target))):
            self.message.emit(f"No application opened the body; it is in {target} (it is removed when "
                              "CTCT Desktop quits).")
            return
        self.message.emit(f"Opened {target.name} in another application ({target}; removed when CTCT Desktop quits).")
