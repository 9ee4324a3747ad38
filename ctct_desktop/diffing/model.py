"""A difference between two requests, exchanges or bodies, and the order they are shown in.

``a`` is the first side (usually the failing one), ``b`` the second (the known-good one). The
kinds the API cares about rank first: a wrong namespace or element case, a missing element, a
different list set or Content-Type is why a v1 request fails; a header or attribute order is not.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

# Lower ranks first. Kinds not listed rank last.
KIND_RANK: dict[str, int] = {
    "malformed": 0,
    "namespace": 1,
    "element-case": 2,
    "missing-element": 3, "moved": 3,
    "list-set": 4,
    "content-type": 5,
    "status": 6, "method": 6, "url-path": 6, "url-host": 6, "auth": 6,
    "missing-param": 7, "param-value": 7,
    "value": 8, "stray-text": 8, "extra-element": 8, "extra-param": 8, "query": 8,
    "renamed": 9, "attribute": 9, "json-missing": 9, "json-extra": 9, "json-value": 9, "json-type": 9,
    "header": 10, "body-format": 10,
    "text": 11,
}


@dataclass(frozen=True)
class Difference:
    where: str  # e.g. "request body /entry/content/Campaign/Date", "request header Accept"
    kind: str  # one of KIND_RANK's keys
    a: str | None  # the first side's value; None when absent there
    b: str | None
    rule: str | None = None  # the lint rule that checks this (L0xx)
    article: str | None = None  # the knowledge-base article that explains it (kb id)
    note: str = ""  # one plain sentence, when the kind alone does not say why it matters

    @property
    def rank(self) -> int:
        linked = 0 if self.rule or self.article else 1  # among equals, the explained first
        return KIND_RANK.get(self.kind, 12) * 2 + linked

    def as_dict(self) -> dict[str, str | None]:
        data = asdict(self)
        if not self.note:
            del data["note"]
        return data

    def describe(self) -> str:
        """One line for a terminal or a list view."""
        links = " ".join(x for x in (self.rule, self.article) if x)
        head = f"[{links}] " if links else ""
        values = f"{_shown(self.a)} -> {_shown(self.b)}"
        tail = f" ({self.note})" if self.note else ""
        return f"{head}{self.where}: {self.kind}: {values}{tail}"


def _shown(value: str | None) -> str:
    if value is None:
        return "(absent)"
    text = value if len(value) <= 120 else value[:117] + "..."
    return repr(text)


def ranked(differences: list[Difference]) -> list[Difference]:
    """The API-relevant first; a stable sort keeps document order among equals."""
    return sorted(differences, key=lambda d: d.rank)
