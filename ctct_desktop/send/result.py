"""``SendResult``: one exchange and the plan it came from, what every consumer of a send gets.

Kept apart from ``running`` so the window can name it in its signals without importing httpx
at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass

from ctct_desktop.core.models import Exchange, FailureKind, ResponseRecord, TransportFailure
from ctct_desktop.core.secret_set import SecretSet
from ctct_desktop.send.planning import SendPlan


@dataclass(frozen=True)
class SendResult:
    """One exchange and the plan it came from (its diagnostics, its secrets)."""

    plan: SendPlan
    exchange: Exchange

    @property
    def secrets(self) -> SecretSet:
        return self.plan.secrets

    @property
    def response(self) -> ResponseRecord | None:
        return self.exchange.response

    @property
    def failure(self) -> TransportFailure | None:
        return self.exchange.failure

    @property
    def sent(self) -> bool:
        return self.failure is None or self.failure.kind is not FailureKind.NOT_SENT

    @property
    def ok(self) -> bool:
        return self.response is not None and self.response.ok


def not_sent(plan: SendPlan, reason: str = "") -> SendResult:
    message = reason or plan.stop_reason or "Not sent."
    return SendResult(plan, Exchange(plan.resolved, failure=TransportFailure(FailureKind.NOT_SENT, message, message),
                                     sent_url=plan.resolved.url))
