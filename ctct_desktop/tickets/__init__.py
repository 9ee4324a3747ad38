"""Tickets: a support case kept as a folder of plain files, reproduced on a scratch sandbox.

A ticket folder holds ``ticket.toml`` (the case: id, title, the customer's account name, status,
notes and the sandbox quirks that make a local account behave like the customer's), the case's
requests (ordinary request files, run in the folder's kept order) and the recorded exchanges
(redacted exports, each marked failing or known-good). Qt-free: the CLI and the window share it.
"""

from ctct_desktop.tickets.model import ExchangeMark, RecordedExchange, Ticket, TicketError, TicketStatus

__all__ = ["ExchangeMark", "RecordedExchange", "Ticket", "TicketError", "TicketStatus"]
