"""What the ticket view changes, without Qt: status and notes, recorded exchanges read back, an
import brought into a ticket (a HAR's responses kept as exchanges), and clear refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ctct_desktop.importers.har import import_har
from ctct_desktop.importers.model import ImportResult
from ctct_desktop.tickets.editing import import_into_ticket, known_quirks, read_exchange, update_ticket
from ctct_desktop.tickets.folder import new_ticket, set_mark
from ctct_desktop.tickets.model import ExchangeMark, RecordedExchange, Ticket, TicketError, TicketStatus
from ctct_desktop.tickets.ticket_file import load_ticket
from tests.importers.support import FIXTURES


def _ticket(tmp_path: Path) -> Path:
    folder = tmp_path / "T9"
    new_ticket(folder, Ticket("T9", "Lookup", "joesflowers", quirks={"search_miss": "500"}))
    return folder


def test_status_and_notes_change_and_the_rest_is_kept(tmp_path: Path) -> None:
    folder = _ticket(tmp_path)
    before = (folder / "ticket.toml").read_text(encoding="utf-8")
    assert update_ticket(folder) == load_ticket(folder)
    assert (folder / "ticket.toml").read_text(encoding="utf-8") == before  # nothing changed, nothing written
    changed = update_ticket(folder, status=TicketStatus.SOLVED, notes="Line one.\nLine two.")
    assert load_ticket(folder) == changed
    assert (changed.status, changed.notes, changed.quirks, changed.account) == (
        TicketStatus.SOLVED, "Line one.\nLine two.", {"search_miss": "500"}, "joesflowers")


def test_a_har_imported_into_a_ticket_keeps_requests_and_recorded_responses(tmp_path: Path) -> None:
    folder = _ticket(tmp_path)
    done = import_into_ticket(folder, import_har((FIXTURES / "browser.har").read_text(encoding="utf-8")))
    assert len(done.requests) == 2 and all(p.is_file() and p.parent == folder for p in done.requests)
    ticket = load_ticket(folder)
    assert ticket.exchanges == done.exchanges and len(ticket.exchanges) == 2
    shown = [read_exchange(folder, e) for e in ticket.exchanges]
    assert [s.response.status for s in shown if s.response is not None] == [200, 201]
    assert shown[1].request.method == "POST" and shown[1].request.url.endswith("/activities")
    assert all(e.mark is ExchangeMark.OTHER for e in ticket.exchanges)  # 2xx: recorded, not yet judged
    assert set_mark(folder, ticket.exchanges[0].file, ExchangeMark.KNOWN_GOOD).exchanges[0].mark \
        is ExchangeMark.KNOWN_GOOD
    for path in folder.rglob("*.json"):
        assert "JSESSIONID" not in path.read_text(encoding="utf-8")  # cookies are not carried over


def test_refusals_are_sentences(tmp_path: Path) -> None:
    folder = _ticket(tmp_path)
    with pytest.raises(TicketError, match="missing from the ticket"):
        read_exchange(folder, RecordedExchange("exchanges/001 gone.json"))
    (folder / "exchanges").mkdir()
    (folder / "exchanges" / "bad.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(TicketError, match="cannot be read as an exchange report"):
        read_exchange(folder, RecordedExchange("exchanges/bad.json"))
    (folder / "exchanges" / "odd.json").write_text(json.dumps({"format": 1}), encoding="utf-8")
    with pytest.raises(TicketError, match="no 'request' object"):
        read_exchange(folder, RecordedExchange("exchanges/odd.json"))
    with pytest.raises(TicketError, match="Nothing to import"):
        import_into_ticket(folder, ImportResult("har"))
    with pytest.raises(TicketError, match="is not a ticket folder"):
        import_into_ticket(tmp_path / "plain", import_har((FIXTURES / "browser.har").read_text(encoding="utf-8")))
    with pytest.raises(TicketError, match="has no recorded exchange"):
        set_mark(folder, "exchanges/none.json", ExchangeMark.FAILING)


def test_the_new_ticket_form_offers_every_sandbox_quirk() -> None:
    names = [spec.name for spec in known_quirks()]
    assert "stock_campaign_update" in names and "scheduling_approved" in names
    assert all(spec.default for spec in known_quirks())
