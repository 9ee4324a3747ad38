"""Notice changes on disk (git checkout, another editor) and rescan a collection off the UI thread.

Every folder and request file of an open collection is watched. Bursts of changes (a checkout
touches hundreds of files) are debounced into one scan per collection; a scan runs in the
thread pool (1,000 requests take about 250 ms) and at most one per collection runs at a time:
a change during a scan queues exactly one more.
"""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtCore

from ctct_desktop.store.collection import COLLECTION_FILE, Collection, scan_collection
from ctct_desktop.ui.workers import start_task

DEBOUNCE_MS = 300
MAX_WATCHED_FILES = 4000  # folders are always watched; files (for in-place edits) up to this many


def watch_list(collection: Collection) -> list[str]:
    """The folders (all) and files (up to a bound) whose changes should trigger a rescan."""
    folders = [n.path for n in collection.tree.walk() if n.is_folder]
    files = [n.path for n in collection.tree.requests()][:MAX_WATCHED_FILES]
    files += [collection.root / COLLECTION_FILE] + [p.path for p in collection.problems]
    return [str(p) for p in [*folders, *files] if p.exists()]


class CollectionRescanner(QtCore.QObject):
    scanned = QtCore.Signal(Collection)  # on the UI thread
    failed = QtCore.Signal(str)

    def __init__(self, parent: QtCore.QObject | None = None, debounce_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self._watcher = QtCore.QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._on_change)
        self._watcher.fileChanged.connect(self._on_change)
        self._timer = QtCore.QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self._flush)
        self._read_only: dict[Path, bool] = {}  # the roots being followed
        self._owner: dict[str, Path] = {}  # watched path -> its collection root
        self._pending: set[Path] = set()
        self._running: set[Path] = set()
        self._again: set[Path] = set()
        self._held: list[Path] | None = None  # scans asked for while held, started by release()

    @property
    def busy(self) -> bool:
        """A scan is waiting or running (tests and the status bar ask)."""
        return bool(self._pending or self._running or self._timer.isActive())

    def follow(self, root: Path, read_only: bool = False) -> None:
        self._read_only[root] = read_only

    def forget(self, root: Path) -> None:
        self._read_only.pop(root, None)
        self._pending.discard(root)
        self._again.discard(root)
        self._unwatch(root)

    def watch(self, collection: Collection) -> None:
        """Watch what this scan found (replacing what an older scan of the same root found)."""
        if collection.root not in self._read_only:
            return
        self._unwatch(collection.root)
        paths = [p for p in watch_list(collection) if p not in self._owner]
        for path in paths:
            self._owner[path] = collection.root
        if paths:
            self._watcher.addPaths(paths)

    def _unwatch(self, root: Path) -> None:
        mine = [p for p, owner in self._owner.items() if owner == root]
        for path in mine:
            del self._owner[path]
        watched = set(self._watcher.directories()) | set(self._watcher.files())
        stale = [p for p in mine if p in watched]
        if stale:
            self._watcher.removePaths(stale)

    def _on_change(self, path: str) -> None:
        root = self._owner.get(path)
        if root is not None:
            self.request_scan(root)

    def request_scan(self, root: Path) -> None:
        """Rescan soon (debounced)."""
        if root in self._read_only:
            self._pending.add(root)
            self._timer.start()

    def hold(self) -> None:
        """Queue scans instead of starting them: at start-up a scan's TOML parsing would hold the
        GIL against the window's first paint (the templates: about 35 ms)."""
        if self._held is None:
            self._held = []

    def release(self) -> None:
        """Start the scans queued since ``hold`` (and scan at once from now on)."""
        held, self._held = self._held, None
        for root in held or []:
            self.scan_now(root)

    def scan_now(self, root: Path) -> None:
        if root not in self._read_only:
            return
        if self._held is not None:
            self._pending.add(root)  # busy until released
            if root not in self._held:
                self._held.append(root)
            return
        self._pending.discard(root)
        if root in self._running:
            self._again.add(root)
            return
        self._running.add(root)
        read_only = self._read_only[root]
        start_task(lambda _progress: scan_collection(root, read_only=read_only), self._on_scanned,
                   lambda message: self._on_failed(root, message), owner=self)

    def _flush(self) -> None:
        for root in sorted(self._pending):
            self.scan_now(root)

    def _on_scanned(self, collection: object) -> None:
        if not isinstance(collection, Collection):
            return
        self._finish(collection.root)
        if collection.root in self._read_only:
            self.watch(collection)
            self.scanned.emit(collection)

    def _on_failed(self, root: Path, message: str) -> None:
        self._finish(root)
        self.failed.emit(f"{root} could not be read again: {message}")

    def _finish(self, root: Path) -> None:
        self._running.discard(root)
        if root in self._again:
            self._again.discard(root)
            self.scan_now(root)
