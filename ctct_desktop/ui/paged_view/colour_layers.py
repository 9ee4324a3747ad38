"""A row's visible text as one string per colour, for painting it in a few calls.

Painted token by token, a lexed row took a ``setPen`` and a ``drawText`` per token: about forty
for a row of minified JSON, 20 ms of the UI thread for one screen, and more while workers shared
the interpreter (each call into Qt lets go of the GIL and waits to take it back). In a
fixed-width font every character takes one column, so each colour can be drawn in one call: the
row with every character of another colour turned into a space. Qt-free.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import TypeVar

Key = TypeVar("Key", bound=Hashable)


def colour_layers(shown: str, first_col: int, pieces: Iterable[tuple[int, int, Key]]) -> list[tuple[Key, str]]:
    """(key, text) for each colour key, in the order keys first appear. ``shown`` is the row's
    visible characters, the first at column ``first_col``; ``pieces`` are (start, end, key) in
    columns, in order and not overlapping. Each text is ``shown`` with the characters of the
    other keys blanked (trailing blanks left off)."""
    layers: dict[Key, list[str]] = {}
    ends: dict[Key, int] = {}
    for start, end, key in pieces:
        low, high = max(0, start - first_col), min(len(shown), end - first_col)
        if high <= low:
            continue
        parts = layers.get(key)
        if parts is None:
            parts = layers[key] = []
        at = ends.get(key, 0)
        if low > at:
            parts.append(" " * (low - at))
        parts.append(shown[low:high])
        ends[key] = high
    return [(key, "".join(parts)) for key, parts in layers.items()]


def split_at_selection(pieces: Iterable[tuple[int, int, Key]], selected: tuple[int, int] | None,
                       selected_key: Key) -> list[tuple[int, int, Key]]:
    """``pieces`` with the columns inside ``selected`` (start, end) given ``selected_key``."""
    if selected is None:
        return list(pieces)
    low, high = selected
    result: list[tuple[int, int, Key]] = []
    for start, end, key in pieces:
        if end <= low or start >= high:
            result.append((start, end, key))
            continue
        if start < low:
            result.append((start, low, key))
        result.append((max(start, low), min(end, high), selected_key))
        if end > high:
            result.append((high, end, key))
    return result
