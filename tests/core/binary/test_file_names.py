"""The name Save body suggests: the URL's last segment and an extension from the type."""

from __future__ import annotations

import pytest

from ctct_desktop.core.binary.file_names import extension_for, suggested_name


@pytest.mark.parametrize(("content_type", "url", "head", "expected"), [
    ("application/atom+xml", "https://api.constantcontact.com/ws/customers/joe/contacts?email=a", b"", "contacts.xml"),
    ("application/json", "https://x/v2/lists/", b"", "lists.json"),
    ("text/csv; charset=utf-8", "https://x/exports/report.csv", b"", "report.csv"),
    ("image/png", "https://x/img/logo.png", b"", "logo.png"),
    ("image/jpeg", "https://x/img/photo.jpeg", b"", "photo.jpeg"),
    ("application/octet-stream", "https://x/img/pic", b"\x89PNG\r\n\x1a\n", "pic.png"),
    ("application/xml", "https://x/ws/customers/joe/contacts/42", b"", "42-response.xml"),
    ("text/plain", "", b"", "response.txt"),
    ("", "https://x/", b"\x00\x01", "response.bin"),
    ("", "https://x/a", b"{\"a\": 1}", "a.json"),
    ("application/xml", "https://x/..%2F..%2Fetc%2Fpasswd", b"", "etc_passwd.xml"),  # never a path
    ("application/vnd.ctct+xml", "http://[::1", b"", "response.xml"),  # an unparsable URL
])
def test_suggested_name(content_type: str, url: str, head: bytes, expected: str) -> None:
    assert suggested_name(content_type, url, head) == expected


def test_extensions() -> None:
    assert extension_for("application/problem+json") == ".json"
    assert extension_for("image/svg+xml") == ".svg"
    assert extension_for("text/html; charset=utf-8") == ".html"
    assert extension_for("application/pdf") == ".pdf"
