"""Start-up recovery: the last session's drafts back in their tabs, with what they belong to.

Every open tab has a draft (meta "tab_order" and "current_tab" say where it was and which one
was in front); a draft from a version without tabs (id "current", no order) comes back as one tab.

A draft names its file (meta "path"). When the draft differs from that file, the edits come back
as unsaved changes; when it is the same, the file simply reopens. A draft whose file is gone, or
that belongs to a new request, comes back as an unsaved new request. Drafts hold ``{{variable}}``
references but no literal secrets, so a recovered password field is empty or a reference.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from dataclasses import dataclass
from pathlib import Path

from ctct_desktop.core.models import RequestModel
from ctct_desktop.store.drafts import Draft, DraftStore
from ctct_desktop.store.request_file import RequestFileError, SavedRequest, load_request
from ctct_desktop.ui.documents.model import (
    DRAFT_ID,
    META_CURRENT,
    META_ORDER,
    TAB_PREFIX,
    Document,
    comparable,
    meta_name,
    meta_path,
    meta_sandbox_url,
    same_as_draft,
)

Show = Callable[[RequestModel], RequestModel]  # puts a request in the editor, returns what it holds


@dataclass(frozen=True)
class Recovered:
    document: Document
    message: str
    sandbox_base_url: str = ""  # the sandbox address the draft was written against ("" when unknown)


def _order(draft: Draft) -> int:
    text = draft.meta.get(META_ORDER, "")
    return int(text) if re.fullmatch(r"[0-9]{1,6}", text) else -1  # ASCII digits only; legacy first


def tab_drafts(drafts: DraftStore) -> tuple[list[Draft], str]:
    """The drafts of the last session's tabs in tab order, and the id of the one that was in front:
    the last one written that says so (after a crash, autosaves of several tabs may), else the last."""
    found = [d for d in drafts.load_all() if d.draft_id == DRAFT_ID or d.draft_id.startswith(TAB_PREFIX)]
    ordered = sorted(found, key=lambda d: (_order(d), d.saved_at))
    fronts = [d for d in found if d.meta.get(META_CURRENT) == "yes"] or found  # load_all: oldest first
    return ordered, fronts[-1].draft_id if fronts else ""


def _load(path: Path | None) -> SavedRequest | None:
    if path is None:
        return None
    try:
        return load_request(path)
    except (RequestFileError, OSError, ValueError):  # a hand-edited meta may name no usable path at all
        return None


def recover_draft(drafts: DraftStore, draft: Draft, show: Show,
                  is_read_only: Callable[[Path], bool]) -> Recovered | None:
    """Put the draft (or its unchanged file) in the editor; None when there is nothing to bring back."""
    path = meta_path(draft.meta)
    saved = _load(path)
    if saved is None or path is None:
        return _recover_unsaved(drafts, draft, path, show)
    on_disk = show(saved.request)
    edited = show(draft.request)
    document = Document(saved.name, saved.description, path, comparable(on_disk), is_read_only(path))
    if same_as_draft(on_disk, edited):
        show(saved.request)  # the draft stays: it holds the tab's place until the tab is closed
        return Recovered(document, f"Reopened “{saved.name}”.", meta_sandbox_url(draft.meta))
    return Recovered(document, f"Recovered unsaved changes to “{saved.name}”.", meta_sandbox_url(draft.meta))


def _recover_unsaved(drafts: DraftStore, draft: Draft, path: Path | None, show: Show) -> Recovered | None:
    """A new request's draft, or one whose file was deleted or cannot be read any more."""
    if path is None and same_as_draft(draft.request, RequestModel()):
        drafts.discard(draft.draft_id)
        return None
    show(draft.request)
    name = meta_name(draft.meta)
    document = Document(name, draft.meta.get("description", ""), None, None)
    where = f" (its file {path} is gone or unreadable)" if path is not None else ""
    return Recovered(document, f"Recovered unsaved changes to “{name}”{where}.", meta_sandbox_url(draft.meta))
