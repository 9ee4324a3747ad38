"""The history pane: sends newest first, searchable, reopened into the editor."""

from __future__ import annotations

from ctct_desktop.ui.history_view.panel import HistoryPanel
from ctct_desktop.ui.history_view.table_model import HistoryTableModel

__all__ = ["HistoryPanel", "HistoryTableModel"]
