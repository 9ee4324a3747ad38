"""The one redaction function family. Logs, history, exports and error reports go through here.

Secrets are removed by two means together: by position (Authorization headers, known secret
query parameters, form fields and XML/JSON keys) and by value (every secret string the caller
knows, raw and Base64-encoded, wherever it appears).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from ctct_desktop.core.models import Auth, AuthKind, Header, RequestModel
from ctct_desktop.core.secret_set import SecretSet
from ctct_desktop.core.ui_pace import give_way

MASK = "••••••"

SECRET_HEADERS = frozenset(
    {"authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "api-key"}
)
# Query or form parameter names whose values are secrets (v2 api_key, OAuth token exchange).
SECRET_PARAMS = frozenset(
    {
        "api_key",
        "apikey",
        "access_token",
        "refresh_token",
        "client_secret",
        "code",
        "password",
        "code_verifier",
        "id_token",
    }
)
COOKIE_HEADERS = frozenset({"cookie", "set-cookie"})
_PARAM_RE = re.compile(
    r"(?P<key>(?:^|[?&;\s\"'])(?:" + "|".join(sorted(SECRET_PARAMS)) + r"))=(?P<value>[^&#\s\"']*)",
    re.IGNORECASE,
)
_JSON_RE = re.compile(
    r"(?P<key>\"(?:" + "|".join(sorted(SECRET_PARAMS)) + r")\"\s*:\s*)\"(?P<value>[^\"]*)\"",
    re.IGNORECASE,
)
# A value that is exactly one {{variable}} reference names a secret; it is not one.
_REFERENCE = re.compile(r"^\{\{\s*\$?[\w.-]+\s*\}\}$")
_AUTH_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9-]*$")


def as_secret_set(secrets: Iterable[str]) -> SecretSet:
    """Plain strings (tests, older callers) or a SecretSet, as a SecretSet."""
    return secrets if isinstance(secrets, SecretSet) else SecretSet.of(secrets)


def _forms(secrets: Iterable[str]) -> tuple[str, ...]:
    """Every masked form of the given secrets, longest first (a SecretSet has them ready)."""
    return as_secret_set(secrets).forms


def redact_text(text: str, secrets: Iterable[str] = ()) -> str:
    """Mask known secret values (in every encoding) and secret-named parameters in free text."""
    for form in _forms(secrets):
        if form in text:
            text = text.replace(form, MASK)
    if not _mentions(text, _PARAM_NEEDLES + _JSON_NEEDLES):
        return text
    text = mask_params(text)
    if _mentions(text, _JSON_NEEDLES):
        text = _JSON_RE.sub(lambda m: m.group(0) if _keeps(m.group("value")) else f'{m.group("key")}"{MASK}"', text)
    return text


# What a match of each pattern must hold, case-folded: a text (or slice) without any of them is
# left alone without running the pattern. The patterns start a match at nearly every space or
# quote and try nine names there: 130-200 ms of GIL for the 5 MB of a large response that history
# keeps, against a few milliseconds to look for the needles. (Case-insensitive matching also
# takes the dotted capital I and the dotless i for "i", which case-folding does not fold to a
# plain "i": they are replaced by hand; the Kelvin sign and the long s it folds itself.)
_PARAM_NEEDLES = tuple(f"{name}=" for name in sorted(SECRET_PARAMS))
_JSON_NEEDLES = tuple(f'"{name}"' for name in sorted(SECRET_PARAMS))
_NEEDLE_OVERLAP = max(len(n) for n in _PARAM_NEEDLES + _JSON_NEEDLES)


def _folded(text: str) -> str:
    if text.isascii():
        return text.lower()
    return text.replace("\u0130", "i").replace("\u0131", "i").casefold()


# Every secret name holds one of these: a slice without any of them holds no needle. Five
# searches instead of eighteen: the history worker's check of a 5 MB body went from 31 ms of
# GIL to about 10 ms (it runs while the window shows that body).
_MARKERS = ("token", "key", "secret", "code", "password")
_MARKED = all(any(marker in name for marker in _MARKERS) for name in SECRET_PARAMS)


def _mentions(text: str, needles: tuple[str, ...]) -> bool:
    """Whether ``text`` may hold one of ``needles`` (case-insensitively), looked for a slice at a
    time (slices overlap by a needle's length) so no one call holds the GIL for long."""
    for start in range(0, max(1, len(text)), SLICE_CHARS):
        if start:
            give_way()  # from the history worker: a busy UI thread has the interpreter (core/ui_pace.py)
        window = _folded(text[max(0, start - _NEEDLE_OVERLAP):start + SLICE_CHARS])
        if _MARKED and not any(marker in window for marker in _MARKERS):
            continue
        if any(needle in window for needle in needles):
            return True
    return False


# A secret-parameter match holds none of these except as its first character, so a text cut just
# before one of them is masked exactly as the whole text would be.
_SAFE_CUT = re.compile(r"[\s&\"']")
SLICE_CHARS = 64 * 1024


def _mask_param(match: re.Match[str]) -> str:
    return match.group(0) if _keeps(match.group("value")) else f"{match.group('key')}={MASK}"


def mask_params(text: str, slice_chars: int = SLICE_CHARS) -> str:
    """Secret parameters masked, a slice at a time: one regex pass over a 5 MB body held the GIL
    for about half a second (the history worker froze the window while a response arrived);
    a 64 K slice holds it a few milliseconds."""
    if len(text) <= slice_chars:
        return _PARAM_RE.sub(_mask_param, text) if _mentions(text, _PARAM_NEEDLES) else text
    pieces, start, changed = [], 0, False
    while start < len(text):
        cut = _SAFE_CUT.search(text, start + slice_chars) if start + slice_chars < len(text) else None
        end = cut.start() if cut is not None else len(text)
        piece = text[start:end]
        give_way()
        if _mentions(piece, _PARAM_NEEDLES):
            masked = _PARAM_RE.sub(_mask_param, piece)
            changed = changed or masked != piece
            piece = masked
        pieces.append(piece)
        start = end
    return "".join(pieces) if changed else text


def reference_secret_params(text: str) -> str:
    """Replace literal values of secret parameters (``api_key=…``) with a ``{{name}}`` reference,
    for text about to be saved: the file keeps a working shape and never the secret."""
    def swap(match: re.Match[str]) -> str:
        if _keeps(match.group("value")):
            return match.group(0)
        name = match.group("key").lstrip("?&; \t\r\n\"'")
        return f"{match.group('key')}={{{{{name}}}}}"
    return _PARAM_RE.sub(swap, text)


def reference_secret_header(name: str, value: str) -> str:
    """A secret header's value as it may be saved: an auth scheme word is kept and the credential
    becomes a ``{{variable}}`` named after the header ("Basic {{authorization}}")."""
    key = name.strip().lower()
    if key not in SECRET_HEADERS or _REFERENCE.match(value.strip()):
        return value
    scheme, _, rest = value.strip().partition(" ")
    if rest and _REFERENCE.match(rest.strip()):
        return value
    variable = "{{" + re.sub(r"[^a-z0-9]+", "_", key).strip("_") + "}}"
    if rest and key not in COOKIE_HEADERS and _AUTH_SCHEME.match(scheme):
        return f"{scheme} {variable}"
    return variable


def _keeps(value: str) -> bool:
    return not value or bool(_REFERENCE.match(value))


def redact_header_value(name: str, value: str, secrets: Iterable[str] = ()) -> str:
    """Secret headers keep only an auth scheme word ("Bearer"); cookies keep nothing; a value that
    is only a {{variable}} reference (after the scheme) is kept as written."""
    known = as_secret_set(secrets)
    key = name.strip().lower()
    if key not in SECRET_HEADERS:
        return redact_text(value, known)
    scheme, _, rest = value.strip().partition(" ")
    if not rest:
        scheme, rest = "", value.strip()
    if _REFERENCE.match(rest.strip()) and key not in COOKIE_HEADERS:
        return redact_text(value, known)
    if key in COOKIE_HEADERS or not _AUTH_SCHEME.match(scheme) or scheme in known:
        return MASK
    return f"{scheme} {MASK}"


def redact_headers(
    headers: Iterable[tuple[str, str]], secrets: Iterable[str] = ()
) -> tuple[tuple[str, str], ...]:
    known = as_secret_set(secrets)
    return tuple((k, redact_header_value(k, v, known)) for k, v in headers)


def auth_secrets(auth: Auth) -> tuple[str, ...]:
    """Every secret an Auth carries, including the composed Basic pair and its Base64 form."""
    values = [auth.password, auth.api_key, auth.token]
    if auth.kind in (AuthKind.BASIC, AuthKind.CTCT_BASIC) and auth.password:
        values.append(f"{auth.basic_user()}:{auth.password}")
    return tuple(v for v in values if v)


def redact_request(request: RequestModel, secrets: Iterable[str] = ()) -> RequestModel:
    """A copy safe to store or export: auth secrets blanked, headers, URL and body masked."""
    known = as_secret_set(secrets) | SecretSet.of(auth_secrets(request.auth))
    safe_auth = replace(request.auth, password="", api_key="", token="")
    headers = tuple(
        Header(h.name, redact_header_value(h.name, h.value, known), h.enabled) for h in request.headers
    )
    return replace(
        request,
        url=redact_text(request.url, known),
        headers=headers,
        body=redact_text(request.body, known),
        auth=safe_auth,
    )
