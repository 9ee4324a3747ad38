"""Reading what the tree shows, through the proxy the view displays."""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtCore


def shown_rows(panel, parent: QtCore.QModelIndex | None = None, depth: int = 0) -> list[str]:  # type: ignore[no-untyped-def]
    """Every row the view could show (expanded or not), indented by depth."""
    proxy = panel.proxy
    parent = parent or QtCore.QModelIndex()
    rows: list[str] = []
    for r in range(proxy.rowCount(parent)):
        index = proxy.index(r, 0, parent)
        rows.append("  " * depth + str(proxy.data(index)))
        rows += shown_rows(panel, index, depth + 1)
    return rows


def names(panel) -> list[str]:  # type: ignore[no-untyped-def]
    return [row.strip() for row in shown_rows(panel)]


def proxy_index(panel, path: Path) -> QtCore.QModelIndex:  # type: ignore[no-untyped-def]
    return panel.proxy.mapFromSource(panel.model.index_of_path(path))


def wait_scanned(qtbot, panel, condition) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not panel.busy and condition(), timeout=10_000)
