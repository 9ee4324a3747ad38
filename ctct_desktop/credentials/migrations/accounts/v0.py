"""Version 0 -> 1: an accounts.json without ``format``.

Format 1 kept its number under the old key ``format_version`` (the only value ever written was 1),
and a file without any number was read as format 1 too. So this step takes the old key's number
as the format, refusing any other value, and leaves renaming the key to ``v1.py``.
"""

from __future__ import annotations

from typing import Any

from ctct_desktop.core.migrations import number_from_old_key

OLD_KEY = "format_version"


def upgrade(document: dict[str, Any]) -> dict[str, Any]:
    return number_from_old_key(document, OLD_KEY, "the accounts file",
                               ", so this file was not written by CTCT Desktop")
