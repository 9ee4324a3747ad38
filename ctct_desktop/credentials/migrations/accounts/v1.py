"""Version 1 -> 2: the number moves to the key every format uses, ``format_version`` becomes ``format``.

Nothing else changed: an ``accounts`` list of objects with ``name``, ``kind`` and the optional
``username``, ``client_id``, ``api_version``, ``auth_server``, ``scope`` and ``expires_at``.
"""

from __future__ import annotations

from typing import Any


def upgrade(document: dict[str, Any]) -> dict[str, Any]:
    upgraded = {key: value for key, value in document.items() if key != "format_version"}
    upgraded["format"] = 2
    return upgraded
