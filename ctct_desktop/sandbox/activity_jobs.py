"""What bulk activities do (§7): checking the form up front, then the work the worker runs.

Form problems are 400s at POST time; row problems (a bad address, a Do Not Mail contact) are
recorded in the activity's Errors, as the real service reported them.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from dataclasses import dataclass, field
from typing import TypedDict

from werkzeug.datastructures import MultiDict

from ctct_desktop.core.list_uris import list_uri_pattern
from ctct_desktop.sandbox import errors
from ctct_desktop.sandbox.clock import now_iso
from ctct_desktop.sandbox.contact_xml import valid_email
from ctct_desktop.sandbox.ids import parse_id, reads_as_number

ADD_TYPES = ("SV_ADD", "ADD_CONTACTS", "ADD_CONTACT_DETAIL")
TYPES = (*ADD_TYPES, "REMOVE_CONTACTS_FROM_LISTS", "CLEAR_CONTACTS_FROM_LISTS", "EXPORT_CONTACTS")
MAX_ROWS = 20_000
SYSTEM_KEYS = ("active", "removed", "do-not-mail")
IMPORT_COLUMNS = {
    "EMAIL ADDRESS": "email", "EMAIL": "email", "FIRST NAME": "FirstName", "MIDDLE NAME": "MiddleName",
    "LAST NAME": "LastName", "JOB TITLE": "JobTitle", "COMPANY NAME": "CompanyName",
    "WORK PHONE": "WorkPhone", "HOME PHONE": "HomePhone", "ADDRESS LINE 1": "Addr1",
    "ADDRESS LINE 2": "Addr2", "ADDRESS LINE 3": "Addr3", "CITY": "City", "STATE": "StateName",
    "STATE/PROVINCE (US/CANADA)": "StateCode", "US STATE/CA PROVINCE": "StateCode",
    "COUNTRY": "CountryCode", "POSTAL CODE": "PostalCode", "ZIP/POSTAL CODE": "PostalCode",
    "SUB POSTAL CODE": "SubPostalCode", "SUB ZIP/POSTAL CODE": "SubPostalCode",
    **{f"CUSTOM FIELD {n}": f"CustomField{n}" for n in range(1, 16)},
}
EXPORT_COLUMNS = {name: key for name, key in IMPORT_COLUMNS.items()
                  if name not in ("EMAIL", "US STATE/CA PROVINCE", "ZIP/POSTAL CODE", "SUB ZIP/POSTAL CODE")}


class ExportOptions(TypedDict):
    """The options of an EXPORT_CONTACTS job, under the keys its stored JSON has always used."""

    fileType: str
    sortBy: str
    columns: list[str]
    optDate: bool
    optSource: bool
    listName: bool


@dataclass
class Job:
    """A checked activity request, stored as JSON until the worker runs it."""

    type: str
    lists: list[str] = field(default_factory=list)  # numeric ids, or a system list for exports
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    export: ExportOptions | None = None  # only for EXPORT_CONTACTS

    def to_json(self) -> str:
        return json.dumps({"type": self.type, "lists": self.lists, "rows": self.rows, "export": self.export})

    @classmethod
    def from_json(cls, text: str) -> Job:
        data = json.loads(text)
        # Jobs queued by earlier versions stored {} for "no export options".
        return cls(data["type"], data["lists"], [(n, dict(r)) for n, r in data["rows"]], data["export"] or None)


def read_form(form: MultiDict[str, str], data: str | None, account_path: str) -> Job:
    kind = form.get("activityType", "")
    if kind not in TYPES:
        raise errors.bad_request(f"activityType must be one of {', '.join(TYPES)}; it is '{kind}'.")
    if kind == "EXPORT_CONTACTS":
        return _read_export(form, account_path)
    given = form.getlist("lists")
    if not given:
        raise errors.bad_request("lists is required: send one lists parameter per list URI.")
    # A system list's membership follows status: naming one adds, removes or clears nothing.
    lists = [key for key in (_list_key(uri, account_path, "lists", system_ok=True) for uri in given) if key.isdigit()]
    if kind == "CLEAR_CONTACTS_FROM_LISTS":
        if data:
            raise errors.bad_request("CLEAR_CONTACTS_FROM_LISTS takes no data, only lists.")
        return Job(kind, lists)
    if not data or not data.strip():
        raise errors.bad_request(f"data is required for {kind}: a header row, then one contact per line.")
    return Job(kind, lists, _read_rows(data, header_required=kind in ADD_TYPES))


def _list_key(uri: str, account_path: str, name: str, *, system_ok: bool) -> str:
    """The list a form value names: a system list's key, or a user list's id in ASCII digits."""
    match = list_uri_pattern(account_path).match(uri.strip())
    key = match.group(1) if match is not None else ""
    if key in SYSTEM_KEYS:
        if not system_ok:
            raise errors.bad_request(f"{name} value '{uri}' is a system list; use a list of your own.")
        return key
    list_id = parse_id(key)
    if list_id is None and reads_as_number(key):
        raise errors.bad_request(f"{name} value '{uri}' names list {key}, which does not exist in this account.")
    if list_id is None:
        raise errors.bad_request(
            f"{name} value '{uri}' is not a list URI of this account "
            f"(http://api.constantcontact.com{account_path}/lists/N, URL-encoded).")
    return str(list_id)


def _read_rows(data: str, *, header_required: bool) -> list[tuple[int, dict[str, str]]]:
    try:
        records = list(csv.reader(io.StringIO(data.strip("\r\n")), skipinitialspace=True, strict=True))
    except csv.Error as exc:
        raise errors.bad_request(f"data is not valid CSV: {exc}.") from None
    if len(records) > MAX_ROWS + 1:
        raise errors.bad_request(f"data holds more than {MAX_ROWS} contacts; split it into several activities.")
    header = [h.strip().upper() for h in records[0]] if records else []
    if not header_required and header[:1] not in (["EMAIL ADDRESS"], ["EMAIL"]):
        header, body = ["EMAIL ADDRESS"], records
    else:
        body = records[1:]
    # Header names beyond the documented ones are [U]: a column the sandbox does not know is skipped.
    if "email" not in [IMPORT_COLUMNS.get(h) for h in header]:
        raise errors.bad_request("data: the header row needs an Email Address column.")
    first_line = 1 if body is records else 2
    rows = []
    for offset, record in enumerate(body):
        if any(cell.strip() for cell in record):
            values = {IMPORT_COLUMNS[h]: cell.strip() for h, cell in zip(header, record)
                      if cell.strip() and h in IMPORT_COLUMNS}
            rows.append((first_line + offset, values))
    return rows


def _flag(form: MultiDict[str, str], name: str) -> bool:
    """true or false (P14); another value is false, since no refusal of one is documented."""
    return form.get(name, "false").strip().lower() == "true"


def _read_export(form: MultiDict[str, str], account_path: str) -> Job:
    list_ids = form.getlist("listId")
    if len(list_ids) != 1:
        raise errors.bad_request(f"EXPORT_CONTACTS needs exactly one listId; it has {len(list_ids)}.")
    file_type = form.get("fileType", "")
    if file_type not in ("CSV", "TXT"):
        raise errors.bad_request(f"fileType must be CSV or TXT; it is '{file_type}'.")
    sort_by = form.get("sortBy", "EMAIL_ADDRESS")
    if sort_by not in ("EMAIL_ADDRESS", "DATE_DESC"):
        raise errors.bad_request(f"sortBy must be EMAIL_ADDRESS or DATE_DESC; it is '{sort_by}'.")
    # S5's column names [W]; one the sandbox does not know is left out of the file.
    columns = [c for c in (c.strip().upper() for c in form.getlist("columns")) if c in EXPORT_COLUMNS]
    export: ExportOptions = {"fileType": file_type, "sortBy": sort_by, "columns": columns,
                             "optDate": _flag(form, "exportOptDate"), "optSource": _flag(form, "exportOptSource"),
                             "listName": _flag(form, "exportListName")}
    return Job("EXPORT_CONTACTS", [_list_key(list_ids[0], account_path, "listId", system_ok=True)], export=export)


def check_lists(conn: sqlite3.Connection, job: Job) -> None:
    for key in job.lists:
        list_id = parse_id(key)
        if list_id is not None and conn.execute("SELECT 1 FROM lists WHERE id=?", (list_id,)).fetchone() is None:
            raise errors.bad_request(f"List {key} does not exist in this account.")


def _error(line: int | None, email: str, message: str) -> dict[str, object]:
    return {"line": line, "email": email, "message": message}


def _drop_empty(conn: sqlite3.Connection, contact_ids: list[int], stamp: str) -> None:
    """Contacts left on no list become Removed (Do Not Mail stays Do Not Mail)."""
    for contact_id in contact_ids:
        conn.execute("UPDATE contacts SET last_update_time=?, status=CASE WHEN status IN "
                     "('Active','Unconfirmed') AND NOT EXISTS (SELECT 1 FROM memberships WHERE "
                     "contact_id=contacts.id) THEN 'Removed' ELSE status END WHERE id=?", (stamp, contact_id))


def run_add(conn: sqlite3.Connection, job: Job) -> tuple[int, list[dict[str, object]]]:
    stamp, problems, latest = now_iso(), [], {}
    for line, values in job.rows:
        email = values.get("email", "").lower()
        if not valid_email(email):
            problems.append(_error(line, values.get("email", ""), f"The provided email address {values.get('email', '')} was not valid"))
        else:
            latest[email] = (line, values)  # the last duplicate row wins
    for email, (line, values) in latest.items():
        fields = {k: v for k, v in values.items() if k != "email"}
        row = conn.execute("SELECT * FROM contacts WHERE email=?", (email,)).fetchone()
        if row is not None and row["status"] == "Do Not Mail":
            problems.append(_error(line, email, "The contact is on the Do Not Mail list; only the contact can opt back in."))
            continue
        if row is None:
            contact_id = int(conn.execute(
                "INSERT INTO contacts(email, status, fields, opt_in_source, opt_in_time, insert_time, "
                "last_update_time) VALUES(?, 'Active', ?, 'ACTION_BY_CUSTOMER', ?, ?, ?)",
                (email, json.dumps(fields), stamp, stamp, stamp)).lastrowid or 0)
        else:
            contact_id = row["id"]
            merged = {**json.loads(row["fields"]), **fields}
            conn.execute("UPDATE contacts SET fields=?, status=CASE WHEN status='Removed' THEN 'Active' "
                         "ELSE status END, last_update_time=? WHERE id=?", (json.dumps(merged), stamp, contact_id))
        conn.executemany("INSERT OR IGNORE INTO memberships(contact_id, list_id, opt_in_source, opt_in_time) "
                         "VALUES(?, ?, 'ACTION_BY_CUSTOMER', ?)", [(contact_id, int(k), stamp) for k in job.lists])
    return len(job.rows), problems


def run_remove(conn: sqlite3.Connection, job: Job) -> tuple[int, list[dict[str, object]]]:
    stamp, problems, touched = now_iso(), [], []
    marks = ",".join("?" * len(job.lists))
    for line, values in job.rows:
        email = values.get("email", "").lower()
        row = conn.execute("SELECT id FROM contacts WHERE email=?", (email,)).fetchone()
        if row is None:
            problems.append(_error(line, email, "No contact with this email address exists."))
            continue
        conn.execute(f"DELETE FROM memberships WHERE contact_id=? AND list_id IN ({marks})",
                     (row["id"], *map(int, job.lists)))
        touched.append(row["id"])
    _drop_empty(conn, touched, stamp)
    return len(job.rows), problems


def run_clear(conn: sqlite3.Connection, job: Job) -> tuple[int, list[dict[str, object]]]:
    stamp, touched = now_iso(), []
    for key in job.lists:
        ids = [r["contact_id"] for r in conn.execute("SELECT contact_id FROM memberships WHERE list_id=?", (int(key),))]
        conn.execute("DELETE FROM memberships WHERE list_id=?", (int(key),))
        touched.extend(ids)
    _drop_empty(conn, touched, stamp)
    return len(touched), []
