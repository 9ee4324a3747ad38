"""ticket.toml: written in a fixed order, read back the same, older files upgraded, bad ones said."""

from __future__ import annotations

from pathlib import Path

import pytest

from ctct_desktop.tickets.folder import new_ticket, set_mark
from ctct_desktop.tickets.model import ExchangeMark, RecordedExchange, Ticket, TicketError, TicketStatus
from ctct_desktop.tickets.ticket_file import dump_ticket, load_ticket, parse_ticket

FULL = Ticket(id="T-1042", title='Quotes " and \\ and ünïcode', account="acmeflowers", status=TicketStatus.WAITING,
              notes="Line one.\nLine two with ''' quotes.\n", quirks={"scheduling_approved": "false"},
              exchanges=(RecordedExchange("exchanges/001 Update.json", ExchangeMark.FAILING, "Update", "as sent"),
                         RecordedExchange("exchanges/002 Update.json", ExchangeMark.KNOWN_GOOD, "Update")))


def test_a_ticket_round_trips_and_diffs_line_by_line() -> None:
    text = dump_ticket(FULL)
    assert parse_ticket(text) == FULL
    assert text.splitlines()[0] == "format = 1"
    assert "Line one.\nLine two" in text  # notes as a multi-line string
    assert dump_ticket(parse_ticket(text)) == text


def test_a_hand_written_ticket_without_format_is_upgraded() -> None:
    ticket = parse_ticket('id = "T9"\ntitle = "Old"\n[quirks]\nscheduling_approved = true\n')
    assert ticket.id == "T9" and ticket.status is TicketStatus.OPEN and ticket.quirks == {"scheduling_approved": "true"}


@pytest.mark.parametrize("text,words", [
    ("format = 99\nid = 'x'\n", "newer"),
    ("id = 'x'\nstatus = 'lost'\n", "status"),
    ("id = 'x'\n[[exchanges]]\nfile = '../../etc/passwd'\n", "inside the ticket folder"),
    ("id = 'x'\n[[exchanges]]\nfile = 'a.json'\nmark = 'great'\n", "mark"),
    ("title = 3\n", "'title' must be text"),
    ("nothing = 'here'\n", "needs an 'id' or a 'title'"),
    ("id = \n", "not valid TOML"),
])
def test_a_bad_ticket_file_is_refused_in_words(text: str, words: str) -> None:
    with pytest.raises(TicketError, match=words):
        parse_ticket(text)


def test_new_ticket_checks_its_quirks_and_refuses_a_second_ticket(tmp_path: Path) -> None:
    with pytest.raises(TicketError, match="Unknown quirk"):
        new_ticket(tmp_path / "a", Ticket("a", "A", quirks={"no_such": "1"}))
    with pytest.raises(TicketError, match="must be one of"):
        new_ticket(tmp_path / "b", Ticket("b", "B", quirks={"scheduling_approved": "maybe"}))
    new_ticket(tmp_path / "c", Ticket("c", "C", quirks={"scheduling_approved": "TRUE"}))
    assert load_ticket(tmp_path / "c").quirks == {"scheduling_approved": "true"}
    with pytest.raises(TicketError, match="a ticket already"):
        new_ticket(tmp_path / "c", Ticket("c", "C"))


def test_marks_change_and_a_missing_folder_is_said(tmp_path: Path) -> None:
    new_ticket(tmp_path / "t", Ticket("t", "T", exchanges=FULL.exchanges))
    changed = set_mark(tmp_path / "t", "exchanges/002 Update.json", ExchangeMark.FAILING)
    assert [e.mark for e in changed.exchanges] == [ExchangeMark.FAILING, ExchangeMark.FAILING]
    assert load_ticket(tmp_path / "t") == changed
    with pytest.raises(TicketError, match="no recorded exchange"):
        set_mark(tmp_path / "t", "nope.json", ExchangeMark.OTHER)
    with pytest.raises(TicketError, match="not a ticket folder"):
        load_ticket(tmp_path / "missing")
