"""Reproduce a ticket: its requests, in order, against a scratch sandbox with its quirks.

The scratch sandbox is a sandbox of its own in a temporary folder (a fresh demo account, the
ticket's quirks set), stopped and removed afterwards, so the user's own sandbox data is never
touched. Requests run through the collection runner (so captures carry from one to the next) with
lint errors allowed through: a ticket's request is expected to be wrong, and reproducing means
sending it as the customer did. Each exchange gets its best explanation from the explainer.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from ctct_desktop.explain.engine import explain
from ctct_desktop.runner import CollectionRun, Outcome, RequestRun, RunOptions, RunSource, load_source
from ctct_desktop.runner.events import OnEvent
from ctct_desktop.runner.source import RunInputError, RunItem
from ctct_desktop.sandbox.server import SandboxServer
from ctct_desktop.send import Accounts, build_scopes
from ctct_desktop.store.builtin_environments import sandbox_env
from ctct_desktop.store.request_file import REQUEST_SUFFIX
from ctct_desktop.tickets.folder import checked_quirks
from ctct_desktop.tickets.model import Ticket, TicketError
from ctct_desktop.tickets.retarget import retarget
from ctct_desktop.tickets.ticket_file import load_ticket


@dataclass(frozen=True)
class ReproducedExchange:
    run: RequestRun
    notes: tuple[str, ...]  # what was changed to send it here (server, account, credentials)
    article_id: str = ""  # the best explanation's article, "" when nothing needed explaining
    article_title: str = ""

    @property
    def name(self) -> str:
        """The request's name in the ticket (the runner's names a ticket inside a collection by its
        path from the collection's root: "T1 / Update campaign")."""
        return self.run.item.path.name.removesuffix(REQUEST_SUFFIX) or self.run.item.name


@dataclass(frozen=True)
class Reproduction:
    ticket: Ticket
    sandbox_url: str
    exchanges: tuple[ReproducedExchange, ...]
    problems: tuple[str, ...] = ()  # request files that could not be read
    cancelled: bool = False


def _retargeted(source: RunSource, scratch_base: str, account: str) -> tuple[RunSource, dict[str, tuple[str, ...]]]:
    notes: dict[str, tuple[str, ...]] = {}
    items = []
    for item in source.items:
        moved = retarget(item.saved.request, scratch_base, account)
        notes[item.name] = moved.notes
        items.append(RunItem(item.name, item.path, replace(item.saved, request=moved.request)))
    return replace(source, items=tuple(items)), notes


def _explained(run: RequestRun, notes: tuple[str, ...]) -> ReproducedExchange:
    if run.result is None or run.outcome is Outcome.ERROR and run.result.response is None \
            and run.result.failure is None:
        return ReproducedExchange(run, notes)
    found = explain(run.result.exchange, run.result.plan.diagnostics)
    top = found[0] if found else None
    return ReproducedExchange(run, notes, top.article_id if top else "", top.title if top else "")


def reproduce(folder: Path, *, accounts: Accounts | None = None,
              started: Callable[[CollectionRun], None] | None = None,
              on_event: OnEvent | None = None) -> Reproduction:
    """Run the ticket in ``folder`` on a scratch sandbox; ``started`` gets the run (to cancel it),
    ``on_event`` its progress (called in the run's thread)."""
    ticket = load_ticket(folder)
    quirks = checked_quirks(ticket.quirks)
    try:
        source = load_source(folder)
    except RunInputError as exc:
        raise TicketError(str(exc)) from exc
    if not source.items:
        raise TicketError(f"The ticket in {folder} has no requests to reproduce.")
    with tempfile.TemporaryDirectory(prefix="ctct-ticket-") as scratch_dir:
        server = SandboxServer(Path(scratch_dir), port=0, reset=True, quirks=quirks)
        try:
            server.start()
        except OSError as exc:
            raise TicketError(f"The scratch sandbox cannot start ({exc}).") from exc
        url = server.base_url
        try:
            source, notes = _retargeted(source, url, ticket.account)
            scopes = build_scopes(environment=sandbox_env(url), collection=source.variables)
            run = CollectionRun(source, scopes, RunOptions(force=True), accounts=accounts, on_event=on_event)
            if started is not None:
                started(run)
            result = run.run()
        finally:
            server.stop()
    exchanges = tuple(_explained(r, notes.get(r.item.name, ())) for r in result.runs)
    return Reproduction(ticket, url, exchanges, source.problems, result.cancelled)
