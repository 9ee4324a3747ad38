"""Method pills that can be read (as tall as a line of the row's font, text at AA contrast in both
palettes) and names that are not cut at the default width, elided in the middle otherwise with the
whole name in the tooltip."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from ctct_desktop.core.models import RequestModel
from ctct_desktop.store.collection import create_collection
from ctct_desktop.store.collection_ops import new_folder, new_request
from ctct_desktop.ui.collections_view.badges import METHOD_COLOURS, pill_style
from ctct_desktop.ui.collections_view.row_delegate import WIDEST_NAME
from ctct_desktop.ui.theme import AA_CONTRAST, contrast_ratio, dark_palette, light_palette
from tests.ui.collections_view.tree_helpers import proxy_index, wait_scanned

Role = QtCore.Qt.ItemDataRole
LONG = "Create contact with a fresh address, then add it to the spring newsletter list"


def _drawn_option(view: QtWidgets.QTreeView, index: QtCore.QModelIndex) -> QtWidgets.QStyleOptionViewItem:
    """The option the view's delegate paints ``index`` with, in the row's real rectangle."""
    option = QtWidgets.QStyleOptionViewItem()
    option.initFrom(view)
    view.itemDelegate().initStyleOption(option, index)  # type: ignore[attr-defined]
    option.rect = view.visualRect(index)
    return option


def _open(qtbot, panel, root: Path, path: Path) -> QtCore.QModelIndex:  # type: ignore[no-untyped-def]
    panel.add_collection(root)
    wait_scanned(qtbot, panel, lambda: panel.model.index_of_path(path).isValid())
    index = proxy_index(panel, path)
    panel.view.scrollTo(index)  # expands its folders
    return index


@pytest.fixture
def deep(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A request named like a long template, as deep as the templates' (collection › v1 › Contacts)."""
    root = (tmp_path / "shop").resolve()
    root.mkdir()
    create_collection(root, "Shop", {})
    contacts = new_folder(new_folder(root, "v1"), "Contacts")
    fitting = new_request(contacts, WIDEST_NAME, RequestModel(method="POST", url="{{base_url}}/lists/1/members"))
    long = new_request(contacts, LONG, RequestModel(method="DELETE", url="{{base_url}}/contacts/1"))
    return root, fitting, long


@pytest.mark.parametrize("palette_name", ["light", "dark"])
@pytest.mark.parametrize("method", [*METHOD_COLOURS, "PROPFIND"])
def test_every_pill_is_a_line_tall_with_aa_text(qapp, palette_name: str, method: str) -> None:
    palette = light_palette(qapp.style()) if palette_name == "light" else dark_palette()
    font = QtGui.QFont()
    font.setPointSizeF(10)
    style = pill_style(method, font, palette)
    assert style.size.height() >= QtGui.QFontMetrics(font).height()
    assert style.font.pointSizeF() == 9 and style.font.bold()
    assert contrast_ratio(style.colour, style.fill) >= AA_CONTRAST, (style.colour.name(), style.fill.name())
    assert QtGui.QFontMetricsF(style.font).horizontalAdvance(style.text) <= style.size.width()


@pytest.mark.parametrize("palette_name", ["light", "dark"])
def test_the_tree_draws_the_pill_at_the_row_font_size(qtbot, qapp, panel, deep, palette_name: str) -> None:
    root, fitting, _long = deep
    panel.view.setPalette(light_palette(qapp.style()) if palette_name == "light" else dark_palette())
    index = _open(qtbot, panel, root, fitting)
    option = _drawn_option(panel.view, index)
    shown = option.icon.actualSize(option.decorationSize)  # what the style really paints
    font_height = QtGui.QFontMetrics(option.font).height()
    assert shown.height() >= font_height, f"the METHOD badge is {shown.height()} px tall, the font {font_height} px"
    image = option.icon.pixmap(shown).toImage()
    expected = pill_style("POST", option.font, panel.view.palette())
    inside = image.pixelColor(image.width() // 10 + 2, image.height() // 2)  # tint, left of the text
    assert inside.rgb() == expected.fill.rgb()
    assert contrast_ratio(expected.colour, inside) >= AA_CONTRAST


def test_a_long_name_is_elided_in_the_middle_and_whole_in_the_tooltip(qtbot, panel, deep) -> None:
    root, _fitting, long = deep
    index = _open(qtbot, panel, root, long)
    assert panel.view.textElideMode() == QtCore.Qt.TextElideMode.ElideMiddle
    assert panel.proxy.data(index, Role.ToolTipRole).splitlines()[:2] == [LONG, "DELETE {{base_url}}/contacts/1"]


def test_the_default_dock_shows_a_long_template_name_whole_at_1440x900(qtbot, workbench, deep) -> None:
    root, fitting, _long = deep
    window = workbench.window
    window.resize(1440, 900)
    qtbot.waitUntil(lambda: window.width() == 1440)
    panel = workbench.saved_work.collections
    index = _open(qtbot, panel, root, fitting)
    view = panel.view
    option = _drawn_option(view, index)
    text = view.style().subElementRect(QtWidgets.QStyle.SubElement.SE_ItemViewItemText, option, view)
    needed = QtGui.QFontMetrics(option.font).horizontalAdvance(WIDEST_NAME)
    visible = text.intersected(view.viewport().rect())
    assert visible.width() >= needed, f"{visible.width()} px for a name of {needed} px"
    dock = workbench.saved_work.collections_dock
    assert dock.width() <= 1440 // 4  # the request and response panes keep the rest
