"""Python str offsets -> Qt document positions.

The linter counts Python characters (code points); QTextDocument counts UTF-16 code units, so a
character outside the Basic Multilingual Plane (an emoji in a contact's name) shifts every later
position by one. Most bodies have none, so the common case costs one scan.
"""

from __future__ import annotations

import bisect


class PositionMap:
    """Converts offsets in one text; build once per lint result."""

    def __init__(self, text: str) -> None:
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]

    def to_qt(self, index: int) -> int:
        return index + bisect.bisect_left(self._astral, index)
