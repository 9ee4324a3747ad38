"""Save as: pick a folder of an open user collection and a name, then write a new request file.

When no user collection is open the user is offered to create one first. The file is written
by the collections pane's own command (``commands.new_request``), so the tree shows and selects
it; a name that is taken or not a valid file name is explained and asked again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ctct_desktop.core.models import RequestModel
from ctct_desktop.store.collection_ops import (
    CollectionError,
    check_name,
    free_request_name,
    request_path,
)
from ctct_desktop.ui.documents import dialogs as ask
from ctct_desktop.ui.collections_view.dialogs import Destination, SaveAsChoice
from ctct_desktop.ui.collections_view.panel import CollectionsPanel
from ctct_desktop.ui.documents.model import NEW_REQUEST_NAME, Document
from ctct_desktop.ui.main_window import MainWindow

MAX_ATTEMPTS = 20  # a dialog that keeps answering the same unusable name is given up on


@dataclass(frozen=True)
class SaveTarget:
    path: Path
    name: str


def proposed_name(folder: Path, wanted: str) -> str:
    """``wanted`` when it is free in ``folder``, else ``wanted copy``…; a valid name in any case."""
    for candidate in (wanted, NEW_REQUEST_NAME):
        try:
            return free_request_name(folder, candidate)
        except CollectionError:
            continue
    return NEW_REQUEST_NAME


def choice_problem(choice: SaveAsChoice) -> str | None:
    """Why this folder and name cannot take a new file, in words; None when they can."""
    try:
        target = request_path(choice.folder, choice.name)
    except CollectionError as exc:
        return str(exc)
    if target.exists():
        return f"“{choice.name.strip()}” already exists in {choice.folder}. Choose another name."
    if not choice.folder.is_dir():
        return f"The folder {choice.folder} no longer exists."
    return None


class SaveAsFlow:
    def __init__(self, window: MainWindow, collections: CollectionsPanel) -> None:
        self.window, self.collections = window, collections

    def destinations(self, document: Document) -> list[Destination]:
        """Every folder of the open user collections; the document's own folder first."""
        found = self.collections.commands.destinations()
        known = {d.folder for d in found}
        found += [Destination(root, root.name) for root in self.collections.open_collections() if root not in known]
        home = document.path.parent if document.path is not None and not document.read_only else None
        return sorted(found, key=lambda d: d.folder != home)

    def run(self, document: Document, model: RequestModel) -> SaveTarget | None:
        destinations = self.destinations(document)
        if not destinations:
            created = self._create_collection()
            if created is None:
                self.window.show_activity("Not saved: requests are saved in a collection; open or create one.")
                return None
            destinations = [created]
        choice = self._ask(destinations, proposed_name(destinations[0].folder, document.name))
        if choice is None:
            return None
        return self._write(choice, model, document.description)

    def _ask(self, destinations: list[Destination], name: str) -> SaveAsChoice | None:
        for _attempt in range(MAX_ATTEMPTS):
            choice = ask.ask_save_target(self.window, destinations, name)
            if choice is None:
                return None
            problem = choice_problem(choice)
            if problem is None:
                return choice
            ask.tell(self.window, "Save as", problem)
            destinations = sorted(destinations, key=lambda d: d.folder != choice.folder)
            name = proposed_name(choice.folder, choice.name)
        return None

    def _write(self, choice: SaveAsChoice, model: RequestModel, description: str) -> SaveTarget | None:
        problems: list[str] = []
        self.collections.problem.connect(problems.append)
        try:
            name = check_name(choice.name)
            path = self.collections.commands.new_request(choice.folder, name, model, description)
        finally:
            self.collections.problem.disconnect(problems.append)
        if path is None:
            self.window.show_activity("Not saved. " + (problems[-1] if problems else ""))
            return None
        return SaveTarget(path.resolve(), name)

    def _create_collection(self) -> Destination | None:
        answer = ask.ask_new_collection(self.window)
        if answer is None:
            return None
        folder, name = answer
        root = self.collections.commands.create_collection_at(folder, name)
        return Destination(root, name.strip() or root.name) if root is not None else None
