"""PKCE (RFC 7636, S256) and the anti-forgery ``state`` value."""

from __future__ import annotations

import base64
import hashlib
import secrets as random_source


def make_verifier() -> str:
    """A 64-character code verifier from the unreserved alphabet (RFC 7636 §4.1: 43-128)."""
    return random_source.token_urlsafe(48)


def challenge_s256(verifier: str) -> str:
    """BASE64URL(SHA256(verifier)) without padding."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def make_state() -> str:
    return random_source.token_urlsafe(24)
