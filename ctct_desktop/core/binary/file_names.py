"""A file name to suggest when a body is saved or opened elsewhere: from the URL's last path
segment and an extension from the Content-Type (or the image's bytes)."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from ctct_desktop.core.binary.sniff import image_format, media_type

_BY_TYPE = {
    "application/json": ".json", "application/xml": ".xml", "text/xml": ".xml", "application/atom+xml": ".xml",
    "text/csv": ".csv", "text/plain": ".txt", "text/html": ".html", "image/png": ".png", "image/jpeg": ".jpg",
    "image/gif": ".gif", "image/svg+xml": ".svg", "application/pdf": ".pdf", "application/zip": ".zip",
    "application/gzip": ".gz", "application/x-www-form-urlencoded": ".txt", "application/octet-stream": ".bin",
}
_BY_IMAGE = {"png": ".png", "jpeg": ".jpg", "gif": ".gif", "svg": ".svg"}
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
DEFAULT_STEM = "response"


def extension_for(content_type: str, head: bytes = b"") -> str:
    """``.xml`` for any XML type (``+xml`` included), ``.json`` likewise; ``.bin`` for unknown bytes,
    ``.txt`` for unknown text."""
    image = image_format(content_type, head)
    if image is not None:
        return _BY_IMAGE[image]
    kind = media_type(content_type)
    if kind in _BY_TYPE:
        return _BY_TYPE[kind]
    if kind.endswith("+json") or "json" in kind:
        return ".json"
    if kind.endswith("+xml") or "xml" in kind:
        return ".xml"
    if kind.startswith("text/"):
        return ".txt"
    if b"\x00" in head[:1024]:
        return ".bin"
    stripped = head[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"<"):
        return ".xml"
    if stripped.startswith((b"{", b"[")):
        return ".json"
    return ".txt" if head or not kind else ".bin"


def suggested_name(content_type: str, url: str = "", head: bytes = b"") -> str:
    """``contacts.xml`` for ``…/ws/customers/joe/contacts?x=1`` returning XML; a segment that already
    ends in the right extension keeps it; ``response.<ext>`` when the URL gives nothing usable."""
    extension = extension_for(content_type, head)
    try:
        path = urlsplit(url).path
    except ValueError:
        path = ""
    segment = unquote(path.rstrip("/").rsplit("/", 1)[-1]) if path else ""
    stem = _UNSAFE.sub("_", segment).strip("._")[:80]
    if not stem or stem.isdigit():  # an id says nothing about what the file holds
        stem = f"{stem}-{DEFAULT_STEM}" if stem else DEFAULT_STEM
    if stem.lower().endswith(extension) or (extension == ".jpg" and stem.lower().endswith(".jpeg")):
        return stem
    return stem + extension
