"""Offset | hex | ASCII rows of a byte string, 16 bytes a row.

A row is a pure function of its offset and its bytes, so a view of a body of any size computes
the rows on screen from ``offset = row * ROW_BYTES`` and needs no index.
"""

from __future__ import annotations

ROW_BYTES = 16
OFFSET_DIGITS = 8  # up to 4 GiB; wider offsets simply take more digits
HEX_START = OFFSET_DIGITS + 2  # column of the first hex pair
ASCII_START = HEX_START + ROW_BYTES * 3 + 1  # the first ASCII character: after the pairs and two spaces
_PRINTABLE = bytes(range(0x20, 0x7F))
_ASCII = bytes(b if b in _PRINTABLE else ord(".") for b in range(256)).decode("ascii")


def row_count(size: int) -> int:
    """Rows for ``size`` bytes (one row, empty, for an empty body)."""
    return max(1, -(-size // ROW_BYTES))


def hex_pairs(data: bytes) -> str:
    """``48 65 6c``: the bytes as space-separated hex pairs (what Copy puts on the clipboard)."""
    return data.hex(" ")


def ascii_column(data: bytes) -> str:
    """Printable ASCII as itself, every other byte as '.'."""
    return "".join(_ASCII[b] for b in data)


def format_row(offset: int, data: bytes) -> str:
    """``00000010  48 65 6c 6c 6f ...  |Hello...|``; a short last row is padded so columns line up."""
    pairs = hex_pairs(data[:ROW_BYTES]).ljust(ROW_BYTES * 3 - 1)
    return f"{offset:0{OFFSET_DIGITS}x}  {pairs}  {ascii_column(data[:ROW_BYTES])}"


def hex_column(index: int) -> int:
    """The character column where byte ``index`` (0..15) of a row starts in the hex part."""
    return HEX_START + 3 * index


def byte_at_column(column: int) -> int | None:
    """The byte of a row under a character column (hex or ASCII part), or None (the offset)."""
    if HEX_START <= column < HEX_START + ROW_BYTES * 3:
        return min(ROW_BYTES - 1, (column - HEX_START) // 3)
    ascii_start = ASCII_START
    if ascii_start <= column < ascii_start + ROW_BYTES:
        return column - ascii_start
    if column >= ascii_start + ROW_BYTES:
        return ROW_BYTES - 1
    return None
