"""Paints request rows with their METHOD pill sized to the row's font (an icon would be squeezed
into the view's 16×16 icon size, which made the verb about 3 px tall)."""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from ctct_desktop.ui.collections_view.badges import METHOD_ROLE, method_pill, pill_style


class RowDelegate(QtWidgets.QStyledItemDelegate):
    """The style draws the row as usual; only a request's decoration becomes its pill."""

    def initStyleOption(self, option: QtWidgets.QStyleOptionViewItem,  # noqa: N802 - Qt API
                        index: QtCore.QModelIndex | QtCore.QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        method = index.data(METHOD_ROLE)
        if not isinstance(method, str):
            return
        style = pill_style(method, option.font, option.palette)
        widget = option.widget
        ratio = widget.devicePixelRatioF() if isinstance(widget, QtWidgets.QWidget) else 1.0
        option.icon = QtGui.QIcon(method_pill(style, ratio))
        option.decorationSize = style.size
        option.features |= QtWidgets.QStyleOptionViewItem.ViewItemFeature.HasDecoration


WIDEST_NAME = "Create contact list member"  # a long template name that must read whole by default
NAME_DEPTH = 3  # Templates › v1 › Contacts › the request


def fitting_width(view: QtWidgets.QTreeView, name: str = WIDEST_NAME, depth: int = NAME_DEPTH) -> int:
    """How wide the view must be for a request called ``name`` at ``depth`` to show unelided:
    indentation, the style's item margins around pill and text, the frame and a scroll bar."""
    option = QtWidgets.QStyleOptionViewItem()
    option.initFrom(view)
    option.font = view.font()
    option.text = name
    option.decorationSize = pill_style("DELETE", view.font(), view.palette()).size
    option.features = (QtWidgets.QStyleOptionViewItem.ViewItemFeature.HasDisplay
                       | QtWidgets.QStyleOptionViewItem.ViewItemFeature.HasDecoration)
    probe_width = 10_000
    option.rect = QtCore.QRect(0, 0, probe_width, view.fontMetrics().height() + 4)
    style = view.style()
    text_rect = style.subElementRect(QtWidgets.QStyle.SubElement.SE_ItemViewItemText, option, view)
    item_overhead = probe_width - text_rect.width()
    levels = depth + (1 if view.rootIsDecorated() else 0)
    scroll_bar = style.pixelMetric(QtWidgets.QStyle.PixelMetric.PM_ScrollBarExtent, None, view)
    text = QtGui.QFontMetrics(view.font()).horizontalAdvance(name)
    return levels * view.indentation() + item_overhead + text + 2 * view.frameWidth() + scroll_bar + 2
