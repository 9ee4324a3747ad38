"""The one place secrets are read and written: the OS keyring, or memory for this session.

Secrets never go to a plain file. When no keyring backend exists (a headless Linux box without a
Secret Service), ``default_secret_store()`` hands out a process-wide in-memory store marked
``persistent = False`` so the app keeps working and the UI can say "not saved".
``keyring`` is resolved lazily: the first ``get_keyring()`` costs about 80 ms.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

SERVICE = "ctct-desktop"

HOW_TO_FIX = (
    "Start a Secret Service in your desktop session (GNOME Keyring: gnome-keyring-daemon, or KWallet), "
    "or choose a keyring backend explicitly with the PYTHON_KEYRING_BACKEND environment variable or a "
    "keyringrc.cfg file (run 'python -m keyring diagnose' to see where it is read from)."
)
# What the app shows next to credentials held by the in-memory store.
SESSION_NOTE = "Not saved: without an OS keyring, credentials are kept in memory for this session only."


class SecretStoreError(RuntimeError):
    """The keyring refused or failed; the message is plain words for the user."""


@runtime_checkable
class SecretStore(Protocol):
    @property
    def persistent(self) -> bool: ...

    def get(self, key: str) -> str | None: ...

    def set(self, key: str, value: str) -> None: ...

    def delete(self, key: str) -> None: ...


@dataclass(frozen=True)
class KeyringStatus:
    available: bool
    backend_name: str
    message: str


class MemorySecretStore:
    """Secrets held for this process only; nothing is written anywhere."""

    persistent = False

    def __init__(self) -> None:
        self._values: dict[str, str] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> str | None:
        with self._lock:
            return self._values.get(key)

    def set(self, key: str, value: str) -> None:
        with self._lock:
            self._values[key] = value

    def delete(self, key: str) -> None:
        with self._lock:
            self._values.pop(key, None)

    def __repr__(self) -> str:
        return f"MemorySecretStore({len(self._values)} entries)"


class KeyringSecretStore:
    """Secrets in the OS keyring under service ``SERVICE`` (or another, for tests)."""

    persistent = True

    def __init__(self, backend: Any | None = None, service: str = SERVICE) -> None:
        self._backend = backend
        self.service = service

    @property
    def backend(self) -> Any:
        if self._backend is None:
            import keyring

            self._backend = keyring.get_keyring()
        return self._backend

    def get(self, key: str) -> str | None:
        try:
            return self.backend.get_password(self.service, key)
        except Exception as exc:  # keyring errors come in many types, from D-Bus and others
            raise SecretStoreError(_failure("read", key, exc)) from exc

    def set(self, key: str, value: str) -> None:
        try:
            self.backend.set_password(self.service, key, value)
        except Exception as exc:
            raise SecretStoreError(_failure("save", key, exc)) from exc

    def delete(self, key: str) -> None:
        from keyring.errors import PasswordDeleteError

        try:
            self.backend.delete_password(self.service, key)
        except PasswordDeleteError:
            return  # already gone: deleting is idempotent
        except Exception as exc:
            raise SecretStoreError(_failure("delete", key, exc)) from exc


def _failure(action: str, key: str, exc: BaseException) -> str:
    detail = str(exc).strip() or type(exc).__name__
    return (f"The OS keyring could not {action} '{key}' ({detail}). If it is locked, unlock it "
            f"(log in to the desktop session) and try again. {HOW_TO_FIX}")


def backend_name(backend: Any) -> str:
    """A plain-words name for a keyring backend instance."""
    module = type(backend).__module__
    known = {
        "keyring.backends.SecretService": "Secret Service (GNOME Keyring or KWallet over D-Bus)",
        "keyring.backends.kwallet": "KWallet",
        "keyring.backends.macOS": "macOS Keychain",
        "keyring.backends.Windows": "Windows Credential Manager",
        "keyring.backends.libsecret": "libsecret (GNOME Keyring)",
        "keyring.backends.chainer": "several keyrings (chained)",
        "keyring.backends.fail": "none",
        "keyring.backends.null": "none (the null keyring discards secrets)",
    }
    members: Any = getattr(backend, "backends", None)
    if module == "keyring.backends.chainer" and members:
        return " + ".join(backend_name(member) for member in members)
    if module in known:
        return known[module]
    return str(getattr(backend, "name", "") or f"{module}.{type(backend).__name__}")


def _unusable_reason(backend: Any) -> str | None:
    """Why this backend must not hold secrets, or None when it is a real keyring."""
    module = type(backend).__module__
    if module in ("keyring.backends.fail", "keyring.backends.null"):
        return "No OS keyring is available, so credentials cannot be saved."
    if module == "keyring.backends.chainer" and not getattr(backend, "backends", ()):
        return "No OS keyring is available, so credentials cannot be saved."
    if "plaintext" in type(backend).__name__.lower():
        return "The configured keyring backend writes secrets to a plain file, which this app refuses."
    return None


def status_of(backend: Any) -> KeyringStatus:
    """The status of a given backend (tests pass one; the app uses keyring_status())."""
    name = backend_name(backend)
    reason = _unusable_reason(backend)
    if reason:
        return KeyringStatus(False, name, f"{reason} {HOW_TO_FIX}")
    return KeyringStatus(True, name, f"Credentials are saved in the OS keyring: {name} "
                                     f"(service name '{SERVICE}').")


def keyring_status() -> KeyringStatus:
    """Whether secrets can be saved, with the backend in plain words and how to fix it."""
    try:
        import keyring

        backend = keyring.get_keyring()
    except Exception as exc:  # a broken keyringrc or backend import must not crash the app
        return KeyringStatus(False, "unknown", f"The keyring could not be loaded ({exc}). {HOW_TO_FIX}")
    return status_of(backend)


_SESSION_STORE = MemorySecretStore()
_default_lock = threading.Lock()
_default_store: SecretStore | None = None


def session_store() -> MemorySecretStore:
    """The process-wide in-memory store used when no keyring exists."""
    return _SESSION_STORE


def default_secret_store() -> SecretStore:
    """Keyring-backed when a real backend exists, else the in-memory session store. Never a file."""
    global _default_store
    with _default_lock:
        if _default_store is None:
            import keyring

            try:
                backend = keyring.get_keyring()
            except Exception:
                backend = None
            if backend is not None and status_of(backend).available:
                _default_store = KeyringSecretStore(backend)
            else:
                _default_store = _SESSION_STORE
        return _default_store


def reset_default_store() -> None:
    """Forget the resolved store (tests, or after the user changes the keyring configuration)."""
    global _default_store
    with _default_lock:
        _default_store = None
