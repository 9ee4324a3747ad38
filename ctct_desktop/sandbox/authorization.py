"""Reading the Authorization header ourselves.

werkzeug's ``request.authorization`` raises ValueError on a non-ASCII byte in a Basic
credential (``base64.b64decode`` of a str), which reached the client as a 500. Here every
malformed header is simply "no usable credentials", and the caller answers 401 (or 400).
"""

from __future__ import annotations

import base64
import binascii


def split_header(header: str) -> tuple[str, str]:
    """(scheme in lower case, the rest without surrounding blanks); ("", "") when absent."""
    scheme, _, value = header.strip().partition(" ")
    return scheme.lower(), value.strip(" \t")


def decode_basic(value: str) -> tuple[str, str] | None:
    """(user, password) from a Basic credential, or None when it is not base64 of UTF-8 ``user:password``."""
    try:
        decoded = base64.b64decode(value.encode("ascii"), validate=True).decode("utf-8")
    except (UnicodeError, binascii.Error):
        return None
    user, sep, password = decoded.partition(":")
    return (user, password) if sep else None


def basic_credentials(header: str) -> tuple[str, str] | None:
    """(user, password) when ``header`` is a well-formed Basic credential, else None."""
    scheme, value = split_header(header)
    return decode_basic(value) if scheme == "basic" else None
