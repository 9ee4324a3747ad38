"""Classify a transport error message (pasted by a user, or from a log) into a FailureKind by
keywords, for `ctct-desktop explain --error TEXT`. Order matters: the most specific words first."""

from __future__ import annotations

from ctct_desktop.core.models import FailureKind, TransportFailure

_RULES: tuple[tuple[FailureKind, tuple[str, ...]], ...] = (
    (FailureKind.CANCELLED, ("cancelled", "canceled", "aborted by the user")),
    (FailureKind.PROXY, ("407", "proxy")),
    (FailureKind.TOO_MANY_REDIRECTS, ("too many redirects", "redirect loop", "exceeded maximum allowed redirects",
                                      "maximum redirects", "err_too_many_redirects")),
    (FailureKind.INVALID_URL, ("invalid url", "unsupported protocol", "no scheme", "missing an 'http",
                               "invalid port", "url is empty", "malformed url")),
    (FailureKind.DNS, ("name or service not known", "nodename nor servname", "getaddrinfo", "name resolution",
                       "no address associated", "could not resolve", "unknown host", "nxdomain", "dns",
                       "enotfound")),
    (FailureKind.REFUSED, ("connection refused", "errno 111", "econnrefused", "actively refused",
                           "errno 61", "10061")),
    (FailureKind.TLS, ("certificate", "ssl", "tls", "handshake", "self signed", "self-signed", "x509")),
    (FailureKind.TIMEOUT, ("timed out", "timeout", "etimedout", "deadline exceeded")),
    (FailureKind.RESET, ("reset by peer", "connection reset", "econnreset", "errno 104", "broken pipe",
                         "server disconnected", "connection closed", "peer closed", "remote end closed",
                         "connection aborted")),
    (FailureKind.PROTOCOL, ("protocol", "malformed", "invalid http", "bad status line", "badstatusline",
                            "illegal header", "h11", "invalid chunk")),
)


def classify_error_text(text: str) -> FailureKind:
    low = text.lower()
    for kind, words in _RULES:
        if any(word in low for word in words):
            return kind
    return FailureKind.OTHER


def failure_from_text(text: str) -> TransportFailure:
    """A TransportFailure for a pasted error message; the message is kept as the detail."""
    kind = classify_error_text(text)
    return TransportFailure(kind, f"The request failed before any response ({kind.value}).", text.strip())
