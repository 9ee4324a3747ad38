"""A row painted one colour at a time: each layer is the row with the other colours blanked, and
the selection takes its own colour exactly over the selected columns."""

from __future__ import annotations


from PySide6 import QtGui

from ctct_desktop.core.formatting import Syntax
from ctct_desktop.ui.paged_view.colour_layers import colour_layers, split_at_selection


def test_each_colour_gets_the_row_with_the_others_blanked() -> None:
    shown = '{"id":12}'
    pieces = [(10, 11, "p"), (11, 15, "key"), (15, 16, "p"), (16, 18, "num"), (18, 19, "p")]
    assert colour_layers(shown, 10, pieces) == [("p", "{    :  }"), ("key", ' "id"'), ("num", "      12")]


def test_pieces_outside_the_visible_columns_are_cut_or_dropped() -> None:
    assert colour_layers("cdef", 2, [(0, 3, "a"), (3, 5, "b"), (5, 9, "a"), (9, 12, "c")]) == [("a", "c  f"), ("b", " de")]


def test_the_selection_splits_pieces_at_its_edges() -> None:
    pieces = [(0, 4, "a"), (4, 8, "b")]
    assert split_at_selection(pieces, (2, 6), "sel") == [(0, 2, "a"), (2, 4, "sel"), (4, 6, "sel"), (6, 8, "b")]
    assert split_at_selection(pieces, None, "sel") == pieces
    assert colour_layers("abcdefgh", 0, split_at_selection(pieces, (2, 6), "sel")) == [
        ("a", "ab"), ("sel", "  cdef"), ("b", "      gh")]


def test_a_lexed_row_is_painted_in_few_calls_and_every_glyph_stays_in_its_column(make_view, qtbot,
                                                                                monkeypatch) -> None:
    view = make_view(b'[' + b",".join(b'{"id":%d,"name":"n%d","ok":true}' % (i, i) for i in range(400)) + b"]",
                     Syntax.JSON)
    qtbot.waitUntil(lambda: not view._styles.pending and bool(view._styles.spans(0, view.source.text(0), 100)))  # noqa: SLF001
    calls: list[tuple[float, str]] = []  # (baseline, text) of the text runs
    real = QtGui.QPainter.drawText

    def counting(painter, *args):  # type: ignore[no-untyped-def]
        if len(args) == 2 and isinstance(args[1], str):
            calls.append((args[0].y(), args[1]))
        return real(painter, *args)

    monkeypatch.setattr(QtGui.QPainter, "drawText", counting)
    image = view.viewport().grab().toImage()  # paints once, in colour
    rows = min(view.visible_rows(), view.source.row_count)
    assert calls and len(calls) <= rows * 6  # a handful of colours a row, not one call per token
    # the layers of row 0, laid over each other, give its text back, each column from one layer only
    top = min(y for y, _ in calls)
    first = [layer for y, layer in calls if y == top]
    assert len(first) >= 3  # brackets, keys, numbers...: several colours
    text = view.source.text(0)
    for column, char in enumerate(text[:60]):
        drawn = [layer[column] for layer in first if column < len(layer) and layer[column] != " "]
        assert drawn == ([char] if char != " " else [])
    assert not image.isNull()
