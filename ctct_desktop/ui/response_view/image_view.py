"""An image body (PNG, JPEG, GIF, SVG) shown as an image: decoded in a worker, scaled down to fit,
with its format, dimensions and size said above it, and a plain note for a broken or huge one."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6 import QtCore, QtGui, QtWidgets

from ctct_desktop.core.binary.source import ByteSource
from ctct_desktop.ui.response_view.status_line import human_size
from ctct_desktop.ui.workers import start_task

MAX_IMAGE_BYTES = 64 << 20  # a larger body is not decoded for display (Hex, Save and Open still work)
MAX_PIXELS = 40_000_000  # 160 MB as 32-bit pixels; a "decompression bomb" PNG stops here
DISPLAY_SIDE = 2560  # pixels kept for display on the long side; the details give the real size
_RESCALE_MS = 40


@dataclass(frozen=True)
class DecodedImage:
    """What the worker made of the bytes: an image, or why not (``error``)."""

    image: QtGui.QImage | None
    width: int = 0
    height: int = 0
    error: str = ""


def decode_image(data: bytes, path: str, size: int) -> DecodedImage:
    """Decode in a worker (QImage is not a widget; it may be built off the UI thread)."""
    if size > MAX_IMAGE_BYTES:
        return DecodedImage(None, error=f"the image is {human_size(size)}; images over "
                                          f"{human_size(MAX_IMAGE_BYTES)} are not decoded for display")
    buffer: QtCore.QBuffer | None = None
    if path:
        reader = QtGui.QImageReader(path)
    else:
        buffer = QtCore.QBuffer()
        buffer.setData(QtCore.QByteArray(data))
        buffer.open(QtCore.QIODevice.OpenModeFlag.ReadOnly)
        reader = QtGui.QImageReader(buffer)
    reader.setDecideFormatFromContent(True)
    dimensions = reader.size()
    width, height = dimensions.width(), dimensions.height()
    if width * height > MAX_PIXELS:
        return DecodedImage(None, width, height, f"the image is {width:,} × {height:,} pixels; images over "
                                                 f"{MAX_PIXELS // 1_000_000} megapixels are not decoded for display")
    image = reader.read()
    if image.isNull():
        return DecodedImage(None, width, height, f"it does not decode as an image ({reader.errorString()})")
    width, height = image.width(), image.height()
    if max(width, height) > DISPLAY_SIDE:  # scaled here, once: fitting 40 MP on the UI thread took 35 ms
        image = image.scaled(DISPLAY_SIDE, DISPLAY_SIDE, QtCore.Qt.AspectRatioMode.KeepAspectRatio,
                             QtCore.Qt.TransformationMode.SmoothTransformation)
    return DecodedImage(image, width, height)


class ImageView(QtWidgets.QWidget):
    """``shown(str)``: the details line once the image is decoded (or the note saying why not)."""

    shown = QtCore.Signal(str)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.details = QtWidgets.QLabel(self)
        self.details.setAccessibleName("Image details")
        self.details.setWordWrap(True)
        self.picture = QtWidgets.QLabel(self)
        self.picture.setAccessibleName("Response image")
        self.picture.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        self.picture.setSizePolicy(QtWidgets.QSizePolicy.Policy.Ignored, QtWidgets.QSizePolicy.Policy.Ignored)
        self.picture.setFocusPolicy(QtCore.Qt.FocusPolicy.StrongFocus)
        self.picture.setBackgroundRole(QtGui.QPalette.ColorRole.Base)
        self.picture.setAutoFillBackground(True)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.details)
        layout.addWidget(self.picture, 1)
        self.image: QtGui.QImage | None = None
        self.error = ""
        self._serial = 0
        self._label = ""
        self._rescale = QtCore.QTimer(self, singleShot=True, interval=_RESCALE_MS)
        self._rescale.timeout.connect(self._fit)

    def clear(self) -> None:
        self._serial += 1
        self.image, self.error = None, ""
        self.picture.clear()
        self.details.clear()

    def load(self, source: ByteSource, label: str) -> None:
        """Decode ``source`` in a worker; ``label`` names the format ("PNG")."""
        self.clear()
        serial, self._label = self._serial, label
        data, path, size = source.data, source.path, source.size
        start_task(lambda _p: decode_image(data, path, size), lambda result: self._decoded(serial, result, size),
                   lambda message: self._decoded(serial, DecodedImage(None, error=message), size), owner=self)

    def _decoded(self, serial: int, result: DecodedImage, size: int) -> None:
        if serial != self._serial:
            return
        if result.image is None:
            self.error = f"The image cannot be shown: {result.error}. Hex, Save body and Open externally still work."
            self.details.setText(self.error)
            self.picture.setText("No image to show")
        else:
            self.image = result.image
            self.details.setText(f"{self._label}, {result.width:,} × {result.height:,} pixels, {human_size(size)}")
            self._fit()
        self.shown.emit(self.details.text())

    def _fit(self) -> None:
        """Scale down to the space there is (never up: a 16-pixel icon stays sharp)."""
        if self.image is None:
            return
        room = self.picture.size()
        image = self.image
        if image.width() > room.width() or image.height() > room.height():
            image = image.scaled(room.expandedTo(QtCore.QSize(1, 1)), QtCore.Qt.AspectRatioMode.KeepAspectRatio,
                                 QtCore.Qt.TransformationMode.SmoothTransformation)
        self.picture.setPixmap(QtGui.QPixmap.fromImage(image))

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if self.image is not None:
            self._rescale.start()
