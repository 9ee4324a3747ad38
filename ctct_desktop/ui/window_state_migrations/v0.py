"""Version 0 -> 1: a window-state.json without ``format``.

Format 1 kept its number under the old key ``format_version`` (only 1 was ever written). A file
without any number holds nothing but layout worth trying, so it is read as format 1 as well.
Renaming the key is ``v1.py``'s job.
"""

from __future__ import annotations

from typing import Any

from ctct_desktop.core.migrations import number_from_old_key

OLD_KEY = "format_version"


def upgrade(document: dict[str, Any]) -> dict[str, Any]:
    return number_from_old_key(document, OLD_KEY, "the window state file")
