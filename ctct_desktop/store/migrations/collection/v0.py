"""Version 0 -> 1: a collection.toml without ``format`` (hand-written, or made before the number).

The layout never changed: ``name``, ``description`` and a ``[variables]`` table of text. Version 1
only adds the number, so this step stamps it.
"""

from __future__ import annotations

from typing import Any


def upgrade(document: dict[str, Any]) -> dict[str, Any]:
    return {**document, "format": 1}
