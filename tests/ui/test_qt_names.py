"""Widgets keep Qt's own API: an attribute named like a Qt method (``size``, ``scroll``,
``actions``) hides that method from every caller of the widget."""

from __future__ import annotations

from PySide6 import QtCore, QtGui

from ctct_desktop.ui.collections_view.panel import CollectionsPanel
from ctct_desktop.ui.explain_view.card import ExplanationCard
from ctct_desktop.ui.response_view.status_line import StatusLine


def _shadowed(widget: QtCore.QObject) -> list[str]:
    """Instance attributes named like a Qt method (PySide caches connected signals there too)."""
    qt_bases = [cls for cls in type(widget).__mro__ if cls.__module__.startswith("PySide6")]
    return sorted(name for name, value in vars(widget).items()
                  if not isinstance(value, QtCore.SignalInstance) and any(name in vars(cls) for cls in qt_bases))


def test_no_attribute_hides_a_qt_method(qtbot) -> None:
    widgets = [StatusLine(), ExplanationCard(), CollectionsPanel(templates_root=None)]
    for widget in widgets:
        qtbot.addWidget(widget)
    assert {type(w).__name__: _shadowed(w) for w in widgets} == {type(w).__name__: [] for w in widgets}
    status, card, panel = widgets
    assert isinstance(status.size(), QtCore.QSize)
    assert panel.actions() and all(isinstance(a, QtGui.QAction) for a in panel.actions())
    card.scroll(0, 0)
