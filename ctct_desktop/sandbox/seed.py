"""The deterministic demo account: same ids, same addresses, same timestamps on every reset.

Templates and tests rely on the ids recorded in demo.py; ``seed`` checks them as it writes.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta, timezone

from ctct_desktop.core import sandbox_demo as demo
from ctct_desktop.sandbox.clock import to_iso
from ctct_desktop.sandbox.events import SEEDED, opted_out_at

PER_STATUS = 130  # more than two pages of 50 in every status
STATUSES = ("Active", "Unconfirmed", "Removed", "Do Not Mail")
_EPOCH = datetime(2025, 1, 15, 9, 0, 0, tzinfo=timezone.utc)

_FIRST = ("Ada", "Ben", "Cora", "Dev", "Elena", "Farid", "Greta", "Hiro", "Iris", "Jonas",
          "Kemi", "Liam", "Maya", "Nils", "Olga", "Pavel", "Quinn", "Rosa", "Sami", "Tara")
_LAST = ("Abbott", "Brooks", "Castillo", "Dubois", "Eriksen", "Fischer", "Garcia", "Haddad",
         "Ito", "Jensen", "Kowalski", "Larsen", "Moreau", "Novak", "Okafor", "Petrov")
_CITIES = (("Boston", "MA", "US"), ("Portland", "OR", "US"), ("Toronto", "ON", "CA"),
           ("Austin", "TX", "US"), ("Leeds", "", "GB"))

LISTS = (
    (1, "General Interest", 1, 1, "Yes"),
    (2, "Weekly Specials", 0, 2, "Yes"),
    (3, "Wedding Planners", 0, 3, "No"),
    (4, "Event Invitations", 0, 4, "No"),
)


def seed(conn: sqlite3.Connection) -> None:
    """Fill a freshly created schema (inside the caller's transaction)."""
    stamp = to_iso(_EPOCH)
    conn.executemany(
        "INSERT INTO lists(id, name, opt_in_default, sort_order, display_on_signup, updated) "
        "VALUES(?, ?, ?, ?, ?, ?)", [(*row, stamp) for row in LISTS])
    _seed_contacts(conn)
    _seed_email_addresses(conn)
    _seed_campaigns(conn)
    conn.execute("INSERT INTO meta(key, value) VALUES('seeded_at', ?)", (stamp,))


def _contact_email(index: int) -> tuple[str, str, str]:
    first = _FIRST[index % len(_FIRST)]
    last = _LAST[(index // len(_FIRST)) % len(_LAST)]
    suffix = "" if index < len(_FIRST) * len(_LAST) else str(index)
    if index == 1:
        return "Joe", "Rosen", demo.SEED_PLUS_CONTACT_EMAIL
    return first, last, f"{first}.{last}{suffix}@example.com".lower()


def _seed_contacts(conn: sqlite3.Connection) -> None:
    contacts, memberships = [], []
    for index in range(PER_STATUS * len(STATUSES)):
        contact_id = index + 1
        status = STATUSES[index // PER_STATUS]
        first, last, email = _contact_email(index)
        city, state, country = _CITIES[index % len(_CITIES)]
        inserted = to_iso(_EPOCH + timedelta(minutes=index))
        # Those who opted out from the seeded campaign's email did so when its history says.
        opted = opted_out_at(contact_id) if status == "Do Not Mail" else None
        updated = opted or to_iso(_EPOCH + timedelta(days=1, minutes=index))
        fields = {"FirstName": first, "LastName": last, "City": city, "CountryCode": country}
        if state:
            fields["StateCode"] = state
        if index % 7 == 0:
            fields["CustomField1"] = "VIP"
        source = "ACTION_BY_CONTACT" if index % 3 == 0 else "ACTION_BY_CUSTOMER"
        opt_out = updated if status == "Do Not Mail" else None
        contacts.append((contact_id, email, status, "HTML" if index % 5 else "Text",
                         json.dumps(fields), source, inserted,
                         "ACTION_BY_CONTACT" if opt_out else None, opt_out,
                         int(status == "Active"), inserted, updated))
        for list_id in _seed_lists_for(index, status):
            memberships.append((contact_id, list_id, source, inserted))
    conn.executemany(
        "INSERT INTO contacts(id, email, status, email_type, fields, opt_in_source, opt_in_time, "
        "opt_out_source, opt_out_time, confirmed, insert_time, last_update_time) "
        "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", contacts)
    conn.executemany("INSERT INTO memberships(contact_id, list_id, opt_in_source, opt_in_time) "
                     "VALUES(?, ?, ?, ?)", memberships)
    _check(conn, demo.SEED_ACTIVE_CONTACT_ID, demo.SEED_ACTIVE_CONTACT_EMAIL, "Active")
    _check(conn, demo.SEED_PLUS_CONTACT_ID, demo.SEED_PLUS_CONTACT_EMAIL, "Active")
    _check(conn, demo.SEED_DNM_CONTACT_ID, demo.SEED_DNM_CONTACT_EMAIL, "Do Not Mail")


def _seed_lists_for(index: int, status: str) -> list[int]:
    if status not in ("Active", "Unconfirmed"):
        return []
    lists = [1]
    if index % 2 == 0:
        lists.append(2)
    if index % 5 == 0:
        lists.append(3)
    if status == "Unconfirmed" and index % 4 == 0:
        lists = [4]
    return lists


def _check(conn: sqlite3.Connection, contact_id: int, email: str | None, status: str) -> None:
    row = conn.execute("SELECT email, status FROM contacts WHERE id=?", (contact_id,)).fetchone()
    if row is None or row["status"] != status or (email is not None and row["email"] != email):
        raise RuntimeError(f"seed drifted from demo.py for contact {contact_id}")


def _seed_email_addresses(conn: sqlite3.Connection) -> None:
    conn.execute("INSERT INTO email_addresses(id, address, status, verified_time) VALUES(?, ?, ?, ?)",
                 (demo.SEED_VERIFIED_EMAIL_ID, demo.SEED_VERIFIED_EMAIL, "Verified",
                  to_iso(_EPOCH - timedelta(days=300))))
    conn.execute("INSERT INTO email_addresses(id, address, status, verified_time) VALUES(?, ?, ?, NULL)",
                 (demo.SEED_PENDING_EMAIL_ID, demo.SEED_PENDING_EMAIL, "Pending"))


_HTML = ("<html><body><p>Spring is here: 20% off every bouquet this week.</p>"
         "<p><a href=\"https://example.com/shop\">Visit the shop</a></p></body></html>")


def _campaign_fields(name: str, subject: str) -> dict[str, str]:
    return {
        "Name": name, "Subject": subject, "FromName": "Joe's Flowers",
        "ViewAsWebpage": "NO", "PermissionReminder": "YES",
        "PermissionReminderText": "You're receiving this email because of your relationship "
                                  "with Joe's Flowers.",
        "GreetingSalutation": "Dear", "GreetingName": "FirstName", "GreetingString": "Greetings!",
        "OrganizationName": "Joe's Flowers", "OrganizationAddress1": "123 Main Street",
        "OrganizationCity": "Boston", "OrganizationState": "MA", "OrganizationCountry": "US",
        "OrganizationPostalCode": "02108", "IncludeForwardEmail": "NO", "IncludeSubscribeLink": "NO",
        "EmailContentFormat": "HTML", "EmailContent": _HTML,
        "EmailTextContent": "<Text>Spring is here: 20% off every bouquet this week.</Text>",
    }


# id, name, status, campaign type, last run, stats, scheduled time
_CampaignSeed = tuple[int, str, str, str, str | None, dict[str, int], str | None]


def _seed_campaigns(conn: sqlite3.Connection) -> None:
    rows: tuple[_CampaignSeed, ...] = (
        (demo.SEED_DRAFT_CAMPAIGN_ID, "Spring Bouquet Sale", "Draft", "CUSTOM", None,
         {}, None),
        (demo.SEED_SENT_CAMPAIGN_ID, "Valentine's Day Roses", "Sent", "STOCK", SEEDED.run_date,
         SEEDED.stats(), None),  # counted from the event history its feeds serve
        (demo.SEED_SCHEDULED_CAMPAIGN_ID, "Mother's Day Preview", "Scheduled", "CUSTOM", None,
         {}, "2030-05-05T13:00:00.000Z"),
    )
    subjects = {1: "Spring bouquets, 20% off", 2: "Roses for your Valentine",
                3: "A first look at Mother's Day"}
    for campaign_id, name, status, kind, last_run, stats, scheduled in rows:
        fields = _campaign_fields(name, subjects[campaign_id])
        if kind == "STOCK":
            for key in ("EmailContent", "EmailTextContent"):
                fields.pop(key)
        conn.execute(
            "INSERT INTO campaigns(id, name, status, campaign_type, date, last_edit_date, "
            "last_run_date, next_run_date, fields, list_ids, from_email_id, reply_email_id, stats, "
            "scheduled_time) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (campaign_id, name, status, kind, to_iso(_EPOCH + timedelta(days=campaign_id)),
             to_iso(_EPOCH + timedelta(days=campaign_id, hours=2)), last_run, scheduled,
             json.dumps(fields), json.dumps([1, 2]), demo.SEED_VERIFIED_EMAIL_ID,
             demo.SEED_VERIFIED_EMAIL_ID, json.dumps(stats), scheduled))
