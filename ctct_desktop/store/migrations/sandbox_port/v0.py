"""Version 0 -> 1: a file without ``format`` (written by hand, e.g. ``{"port": 8089}``).

Version 1 has the same single ``port`` field and only adds the number, so this step stamps it.
"""

from __future__ import annotations

from typing import Any


def upgrade(document: dict[str, Any]) -> dict[str, Any]:
    return {**document, "format": 1}
