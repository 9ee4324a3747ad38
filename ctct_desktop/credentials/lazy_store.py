"""A secret store that finds the keyring backend on first use, not when it is built.

Resolving the backend costs 80-400 ms; a window start or a ``send`` that never reads a secret
should not pay it.
"""

from __future__ import annotations

import threading

from ctct_desktop.credentials.secrets import SecretStore, default_secret_store


class LazySecretStore:
    def __init__(self) -> None:
        self._store: SecretStore | None = None
        self._lock = threading.Lock()

    @property
    def resolved(self) -> bool:
        return self._store is not None

    def _resolved(self) -> SecretStore:
        with self._lock:
            if self._store is None:
                self._store = default_secret_store()
            return self._store

    @property
    def persistent(self) -> bool:
        return self._resolved().persistent

    def get(self, key: str) -> str | None:
        return self._resolved().get(key)

    def set(self, key: str, value: str) -> None:
        self._resolved().set(key, value)

    def delete(self, key: str) -> None:
        self._resolved().delete(key)
