"""The request and response models every layer speaks.

Editors produce a ``RequestModel``; the transport returns an ``Exchange``. Models are frozen
dataclasses so they can cross threads and be compared in tests without surprises.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from enum import Enum

STANDARD_METHODS: tuple[str, ...] = ("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS")
DEFAULT_TIMEOUT_S = 30.0


class BodyKind(str, Enum):
    """What the body editor holds; decides highlighting and the default Content-Type."""

    NONE = "none"
    XML = "xml"
    JSON = "json"
    FORM = "form"
    TEXT = "text"


# The Content-Type a body kind implies when the user has not set one. Atom, because every v1
# XML resource wants it (reference §1.2).
DEFAULT_CONTENT_TYPES: dict[BodyKind, str] = {
    BodyKind.XML: "application/atom+xml",
    BodyKind.JSON: "application/json",
    BodyKind.FORM: "application/x-www-form-urlencoded",
    BodyKind.TEXT: "text/plain; charset=utf-8",
}


class AuthKind(str, Enum):
    NONE = "none"
    BASIC = "basic"  # plain user + password
    CTCT_BASIC = "ctct-basic"  # v1: API key + username + password, user string "apikey%username"
    BEARER = "bearer"


@dataclass(frozen=True)
class Auth:
    """Credentials as the editor holds them; secrets never reach disk through this object."""

    kind: AuthKind = AuthKind.NONE
    username: str = ""
    password: str = ""
    api_key: str = ""
    token: str = ""
    account: str = ""  # name of a stored account (credentials issue); empty when typed inline

    def basic_user(self) -> str:
        """The Basic user string. For v1 it is ``apikey%username``, never URL-encoded (ref §2.1)."""
        if self.kind is AuthKind.CTCT_BASIC:
            return f"{self.api_key}%{self.username}"
        return self.username

    def authorization_header(self) -> str | None:
        """The Authorization header value this auth produces, or None."""
        if self.kind in (AuthKind.BASIC, AuthKind.CTCT_BASIC):
            raw = f"{self.basic_user()}:{self.password}".encode("utf-8")
            return "Basic " + base64.b64encode(raw).decode("ascii")
        if self.kind is AuthKind.BEARER:
            return f"Bearer {self.token}"
        return None


@dataclass(frozen=True)
class Header:
    name: str
    value: str
    enabled: bool = True


@dataclass(frozen=True)
class QueryParam:
    name: str
    value: str  # decoded: exactly what the user means, encoded only when the URL is built
    enabled: bool = True


@dataclass(frozen=True)
class RequestModel:
    """Everything needed to send one request, as the user wrote it (variables unresolved)."""

    method: str = "GET"
    url: str = ""
    headers: tuple[Header, ...] = ()
    body: str = ""
    body_kind: BodyKind = BodyKind.NONE
    auth: Auth = field(default_factory=Auth)
    timeout_s: float = DEFAULT_TIMEOUT_S
    verify_tls: bool = True
    follow_redirects: bool = False

    def enabled_headers(self) -> tuple[Header, ...]:
        return tuple(h for h in self.headers if h.enabled and h.name.strip())

    def header(self, name: str) -> str | None:
        """Value of the first enabled header with this name (case-insensitive), or None."""
        wanted = name.lower()
        for h in self.enabled_headers():
            if h.name.strip().lower() == wanted:
                return h.value
        return None

    def content_type(self) -> str | None:
        """Explicit Content-Type, else the one the body kind implies, else None."""
        explicit = self.header("Content-Type")
        if explicit is not None:
            return explicit
        if self.body and self.body_kind in DEFAULT_CONTENT_TYPES:
            return DEFAULT_CONTENT_TYPES[self.body_kind]
        return None

    def with_changes(self, **changes: object) -> "RequestModel":
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Timings:
    """Phase durations in milliseconds; None where the phase did not happen (no TLS on http)."""

    connect_ms: float | None = None
    tls_ms: float | None = None
    ttfb_ms: float | None = None  # request written -> first response byte
    download_ms: float | None = None
    total_ms: float = 0.0


@dataclass(frozen=True)
class ResponseRecord:
    status: int
    reason: str
    http_version: str
    headers: tuple[tuple[str, str], ...]
    body: bytes
    url: str
    elapsed_ms: float
    timings: Timings = field(default_factory=Timings)
    # The body passed the decoded-size cap (SendOptions.max_body_bytes) and was cut there.
    body_truncated: bool = False
    # When set, the whole decoded body is on disk there and ``body`` holds only its first bytes.
    body_path: str = ""
    body_size: int = -1  # decoded bytes kept in all (memory or file); -1 means len(body)
    notes: tuple[str, ...] = ()  # plain sentences for the user: cut, kept raw, undecodable...

    def __post_init__(self) -> None:
        if self.body_size < 0:
            object.__setattr__(self, "body_size", len(self.body))

    def read_body(self) -> bytes:
        """The whole body: the spool file when there is one. Large; keep it off the UI thread."""
        if not self.body_path:
            return self.body
        try:
            with open(self.body_path, "rb") as handle:
                return handle.read()
        except FileNotFoundError as exc:
            raise BodyUnavailable(self.body_path) from exc

    def iter_body(self, chunk: int = 1024 * 1024) -> Iterator[bytes]:
        """The whole body in pieces of at most ``chunk`` bytes, for consumers that stream."""
        if not self.body_path:
            for start in range(0, len(self.body), chunk):
                yield self.body[start:start + chunk]
            return
        try:
            handle = open(self.body_path, "rb")
        except FileNotFoundError as exc:
            raise BodyUnavailable(self.body_path) from exc
        with handle:
            while piece := handle.read(chunk):
                yield piece

    def header(self, name: str) -> str | None:
        wanted = name.lower()
        for key, value in self.headers:
            if key.lower() == wanted:
                return value
        return None

    @property
    def content_type(self) -> str:
        return self.header("content-type") or ""

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


class BodyUnavailable(FileNotFoundError):
    """A spooled body whose file is gone (the spool keeps only the most recent large bodies)."""

    def __init__(self, path: str) -> None:
        super().__init__(f"The response body was kept in a temporary file that has since been removed ({path}): "
                         "only the most recent large bodies are kept. Send the request again to see it.")
        self.path = path


class FailureKind(str, Enum):
    """Why no response arrived. Values are stable ids used by the explainer's matchers."""

    INVALID_URL = "invalid-url"
    DNS = "dns"
    REFUSED = "refused"
    TLS = "tls"
    TIMEOUT = "timeout"
    RESET = "reset"
    PROXY = "proxy"
    TOO_MANY_REDIRECTS = "redirect-loop"
    PROTOCOL = "protocol"
    CANCELLED = "cancelled"
    NOT_SENT = "not-sent"  # stopped before the wire: a missing credential, an unresolved variable
    OTHER = "other"


@dataclass(frozen=True)
class TransportFailure:
    kind: FailureKind
    message: str  # plain language, for the user
    detail: str  # the underlying exception text, for "show details"


CANCELLED = TransportFailure(FailureKind.CANCELLED, "Cancelled: the request was stopped before a response arrived.",
                             "cancelled by the user")


@dataclass(frozen=True)
class Exchange:
    """One attempt: the request as sent, and either a response or a failure."""

    request: RequestModel
    response: ResponseRecord | None = None
    failure: TransportFailure | None = None
    sent_url: str = ""  # the final URL after variable resolution and encoding
    # The request as the user wrote it ({{variables}} kept), when known: actions built from this
    # exchange write their URL and credentials the same way. None for history and the command line.
    written: RequestModel | None = None
