"""The request pipeline, the one path from a request as written to the wire (no Qt).

``plan(request, scopes, accounts, settings) -> SendPlan`` resolves variables, applies the
account, lints once and collects the ``SecretSet``; ``run(plan) -> SendResult`` sends it. The
window, ``ctct-desktop send`` and everything built on them call these two and nothing else.

``run`` and ``PendingSend`` load on first use: they bring httpx (about 90 ms), which the
window's start-up and a command that only plans should not pay.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ctct_desktop.core.secret_set import SecretSet
from ctct_desktop.send.accounts import Accounts, KeyringAccounts
from ctct_desktop.send.planning import PlanSettings, SendPlan, plan
from ctct_desktop.send.result import SendResult, not_sent
from ctct_desktop.send.scopes import Scope, Scopes, build_scopes, environment_scope

if TYPE_CHECKING:
    from ctct_desktop.send.running import PendingSend, run

_LAZY = {"run", "PendingSend"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from ctct_desktop.send import running

        return getattr(running, name)
    raise AttributeError(f"module 'ctct_desktop.send' has no attribute {name!r}")


__all__ = [
    "Accounts",
    "KeyringAccounts",
    "PendingSend",
    "PlanSettings",
    "Scope",
    "Scopes",
    "SecretSet",
    "SendPlan",
    "SendResult",
    "build_scopes",
    "environment_scope",
    "not_sent",
    "plan",
    "run",
]
