"""Is a body binary, is it an image, and why: from its Content-Type and its first KiB.

The text views decode what they are given; a PNG or a ZIP decoded as UTF-8 is noise, and a
100 MB one line of noise. This decides, once per body, that such a body is shown as hex (or as
an image) instead, and says why in words.
"""

from __future__ import annotations

SNIFF_BYTES = 1024
_TEXT_TYPES = ("text/", "json", "xml", "javascript", "x-www-form-urlencoded", "csv", "yaml")
_BINARY_TYPES = ("image/", "audio/", "video/", "font/", "application/octet-stream", "application/pdf",
                 "application/zip", "application/gzip", "application/x-gzip", "application/x-tar",
                 "application/vnd.ms-excel", "application/msword", "protobuf", "application/wasm")
_MAGIC = ((b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpeg"), (b"GIF87a", "gif"), (b"GIF89a", "gif"))
RASTER_FORMATS = ("png", "jpeg", "gif")
_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff")  # UTF-16 (and UTF-32 LE) text has NUL bytes and is still text


def media_type(content_type: str) -> str:
    """``image/png`` from ``image/png; charset=binary`` (lower case)."""
    return content_type.split(";", 1)[0].strip().lower()


def image_format(content_type: str, head: bytes) -> str | None:
    """"png", "jpeg", "gif" or "svg" when the body is an image this app shows, else None.

    The bytes win over a wrong type (servers label PNGs application/octet-stream)."""
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    kind = media_type(content_type)
    if kind == "image/svg+xml":
        return "svg"
    if kind in ("image/png", "image/jpeg", "image/jpg", "image/gif", "image/pjpeg"):
        return "png" if kind == "image/png" else "gif" if kind == "image/gif" else "jpeg"
    return None


def _invalid_utf8(head: bytes) -> bool:
    """Invalid UTF-8 before the last three bytes (a character may be cut by the sniff window)."""
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start < len(head) - 3 or exc.reason != "unexpected end of data"
    return False


def _declared_charset(content_type: str) -> str:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset":
            return value.strip("\"' ").lower()
    return ""


def binary_reason(content_type: str, head: bytes) -> str | None:
    """Why the body is binary (a sentence fragment), or None when it is text.

    A declared text type is binary only with NUL bytes (a Latin-1 page is text; UTF-16, with its
    NUL bytes, is text when its byte-order mark or charset says so); an undeclared or unknown one
    also when its first KiB is not UTF-8 and no other charset is declared."""
    head = head[:SNIFF_BYTES]
    kind = media_type(content_type)
    if image_format(content_type, head) == "svg":
        return None
    if kind.startswith(_BINARY_TYPES) or image_format(content_type, head) is not None:
        return f"its type is {kind or image_format(content_type, head)}"
    declared_text = any(marker in kind for marker in _TEXT_TYPES)
    charset = _declared_charset(content_type)
    wide = head.startswith(_WIDE_BOMS) or charset.startswith(("utf-16", "utf-32", "ucs-"))
    if b"\x00" in head and not (wide and (declared_text or head.startswith(_WIDE_BOMS))):
        return "it has NUL bytes in its first KiB"
    if wide:
        return None
    if not declared_text and charset in ("", "utf-8", "utf8") and _invalid_utf8(head):
        return "its first KiB is not valid UTF-8"
    return None
