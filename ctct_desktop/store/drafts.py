"""Autosave of unsaved editor state, so a crash or power loss loses nothing the user typed.

One JSON file per draft, written atomically (old or new version on disk, never half of one).
Secrets are not written: the request goes through redact_request, while ``{{variable}}``
references in the auth fields are kept, since a reference is not a secret.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ctct_desktop.core.migrations import MigrationError, migrate_document
from ctct_desktop.core.models import Header, RequestModel
from ctct_desktop.core.redaction import auth_secrets, redact_header_value, redact_request, redact_text
from ctct_desktop.core.atomic import write_atomic
from ctct_desktop.store.history_codec import CodecError, request_from_dict, request_to_dict
from ctct_desktop.store.history_prepare import utc_now_iso

DRAFT_FORMAT = 1
DRAFT_STEPS = "ctct_desktop.store.migrations.drafts"
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")
_REFERENCE = re.compile(r"^\s*\{\{\s*[^{}\s]+\s*\}\}\s*$")
_SECRET_AUTH_FIELDS = ("password", "api_key", "token")
_STALE_TEMP_S = 60.0  # a leftover temp file older than this belongs to no running write
MAX_DRAFT_BYTES = 64 * 1024 * 1024


class DraftError(ValueError):
    """A draft could not be saved (bad id, bad meta); the message says why."""


@dataclass(frozen=True)
class Draft:
    draft_id: str
    request: RequestModel
    meta: dict[str, str] = field(default_factory=dict)  # e.g. the saved file the draft belongs to
    saved_at: str = ""  # UTC ISO 8601


def safe_request(request: RequestModel) -> RequestModel:
    """The request without secrets, keeping every {{variable}} reference (they are not secrets)."""
    auth = request.auth
    references = {name: getattr(auth, name) for name in _SECRET_AUTH_FIELDS
                  if _REFERENCE.match(getattr(auth, name))}
    # References stay out of the values masked everywhere else.
    emptied: dict[str, Any] = {name: "" for name in references}
    without_references = replace(auth, **emptied)
    plain = request.with_changes(auth=without_references)
    redacted = redact_request(plain)
    known = auth_secrets(without_references)
    headers = tuple(Header(h.name, redact_header_value(h.name, h.value, known), h.enabled) for h in plain.headers)
    return redacted.with_changes(
        auth=replace(redacted.auth, **references),
        url=redact_text(plain.url, known),
        body=redact_text(plain.body, known),
        headers=headers,
    )


def _check_id(draft_id: str) -> str:
    if not isinstance(draft_id, str) or not _ID.match(draft_id) or draft_id.endswith(".tmp"):
        raise DraftError(f"draft id {draft_id!r} must be 1-128 letters, digits, '.', '_' or '-', "
                         f"starting with a letter or digit")
    return draft_id


def _check_meta(meta: dict[str, str]) -> dict[str, str]:
    if not isinstance(meta, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                             for k, v in meta.items()):
        raise DraftError("draft meta must map text to text")
    return dict(meta)


def draft_to_json(draft: Draft) -> str:
    payload = {
        "format": DRAFT_FORMAT,
        "draft_id": draft.draft_id,
        "saved_at": draft.saved_at,
        "meta": dict(sorted(draft.meta.items())),
        "request": request_to_dict(draft.request),
    }
    return json.dumps(payload, indent=2, ensure_ascii=True) + "\n"


def draft_from_json(text: str) -> Draft:
    """A Draft from file text; CodecError says what is wrong."""
    try:
        data: Any = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise CodecError(f"not JSON ({exc})") from None
    if not isinstance(data, dict):
        raise CodecError("expected a JSON object")
    try:
        data = migrate_document(data, DRAFT_STEPS, DRAFT_FORMAT, "draft").document
    except MigrationError as exc:
        raise CodecError(str(exc)) from None
    meta = data.get("meta", {})
    draft_id, saved_at = data.get("draft_id"), data.get("saved_at", "")
    if not isinstance(draft_id, str) or not isinstance(saved_at, str):
        raise CodecError("draft_id and saved_at must be text")
    try:
        meta = _check_meta(meta)
    except DraftError as exc:
        raise CodecError(str(exc)) from None
    request = request_from_dict(data.get("request", {}))
    return Draft(draft_id, request, meta, saved_at)


class DraftStore:
    """Drafts in ``folder`` (usually app_dirs().drafts), one file each."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.problems: list[str] = []  # from the last load_all: files that could not be read

    def path_of(self, draft_id: str) -> Path:
        return self.folder / f"{_check_id(draft_id)}.json"

    def save(self, draft_id: str, request: RequestModel, meta: dict[str, str] | None = None) -> Draft:
        """Write the draft atomically (secrets removed); returns what was written."""
        draft = Draft(_check_id(draft_id), safe_request(request), _check_meta(meta or {}), utc_now_iso())
        write_atomic(self.path_of(draft_id), draft_to_json(draft))
        return draft

    def discard(self, draft_id: str) -> bool:
        """Forget a draft (the user saved or closed the tab); False when there was none."""
        try:
            self.path_of(draft_id).unlink()
            return True
        except FileNotFoundError:
            return False

    def load_all(self) -> list[Draft]:
        """Every readable draft, oldest save first. Unreadable files are kept and reported."""
        self.problems = []
        if not self.folder.is_dir():
            return []
        self._remove_stale_temp_files()
        drafts: list[Draft] = []
        for path in sorted(self.folder.glob("*.json")):
            draft = self._load_one(path)
            if draft is not None:
                drafts.append(draft)
        return sorted(drafts, key=lambda d: (d.saved_at, d.draft_id))

    def _load_one(self, path: Path) -> Draft | None:
        try:
            if path.stat().st_size > MAX_DRAFT_BYTES:
                raise CodecError(f"larger than {MAX_DRAFT_BYTES // (1024 * 1024)} MiB")
            draft = draft_from_json(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, CodecError) as exc:
            self.problems.append(f"The draft {path.name} could not be read ({exc}); it was left in place.")
            return None
        if not _ID.match(path.stem):
            self.problems.append(f"The draft {path.name} has a name drafts never get; it was left in place.")
            return None
        if draft.draft_id != path.stem:
            draft = replace(draft, draft_id=path.stem)
        return draft

    def _remove_stale_temp_files(self) -> None:
        """Temp files of writes a crash interrupted (the real file is intact beside them)."""
        now = time.time()
        for temp in self.folder.glob(".*.json.*.tmp"):
            try:
                if now - temp.stat().st_mtime > _STALE_TEMP_S:
                    temp.unlink()
            except OSError:
                pass
