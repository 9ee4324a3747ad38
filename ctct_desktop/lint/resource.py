"""What a URL addresses: API version, account username and v1 resource kind.

Rules are chosen from this plus the method and the body root, so a contact rule never fires on
a campaign and a body rule never fires on a GET.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from ctct_desktop.core.urls import split_url

_V1_MARK = "/ws/customers/"
_KINDS = ("contacts", "lists", "campaigns", "activities", "settings", "events", "library")


@dataclass(frozen=True)
class Target:
    api: str = ""  # "v1", "v2", "v3" or "" when the URL says nothing
    kind: str = ""  # contacts, lists, campaigns, schedules, activities, settings, ... or ""
    username: str | None = None  # the path segment, percent-decoded
    username_raw: str | None = None  # the path segment exactly as typed
    username_start: int | None = None  # offset of the raw segment in the URL
    item_id: str | None = None

    @property
    def is_item(self) -> bool:
        return self.item_id is not None


def _v1_target(url: str, path_start: int, path: str) -> Target:
    mark = path.find(_V1_MARK)
    rest = path[mark + len(_V1_MARK):]
    segments = rest.split("/")
    raw_user = segments[0]
    tail = [s for s in segments[1:] if s]
    kind = tail[0] if tail and tail[0] in _KINDS else ""
    item = tail[1] if len(tail) > 1 else None
    if kind == "campaigns" and len(tail) > 2 and tail[2] == "schedules":
        kind, item = "schedules", (tail[3] if len(tail) > 3 else None)
    start = path_start + mark + len(_V1_MARK)
    return Target("v1", kind, unquote(raw_user), raw_user, start, item)


def classify(url: str) -> Target:
    """Never raises: an unparsable URL simply addresses nothing known."""
    base = split_url(url.strip())[0]
    try:
        parts = urlsplit(base)
    except ValueError:
        return Target()
    path = parts.path
    path_start = url.find(path) if path else -1
    if _V1_MARK in path and path_start >= 0:
        return _v1_target(url, path_start, path)
    host = (parts.hostname or "").lower()
    if path.startswith("/v3/") or path == "/v3" or host == "api.cc.email":
        return Target("v3", _first_segment(path, "/v3/"))
    if path.startswith("/v2/") or path == "/v2":
        return Target("v2", _first_segment(path, "/v2/"))
    return Target()


def _first_segment(path: str, prefix: str) -> str:
    rest = path[len(prefix):] if path.startswith(prefix) else ""
    return rest.split("/")[0] if rest else ""
