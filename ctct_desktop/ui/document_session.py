"""What belongs to one open request (document) besides its text: plain data, no widgets.

Each document owns its last send result, the explanations of it, the diagnostics its plan
found, and any pending multi-step action ("Find and update this contact"). A pending action
is bound to the exchange it expects next: the request the action built. Any other exchange
(another request, or the same document edited into something else) drops it, and so does
switching to another document; otherwise a stale fix could build a PUT to the wrong contact.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ctct_desktop.core.models import Exchange, RequestModel
from ctct_desktop.explain import Explanation
from ctct_desktop.lint import Diagnostic
from ctct_desktop.send import SendResult


@dataclass(frozen=True)
class PendingAction:
    """A multi-step fix waiting for the response to the request it built."""

    original: RequestModel  # the request whose failure started the fix (the 409 Create)
    expected: RequestModel  # the request the last step put in the editor, as the editor holds it


@dataclass
class DocumentSession:
    """The response side of one document; a new or just-opened document has none of it."""

    result: SendResult | None = None
    exchange: Exchange | None = None  # shown in the response view (a restored history entry has no plan)
    explanations: list[Explanation] = field(default_factory=list)
    diagnostics: tuple[Diagnostic, ...] = ()
    pending: PendingAction | None = None

    def record(self, exchange: Exchange, result: SendResult | None = None) -> PendingAction | None:
        """A new exchange for this document: returns the pending action it continues, if any.

        The pending action survives only when ``result`` was sent from exactly the request the
        action built and got a successful response; in every other case it is dropped (None)."""
        pending = self.pending
        self.result, self.exchange = result, exchange
        self.explanations = []
        self.diagnostics = result.plan.diagnostics if result is not None else ()
        follows = (pending is not None and result is not None and result.plan.request == pending.expected
                   and exchange.response is not None and exchange.response.ok)
        self.pending = pending if follows else None
        return self.pending

    def bind(self, original: RequestModel, expected: RequestModel) -> None:
        """An action built ``expected`` as the next step of the fix that ``original`` started."""
        self.pending = PendingAction(original, expected)

    def drop_pending(self) -> None:
        self.pending = None
