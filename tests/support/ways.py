"""The two ways a request is sent, for tests that must hold on both: on its own (an event loop
and async client of its own) and through a run's transport session (its blocking client)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ctct_desktop.core.models import Exchange, RequestModel
from ctct_desktop.transport.sender import SendJob, SendOptions
from ctct_desktop.transport.session import TransportSession


class Way:
    def __init__(self, session: TransportSession | None) -> None:
        self.session = session
        self.name = "session" if session is not None else "alone"

    def options(self, options: SendOptions | None = None) -> SendOptions:
        return replace(options or SendOptions(), session=self.session)

    def job(self, request: RequestModel, *, options: SendOptions | None = None, **kwargs: Any) -> SendJob:
        return SendJob(request, options=self.options(options), **kwargs)

    def send(self, request: RequestModel, *, options: SendOptions | None = None) -> Exchange:
        return self.job(request, options=options).run()
