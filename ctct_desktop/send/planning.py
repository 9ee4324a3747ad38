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
from ctct_desktop.core.redaction import MASK, SECRET_HEADERS, auth_secrets
from ctct_desktop.core.secret_set import SecretSet
from ctct_desktop.core.variables import resolve_request
from ctct_desktop.lint import Diagnostic, Severity
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


_AUTH_NAMES = {AuthKind.CTCT_BASIC: "Constant Contact Basic", AuthKind.BASIC: "Basic",
               AuthKind.BEARER: "Bearer", AuthKind.NONE: "request's"}


def _missing_credentials(resolved: RequestModel) -> str:
    """Why the inline credentials cannot authenticate, naming each empty one and how to supply it.

    A history entry keeps no secrets (the API key, password and token are blanked, masked values
    read ••••••): said here, before sending, instead of a transport error about the URL.
    """
    auth = resolved.auth
    if auth.account:
        return ""
    missing: list[str] = []
    if auth.kind is AuthKind.CTCT_BASIC:
        missing += [label for label, value in (("the API key", auth.api_key), ("the username", auth.username),
                                               ("the password", auth.password)) if not value.strip()]
    elif auth.kind is AuthKind.BASIC:
        missing += ["the username"] if not auth.username.strip() else []
    elif auth.kind is AuthKind.BEARER and not auth.token.strip():
        missing.append("the access token")
    masked = MASK in resolved.url or any(MASK in h.value for h in resolved.enabled_headers())
    if not missing and not masked:
        return ""
    parts = []
    if missing:
        what = missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " and " + missing[-1]
        parts.append(f"Not sent: {what} of the {_AUTH_NAMES[auth.kind]} credential "
                     f"{'is' if len(missing) == 1 else 'are'} empty.")
    if masked:
        parts.append(("Not sent: the" if not parts else "The") + f" URL or a header holds “{MASK}” where a secret "
                     "was masked.")
    hint = {AuthKind.CTCT_BASIC: "{{api_key}}, {{username}} and {{password}}",
            AuthKind.BEARER: "{{access_token}}"}.get(auth.kind, "{{username}} and {{password}}")
    parts.append(f"History keeps no secrets: fill them in on the Auth tab (or type {hint} there to take them "
                 "from the environment), or choose a stored account.")
    return " ".join(parts)


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


LintCache = dict[tuple[RequestModel, frozenset[tuple[str, str]]], tuple[Diagnostic, ...]]


def _lint(request: RequestModel, scopes: Scopes, settings: PlanSettings,
          notes: list[str], cache: LintCache | None = None) -> tuple[Diagnostic, ...]:
    """``cache``: a collection run's memo; the same request with the same variables lints the same
    (lint is a pure function of the two), so an iteration after the first does not lint again.
    A hit hashes the key once (a request's hash walks its headers and auth every time)."""
    if not settings.lint:
        return ()
    from ctct_desktop.lint import lint_request  # deferred: start-up (measured)

    merged = scopes.merged()
    key: tuple[RequestModel, frozenset[tuple[str, str]]] | None = None
    if cache is not None:
        key = (request, frozenset(merged.items()))
        try:
            memo = cache.get(key)
        except TypeError:  # a model field that is not hashable: lint without the memo
            key = None
        else:
            if memo is not None:
                return memo
    try:
        found = tuple(lint_request(request, merged))
    except Exception as exc:  # a linter bug must never stop a send; it is said, and logged
        _log.exception("lint failed")
        notes.append(f"The linter failed ({type(exc).__name__}); the request was not checked.")
        return ()
    if key is not None and cache is not None:
        cache[key] = found
    return found


def plan(request: RequestModel, scopes: Scopes, accounts: Accounts | None,
         settings: PlanSettings | None = None, *, lint_cache: LintCache | None = None) -> SendPlan:
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
    if not problem and not resolution.unresolved:
        problem = _missing_credentials(resolved)
    secrets += [*auth_secrets(resolved.auth), *_wire_secrets(resolved), *_header_secrets(resolved)]
    diagnostics = _lint(request, scopes, chosen, notes, lint_cache)
    return SendPlan(request, resolved, diagnostics, resolution.unresolved, SecretSet.of(secrets),
                    problem, tuple(notes), chosen)
