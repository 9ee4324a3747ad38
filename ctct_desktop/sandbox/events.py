"""The seeded campaign history: who got the Sent campaign, who opened, clicked, forwarded, bounced
and opted out, and which links were clicked (reference §3.1 event entries, §5.1 ``Urls``).

The sandbox sends no mail, so only the seeded Sent campaign has a history. It is computed, not
stored: the same on every reset, and the campaign's statistics are counted from it (seed.py), so
a client that compares ``<Opens>`` with the opens feed finds them equal.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from ctct_desktop.core import sandbox_demo as demo
from ctct_desktop.sandbox.clock import to_iso

KINDS = ("sends", "opens", "clicks", "forwards", "bounces", "optouts")
ELEMENTS = {"sends": "SentEvent", "opens": "OpenEvent", "clicks": "ClickEvent", "forwards": "ForwardEvent",
            "bounces": "BounceEvent", "optouts": "OptoutEvent"}
STAT_NAMES = {"sends": "Sent", "opens": "Opens", "clicks": "Clicks", "forwards": "Forwards",
              "bounces": "Bounces", "optouts": "OptOuts"}
RUN_MOMENT = datetime(2025, 2, 14, 9, 0, 0, tzinfo=timezone.utc)

# Who received the seeded Sent campaign: the first Active contacts, and two who opted out from it.
_ACTIVE_RECIPIENTS = tuple(range(1, 129))
OPTED_OUT = (demo.SEED_DNM_CONTACT_ID, demo.SEED_DNM_CONTACT_ID + 1)
_BOUNCED = (126, 127, 128)
_LINKS = ((1, "https://example.com/roses", 16), (2, "https://example.com/shop", 8))
_OPENS, _FORWARDS = 71, 5


@dataclass(frozen=True)
class Event:
    kind: str
    number: int  # 1-based within (campaign, kind): the event's id
    contact_id: int
    time: str
    url_id: int | None = None  # clicks: which link
    code: str | None = None  # bounces: the bounce code ("B", as S2 filters on)


@dataclass(frozen=True)
class Link:
    url_id: int
    value: str
    clicks: int


@dataclass(frozen=True)
class History:
    campaign_id: int
    run_date: str
    events: tuple[Event, ...]
    links: tuple[Link, ...]

    def of_kind(self, kind: str) -> list[Event]:
        return [event for event in self.events if event.kind == kind]

    def stats(self) -> dict[str, int]:
        counts = {STAT_NAMES[kind]: len(self.of_kind(kind)) for kind in KINDS}
        return {**counts, "SpamReports": 0}


def _at(minutes: float) -> str:
    return to_iso(RUN_MOMENT + timedelta(minutes=minutes))


def _numbered(kind: str, picks: list[tuple[int, str]]) -> list[Event]:
    return [Event(kind, n, contact, time) for n, (contact, time) in enumerate(picks, 1)]


def _build() -> History:
    recipients = (*_ACTIVE_RECIPIENTS, *OPTED_OUT)
    delivered = [c for c in recipients if c not in _BOUNCED]
    # A fixed shuffle: the demo contact and the two who opted out (from the email) opened it.
    order = sorted(delivered, key=lambda c: (c not in (demo.SEED_ACTIVE_CONTACT_ID, *OPTED_OUT), (c * 53) % 127, c))
    openers = order[:_OPENS]
    open_time = {c: _at(60 + i * 7) for i, c in enumerate(sorted(openers))}
    clickers = [c for c in order if c not in OPTED_OUT][:sum(link.clicks for link in _LINK_STATS)]
    events = _numbered("sends", [(c, _at(i / 60)) for i, c in enumerate(recipients)])
    events += _numbered("opens", [(c, open_time[c]) for c in sorted(openers)])
    links = [link.url_id for link in _LINK_STATS for _ in range(link.clicks)]
    events += [Event("clicks", n, contact, _later(open_time[contact], 2), url_id=url_id)
               for n, (contact, url_id) in enumerate(zip(sorted(clickers), links), 1)]
    forwarders = sorted(order[len(OPTED_OUT) + 1:][:_FORWARDS])  # openers after the three named above
    events += _numbered("forwards", [(c, _later(open_time[c], 5)) for c in forwarders])
    events += [Event("bounces", n, c, _at(10 + n), code="B") for n, c in enumerate(_BOUNCED, 1)]
    events += _numbered("optouts", [(c, _later(open_time[c], 3)) for c in OPTED_OUT])
    return History(demo.SEED_SENT_CAMPAIGN_ID, to_iso(RUN_MOMENT), tuple(events), _LINK_STATS)


def _later(stamp: str, minutes: int) -> str:
    moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    return to_iso(moment + timedelta(minutes=minutes))


_LINK_STATS = tuple(Link(*link) for link in _LINKS)
SEEDED = _build()


def history_of(row: sqlite3.Row) -> History | None:
    """The history of a campaign row: only the seeded Sent campaign has one, and only while it is
    still that campaign (a deleted id reused by a new campaign inherits nothing)."""
    if row["id"] == SEEDED.campaign_id and row["last_run_date"] == SEEDED.run_date:
        return SEEDED
    return None


def opted_out_at(contact_id: int) -> str | None:
    """When a seeded contact opted out from the seeded campaign (seed.py records it)."""
    return next((e.time for e in SEEDED.of_kind("optouts") if e.contact_id == contact_id), None)
