"""Stored accounts, applied the same way for every front end (token refresh included).

The keyring is resolved only when a request names an account: looking it up costs about
0.1 s, which a ``send`` of a request with inline or no credentials should not pay.
"""

from __future__ import annotations

import threading
from typing import Protocol

from ctct_desktop.core.models import RequestModel
from ctct_desktop.credentials.accounts import AccountManager
from ctct_desktop.credentials.lazy_store import LazySecretStore
from ctct_desktop.credentials.send_auth import AuthorizedRequest, authorize_request


class Accounts(Protocol):
    """Applies ``request.auth.account``; never raises, a problem comes back in plain words."""

    def authorize(self, request: RequestModel) -> AuthorizedRequest: ...


class KeyringAccounts:
    """Accounts over the OS keyring (or the session store when none exists), opened on first use."""

    def __init__(self, manager: AccountManager | None = None) -> None:
        self._manager = manager
        self._lock = threading.Lock()

    @property
    def manager(self) -> AccountManager:
        with self._lock:
            if self._manager is None:
                self._manager = AccountManager(LazySecretStore())
            return self._manager

    def authorize(self, request: RequestModel) -> AuthorizedRequest:
        if not request.auth.account:
            return AuthorizedRequest(request)
        try:
            return authorize_request(request, self.manager)
        except Exception as exc:  # a damaged accounts file or a keyring that fails: said, never raised
            return AuthorizedRequest(request, problem=f"The account '{request.auth.account}' could not be "
                                                      f"used: {exc}")
