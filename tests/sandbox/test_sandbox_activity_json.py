"""A queued activity is stored as JSON and read back by the worker, possibly by a newer version."""

from __future__ import annotations

import json

from ctct_desktop.sandbox.activity_jobs import ExportOptions, Job


def test_export_options_survive_the_round_trip() -> None:
    options: ExportOptions = {"fileType": "CSV", "sortBy": "DATE_DESC", "columns": ["FIRST NAME"],
                              "optDate": True, "optSource": False, "listName": True}
    job = Job("EXPORT_CONTACTS", ["active"], export=options)
    assert Job.from_json(job.to_json()) == job


def test_a_job_stored_with_empty_export_options_reads_as_none() -> None:
    stored = json.dumps({"type": "SV_ADD", "lists": ["1"], "rows": [[2, {"email": "a@example.com"}]], "export": {}})
    job = Job.from_json(stored)
    assert job.export is None
    assert job.rows == [(2, {"email": "a@example.com"})]
