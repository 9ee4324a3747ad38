"""The toolbar's environment switcher: built-in Sandbox (local) and presets, then user environments.

It re-lists when the open collections, their environment files (watched on disk) or the sandbox
URL change, keeps the current choice when
it still exists, and emits ``environment_changed`` with the Environment whenever the active
one differs from the last one announced (a reload that found a new secret value counts).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtWidgets

from ctct_desktop.credentials.lazy_store import LazySecretStore
from ctct_desktop.store.builtin_environments import SANDBOX_ENV_NAME
from ctct_desktop.store.environment import (
    ENV_SUFFIX,
    Environment,
    SecretStoreLike,
    environments_dir,
)
from ctct_desktop.ui.environment_view.listing import EnvironmentChoice, describe, list_choices

if TYPE_CHECKING:
    from ctct_desktop.ui.environment_view.editor_dialog import EnvironmentEditor

RELOAD_DELAY_MS = 300


class EnvironmentSwitcher(QtWidgets.QComboBox):
    environment_changed = QtCore.Signal(Environment)
    problem = QtCore.Signal(str)

    def __init__(self, parent: QtWidgets.QWidget | None = None, *, store: SecretStoreLike | None = None,
                 sandbox_url: str | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Environment")
        self.setToolTip("Active environment: where {{variables}} get their values")
        self.setSizeAdjustPolicy(QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._store = store
        self._sandbox_url = sandbox_url
        self._sandbox_note = ""
        self._roots: list[Path] = []
        self._choices: list[EnvironmentChoice] = []
        self._announced: Environment | None = None
        self._reloading = False
        self._watcher = QtCore.QFileSystemWatcher(self)
        self._reload_timer = QtCore.QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self.reload)
        self._watcher.directoryChanged.connect(lambda _path: self._reload_timer.start())
        self._watcher.fileChanged.connect(lambda _path: self._reload_timer.start())
        self.currentIndexChanged.connect(lambda _i: self._announce())
        self.reload()

    # ------------------------------------------------------------------ inputs

    def set_sandbox_url(self, url: str | None) -> None:
        """The embedded sandbox listens at ``url``: "Sandbox (local)" points there."""
        self._sandbox_url = url
        self._sandbox_note = ""
        self.reload()

    def set_sandbox_stopped(self, note: str = "not started") -> None:
        """No embedded sandbox runs (``--no-sandbox``, turned off, failed): the entry says so."""
        self._sandbox_note = note
        self.reload()

    def set_collections(self, roots: Sequence[Path]) -> None:
        self._roots = [Path(r) for r in roots]
        self.reload()

    def _watch_files(self) -> None:
        """Follow each collection's environments folder (and the collection folder, where it appears)."""
        wanted: set[str] = set()
        for root in self._roots:
            folder = environments_dir(root)
            wanted |= {str(root)} | ({str(folder)} | {str(p) for p in folder.glob(f"*{ENV_SUFFIX}")}
                                     if folder.is_dir() else set())
        wanted = {p for p in wanted if Path(p).exists()}
        watched = set(self._watcher.directories()) | set(self._watcher.files())
        if watched - wanted:
            self._watcher.removePaths(sorted(watched - wanted))
        if wanted - watched:
            self._watcher.addPaths(sorted(wanted - watched))

    def collections(self) -> list[Path]:
        return list(self._roots)

    def secret_store(self) -> SecretStoreLike:
        """The injected store, else the app's (resolved on first use: the keyring costs ~80 ms)."""
        if self._store is None:
            self._store = LazySecretStore()
        return self._store

    # ------------------------------------------------------------------ listing

    def reload(self) -> None:
        """List again (files may have changed), keeping the current choice when it still exists."""
        keep = self.current_choice()
        store = self.secret_store() if self._roots else self._store
        listing = list_choices(self._roots, sandbox_url=self._sandbox_url, store=store,
                               sandbox_note=self._sandbox_note)
        self._reloading = True
        try:
            self.clear()
            self._choices = listing.choices
            for position, choice in enumerate(listing.choices):
                if position and not choice.environment.builtin and self._choices[position - 1].environment.builtin:
                    self.insertSeparator(self.count())
                self.addItem(choice.label, position)
                self.setItemData(self.count() - 1, describe(choice.environment), QtCore.Qt.ItemDataRole.ToolTipRole)
            self._select_key(keep.key if keep else ("builtin", SANDBOX_ENV_NAME))
        finally:
            self._reloading = False
        self._watch_files()
        for message in listing.problems:
            self.problem.emit(message)
        self._announce()

    def _select_key(self, key: tuple[str, str]) -> None:
        for row in range(self.count()):
            position = self.itemData(row)
            if isinstance(position, int) and self._choices[position].key == key:
                self.setCurrentIndex(row)
                return
        self.setCurrentIndex(0 if self.count() else -1)

    # ------------------------------------------------------------------ outputs

    def choices(self) -> list[EnvironmentChoice]:
        return list(self._choices)

    def environments(self) -> list[Environment]:
        return [c.environment for c in self._choices]

    def current_choice(self) -> EnvironmentChoice | None:
        position = self.currentData()
        return self._choices[position] if isinstance(position, int) and position < len(self._choices) else None

    def current_environment(self) -> Environment | None:
        choice = self.current_choice()
        return choice.environment if choice is not None else None

    def select(self, name: str, collection_root: Path | None = None) -> bool:
        """Make the environment with this name (in that collection, when given) current."""
        for row in range(self.count()):
            position = self.itemData(row)
            if not isinstance(position, int):
                continue
            choice = self._choices[position]
            if choice.environment.name.casefold() == name.casefold() and (
                    collection_root is None or choice.collection_root == collection_root):
                self.setCurrentIndex(row)
                return True
        return False

    # ------------------------------------------------------------------ editing

    def edit_current(self) -> EnvironmentEditor | None:
        """Open the editor on the current environment (a built-in one is copied first)."""
        choice = self.current_choice()
        return self._open_editor(choice.environment if choice else None,
                                 choice.collection_root if choice else None)

    def new_environment(self) -> EnvironmentEditor | None:
        return self._open_editor(None, None)

    def _open_editor(self, env: Environment | None, root: Path | None) -> EnvironmentEditor | None:
        target = root or (self._roots[0] if self._roots else None)
        if target is None:
            self.problem.emit("Open a collection first: environments are saved beside it, in its "
                              "environments folder.")
            return None
        from ctct_desktop.ui.environment_view.editor_dialog import EnvironmentEditor  # deferred: start-up (measured)

        dialog = EnvironmentEditor(env, target, self.secret_store(), self.window())
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda written: self._after_save(written, target))
        dialog.open()
        return dialog

    def _after_save(self, written: Environment, root: Path) -> None:
        self.reload()
        self.select(written.name, root)

    def _announce(self) -> None:
        if self._reloading:
            return
        current = self.current_environment()
        if current is not None and current != self._announced:
            self._announced = current
            self.environment_changed.emit(current)
