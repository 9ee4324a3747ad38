from __future__ import annotations

from typing import Any


def upgrade(document: dict[str, Any]) -> dict[str, Any]:
    return {**document, "trail": [*document.get("trail", []), 2], "format": 3}
