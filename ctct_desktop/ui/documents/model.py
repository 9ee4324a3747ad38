"""The current request document as plain data, and the comparisons behind "unsaved changes".

No widgets here: the controller (controller.py) keeps one ``Document`` and asks these functions
whether the editor differs from the file, which secrets a save leaves out, and what a draft's
meta says. A file never holds literal secrets, so every comparison is made on the request as a
file would keep it (``comparable``): typing a password does not make the document "unsaved".
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ctct_desktop.core.models import BodyKind, RequestModel
from ctct_desktop.core.redaction import reference_secret_params
from ctct_desktop.store.drafts import safe_request
from ctct_desktop.store.request_file import (
    SECRET_AUTH_FIELDS,
    strip_secrets,
    writable_secret,
)

NEW_REQUEST_NAME = "New request"
DRAFT_ID = "current"  # the first tab's draft (drafts/current.json), as versions without tabs wrote it
TAB_PREFIX = "tab-"  # the other tabs' drafts: tab-<random>.json
META_SANDBOX = "sandbox_base_url"
META_ORDER = "tab_order"  # the tab's position, "0" first
META_CURRENT = "current_tab"  # "yes" on the tab that was in front

_SECRET_WORDS = {"password": ("the password", "{{password}}"),
                 "api_key": ("the API key", "{{api_key}}"),
                 "token": ("the access token", "{{token}}")}


@dataclass(frozen=True)
class Document:
    """What the editor is showing: a saved file, a template, or an unsaved new request.

    ``baseline`` is the comparable form of what is on disk (or of the blank request a new
    document started from); None means nothing on disk matches it, so it is always unsaved.
    """

    name: str = NEW_REQUEST_NAME
    description: str = ""
    path: Path | None = None
    baseline: RequestModel | None = None
    read_only: bool = False  # a built-in template: saving makes a copy

    @property
    def untitled(self) -> bool:
        return self.path is None


def comparable(model: RequestModel) -> RequestModel:
    """The request as a saved file keeps it: literal secrets out, secret parameters as references."""
    body = reference_secret_params(model.body) if model.body_kind is BodyKind.FORM else model.body
    return model.with_changes(auth=strip_secrets(model.auth), url=reference_secret_params(model.url), body=body)


def is_dirty(document: Document, editor_model: RequestModel) -> bool:
    return document.baseline is None or comparable(editor_model) != document.baseline


def same_as_draft(a: RequestModel, b: RequestModel) -> bool:
    """Equal once both went through what a draft does to a request (secrets masked) and a file does."""
    return comparable(safe_request(a)) == comparable(safe_request(b))


def left_out_secrets(model: RequestModel) -> list[str]:
    """The auth fields holding a literal secret, which a save drops (file order)."""
    return [f for f in SECRET_AUTH_FIELDS if getattr(model.auth, f) and not writable_secret(getattr(model.auth, f))]


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def secrets_note(model: RequestModel) -> str:
    """One or two sentences for the status bar when a save left secrets out; "" when none."""
    sentences: list[str] = []
    fields = left_out_secrets(model)
    if fields:
        things = [_SECRET_WORDS[f][0] for f in fields]
        references = ", ".join(_SECRET_WORDS[f][1] for f in fields)
        verb = "was" if len(fields) == 1 else "were"
        sentence = f"{_join(things)} {verb} not saved to the file; use {references} or an account."
        sentences.append(sentence[0].upper() + sentence[1:])
    if reference_secret_params(model.url) != model.url:
        sentences.append("Secret parameters in the URI were saved as {{name}} references.")
    if model.body_kind is BodyKind.FORM and reference_secret_params(model.body) != model.body:
        sentences.append("Secret form fields in the body were saved as {{name}} references.")
    return " ".join(sentences)


def draft_meta(document: Document, sandbox_base_url: str = "", order: int | None = None,
               front: bool = False) -> dict[str, str]:
    """What a draft records beside the request: its document, its tab's place, and the sandbox
    address it was written against (the next start points a draft at the sandbox's address)."""
    meta = {"path": str(document.path) if document.path is not None else "", "name": document.name,
            "description": document.description}
    if sandbox_base_url:
        meta[META_SANDBOX] = sandbox_base_url
    if order is not None:
        meta[META_ORDER] = str(order)
    if front:
        meta[META_CURRENT] = "yes"
    return meta


def meta_path(meta: dict[str, str]) -> Path | None:
    text = meta.get("path", "").strip()
    return Path(text) if text else None


def meta_name(meta: dict[str, str]) -> str:
    return meta.get("name", "").strip() or NEW_REQUEST_NAME


def meta_sandbox_url(meta: dict[str, str]) -> str:
    return meta.get(META_SANDBOX, "").strip()
