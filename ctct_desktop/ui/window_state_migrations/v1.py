"""Version 1 -> 2: the file keeps only layout, under the key every format uses (``format``).

Format 1 (``format_version = 1``) also held ``draft`` (the editor's request, secrets removed),
``sandbox_base_url`` (the sandbox address that draft was written against) and an unused ``extra``.
Drafts belong to the draft store (store/drafts.py) alone now.

Is the old draft redundant with the draft store? For files written since the draft store's
autosave came in (a draft one second after each edit and on close, recovered by
``DocumentController.recover()``), yes: whenever the draft store holds no draft at close, the
window-state draft was a request the user discarded or never typed into. But for files written
before it, the window-state draft was the only copy of what the editor held, and a file cannot
tell which program wrote it. So the draft is not dropped: it is moved under ``legacy_draft``
(with its sandbox address) for ``WindowStateStore.load`` to hand to the draft store once, unless
the draft store already holds a draft, which is newer. The writer never writes ``legacy_draft``.
"""

from __future__ import annotations

from typing import Any

LEGACY_DRAFT = "legacy_draft"
_LAYOUT = ("geometry", "dock_state", "splitter")


def upgrade(document: dict[str, Any]) -> dict[str, Any]:
    upgraded: dict[str, Any] = {"format": 2}
    upgraded.update({key: document[key] for key in _LAYOUT if key in document})
    draft = document.get("draft")
    if isinstance(draft, dict):
        base_url = document.get("sandbox_base_url", "")
        upgraded[LEGACY_DRAFT] = {"request": draft, "sandbox_base_url": base_url if isinstance(base_url, str) else ""}
    return upgraded
