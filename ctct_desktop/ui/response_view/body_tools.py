"""The body view's tools beyond text: the Hex and Image choices beside Pretty/Raw, their pages,
and the Body menu (Save body, Open in another app).

Which page a body gets: Hex when chosen; an image (PNG, JPEG, GIF) in Pretty or Image; SVG is
XML text in Pretty and Raw and drawn in Image; any other binary body (decided from its type and
first KiB, ``core/binary/sniff``) is shown as hex in Pretty and Raw, with a note saying why.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui, QtWidgets

from ctct_desktop.core.binary.sniff import RASTER_FORMATS, binary_reason, image_format
from ctct_desktop.core.binary.source import ByteSource
from ctct_desktop.ui.response_view.body_actions import BodyActions, BodySnapshot
from ctct_desktop.ui.response_view.body_loader import LoadState
from ctct_desktop.ui.response_view.hex_find import GOTO_KEYS, HexFindBar
from ctct_desktop.ui.response_view.hex_view import HexView
from ctct_desktop.ui.response_view.image_view import ImageView

if TYPE_CHECKING:
    from ctct_desktop.ui.response_view.body_view import BodyView

PRETTY, RAW, HEX, IMAGE = 0, 1, 3, 4  # the choices' button ids (PRETTY and RAW are body_view's page numbers)
HEX_KEYS = "Ctrl+3"
COPY_TEXT_KEYS = "Ctrl+Alt+C"


class BodyTools(QtCore.QObject):
    """``choice(int)``: the user (or a shortcut) chose PRETTY, RAW, HEX or IMAGE;
    ``body_changed()``: another body (or none) is shown, so what applies to it may have changed."""

    choice = QtCore.Signal(int)
    body_changed = QtCore.Signal()

    def __init__(self, view: BodyView, top: QtWidgets.QHBoxLayout) -> None:
        super().__init__(view)
        self.view = view
        self.hex_button = QtWidgets.QRadioButton("Hex", view)
        self.hex_button.setToolTip(f"Offset, hex and ASCII, 16 bytes a row; Copy copies hex ({HEX_KEYS})")
        self.image_button = QtWidgets.QRadioButton("Image", view)
        self.image_button.setToolTip("The body drawn as an image, scaled down to fit")
        self.image_button.setVisible(False)
        self.group = QtWidgets.QButtonGroup(self)
        for button, ident in ((view.pretty_button, PRETTY), (view.raw_button, RAW), (self.hex_button, HEX),
                              (self.image_button, IMAGE)):
            self.group.addButton(button, ident)
        self.hex = HexView(view)
        self.image = ImageView(view)
        view.stack.addWidget(self.hex)
        view.stack.addWidget(self.image)
        self.source = ByteSource()
        self.actions = BodyActions(view, self.snapshot)
        self.actions.message.connect(view._show_note)
        self.hex_action = QtGui.QAction("&Hex response", view)
        self.hex_action.setShortcut(QtGui.QKeySequence(HEX_KEYS))
        self.hex_action.setToolTip(f"Show the response body as hex ({HEX_KEYS})")
        self.hex_action.triggered.connect(lambda: self.hex_button.setChecked(True))
        view.addAction(self.hex_action)
        self.menu_button = QtWidgets.QToolButton(view)
        self.menu_button.setText("Body")
        self.menu_button.setAccessibleName("Body actions")
        self.menu_button.setToolTip("Save the body, or open it in another application")
        self.menu_button.setPopupMode(QtWidgets.QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QtWidgets.QMenu(self.menu_button)
        menu.addAction(self.actions.save_action)
        menu.addAction(self.actions.open_action)
        self.menu_button.setMenu(menu)
        self.hex_find = HexFindBar(self.hex, view)  # find bytes and go to an offset; body_view lays it out
        copy_hex = QtGui.QAction("&Copy as hex\tCtrl+C", self.hex)
        copy_hex.triggered.connect(self.hex.copy)
        self.copy_text_action = QtGui.QAction("Copy as &text", self.hex)
        self.copy_text_action.setShortcut(QtGui.QKeySequence(COPY_TEXT_KEYS))
        self.copy_text_action.setShortcutContext(QtCore.Qt.ShortcutContext.WidgetShortcut)
        self.copy_text_action.setToolTip(f"Copy the selected bytes as text, UTF-8 ({COPY_TEXT_KEYS})")
        self.copy_text_action.triggered.connect(self.hex.copy_text)
        self.goto_action = QtGui.QAction("&Go to offset…", view)
        self.goto_action.setShortcut(QtGui.QKeySequence(GOTO_KEYS))
        self.goto_action.setShortcutContext(QtCore.Qt.ShortcutContext.WindowShortcut)
        self.goto_action.setToolTip(f"Go to a byte offset in the hex view, decimal or 0x hex ({GOTO_KEYS})")
        self.goto_action.triggered.connect(self.open_goto)
        view.addAction(self.goto_action)
        self.hex.addActions([copy_hex, self.copy_text_action, self.goto_action, self.actions.save_action,
                             self.actions.open_action])
        self.image.addActions([self.actions.save_action, self.actions.open_action])
        for widget in (self.hex, self.image):
            widget.setContextMenuPolicy(QtCore.Qt.ContextMenuPolicy.ActionsContextMenu)
        self.hex.copied.connect(self._on_copied)
        top.addWidget(self.hex_button)
        top.addWidget(self.image_button)
        top.addWidget(self.menu_button)
        self._reason: str | None = None
        self._image: str | None = None
        self.body_cut = False  # the body was cut at the size cap as it arrived
        self._image_of: ByteSource | None = None  # the body the image view decoded (or is decoding)
        self.group.idToggled.connect(self._toggled)
        view.stack.currentChanged.connect(self._on_page)
        self._on_page()

    def tool_actions(self) -> list[QtGui.QAction]:
        """Save body, Open in another app, Hex, Go to offset: for the window's menus and shortcut list."""
        return [self.actions.save_action, self.actions.open_action, self.hex_action, self.goto_action]

    @property
    def hex_shown(self) -> bool:
        return self.view.stack.currentWidget() is self.hex

    def open_hex_find(self) -> None:
        """Ctrl+F with the hex view on screen: find bytes in the whole body."""
        if self.hex_shown:
            self.hex_find.open_find()

    def open_goto(self) -> None:
        if self.hex_shown:
            self.hex_find.open_goto()

    def _on_page(self, _index: int = -1) -> None:
        shown = self.hex_shown
        self.goto_action.setEnabled(shown and self.source.size > 0)
        if not shown and self.hex_find.isVisible():
            self.hex_find.stop()
            self.hex_find.setVisible(False)

    def snapshot(self) -> BodySnapshot | None:
        if self.source.size == 0 and not self.source.path:
            return None
        return BodySnapshot(self.source, self.view._content_type, self.view.origin_url, self.body_cut)

    def owns_page(self, index: int) -> bool:
        """Whether stack page ``index`` is one of ours (found by widget: pages may be added later)."""
        return self.view.stack.widget(index) in (self.hex, self.image)

    def show(self, body: bytes, content_type: str, path: str) -> bool:
        """A new body: remember its bytes, sniff it; True when a page of ours shows it."""
        self.image.clear()
        self.hex.set_source(None)
        self.source = ByteSource(body, path)
        head = body[:4096]
        self._reason = binary_reason(content_type, head)
        self._image = image_format(content_type, head)
        self.image_button.setVisible(self._image is not None)
        if self._image is None and self.image_button.isChecked():
            with QtCore.QSignalBlocker(self.group):
                self.view.pretty_button.setChecked(True)
        self.actions.set_available(self.source.size > 0)
        self.hex_find.reset()
        shown = self.show_choice()
        self._on_page()
        self.body_changed.emit()
        return shown

    def clear(self) -> None:
        self.image.clear()
        self.hex.set_source(None)
        self.source = ByteSource()
        self._reason = self._image = None
        self.body_cut = False
        self.image_button.setVisible(False)
        self.actions.set_available(False)
        self.hex_find.reset()
        self._on_page()
        self.body_changed.emit()

    def page_for(self, chosen: int) -> tuple[int | None, str | None]:
        """Our page for the choice (None: the text views), and the note to show with it."""
        image, reason = self._image, self._reason
        if chosen == HEX:
            return HEX, None
        if image is not None and (chosen == IMAGE or (chosen == PRETTY and image in RASTER_FORMATS)):
            return IMAGE, None
        if reason is not None and chosen in (PRETTY, RAW):
            return HEX, (f"Shown as hex: the body is binary ({reason}), so as text it would be noise. "
                         "Save body (Ctrl+Alt+S) keeps its bytes as received.")
        return None, None

    def show_choice(self) -> bool:
        page, note = self.page_for(self.group.checkedId())
        if page is None:
            return False
        if self.source.error:
            note = f"The body cannot be shown in full: {self.source.error}."
        view = self.view
        view.progress.setVisible(False)
        if page == HEX:
            if self.hex.source is not self.source:
                self.hex.set_source(self.source)
        elif self._image_of is not self.source:
            self._image_of = self.source
            self.image.load(self.source, (self._image or "image").upper())
        view.stack.setCurrentWidget(self.hex if page == HEX else self.image)
        view._show_note(note)
        view.state.emit(LoadState("done", note=note))
        return True

    def _toggled(self, ident: int, checked: bool) -> None:
        if checked:
            self.choice.emit(ident)

    def _on_copied(self, size: int, cut: bool) -> None:
        if cut:
            self.view._show_note(f"Only the first {size >> 20} MB of the selection was copied.")
