"""What the server says about a linted request: the one list of rules whose findings it does not
refuse the way their severity suggests.

The rule is simple and holds for every rule not listed here: an error-level finding is something
the v1 server refuses (a 4xx), a warning or an info is something it takes (a 2xx) with a
consequence worth knowing. ``tests/e2e/test_lint_sandbox_agree.py`` holds the linter and the
sandbox to it: the lint corpus, every rule's examples and every v1 template are sent to a freshly
reset sandbox and the answer must be the one predicted here. The exceptions below say why they
are exceptions; the sandbox's README has the evidence for each 400 it gives.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from ctct_desktop.lint.model import Diagnostic, Severity

Answer = Literal["2xx", "4xx"]


@dataclass(frozen=True)
class NotServerChecked:
    """A rule whose finding does not predict the server's answer by its severity."""

    code: str
    reason: str
    answer: Answer | None = None  # what the server answers instead, when that is always the same


EXCEPTIONS: dict[str, NotServerChecked] = {entry.code: entry for entry in (
    NotServerChecked("L018", "A '+' read as a space breaks the time wherever it is, but where decides the answer: "
                     "<updated> and ?updatedsince= are refused (E1, P5), a campaign <Date> is taken (support's "
                     "fixes for P19 and T3 did not name it). The error stays: the time is lost either way."),
    NotServerChecked("L023", "Client-side pitfall: the server answers 200 to a raw '+' or an upper-case address "
                     "and the search misses (P4; the official sample's bug, S8 a3026c7). The error is for the "
                     "wrong result, which leads to a POST and a 409.", "2xx"),
    NotServerChecked("L026", "Client-side: a request with an unresolved {{variable}} is not sent at all."),
    NotServerChecked("L028", "A fact about accounts the linter cannot see: a credential for another account is a "
                     "401 or 403 (E11, E13), another account's list URI is refused like any list the account "
                     "lacks, an entry <id> naming another account is ignored (any URI will do). A warning "
                     "because copied XML is the usual cause."),
    NotServerChecked("L029", "v2/v3 JSON: the v1 sandbox does not serve those APIs."),
)}


@dataclass(frozen=True)
class Verdict:
    """The answer predicted for a request, or None (with the reason) when no prediction holds."""

    answer: Answer | None
    reason: str


def server_verdict(diagnostics: Iterable[Diagnostic]) -> Verdict:
    """4xx when an error-level finding of a server-checked rule is present; otherwise the answer
    of the exceptions involved, or 2xx when there are none."""
    found = list(diagnostics)
    refused = sorted({d.code for d in found if d.severity is Severity.ERROR and d.code not in EXCEPTIONS})
    if refused:
        return Verdict("4xx", f"error-level findings the server refuses: {', '.join(refused)}")
    excused = sorted({d.code for d in found if d.code in EXCEPTIONS})
    answers = {EXCEPTIONS[code].answer for code in excused}
    if excused and (len(answers) != 1 or None in answers):
        return Verdict(None, "; ".join(f"{code}: {EXCEPTIONS[code].reason}" for code in excused))
    if excused:
        return Verdict(answers.pop(), f"{', '.join(excused)}: taken by the server")
    return Verdict("2xx", "no error-level finding: the server takes it")
