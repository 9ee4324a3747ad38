"""EXPORT_CONTACTS: the file an export activity produces (CSV or tab-separated TXT)."""

from __future__ import annotations

import csv
import io
import json
import sqlite3

from ctct_desktop.sandbox.activity_jobs import EXPORT_COLUMNS, Job
from ctct_desktop.sandbox.clock import now_iso
from ctct_desktop.sandbox.ids import parse_id

_SYSTEM_FILTERS = {
    "active": "EXISTS (SELECT 1 FROM memberships m WHERE m.contact_id = c.id)",
    "removed": "c.status = 'Removed'",
    "do-not-mail": "c.status = 'Do Not Mail'",
}
_SYSTEM_NAMES = {"active": "Active", "removed": "Removed", "do-not-mail": "Do Not Mail"}


def _title(column: str) -> str:
    return column.title().replace("(Us/Canada)", "(US/Canada)")


def run_export(conn: sqlite3.Connection, job: Job, username: str) -> tuple[int, str, str]:
    """Write the export; returns (rows, file name, file text)."""
    key = job.lists[0]
    options = job.export
    if options is None:
        raise ValueError(f"The {job.type} job carries no export options.")
    params: tuple[int, ...]
    list_id = parse_id(key)
    if list_id is not None:
        where, params = ("EXISTS (SELECT 1 FROM memberships m WHERE m.contact_id = c.id AND m.list_id = ?)",
                         (list_id,))
        found = conn.execute("SELECT name FROM lists WHERE id=?", (list_id,)).fetchone()
        list_name = found["name"] if found else key
    else:
        where, params, list_name = _SYSTEM_FILTERS[key], (), _SYSTEM_NAMES[key]
    order = "c.email" if options["sortBy"] == "EMAIL_ADDRESS" else "c.last_update_time DESC, c.id DESC"
    rows = conn.execute(f"SELECT c.* FROM contacts c WHERE {where} ORDER BY {order}", params).fetchall()
    columns = [c for c in options["columns"] if c != "EMAIL ADDRESS"]
    header = ["Email Address", *(_title(c) for c in columns)]
    header += [h for h, on in (("Opt-in Date", options["optDate"]), ("Opt-in Source", options["optSource"]),
                               ("List Name", options["listName"])) if on]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="," if options["fileType"] == "CSV" else "\t", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        fields = json.loads(row["fields"])
        line = [row["email"], *(fields.get(EXPORT_COLUMNS[c], "") for c in columns)]
        line += [v for v, on in ((row["opt_in_time"] or "", options["optDate"]),
                                 (row["opt_in_source"] or "", options["optSource"]),
                                 (list_name, options["listName"])) if on]
        writer.writerow(line)
    stamp = now_iso()
    name = f"{username}.{stamp[:10].replace('-', '')}.{stamp[11:19].replace(':', '')}.{options['fileType']}"
    return len(rows), name, buffer.getvalue()
