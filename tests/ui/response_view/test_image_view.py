"""Decoding for the image view: a header that promises a huge image is refused before any pixel
is decoded, a large one is kept at display size with its real dimensions, and a broken one says so."""

from __future__ import annotations

import struct
import zlib

from ctct_desktop.ui.response_view.image_view import DISPLAY_SIDE, decode_image
from tests.ui.response_view.bodies_server import png


def _bomb(width: int, height: int) -> bytes:
    """A PNG header claiming ``width`` × ``height`` with almost no data behind it."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = zlib.compress(b"\x00" * 4096)  # a sliver of the billions of bytes it claims
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")


def test_a_decompression_bomb_is_refused_from_its_header(qapp) -> None:  # type: ignore[no-untyped-def]
    result = decode_image(_bomb(30000, 30000), "", 40)
    assert result.image is None and (result.width, result.height) == (30000, 30000)
    assert result.error == ("the image is 30,000 × 30,000 pixels; images over 40 megapixels are not "
                            "decoded for display")


def test_a_large_image_is_kept_at_display_size_with_its_real_dimensions(qapp) -> None:  # type: ignore[no-untyped-def]
    result = decode_image(png(DISPLAY_SIDE * 2, 100), "", 0)
    assert (result.width, result.height) == (DISPLAY_SIDE * 2, 100)
    assert result.image is not None and result.image.width() == DISPLAY_SIDE and result.image.height() == 50


def test_an_image_from_a_file(qapp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "spooled.bin"  # spool files carry no image extension: the content decides
    path.write_bytes(png(7, 5))
    result = decode_image(b"", str(path), path.stat().st_size)
    assert result.image is not None and (result.width, result.height) == (7, 5)


def test_a_truncated_image_says_it_does_not_decode(qapp) -> None:  # type: ignore[no-untyped-def]
    data = png(50, 50)
    result = decode_image(data[:60], "", 60)
    assert result.image is None and result.error.startswith("it does not decode as an image")
