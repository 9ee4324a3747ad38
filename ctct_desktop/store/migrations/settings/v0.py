"""Version 0 -> 1: a settings.json without ``format`` (hand-written, or made before the number).

Unversioned files already use the format 1 layout (one key per setting), so this step stamps
the number.
"""

from __future__ import annotations

from typing import Any


def upgrade(document: dict[str, Any]) -> dict[str, Any]:
    return {**document, "format": 1}
