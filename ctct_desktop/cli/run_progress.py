"""The text reporter's progress: one line per request as it finishes, its assertions under it.

``✓ Lists / Create list  POST 201 Created  12 ms`` then ``    ✓ status == 201`` … Every line is
masked with that request's secrets before it is printed; the lines are kept for ``--out``.
"""

from __future__ import annotations

from typing import TextIO

from ctct_desktop.core.redaction import redact_text
from ctct_desktop.core.secret_set import SecretSet
from ctct_desktop.runner import Outcome, RequestFinished, RequestRun, RequestStarted, RunEvent, RunStarted

MARKS = {Outcome.PASSED: "✓", Outcome.FAILED: "✗", Outcome.ERROR: "!", Outcome.CANCELLED: "-"}


def request_line(run: RequestRun) -> str:
    method = run.result.plan.resolved.method if run.result is not None else ""
    response = run.result.response if run.result is not None else None
    answer = f"{response.status} {response.reason}".strip() if response is not None else "no response"
    timing = f"  {response.elapsed_ms:.0f} ms" if response is not None else ""
    attempts = f"  ({run.attempts} attempts)" if run.attempts > 1 else ""
    return f"{MARKS[run.outcome]} {run.item.name}  {method} {answer}{timing}{attempts}"


def detail_lines(run: RequestRun) -> list[str]:
    lines = [f"    {a.line}" for a in run.assertions]
    lines += [f"    ✗ capture {c.capture.name}: {c.problem}" for c in run.captures if c.value is None]
    if run.outcome in (Outcome.ERROR, Outcome.CANCELLED) or (run.outcome is Outcome.FAILED and run.status is None):
        lines.append(f"    {run.message}")
    return lines


class Progress:
    """Prints as the run goes; ``lines`` holds everything printed, for a text report file."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.lines: list[str] = []
        self._iterations = 1
        self._iteration = 0
        self._said: set[str] = set()

    def say(self, text: str, secrets: SecretSet | None = None) -> None:
        shown = redact_text(text, secrets) if secrets else text
        self.lines.append(shown)
        print(shown, file=self.stream, flush=True)

    def note(self, text: str) -> None:
        if text not in self._said:
            self._said.add(text)
            self.say(f"note: {text}")

    def on_event(self, event: RunEvent) -> None:
        if isinstance(event, RunStarted):
            self._iterations = event.iterations
            runs = f", {event.iterations} iterations" if event.iterations > 1 else ""
            self.say(f"{event.title} ({event.total} requests{runs})")
        elif isinstance(event, RequestStarted):
            if self._iterations > 1 and event.iteration != self._iteration:
                self._iteration = event.iteration
                self.say(f"Iteration {event.iteration}/{self._iterations}")
        elif isinstance(event, RequestFinished):
            run = event.run
            self.say(request_line(run), run.secrets)
            for line in detail_lines(run):
                self.say(line, run.secrets)
