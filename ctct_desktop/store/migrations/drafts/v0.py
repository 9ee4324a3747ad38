"""Version 0 -> 1: a draft file without ``format`` (hand-written; the program always wrote one).

The layout never changed: ``draft_id``, ``saved_at``, ``meta`` and ``request`` (the history's
request codec). Version 1 only adds the number, so this step stamps it.
"""

from __future__ import annotations

from typing import Any


def upgrade(document: dict[str, Any]) -> dict[str, Any]:
    return {**document, "format": 1}
