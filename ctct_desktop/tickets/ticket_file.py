"""``ticket.toml``: the case in a readable, git-friendly file (versioned; older formats upgraded).

```toml
format = 1
id = "T1"
title = "Campaign update: Error 400 in the common Atom sections"
account = "joesflowers"
status = "open"
notes = \"\"\"
What the customer wrote, what we found.
\"\"\"

[quirks]
stock_campaign_update = "atom_sections_400"

[[exchanges]]
file = "exchanges/001 Update campaign.json"
mark = "failing"
request = "Update campaign"
note = ""
```
Keys are written in a fixed order and nothing volatile is kept, so a diff shows only what changed.
No secret belongs here: the account is a name, and recorded exchanges are redacted before they
are written (``tickets/folder.py``).
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from ctct_desktop.core.atomic import write_atomic
from ctct_desktop.core.migrations import migrate_document
from ctct_desktop.store import toml_text as t
from ctct_desktop.tickets.model import TICKET_FILE, ExchangeMark, RecordedExchange, Ticket, TicketError, TicketStatus

__all__ = ["TICKET_FILE", "dump_ticket", "load_ticket", "parse_ticket", "save_ticket"]
CURRENT_TICKET_FORMAT = 1
TICKET_STEPS = "ctct_desktop.tickets.migrations"
MAX_TICKET_BYTES = 4 * 1024 * 1024


def dump_ticket(ticket: Ticket) -> str:
    lines = [f"format = {CURRENT_TICKET_FORMAT}",
             t.line("id", t.text_value(ticket.id)),
             t.line("title", t.text_value(ticket.title)),
             t.line("account", t.text_value(ticket.account)),
             t.line("status", t.text_value(ticket.status.value)),
             t.line("notes", t.text_value(ticket.notes, multiline="\n" in ticket.notes))]
    if ticket.quirks:
        lines += ["", "[quirks]"] + [t.line(name, t.text_value(value)) for name, value in sorted(ticket.quirks.items())]
    for exchange in ticket.exchanges:
        lines += ["", "[[exchanges]]",
                  t.line("file", t.text_value(exchange.file)),
                  t.line("mark", t.text_value(exchange.mark.value)),
                  t.line("request", t.text_value(exchange.request)),
                  t.line("note", t.text_value(exchange.note, multiline="\n" in exchange.note))]
    return "\n".join(lines) + "\n"


def save_ticket(folder: Path, ticket: Ticket) -> None:
    try:
        write_atomic(folder / TICKET_FILE, dump_ticket(ticket).encode("utf-8"))
    except (OSError, t.TomlWriteError) as exc:
        raise TicketError(f"{folder / TICKET_FILE}: cannot be written ({exc}).") from exc


def _text(data: dict[str, Any], name: str, where: str) -> str:
    value = data.get(name, "")
    if not isinstance(value, str):
        raise TicketError(f"{where}: '{name}' must be text.")
    return value


def _enum(kind: type[TicketStatus] | type[ExchangeMark], raw: str, name: str, where: str) -> Any:
    try:
        return kind(raw)
    except ValueError:
        choices = ", ".join(m.value for m in kind)
        raise TicketError(f"{where}: '{name}' is '{raw}'; it must be one of {choices}.") from None


def _exchanges(data: dict[str, Any], where: str) -> tuple[RecordedExchange, ...]:
    rows = data.get("exchanges", [])
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        raise TicketError(f"{where}: 'exchanges' must be a list of tables ([[exchanges]]).")
    found = []
    for number, row in enumerate(rows, 1):
        at = f"{where}, exchange {number}"
        file = _text(row, "file", at)
        if not file or Path(file).is_absolute() or ".." in Path(file).parts:
            raise TicketError(f"{at}: 'file' must be a path inside the ticket folder; it is '{file}'.")
        found.append(RecordedExchange(file, _enum(ExchangeMark, _text(row, "mark", at) or "other", "mark", at),
                                      _text(row, "request", at), _text(row, "note", at)))
    return tuple(found)


def parse_ticket(text: str, where: str = TICKET_FILE) -> Ticket:
    try:
        document = tomllib.loads(text)
        data = migrate_document(document, TICKET_STEPS, CURRENT_TICKET_FORMAT, "ticket file").document
    except tomllib.TOMLDecodeError as exc:
        raise TicketError(f"{where}: not valid TOML ({exc}).") from exc
    except ValueError as exc:  # MigrationError: newer format, bad version
        raise TicketError(f"{where}: {exc}.") from exc
    quirks = data.get("quirks", {})
    if not isinstance(quirks, dict) or not all(isinstance(v, str | int | bool) for v in quirks.values()):
        raise TicketError(f"{where}: [quirks] must map quirk names to values.")
    title = _text(data, "title", where)
    ticket_id = _text(data, "id", where)
    if not ticket_id.strip() and not title.strip():
        raise TicketError(f"{where}: a ticket needs an 'id' or a 'title'.")
    return Ticket(id=ticket_id, title=title, account=_text(data, "account", where),
                  status=_enum(TicketStatus, _text(data, "status", where) or "open", "status", where),
                  notes=_text(data, "notes", where),
                  quirks={str(k): str(v).lower() if isinstance(v, bool) else str(v) for k, v in quirks.items()},
                  exchanges=_exchanges(data, where))


def load_ticket(folder: Path) -> Ticket:
    path = folder / TICKET_FILE
    try:
        if path.stat().st_size > MAX_TICKET_BYTES:
            raise TicketError(f"{path}: larger than {MAX_TICKET_BYTES >> 20} MB; this is not a ticket file.")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise TicketError(f"{folder} is not a ticket folder (it has no {TICKET_FILE}).") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise TicketError(f"{path}: cannot be read ({exc}).") from exc
    return parse_ticket(text, str(path))
