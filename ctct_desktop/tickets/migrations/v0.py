"""Version 0 -> 1: a ticket.toml written by hand without ``format``; version 1 only adds the number."""

from __future__ import annotations

from typing import Any


def upgrade(document: dict[str, Any]) -> dict[str, Any]:
    return {**document, "format": 1}
