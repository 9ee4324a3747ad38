"""Body helpers every importer shares: the body kind a Content-Type implies, and multipart text."""

from __future__ import annotations

from ctct_desktop.core.models import BodyKind, Header

# Fixed, so the same paste always imports to the same body (a file diffs cleanly).
BOUNDARY = "----CTCTDesktopImportBoundary"
MULTIPART = f"multipart/form-data; boundary={BOUNDARY}"


def header_value(headers: list[Header] | tuple[Header, ...], name: str) -> str | None:
    wanted = name.lower()
    for h in headers:
        if h.name.strip().lower() == wanted:
            return h.value
    return None


def body_kind(content_type: str | None, body: str) -> BodyKind:
    """What the editor should show the body as: the Content-Type first, then the text itself."""
    if not body:
        return BodyKind.NONE
    media = (content_type or "").split(";")[0].strip().lower()
    if "xml" in media:
        return BodyKind.XML
    if "json" in media:
        return BodyKind.JSON
    if media in ("application/x-www-form-urlencoded", "multipart/form-data"):
        return BodyKind.FORM
    stripped = body.lstrip("\ufeff \t\r\n")
    if stripped.startswith("<") or stripped.startswith("?xml"):
        return BodyKind.XML
    if stripped[:1] in ("{", "[") and not stripped.startswith("{{"):
        return BodyKind.JSON
    if not media and "=" in stripped.split("&", 1)[0] and "\n" not in stripped.strip():
        return BodyKind.FORM
    return BodyKind.TEXT


def _quoted(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\r", " ").replace("\n", " ")


def multipart(fields: list[tuple[str, str]], files: list[tuple[str, str]] | None = None) -> str:
    """A multipart/form-data body for text fields (``files`` become empty parts with a file name;
    their contents are never read from the paster's disk)."""
    parts = []
    for name, value in fields:
        parts.append(f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{_quoted(name)}\"\r\n\r\n{value}\r\n")
    for name, filename in files or []:
        parts.append(f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{_quoted(name)}\"; "
                     f"filename=\"{_quoted(filename)}\"\r\nContent-Type: application/octet-stream\r\n\r\n\r\n")
    return "".join(parts) + f"--{BOUNDARY}--\r\n"
