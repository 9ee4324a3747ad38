"""What the ticket view changes and reads, kept Qt-free: status and notes, the recorded exchanges
back as ``Exchange`` objects, the reproduced exchanges kept, and an import brought into a ticket.

Every change goes through ``ticket.toml`` (read, changed, written atomically), so the window and
the command line never disagree about what a ticket holds.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

from ctct_desktop.core.models import Exchange
from ctct_desktop.diffing.sources import SourceError, exchange_from_export
from ctct_desktop.importers.model import ImportResult
from ctct_desktop.sandbox.quirks import SPECS, QuirkSpec
from ctct_desktop.store.request_file import REQUEST_SUFFIX, SavedRequest
from ctct_desktop.tickets.folder import add_request, record_exchange, record_exchange_of
from ctct_desktop.tickets.model import ExchangeMark, RecordedExchange, Ticket, TicketError, TicketStatus
from ctct_desktop.tickets.reproduce import ReproducedExchange
from ctct_desktop.tickets.ticket_file import load_ticket, save_ticket

MAX_EXCHANGE_BYTES = 64 * 1024 * 1024


def known_quirks() -> tuple[QuirkSpec, ...]:
    """The sandbox's quirks a ticket may set, with their choices and help (for the New ticket form)."""
    return tuple(SPECS.values())


def update_ticket(folder: Path, *, status: TicketStatus | None = None, notes: str | None = None,
                  title: str | None = None) -> Ticket:
    """Change what the view lets the engineer edit; the rest of ``ticket.toml`` is kept as it is."""
    ticket = load_ticket(folder)
    changed = replace(ticket, status=ticket.status if status is None else status,
                      notes=ticket.notes if notes is None else notes,
                      title=ticket.title if title is None else title)
    if changed != ticket:
        save_ticket(folder, changed)
    return changed


def read_exchange(folder: Path, recorded: RecordedExchange) -> Exchange:
    """A recorded exchange's report (the redacted JSON export) back as the Exchange it shows."""
    path = folder / recorded.file
    try:
        if path.stat().st_size > MAX_EXCHANGE_BYTES:
            raise TicketError(f"{path}: larger than {MAX_EXCHANGE_BYTES >> 20} MB; not an exchange report.")
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise TicketError(f"The recorded exchange {recorded.file} is missing from the ticket.") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise TicketError(f"{path}: cannot be read as an exchange report ({exc}).") from None
    if not isinstance(data, dict):
        raise TicketError(f"{path}: not an exchange report.")
    try:
        return exchange_from_export(data)
    except SourceError as exc:
        raise TicketError(f"{path}: {exc}.") from None


def mark_for(found: ReproducedExchange) -> ExchangeMark:
    """A reproduced exchange is failing when the API refused it, known-good when it succeeded."""
    status = found.run.status
    if status is None:
        return ExchangeMark.OTHER
    if status >= 400:
        return ExchangeMark.FAILING
    return ExchangeMark.KNOWN_GOOD if status < 300 else ExchangeMark.OTHER


def keep_reproduced(folder: Path, found: tuple[ReproducedExchange, ...]) -> tuple[RecordedExchange, ...]:
    """Record each reproduced exchange in the ticket, redacted with its plan's SecretSet."""
    kept = []
    for exchange in found:
        result = exchange.run.result
        if result is None:
            continue
        explained = (f"{exchange.article_title} [{exchange.article_id}]",) if exchange.article_id else ()
        kept.append(record_exchange(folder, result, request=exchange.name, mark=mark_for(exchange),
                                    note="Reproduced on the scratch sandbox.", explanations=explained))
    return tuple(kept)


@dataclass(frozen=True)
class ImportedIntoTicket:
    requests: tuple[Path, ...]
    exchanges: tuple[RecordedExchange, ...]


def import_into_ticket(folder: Path, result: ImportResult) -> ImportedIntoTicket:
    """Each imported request becomes one of the ticket's requests (secrets stripped); a response the
    source recorded (HAR) becomes one of its exchanges, failing when it was an error."""
    if not result.requests:
        raise TicketError(result.error or "Nothing to import.")
    load_ticket(folder)  # a ticket folder, readable, before anything is written into it
    paths, recorded = [], []
    for imported in result.requests:
        name = imported.name or f"{imported.request.method} request"
        description = "Imported. " + " ".join(imported.notes) if imported.notes else "Imported."
        path = add_request(folder, SavedRequest(name, description, imported.request))
        paths.append(path)
        exchange = imported.exchange
        if exchange is not None and exchange.response is not None:
            mark = ExchangeMark.FAILING if exchange.response.status >= 400 else ExchangeMark.OTHER
            recorded.append(record_exchange_of(folder, exchange, (), request=path.name.removesuffix(REQUEST_SUFFIX), mark=mark,
                                               note=f"Recorded in the imported {result.format.upper()} file."))
    return ImportedIntoTicket(tuple(paths), tuple(recorded))
