"""``plan``: everything decided before a request goes out, in one place for every front end.

Variables are resolved, the named account is applied (its token refreshed when due), the
request is linted once, and one ``SecretSet`` is collected: every string the result may carry
that must never be shown. Nothing here asks the user anything; the front end decides what to do
with a plan that has errors. Plans run off the UI thread in the window (linting a large body and
reading the keyring both take time).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from ctct_desktop.core.models import AuthKind, RequestModel
from ctct_desktop.core.redaction import SECRET_HEADERS, auth_secrets
from ctct_desktop.core.secret_set import SecretSet
from ctct_desktop.core.variables import resolve_request
from ctct_desktop.lint import Diagnostic, Severity, lint_request
from ctct_desktop.send.accounts import Accounts
from ctct_desktop.send.scopes import Scopes

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PlanSettings:
    """What the user chose about sending in general (Preferences, or the command line)."""

    timeout_s: float | None = None  # overrides the request's own timeout (``send --timeout``)
    max_body_bytes: int = 256 * 1024 * 1024  # decoded response body kept at most
    lint: bool = True


@dataclass(frozen=True)
class SendPlan:
    """A request ready to send, or the reason it cannot be.

    ``request`` is the request as written (``{{variables}}`` and account name kept), so
    diagnostics point into the text the user sees; ``resolved`` is what goes on the wire.
    """

    request: RequestModel
    resolved: RequestModel
    diagnostics: tuple[Diagnostic, ...] = ()
    unresolved: tuple[str, ...] = ()
    secrets: SecretSet = field(default_factory=SecretSet)
    problem: str = ""  # set when nothing may be sent (an account that cannot be applied)
    notes: tuple[str, ...] = ()
    settings: PlanSettings = field(default_factory=PlanSettings)

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity is Severity.ERROR)

    @property
    def sendable(self) -> bool:
        """False when the request cannot go out at all, whatever the user answers about lint errors."""
        return not self.problem and not self.unresolved

    @property
    def stop_reason(self) -> str:
        if self.problem:
            return self.problem
        if self.unresolved:
            names = ", ".join(f"{{{{{n}}}}}" for n in self.unresolved)
            return f"Not sent: {names} {'has' if len(self.unresolved) == 1 else 'have'} no value in the " \
                   "environment, the collection or the values given."
        return ""


def _header_secrets(request: RequestModel) -> list[str]:
    """Credentials typed straight into secret headers (``Authorization: Basic …``)."""
    found: list[str] = []
    for header in request.enabled_headers():
        if header.name.strip().lower() in SECRET_HEADERS and header.value.strip():
            value = header.value.strip()
            found.append(value)
            scheme, _, rest = value.partition(" ")
            if rest.strip():
                found.append(rest.strip())
    return found


def _wire_secrets(request: RequestModel) -> list[str]:
    """The Authorization value the transport composes from the auth fields, and its credential."""
    value = request.auth.authorization_header()
    if not value or request.auth.kind is AuthKind.NONE:
        return []
    return [value, value.partition(" ")[2]]


def _lint(request: RequestModel, scopes: Scopes, settings: PlanSettings,
          notes: list[str]) -> tuple[Diagnostic, ...]:
    if not settings.lint:
        return ()
    try:
        return tuple(lint_request(request, scopes.merged()))
    except Exception as exc:  # a linter bug must never stop a send; it is said, and logged
        _log.exception("lint failed")
        notes.append(f"The linter failed ({type(exc).__name__}); the request was not checked.")
        return ()


def plan(request: RequestModel, scopes: Scopes, accounts: Accounts | None,
         settings: PlanSettings | None = None) -> SendPlan:
    """Resolve, apply the account, lint and collect the secrets of one request."""
    chosen = settings or PlanSettings()
    notes: list[str] = []
    resolution = resolve_request(request, scopes.mappings())
    resolved = resolution.request
    if chosen.timeout_s is not None:
        resolved = resolved.with_changes(timeout_s=chosen.timeout_s)
    secret_names = scopes.secret_names()
    secrets = [*scopes.secret_values(),
               *(value for name, value in resolution.used.items() if name in secret_names)]
    problem = ""
    if resolved.auth.account and not resolution.unresolved:
        if accounts is None:
            problem = f"The account '{resolved.auth.account}' cannot be used here: no account store is available."
        else:
            authorized = accounts.authorize(resolved)
            secrets += authorized.secrets
            if authorized.problem:
                problem = f"Not sent: {authorized.problem}"
            else:
                resolved = authorized.request
                if authorized.refreshed:
                    notes.append(f"The access token of '{resolved.auth.account}' was refreshed.")
    secrets += [*auth_secrets(resolved.auth), *_wire_secrets(resolved), *_header_secrets(resolved)]
    diagnostics = _lint(request, scopes, chosen, notes)
    return SendPlan(request, resolved, diagnostics, resolution.unresolved, SecretSet.of(secrets),
                    problem, tuple(notes), chosen)
