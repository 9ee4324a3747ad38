from __future__ import annotations

from typing import Any


def upgrade(document: dict[str, Any]) -> dict[str, Any]:
    return {**document, "changed": True}
