"""Binary or text, image or not: from the Content-Type and the first KiB, with the reason in words."""

from __future__ import annotations

import pytest

from ctct_desktop.core.binary.sniff import binary_reason, image_format

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


@pytest.mark.parametrize(("content_type", "head", "expected"), [
    ("image/png", PNG, "png"), ("application/octet-stream", PNG, "png"),  # the bytes win over a vague type
    ("image/jpeg", b"\xff\xd8\xff\xe0", "jpeg"), ("", b"GIF89a\x01\x00", "gif"),
    ("image/svg+xml; charset=utf-8", b"<svg/>", "svg"), ("application/xml", b"<svg/>", None),
    ("text/plain", b"hello", None), ("image/webp", b"RIFF", None),
])
def test_image_format(content_type: str, head: bytes, expected: str | None) -> None:
    assert image_format(content_type, head) == expected


@pytest.mark.parametrize(("content_type", "head"), [
    ("application/octet-stream", b"plain enough"),
    ("application/pdf", b"%PDF-1.7"),
    ("", b"abc\x00def"),
    ("application/atom+xml", b"<feed>\x00</feed>"),  # a declared text type with NUL bytes
    ("", "caf\u00e9".encode("latin-1") + b" and more text after the bad byte"),
    ("image/png", PNG),
    ("application/octet-stream", "\ufeffnot text by its type".encode("utf-16-le")),
])
def test_binary(content_type: str, head: bytes) -> None:
    assert binary_reason(content_type, head)


@pytest.mark.parametrize(("content_type", "head"), [
    ("application/atom+xml", b"<feed/>"),
    ("text/plain; charset=iso-8859-1", "caf\u00e9".encode("latin-1")),  # Latin-1 declared: text
    ("text/csv", "caf\u00e9".encode("latin-1")),  # a text type without NUL bytes stays text
    ("", "\u00e9t\u00e9 \u2603".encode() * 200),  # UTF-8 cut mid-character by the 1 KiB window
    ("", b""),
    ("image/svg+xml", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
    ("application/xml", "\ufeff<feed/>".encode("utf-16-le")),  # UTF-16 has NUL bytes: its BOM says text
    ("", "\ufeff<feed/>".encode("utf-16-be")),
    ("text/plain; charset=UTF-16LE", "plain".encode("utf-16-le")),
])
def test_text(content_type: str, head: bytes) -> None:
    assert binary_reason(content_type, head) is None


def test_the_reason_says_why() -> None:
    assert binary_reason("", b"\x00") == "it has NUL bytes in its first KiB"
    assert binary_reason("application/zip; x=y", b"PK") == "its type is application/zip"
