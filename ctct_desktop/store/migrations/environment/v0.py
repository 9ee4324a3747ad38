"""Version 0 -> 1: an environment file without ``format`` (hand-written, or made before the number).

The layout never changed: ``name`` and a ``[variables]`` table whose values are text or
``{ secret = "reference" }``. Version 1 only adds the number, so this step stamps it.
"""

from __future__ import annotations

from typing import Any


def upgrade(document: dict[str, Any]) -> dict[str, Any]:
    return {**document, "format": 1}
