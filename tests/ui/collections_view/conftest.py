"""A real collection on disk and the real CollectionsPanel showing it with the built-in templates."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6 import QtCore

from ctct_desktop.core.models import BodyKind, RequestModel
from ctct_desktop.resources import resource_path
from ctct_desktop.store.collection import create_collection
from ctct_desktop.store.collection_ops import new_folder, new_request


@pytest.fixture
def user_collection(tmp_path: Path) -> Path:
    root = (tmp_path / "flower-shop").resolve()
    root.mkdir()
    create_collection(root, "Flower shop", {"base_url": "http://127.0.0.1:9/ws/customers/joe"})
    contacts = new_folder(root, "Contacts")
    lists = new_folder(root, "Lists")
    new_request(contacts, "Get contacts", RequestModel(method="GET", url="{{base_url}}/contacts"),
                "Every contact of the account.")
    new_request(contacts, "Create contact", RequestModel(method="POST", url="{{base_url}}/contacts",
                                                         body="<entry/>", body_kind=BodyKind.XML))
    new_request(lists, "Delete list", RequestModel(method="DELETE", url="{{base_url}}/lists/7"))
    new_request(root, "Service document", RequestModel(method="GET", url="{{base_url}}/"))
    return root


@pytest.fixture
def panel(qtbot) -> Iterator[object]:  # type: ignore[no-untyped-def]
    from ctct_desktop.ui.collections_view import CollectionsPanel

    widget = CollectionsPanel(templates_root=resource_path("templates"), debounce_ms=50)
    qtbot.addWidget(widget)
    widget.resize(420, 700)
    widget.show()
    qtbot.waitUntil(lambda: not widget.busy, timeout=10_000)
    yield widget
    assert QtCore.QThreadPool.globalInstance().waitForDone(10_000)  # no scan outlives the test


@pytest.fixture
def opened(qtbot, panel, user_collection):  # type: ignore[no-untyped-def]
    """The panel with the user collection open and scanned."""
    assert panel.add_collection(user_collection)
    qtbot.waitUntil(lambda: not panel.busy and panel.collection(user_collection) is not None, timeout=10_000)
    return panel
