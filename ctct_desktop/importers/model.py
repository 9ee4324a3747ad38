"""What every importer returns: request models plus what could not be carried over.

Importers are pure functions of text. They never raise on bad input; they say what they
could not read in ``notes`` (per request) or ``error`` (nothing importable at all).
"""

from __future__ import annotations

from dataclasses import dataclass

from ctct_desktop.core.models import Exchange, RequestModel, ResponseRecord

# A paste or file larger than this is refused with a message instead of being read.
MAX_IMPORT_CHARS = 8 * 1024 * 1024
# At most this many requests come out of one import (a HAR of a long session has thousands).
MAX_REQUESTS = 2000


@dataclass(frozen=True)
class ImportedRequest:
    """One request brought in; ``notes`` are plain sentences, never holding a secret."""

    request: RequestModel
    notes: tuple[str, ...] = ()
    name: str = ""
    folder: tuple[str, ...] = ()  # folders it sat in (Postman, Insomnia), outermost first
    response: ResponseRecord | None = None  # the recorded response (HAR)

    @property
    def exchange(self) -> Exchange | None:
        """The recorded exchange, when the source kept the response."""
        if self.response is None:
            return None
        return Exchange(self.request, self.response, sent_url=self.request.url, written=self.request)


@dataclass(frozen=True)
class ImportResult:
    """``format`` is the detected format's id; ``error`` says why nothing was imported."""

    format: str
    requests: tuple[ImportedRequest, ...] = ()
    notes: tuple[str, ...] = ()  # about the whole import (variables dropped, requests cut)
    variables: tuple[tuple[str, str], ...] = ()  # collection / environment variables (no secrets)
    secret_variables: tuple[str, ...] = ()  # names among ``variables`` whose values were left out
    error: str = ""
    name: str = ""  # the collection's or environment's own name, when it has one

    @property
    def ok(self) -> bool:
        return bool(self.requests) and not self.error


def failed(fmt: str, message: str) -> ImportResult:
    return ImportResult(fmt, error=message)


def too_large(text: str) -> str | None:
    """The refusal message for an oversized input, else None."""
    if len(text) <= MAX_IMPORT_CHARS:
        return None
    return (f"The text is {len(text) / 1_048_576:.1f} MB; an import reads at most "
            f"{MAX_IMPORT_CHARS // 1_048_576} MB. Cut it down to the requests you need.")
