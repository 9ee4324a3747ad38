"""The TLS contexts every client shares: one per verification choice, made once per process.

Making one loads the CA bundle (30-60 ms measured here), and a send of its own made a client,
and with it a context, every time; a run paid it once more per run. An ``SSLContext`` serves
any number of connections and threads at once. As httpx does for a client, the environment's
SSL_CERT_FILE / SSL_CERT_DIR are read when the context is made: here, on first use.
"""

from __future__ import annotations

import ssl
import threading

import httpx

_lock = threading.Lock()
_contexts: dict[bool, ssl.SSLContext] = {}


def tls_context(verify: bool) -> ssl.SSLContext:
    with _lock:
        found = _contexts.get(verify)
        if found is None:
            found = httpx.create_ssl_context(verify=verify, trust_env=True)
            _contexts[verify] = found
        return found
