"""``run``: send a plan and return a ``SendResult``; ``PendingSend`` is the cancellable form.

A plan that cannot be sent (no credential, unresolved variables) becomes a result with a
"not sent" failure, so every front end shows and records it the same way. The plan's secrets
join the session's, for the log and crash reports, before anything is sent.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ctct_desktop.core.secret_set import session_secrets
from ctct_desktop.send.planning import SendPlan
from ctct_desktop.send.result import SendResult, not_sent
from ctct_desktop.transport.sender import ProgressCallback, SendJob, SendOptions

if TYPE_CHECKING:
    from ctct_desktop.transport.session import TransportSession


def transport_options(plan: SendPlan, session: TransportSession | None = None) -> SendOptions:
    return SendOptions(max_body_bytes=plan.settings.max_body_bytes, session=session)


class PendingSend:
    """One send of a plan, runnable in a worker and cancellable from any thread."""

    def __init__(self, plan: SendPlan, on_progress: ProgressCallback | None = None, *,
                 session: TransportSession | None = None) -> None:
        """``session``: a run's shared connection (transport/session.py), else one of its own."""
        self.plan = plan
        self._job = SendJob(plan.resolved, options=transport_options(plan, session), on_progress=on_progress)

    def cancel(self) -> None:
        self._job.cancel()

    @property
    def cancelled(self) -> bool:
        return self._job.is_cancelled

    def run(self) -> SendResult:
        """Blocking; never raises for network trouble (the exchange says what happened)."""
        session_secrets.add(self.plan.secrets)
        if not self.plan.sendable:
            return not_sent(self.plan)
        return SendResult(self.plan, replace(self._job.run(), written=self.plan.request))


def run(plan: SendPlan, *, on_progress: ProgressCallback | None = None,
        session: TransportSession | None = None) -> SendResult:
    return PendingSend(plan, on_progress, session=session).run()
