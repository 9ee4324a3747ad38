"""What happens between Ctrl+Enter and the wire: lint gate, variables, account credentials.

The editor's request keeps its ``{{variables}}`` and account reference; the request that is sent
has them resolved. A problem that stops the send is said in plain words, never raised.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ctct_desktop.core.models import RequestModel
from ctct_desktop.core.redaction import auth_secrets
from ctct_desktop.core.variables import resolve_request

Authorize = Callable[[RequestModel], tuple[RequestModel | None, str | None, tuple[str, ...]]]
"""Apply a named account: (request, problem, secrets); request None means do not send."""


@dataclass
class SendGate:
    allow: Callable[[RequestModel, Mapping[str, str]], bool]  # the lint gate (may ask the user)
    variables: Callable[[], Mapping[str, str]]
    message: Callable[[str], None]
    authorize: Authorize | None = None
    last_secrets: tuple[str, ...] = ()  # the secrets of the last request sent, for redaction

    def __call__(self, model: RequestModel) -> RequestModel | None:
        variables = dict(self.variables())
        if not self.allow(model, variables):
            return None
        resolution = resolve_request(model, [variables])
        request = resolution.request
        secrets: tuple[str, ...] = tuple(v for k, v in resolution.used.items() if _looks_secret(k))
        secrets += auth_secrets(request.auth)  # typed inline: still never to be logged or exported
        if self.authorize is not None and model.auth.account:
            authorized, problem, account_secrets = self.authorize(request)
            if authorized is None:
                self.message(problem or "The account could not be applied.")
                return None
            request, secrets = authorized, secrets + account_secrets
            if problem:
                self.message(problem)
        self.last_secrets = secrets
        return request


def _looks_secret(name: str) -> bool:
    lowered = name.lower()
    return any(word in lowered for word in ("password", "secret", "token", "api_key", "apikey"))
