"""``SecretSet``: the strings that must never be shown, with every form they take on the wire.

Only the request pipeline (``ctct_desktop.send.plan``) decides what goes in one; every writer
and printer (history, drafts, the log, exports, crash reports, the command line) masks with the
set it is handed. A secret is masked raw and in each encoding a send or a file can give it:
percent-encoded (``%40``), form-encoded (``+`` for space), XML- and JSON-escaped, and Base64 at
each of the three alignments it can have inside a longer Base64 text (a Basic credential pair).
"""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import quote, quote_plus

MIN_SECRET_LENGTH = 4  # shorter strings would mask ordinary text ("1", "abc") everywhere


def _xml_escaped(value: str) -> str:
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&apos;"))


def base64_cores(secret: str) -> set[str]:
    """The Base64 text that always appears when ``secret`` is encoded inside longer data.

    Base64 works in 3-byte groups, so the secret starts at one of three offsets; for each, the
    characters that depend only on the secret's bytes are the same wherever it sits.
    """
    data = secret.encode("utf-8")
    cores: set[str] = set()
    for offset in range(3):
        encoded = base64.b64encode(b"\0" * offset + data).decode("ascii")
        start = 0 if offset == 0 else (offset * 8 + 5) // 6  # drop chars mixing in the padding bytes
        end = ((offset + len(data)) * 8) // 6  # chars fully made of the secret's bits
        core = encoded[start:end]
        if len(core) >= MIN_SECRET_LENGTH:
            cores.add(core)
    cores.add(base64.b64encode(data).decode("ascii"))  # whole, with its padding
    return cores


def encodings(secret: str) -> set[str]:
    """Every form of ``secret`` worth masking, raw first."""
    forms = {secret, quote(secret, safe=""), quote(secret, safe="-._~"), quote_plus(secret),
             _xml_escaped(secret), json.dumps(secret, ensure_ascii=False)[1:-1],
             json.dumps(secret)[1:-1]}
    forms |= base64_cores(secret)
    return {f for f in forms if len(f) >= MIN_SECRET_LENGTH}


@dataclass(frozen=True)
class SecretSet:
    """An immutable set of secret strings; iterate it to get every masked form, longest first."""

    values: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(cls, *groups: Iterable[str]) -> SecretSet:
        return cls(frozenset(v for group in groups for v in group if v and len(v) >= MIN_SECRET_LENGTH))

    def __or__(self, other: SecretSet) -> SecretSet:
        return SecretSet(self.values | other.values)

    def __bool__(self) -> bool:
        return bool(self.values)

    def __len__(self) -> int:
        return len(self.values)

    def __contains__(self, item: object) -> bool:
        return item in self.values

    @cached_property
    def forms(self) -> tuple[str, ...]:
        """Raw values and all their encodings, longest first (so a pair masks before its parts)."""
        found: set[str] = set()
        for value in self.values:
            found |= encodings(value)
        return tuple(sorted(found, key=lambda s: (-len(s), s)))

    def __iter__(self) -> Iterator[str]:
        return iter(self.forms)

    def mask(self, text: str, mask: str) -> str:
        for form in self.forms:
            if form in text:
                text = text.replace(form, mask)
        return text


EMPTY = SecretSet()


class SessionSecrets:
    """The union of every ``SecretSet`` the pipeline used in this process.

    The log and crash reports run where no single exchange is at hand, so they mask with all
    of them. Only ``ctct_desktop.send`` adds to it; nothing here decides what is secret.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._current = EMPTY

    def add(self, secrets: SecretSet) -> None:
        if not secrets.values <= self._current.values:
            with self._lock:
                self._current = self._current | secrets

    def current(self) -> SecretSet:
        return self._current


session_secrets = SessionSecrets()
