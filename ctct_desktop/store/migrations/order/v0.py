"""Version 0 -> 1: an order.toml written by hand without ``format``; the ``order`` list is the same."""

from __future__ import annotations

from typing import Any


def upgrade(document: dict[str, Any]) -> dict[str, Any]:
    return {**document, "format": 1}
