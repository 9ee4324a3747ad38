"""The run as JUnit XML (``--reporter junit``), the shape CI servers read (Jenkins, GitLab, GitHub).

One ``<testsuite>`` per request and iteration, one ``<testcase>`` per assertion (a request with
none gets one for "a response came"), a ``<failure>`` with expected vs actual for each that did
not hold, and an ``<error>`` for a request that was not sent. Texts are masked with the
request's secrets; XML-unsafe control characters are dropped (XML 1.0 cannot hold them).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ctct_desktop.core.redaction import redact_text
from ctct_desktop.runner import Outcome, RequestRun, RunResult

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _seconds(run: RequestRun) -> str:
    return f"{(run.elapsed_ms or 0.0) / 1000.0:.3f}"


def _suite_name(run: RequestRun, iterations: int) -> str:
    return run.item.name + (f" (iteration {run.iteration})" if iterations > 1 else "")


def _case(suite: ET.Element, name: str, classname: str, seconds: str) -> ET.Element:
    return ET.SubElement(suite, "testcase", {"name": _clean(name), "classname": _clean(classname), "time": seconds})


def _suite(parent: ET.Element, run: RequestRun, iterations: int) -> tuple[int, int, int]:
    """Add one request's suite; returns (tests, failures, errors)."""
    secrets = run.secrets
    name = _suite_name(run, iterations)
    suite = ET.SubElement(parent, "testsuite", {"name": _clean(name), "time": _seconds(run)})
    tests = failures = errors = 0
    if run.outcome in (Outcome.ERROR, Outcome.CANCELLED) or run.status is None:
        case = _case(suite, "sent", name, _seconds(run))
        kind = "error" if run.outcome is not Outcome.FAILED else "failure"
        ET.SubElement(case, kind, {"message": _clean(redact_text(run.message, secrets)), "type": run.outcome.value})
        tests, errors, failures = 1, int(kind == "error"), int(kind == "failure")
    else:
        for result in run.assertions:
            tests += 1
            case = _case(suite, result.assertion.text, name, _seconds(run))
            if not result.passed:
                failures += 1
                message = redact_text(f"expected {result.expected}, got {result.actual}", secrets)
                ET.SubElement(case, "failure", {"message": _clean(message), "type": "assertion"}).text = \
                    _clean(message)
        for capture in run.captures:
            tests += 1
            case = _case(suite, f"capture {capture.capture.name}", name, _seconds(run))
            if capture.value is None:
                failures += 1
                ET.SubElement(case, "failure", {"message": _clean(redact_text(capture.problem, secrets)),
                                                "type": "capture"})
        if tests == 0:
            tests = 1
            _case(suite, "a response came", name, _seconds(run))
    if run.result is not None:
        method = run.result.plan.resolved.method
        url = redact_text(run.result.exchange.sent_url or run.result.plan.resolved.url, secrets)
        status = f" -> {run.status}" if run.status is not None else ""
        ET.SubElement(suite, "system-out").text = _clean(f"{method} {url}{status}")
    suite.set("tests", str(tests))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    return tests, failures, errors


def junit_xml(result: RunResult) -> str:
    root = ET.Element("testsuites", {"name": _clean(result.title), "time": f"{result.duration_s:.3f}"})
    totals = [0, 0, 0]
    for run in result.runs:
        for i, n in enumerate(_suite(root, run, result.iterations)):
            totals[i] += n
    root.set("tests", str(totals[0]))
    root.set("failures", str(totals[1]))
    root.set("errors", str(totals[2]))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
