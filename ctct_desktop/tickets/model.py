"""What a ticket is, as plain frozen data (read from and written to ``ticket.toml``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

TICKET_FILE = "ticket.toml"  # the file that makes a folder a ticket
EXCHANGES_DIR = "exchanges"  # where its recorded exchanges are kept (JSON reports)


class TicketError(ValueError):
    """A ticket that cannot be read, written or moved; the message is for the user."""


class TicketStatus(str, Enum):
    OPEN = "open"
    WAITING = "waiting"  # on the customer
    SOLVED = "solved"
    CLOSED = "closed"


class ExchangeMark(str, Enum):
    FAILING = "failing"  # what the customer saw
    KNOWN_GOOD = "known-good"  # what works: the answer to send back
    OTHER = "other"


@dataclass(frozen=True)
class RecordedExchange:
    """One recorded exchange: its report file (relative to the ticket folder) and what it shows."""

    file: str
    mark: ExchangeMark = ExchangeMark.OTHER
    request: str = ""  # the request's name in the ticket
    note: str = ""


@dataclass(frozen=True)
class Ticket:
    id: str
    title: str
    account: str = ""  # the customer's account (user) name; never a secret
    status: TicketStatus = TicketStatus.OPEN
    notes: str = ""
    quirks: dict[str, str] = field(default_factory=dict)  # sandbox quirk name -> value
    exchanges: tuple[RecordedExchange, ...] = ()
