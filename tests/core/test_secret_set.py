"""SecretSet: every encoding a secret can take is masked, including inside longer Base64."""

from __future__ import annotations

import base64
from urllib.parse import quote, quote_plus

from hypothesis import given, settings, strategies as st

from ctct_desktop.core.redaction import MASK, redact_text
from ctct_desktop.core.secret_set import SecretSet, SessionSecrets, base64_cores


def test_each_wire_form_is_masked() -> None:
    secret = "p@ss word+&<1>"
    secrets = SecretSet.of([secret])
    text = " ".join([secret, quote(secret, safe=""), quote_plus(secret),
                     "p@ss word+&amp;&lt;1&gt;", base64.b64encode(secret.encode()).decode()])
    out = redact_text(text, secrets)
    assert secret not in out and quote(secret, safe="") not in out and quote_plus(secret) not in out
    assert "&amp;&lt;1&gt;" not in out and out.count(MASK) == 5


@settings(max_examples=60, deadline=None)
@given(prefix=st.binary(max_size=7), suffix=st.binary(max_size=7),
       secret=st.text(st.characters(min_codepoint=33, max_codepoint=0x2FF), min_size=6, max_size=24))
def test_a_secret_inside_longer_base64_is_found_at_any_alignment(prefix: bytes, suffix: bytes, secret: str) -> None:
    blob = base64.b64encode(prefix + secret.encode() + suffix).decode()
    assert any(core in blob for core in base64_cores(secret))


def test_short_strings_are_not_secrets_and_sets_combine() -> None:
    assert not SecretSet.of(["", "abc"])
    both = SecretSet.of(["first-secret"]) | SecretSet.of(["second-secret"])
    assert "first-secret" in both and "second-secret" in both and len(both) == 2


def test_session_secrets_grow_only_from_added_sets() -> None:
    session = SessionSecrets()
    session.add(SecretSet.of(["token-aaaa"]))
    session.add(SecretSet.of(["token-bbbb"]))
    assert session.current().values == {"token-aaaa", "token-bbbb"}
