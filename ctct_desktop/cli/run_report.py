"""The report at the end of a run: the text summary, or the whole run as JSON or JUnit XML.

A json or junit report goes to ``--out`` (else standard output, with the progress on standard
error); the text summary follows the progress, and ``--out`` gets all of it.
"""

from __future__ import annotations

import json
import sys

from pathlib import Path

from ctct_desktop.cli.run_progress import Progress
from ctct_desktop.core.atomic import write_atomic
from ctct_desktop.runner import Outcome, RunResult


def summary_lines(result: RunResult) -> list[str]:
    held, failed = result.assertion_counts
    counts = (f"{len(result.runs)} of {result.planned} requests ran: {result.count(Outcome.PASSED)} passed, "
              f"{result.count(Outcome.FAILED)} failed, {result.count(Outcome.ERROR)} not sent")
    lines = ["", f"{counts}; assertions: {held} held, {failed} failed; {result.duration_s:.2f} s"]
    if result.cancelled:
        lines.append("The run was cancelled.")
    if result.bailed:
        lines.append("Stopped at the first failure (--bail).")
    failures = [r for r in result.runs if r.outcome is not Outcome.PASSED]
    if failures:
        lines.append("Failures:")
        lines += [f"  {r.item.name}" + (f" (iteration {r.iteration})" if result.iterations > 1 else "") +
                  f": {r.message}" for r in failures]
    return lines


def _document(kind: str, result: RunResult) -> str:
    if kind == "json":
        from ctct_desktop.cli.run_report_json import run_data

        return json.dumps(run_data(result), indent=2, ensure_ascii=False) + "\n"
    from ctct_desktop.cli.run_report_junit import junit_xml

    return junit_xml(result)


def write_report(kind: str, result: RunResult, out: Path | None, progress: Progress) -> str:
    """Print or write the report; returns "" or why the file could not be written."""
    if kind == "text":
        for line in summary_lines(result):
            progress.say(line, result.secrets)
        text = "\n".join(progress.lines) + "\n"
    else:
        text = _document(kind, result)
        if out is None:
            sys.stdout.write(text)
            sys.stdout.flush()
        for line in summary_lines(result):
            progress.say(line, result.secrets)
    if out is None:
        return ""
    try:
        write_atomic(out, text.encode("utf-8"))
    except OSError as exc:
        return f"--out {out}: the report could not be written: {exc.strerror or exc}"
    return ""
