"""What a resource handler gets: the parsed request, the state, the account and its quirks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from werkzeug.wrappers import Request

from ctct_desktop.sandbox import errors
from ctct_desktop.sandbox.db import Database
from ctct_desktop.sandbox.feeds import ATOM_MEDIA
from ctct_desktop.sandbox.quirks import Quirks

if TYPE_CHECKING:
    from ctct_desktop.sandbox.activities import ActivityWorker


@dataclass
class Ctx:
    request: Request
    db: Database
    username: str
    quirks: Quirks
    worker: ActivityWorker

    @property
    def account_path(self) -> str:
        return f"/ws/customers/{self.username}"

    def absolute(self, path: str) -> str:
        """A URL on this sandbox (Location headers point where the client can follow them)."""
        return self.request.host_url.rstrip("/") + path

    def atom_body(self) -> bytes:
        """The request body, after checking it was sent as application/atom+xml (else 415)."""
        mimetype = self.request.mimetype
        if mimetype != ATOM_MEDIA:
            raise errors.unsupported_media(ATOM_MEDIA, self.request.content_type or "")
        return self.request.get_data(cache=True)
