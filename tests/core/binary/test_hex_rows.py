"""Hex rows are a pure function of (offset, bytes): every row reads back to its bytes, columns
line up whatever the bytes, and a column maps back to the byte under it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ctct_desktop.core.binary import hex_rows
from ctct_desktop.core.binary.hex_rows import ASCII_START, HEX_START, ROW_BYTES


def test_a_row_shows_offset_hex_and_ascii() -> None:
    row = hex_rows.format_row(0x20, b"Hello\x00\x7f\xffworld!\n\t\r")
    assert row == "00000020  48 65 6c 6c 6f 00 7f ff 77 6f 72 6c 64 21 0a 09  Hello...world!.."


def test_a_short_last_row_keeps_the_ascii_column_in_place() -> None:
    row = hex_rows.format_row(0x30, b"ab")
    assert row[ASCII_START:] == "ab" and row[HEX_START:HEX_START + 5] == "61 62"


def test_row_count() -> None:
    assert [hex_rows.row_count(n) for n in (0, 1, 16, 17, 100 << 20)] == [1, 1, 1, 2, (100 << 20) // 16]


@given(st.binary(min_size=1, max_size=ROW_BYTES), st.integers(0, 0xFFFF_FFF0))
def test_every_row_reads_back_to_its_bytes(data: bytes, offset: int) -> None:
    row = hex_rows.format_row(offset, data)
    assert len(row) == ASCII_START + len(data)
    assert int(row[:8], 16) == offset
    assert bytes.fromhex(row[HEX_START:ASCII_START]) == data
    assert all(c.isprintable() and ord(c) < 128 for c in row)


@given(st.integers(0, ROW_BYTES - 1))
def test_a_column_maps_back_to_its_byte(index: int) -> None:
    assert hex_rows.byte_at_column(hex_rows.hex_column(index)) == index
    assert hex_rows.byte_at_column(hex_rows.hex_column(index) + 1) == index
    assert hex_rows.byte_at_column(ASCII_START + index) == index
    assert hex_rows.byte_at_column(0) is None


def test_copy_text_is_hex_pairs() -> None:
    assert hex_rows.hex_pairs(b"\x00\xffA") == "00 ff 41"
