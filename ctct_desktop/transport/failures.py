"""Map httpx / socket exceptions to a FailureKind and a sentence a user can act on."""

from __future__ import annotations

import ssl

import httpx

from ctct_desktop.core.models import CANCELLED, FailureKind, TransportFailure


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def _text(exc: BaseException) -> str:
    return " <- ".join(f"{type(e).__name__}: {e}" for e in _chain(exc))


def _host(request: httpx.Request | None) -> str:
    return request.url.host if request is not None else "the server"


def classify(exc: BaseException, request: httpx.Request | None = None) -> TransportFailure:
    """Never raises; unknown exceptions become OTHER with their text as detail."""
    detail = _text(exc)
    low = detail.lower()
    host = _host(request)
    if isinstance(exc, httpx.TooManyRedirects):
        return TransportFailure(FailureKind.TOO_MANY_REDIRECTS,
                                "The server kept redirecting (a redirect loop); the request was stopped.", detail)
    if isinstance(exc, httpx.ProxyError) or "407" in low and "proxy" in low:
        return TransportFailure(FailureKind.PROXY,
                                "The proxy refused the request (it may need authentication: 407).", detail)
    if isinstance(exc, httpx.TimeoutException):
        phase = {httpx.ConnectTimeout: "connecting to", httpx.ReadTimeout: "waiting for an answer from",
                 httpx.WriteTimeout: "sending the request to", httpx.PoolTimeout: "waiting for a connection to"}
        what = next((v for k, v in phase.items() if isinstance(exc, k)), "talking to")
        return TransportFailure(FailureKind.TIMEOUT,
                                f"Timed out {what} {host}. Raise the timeout or check the server.", detail)
    if any(isinstance(e, ssl.SSLError) for e in _chain(exc)) or "certificate" in low or "ssl" in low:
        return TransportFailure(FailureKind.TLS,
                                f"The TLS (HTTPS) handshake with {host} failed: the certificate could not be "
                                "verified or the server does not speak TLS here.", detail)
    if ("name or service not known" in low or "nodename nor servname" in low or "getaddrinfo" in low
            or "temporary failure in name resolution" in low or "no address associated" in low):
        return TransportFailure(FailureKind.DNS,
                                f"The host name '{host}' could not be found (DNS). Check the spelling or "
                                "your network.", detail)
    if "connection refused" in low or "errno 111" in low:
        return TransportFailure(FailureKind.REFUSED,
                                f"{host} refused the connection: nothing is listening on that port.", detail)
    if ("reset by peer" in low or "errno 104" in low or "broken pipe" in low
            or "server disconnected" in low or "connection closed" in low
            or isinstance(exc, httpx.RemoteProtocolError) and "peer closed" in low):
        return TransportFailure(FailureKind.RESET,
                                f"{host} closed or reset the connection before the response was complete.",
                                detail)
    if isinstance(exc, (httpx.UnsupportedProtocol, httpx.InvalidURL)):
        return TransportFailure(FailureKind.INVALID_URL, f"The URL cannot be used: {exc}", detail)
    if isinstance(exc, httpx.ProtocolError):
        return TransportFailure(FailureKind.PROTOCOL,
                                f"{host} answered with something that is not valid HTTP.", detail)
    if isinstance(exc, httpx.NetworkError) or isinstance(exc, OSError):
        return TransportFailure(FailureKind.OTHER, f"A network error occurred talking to {host}.", detail)
    return TransportFailure(FailureKind.OTHER, f"The request failed: {exc}", detail)


def cancelled() -> TransportFailure:
    return CANCELLED
