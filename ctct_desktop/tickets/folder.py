"""A ticket folder on disk: create one, add the case's requests and record its exchanges.

Requests are ordinary request files (``store/request_file``), so the tree, the runner and git
treat a ticket like any folder of a collection. A recorded exchange is the redacted JSON report
of ``send/export`` (the same file Export exchange writes), under ``exchanges/``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from ctct_desktop.core.models import Exchange
from ctct_desktop.sandbox.quirks import QuirkError, validate
from ctct_desktop.send import SendResult
from ctct_desktop.send.export import write_exchange_report
from ctct_desktop.store.request_file import REQUEST_SUFFIX, RequestFileError, SavedRequest, save_request
from ctct_desktop.tickets.model import EXCHANGES_DIR, ExchangeMark, RecordedExchange, Ticket, TicketError
from ctct_desktop.tickets.ticket_file import TICKET_FILE, load_ticket, save_ticket

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def checked_quirks(quirks: dict[str, str]) -> dict[str, str]:
    """The quirks as the sandbox will take them; an unknown name or value is refused in words."""
    try:
        return dict(validate(name, value) for name, value in quirks.items())
    except QuirkError as exc:
        raise TicketError(str(exc)) from exc


def new_ticket(folder: Path, ticket: Ticket) -> Ticket:
    """Make ``folder`` a ticket; it may exist but must not be a ticket already."""
    ticket = replace(ticket, quirks=checked_quirks(ticket.quirks))
    if (folder / TICKET_FILE).exists():
        raise TicketError(f"{folder} is a ticket already ({TICKET_FILE} exists).")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise TicketError(f"{folder} cannot be created ({exc.strerror or exc}).") from exc
    save_ticket(folder, ticket)
    return ticket


def safe_name(name: str, fallback: str = "request") -> str:
    cleaned = _UNSAFE.sub(" ", name).strip(" .")
    return cleaned[:100] or fallback


def add_request(folder: Path, saved: SavedRequest) -> Path:
    """Write one of the case's requests into the ticket (a new name when one is taken)."""
    base = safe_name(saved.name)
    path = folder / f"{base}{REQUEST_SUFFIX}"
    number = 2
    while path.exists():
        path = folder / f"{base} {number}{REQUEST_SUFFIX}"
        number += 1
    try:
        save_request(path, saved)
    except (OSError, RequestFileError) as exc:
        raise TicketError(f"{path} cannot be written ({exc}).") from exc
    return path


def record_exchange(folder: Path, result: SendResult, *, request: str, mark: ExchangeMark,
                    note: str = "", explanations: tuple[str, ...] = ()) -> RecordedExchange:
    """Keep an exchange in the ticket, redacted with the secrets its plan used, and list it."""
    return record_exchange_of(folder, result.exchange, result.secrets, request=request, mark=mark, note=note,
                              explanations=explanations)


def record_exchange_of(folder: Path, exchange: Exchange, secrets: Iterable[str], *, request: str,
                       mark: ExchangeMark, note: str = "", explanations: tuple[str, ...] = ()) -> RecordedExchange:
    """Keep ``exchange`` (sent here, or recorded elsewhere: a HAR's) redacted with ``secrets``."""
    ticket = load_ticket(folder)
    target_dir = folder / EXCHANGES_DIR
    number = len(ticket.exchanges) + 1
    while True:
        relative = f"{EXCHANGES_DIR}/{number:03d} {safe_name(request, 'exchange')}.json"
        if not (folder / relative).exists():
            break
        number += 1
    try:
        target_dir.mkdir(exist_ok=True)
        write_exchange_report(folder / relative, exchange, secrets, explanations=explanations)
    except OSError as exc:
        raise TicketError(f"The exchange cannot be recorded in {target_dir} ({exc.strerror or exc}).") from exc
    recorded = RecordedExchange(relative, mark, request, note)
    save_ticket(folder, replace(ticket, exchanges=(*ticket.exchanges, recorded)))
    return recorded


def set_mark(folder: Path, file: str, mark: ExchangeMark) -> Ticket:
    ticket = load_ticket(folder)
    if not any(e.file == file for e in ticket.exchanges):
        raise TicketError(f"The ticket has no recorded exchange '{file}'.")
    changed = replace(ticket, exchanges=tuple(replace(e, mark=mark) if e.file == file else e
                                              for e in ticket.exchanges))
    save_ticket(folder, changed)
    return changed
