"""The display-row index: lines, long lines cut on character boundaries, any chunking."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ctct_desktop.core.paging.rows import RowIndex, index_file


def expected_rows(data: bytes, max_row: int) -> list[tuple[int, int]]:
    """(row start, line) pairs, computed the slow and obvious way."""
    rows, position = [], 0
    for line_number, line in enumerate(data.split(b"\n")):
        start, end = position, position + len(line)
        rows.append((start, line_number))
        while end - start > max_row:
            cut = start + max_row
            while cut > start + max_row - 3 and (data[cut] & 0xC0) == 0x80:
                cut -= 1
            start = cut
            rows.append((start, line_number))
        position = end + 1
    return rows


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600).map(lambda b: b.replace(b"\r", b"")) | st.text(max_size=300).map(str.encode),
       st.sampled_from([16, 33, 64]), st.lists(st.integers(1, 90), min_size=1, max_size=40))
def test_rows_match_the_obvious_computation_for_any_chunking(data, max_row, cuts):
    index = RowIndex(max_row)
    position, turn = 0, 0
    while position < len(data):
        step = cuts[turn % len(cuts)]
        index.feed(data[position:position + step])
        position, turn = position + step, turn + 1
    index.finish()
    assert [(index.row(r).start, index.row(r).line) for r in range(index.row_count)] == expected_rows(data, max_row)
    expected = expected_rows(data, max_row)
    assert [(index.starts[r], index.line_of(r)) for r in range(len(index.starts))] == expected
    assert index.line_count == expected[-1][1] + 1
    first_rows = {}
    for number, (_start, line) in enumerate(expected):
        first_rows.setdefault(line, number)
    assert all(index.first_row_of_line(line) == number for line, number in first_rows.items())
    assert all(index.row(r).continues == (r > 0 and expected[r - 1][1] == expected[r][1]) for r in range(len(expected)))


def test_rows_read_back_lines_and_pieces(tmp_path: Path):
    body = tmp_path / "body.txt"
    body.write_bytes(b"first\n" + "é".encode() * 40 + b"\nlast")
    index = index_file(body, RowIndex(16), chunk=7)
    data = body.read_bytes()
    texts = [data[index.row(i).start:index.row(i).end].decode() for i in range(index.row_count)]
    assert texts[0] == "first" and texts[-1] == "last"
    assert "".join(texts[1:-1]) == "é" * 40  # every piece decodes: no character was cut in two
    assert all(len(t.encode()) <= 16 for t in texts)
    assert index.row(2).continues and not index.row(1).continues
    assert index.line_count == 3
    assert index.first_row_of_line(2) == index.row_count - 1
    assert index.row_of_offset(len(data) - 1) == index.row_count - 1


def test_a_one_line_body_becomes_many_rows(tmp_path: Path):
    body = tmp_path / "one-line.xml"
    body.write_bytes(b"<a>" + b"<b>x</b>" * 100_000 + b"</a>")
    index = index_file(body)
    assert index.line_count == 1
    assert index.row_count == -(-body.stat().st_size // index.max_row)


def test_an_empty_file_has_one_empty_row(tmp_path: Path):
    body = tmp_path / "empty"
    body.write_bytes(b"")
    index = index_file(body)
    assert index.row_count == 1 and index.row(0).start == index.row(0).end == 0


def test_row_starts_take_four_bytes_and_widen_past_4_gib(monkeypatch) -> None:
    """A 100 MB pretty JSON body has ten million rows: 4 bytes a row, 8 once offsets pass 4 GiB
    (the limit is lowered here so the switch happens in a small file, mid-chunk)."""
    from ctct_desktop.core.paging import rows

    data = b"".join(b"line %d\n" % i for i in range(5000)) + b"x" * 10_000 + b"\nend"
    index = RowIndex(64)
    assert index.starts.itemsize == 4
    monkeypatch.setattr(rows, "_SMALL_LIMIT", 20_000)
    for position in range(0, len(data), 777):
        index.feed(data[position:position + 777])
    index.finish()
    assert index.starts.typecode == "q"
    assert [(index.row(r).start, index.row(r).line) for r in range(index.row_count)] == expected_rows(data, 64)
