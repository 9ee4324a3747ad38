"""The Windows .ico and macOS .icns icon files, written and read from PNG images (standard library only).

Both formats can hold PNG-compressed images (Windows Vista and later, macOS 10.7 and later), so the
PNGs rendered from the SVG go in as they are and no image library is needed. PyInstaller copies an
icon in its platform's own format without converting it (a conversion would need Pillow).
"""

from __future__ import annotations

import struct

ICO_MAGIC = b"\x00\x00\x01\x00"  # reserved 0, type 1 (icon)
ICNS_MAGIC = b"icns"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # 256 is the largest an .ico entry can say
# PNG-capable .icns element types and the pixel size each holds (icp4..icp6: 10.7+, ic07..ic10: 10.5+/10.8+).
ICNS_TYPES = {b"icp4": 16, b"icp5": 32, b"icp6": 64, b"ic07": 128, b"ic08": 256, b"ic09": 512, b"ic10": 1024}
ICNS_SIZES = tuple(sorted(ICNS_TYPES.values()))


class IconFormatError(ValueError):
    """The file is not an icon container of the expected kind."""


def write_ico(pngs: dict[int, bytes]) -> bytes:
    """An .ico holding one PNG per size (sizes of at most 256 pixels)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, data = b"", b""
    for size in sizes:
        if not 0 < size <= 256:
            raise ValueError(f"an .ico entry holds at most 256 pixels, not {size}")
        png = pngs[size]
        side = 0 if size == 256 else size  # 0 means 256 in the one-byte field
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset + len(data))
        data += png
    return header + entries + data


def read_ico(blob: bytes) -> dict[int, bytes]:
    """The PNG images of an .ico by size; IconFormatError for another file."""
    if blob[:4] != ICO_MAGIC or len(blob) < 6:
        raise IconFormatError("not an .ico file")
    (count,) = struct.unpack_from("<H", blob, 4)
    found: dict[int, bytes] = {}
    for index in range(count):
        try:
            width, _h, _c, _r, _p, _b, length, offset = struct.unpack_from("<BBBBHHII", blob, 6 + 16 * index)
        except struct.error:
            raise IconFormatError("the .ico directory is cut short") from None
        image = blob[offset:offset + length]
        if len(image) != length:
            raise IconFormatError("an .ico image runs past the end of the file")
        found[width or 256] = image
    return found


def write_icns(pngs: dict[int, bytes]) -> bytes:
    """An .icns holding the PNG of each size ``ICNS_TYPES`` knows (the others are left out)."""
    body = b""
    for kind, size in ICNS_TYPES.items():
        if size in pngs:
            body += kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size]
    return ICNS_MAGIC + struct.pack(">I", 8 + len(body)) + body


def read_icns(blob: bytes) -> dict[int, bytes]:
    """The PNG images of an .icns by size (element types not listed in ``ICNS_TYPES`` are skipped)."""
    if blob[:4] != ICNS_MAGIC or len(blob) < 8 or struct.unpack_from(">I", blob, 4)[0] != len(blob):
        raise IconFormatError("not an .icns file (or its length field is wrong)")
    found: dict[int, bytes] = {}
    at = 8
    while at < len(blob):
        if at + 8 > len(blob):
            raise IconFormatError("an .icns element header is cut short")
        kind, (length,) = blob[at:at + 4], struct.unpack_from(">I", blob, at + 4)
        if length < 8 or at + length > len(blob):
            raise IconFormatError("an .icns element runs past the end of the file")
        if kind in ICNS_TYPES:
            found[ICNS_TYPES[kind]] = blob[at + 8:at + length]
        at += length
    return found
