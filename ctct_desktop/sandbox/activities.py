"""Bulk activities over HTTP, and the background worker that moves each one through
PENDING -> RUNNING -> COMPLETE (or ERROR), as the real service did asynchronously."""

from __future__ import annotations

import json
import queue
import secrets
import sqlite3
import threading

from lxml import etree
from werkzeug.wrappers import Response

from ctct_desktop.sandbox import errors, feeds
from ctct_desktop.sandbox.activity_export import run_export
from ctct_desktop.sandbox.activity_jobs import ADD_TYPES, Job, check_lists, read_form, run_add, run_clear, run_remove
from ctct_desktop.sandbox.clock import now_iso
from ctct_desktop.sandbox.context import Ctx
from ctct_desktop.sandbox.db import Database
from ctct_desktop.sandbox.paging import PAGE_SIZE, PageLinks, page_number
from ctct_desktop.sandbox.quirks import Quirks

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz"


def new_activity_id() -> str:
    """Ids shaped like the real ones, e.g. a07e1ffaxjxffmvj6qd."""
    return "a07e" + "".join(secrets.choice(_ALPHABET) for _ in range(15))


class ActivityWorker:
    """One daemon thread that runs queued activities in order."""

    def __init__(self, db: Database, quirks: Quirks, username: str) -> None:
        self._db, self._quirks, self._username = db, quirks, username
        self._queue: queue.Queue[str] = queue.Queue()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        with self._db.read() as conn:
            waiting = conn.execute("SELECT id FROM activities WHERE status IN ('PENDING','RUNNING') "
                                   "ORDER BY seq").fetchall()
        for row in waiting:
            self._queue.put(row["id"])
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="sandbox-activities", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def submit(self, activity_id: str) -> None:
        self._queue.put(activity_id)

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                activity_id = self._queue.get(timeout=0.1)
            except queue.Empty:
                continue
            self._run(activity_id)

    def _pause(self) -> bool:
        """Wait one step; False when the sandbox is stopping."""
        return not self._stop.wait(self._quirks.number("activity_step_ms") / 1000)

    def _run(self, activity_id: str) -> None:
        if not self._pause():
            return
        with self._db.write() as conn:
            found = conn.execute("UPDATE activities SET status='RUNNING', run_start_time=? WHERE id=? "
                                 "AND status IN ('PENDING','RUNNING')", (now_iso(), activity_id)).rowcount
        if not found or not self._pause():
            return
        try:
            with self._db.write() as conn:
                self._process(conn, activity_id)
        except Exception as exc:  # a failed job is reported on the activity, never kills the worker
            with self._db.write() as conn:
                conn.execute("UPDATE activities SET status='ERROR', run_finish_time=?, errors=? WHERE id=?",
                             (now_iso(), json.dumps([{"line": None, "email": "", "message": str(exc)}]), activity_id))

    def _process(self, conn: sqlite3.Connection, activity_id: str) -> None:
        row = conn.execute("SELECT * FROM activities WHERE id=?", (activity_id,)).fetchone()
        if row is None:
            return
        job = Job.from_json(row["params"])
        file_name = export = None
        if job.type in ADD_TYPES:
            count, problems = run_add(conn, job)
        elif job.type == "REMOVE_CONTACTS_FROM_LISTS":
            count, problems = run_remove(conn, job)
        elif job.type == "CLEAR_CONTACTS_FROM_LISTS":
            count, problems = run_clear(conn, job)
        else:
            count, file_name, export = run_export(conn, job, self._username)
            problems = []
        conn.execute("UPDATE activities SET status='COMPLETE', transaction_count=?, errors=?, file_name=?, "
                     "export_data=?, run_finish_time=? WHERE id=?",
                     (count, json.dumps(problems), file_name, export, now_iso(), activity_id))


def _activity_entry(ctx: Ctx, row: sqlite3.Row) -> etree._Element:
    path = f"{ctx.account_path}/activities/{row['id']}"
    activity = feeds.ctct_element("Activity", feeds.id_uri(path))
    feeds.add_fields(activity, (("Type", row["type"]), ("Status", row["status"]),
                                ("FileName", row["file_name"]), ("TransactionCount", row["transaction_count"])))
    if row["file_name"]:
        feeds.atom_link(activity, f"{path}/file", "alternate")
    problems = json.loads(row["errors"])
    block = feeds.add(activity, "Errors")
    for problem in problems:
        item = feeds.add(block, "Error")
        feeds.add_fields(item, (("LineNumber", problem.get("line")), ("EmailAddress", problem.get("email")),
                                ("Message", problem.get("message"))))
    feeds.add_fields(activity, (("RunStartTime", row["run_start_time"]), ("RunFinishTime", row["run_finish_time"]),
                                ("InsertTime", row["insert_time"])))
    return feeds.entry(path=path, title=f"{row['type']} activity", updated=row["run_finish_time"]
                       or row["run_start_time"] or row["insert_time"], payload=activity)


ATOM_TYPES = ("application/atom+xml", "application/xml", "text/xml")


def _form_data(ctx: Ctx) -> str | None:
    request = ctx.request
    if request.mimetype in ATOM_TYPES:
        # The server reads a body labelled Atom as an Atom entry, whatever it holds, and fails in
        # its common sections (casebook T2: PHP's multipart body under an Atom Content-Type).
        raise errors.atom_sections()
    if request.mimetype not in FORM_TYPES:
        raise errors.unsupported_media("application/x-www-form-urlencoded or multipart/form-data",
                                       request.content_type or "")
    if "data" in request.files:
        try:
            return request.files["data"].read().decode("utf-8")
        except UnicodeDecodeError:
            raise errors.bad_request("data must be UTF-8 text.") from None
    return request.form.get("data")


def collection_post(ctx: Ctx) -> Response:
    data = _form_data(ctx)
    job = read_form(ctx.request.form, data, ctx.account_path)
    activity_id, stamp = new_activity_id(), now_iso()
    with ctx.db.write() as conn:
        check_lists(conn, job)
        seq = int(conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM activities").fetchone()["n"])
        conn.execute("INSERT INTO activities(id, seq, type, status, params, transaction_count, insert_time) "
                     "VALUES(?, ?, ?, 'PENDING', ?, ?, ?)",
                     (activity_id, seq, job.type, job.to_json(), len(job.rows), stamp))
        row = conn.execute("SELECT * FROM activities WHERE id=?", (activity_id,)).fetchone()
    ctx.worker.submit(activity_id)
    path = f"{ctx.account_path}/activities/{activity_id}"
    return feeds.xml_response(_activity_entry(ctx, row), 201, {"Location": ctx.absolute(path)})


def collection_get(ctx: Ctx) -> Response:
    page = page_number(ctx.request.args)
    with ctx.db.read() as conn:
        rows = conn.execute("SELECT * FROM activities ORDER BY seq DESC LIMIT ? OFFSET ?",
                            (PAGE_SIZE + 1, (page - 1) * PAGE_SIZE)).fetchall()
    path = f"{ctx.account_path}/activities"
    more = str(page + 1) if len(rows) > PAGE_SIZE else None
    root = feeds.feed(path=path, title=f"Activities for Customer: {ctx.username}", updated=now_iso(),
                      links=PageLinks(path, ctx.request.args).links(more),
                      entries=[_activity_entry(ctx, row) for row in rows[:PAGE_SIZE]])
    return feeds.xml_response(root)


def _load(ctx: Ctx, activity_id: str) -> sqlite3.Row:
    with ctx.db.read() as conn:
        row = conn.execute("SELECT * FROM activities WHERE id=?", (activity_id,)).fetchone()
    if row is None:
        raise errors.not_found(f"Activity {activity_id}")
    return row


def item_get(ctx: Ctx, activity_id: str) -> Response:
    return feeds.xml_response(_activity_entry(ctx, _load(ctx, activity_id)))


def file_get(ctx: Ctx, activity_id: str) -> Response:
    row = _load(ctx, activity_id)
    if row["export_data"] is None:
        raise errors.not_found(f"The export file of activity {activity_id}")
    kind = "text/csv" if row["file_name"].endswith(".CSV") else "text/plain"
    response = Response(row["export_data"], content_type=f"{kind}; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="{row["file_name"]}"'
    return response
