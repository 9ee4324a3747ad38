"""Per-account behaviour switches that reproduce one customer's account (README lists them).

Sources, weakest first: the defaults, ``quirks.json`` in the data folder, ``--quirk`` on the
command line (the ``quirks`` argument of SandboxServer), then the admin endpoint, which also
saves its set to ``quirks.json`` so it survives a restart.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ctct_desktop.core.atomic import write_atomic
from ctct_desktop.sandbox.ids import parse_int

FORMAT_VERSION = 1
QUIRKS_FILE = "quirks.json"


@dataclass(frozen=True)
class QuirkSpec:
    name: str
    default: str
    choices: tuple[str, ...] = ()
    int_range: tuple[int, int] | None = None
    help: str = ""

    def normalise(self, value: object) -> str:
        text = str(value).strip().lower() if not isinstance(value, bool) else str(value).lower()
        if self.choices:
            if text not in self.choices:
                raise QuirkError(f"{self.name} must be one of {', '.join(self.choices)}; got '{value}'.")
            return text
        low, high = self.int_range or (0, 0)
        number = parse_int(text, low, high)
        if number is None:
            raise QuirkError(f"{self.name} must be a whole number from {low} to {high}; got '{value}'.")
        return str(number)


SPECS: dict[str, QuirkSpec] = {spec.name: spec for spec in (
    QuirkSpec("scheduling_approved", "false", ("false", "true"),
              help="POST /campaigns/{id}/schedules answers 403 (HTML, insufficient_scope) unless true."),
    QuirkSpec("dnm_post_status", "409", ("409", "403"),
              help="Status for POSTing a contact whose address is on Do Not Mail."),
    QuirkSpec("search_miss", "empty", ("empty", "500"),
              help="?email= search that finds nobody: an empty feed, or a 500."),
    QuirkSpec("new_contact_management", "true", ("true", "false"),
              help="Active -> Removed (PUT with no lists) with ACTION_BY_CONTACT is a 400 when true."),
    QuirkSpec("user_mismatch_status", "401", ("401", "403"),
              help="Status when the path username differs from the authenticated user."),
    QuirkSpec("latency_ms", "0", int_range=(0, 60_000),
              help="Delay added before every API answer."),
    QuirkSpec("fault", "none", ("none", "drop_mid_body", "reset", "stall"),
              help="Fault injected into every API request (not the admin or OAuth endpoints)."),
    QuirkSpec("token_ttl_seconds", "7200", int_range=(1, 315_360_000),
              help="Lifetime of access tokens from the v3-style token endpoint."),
    QuirkSpec("activity_step_ms", "200", int_range=(0, 60_000),
              help="Time a bulk activity spends PENDING, then RUNNING."),
    QuirkSpec("stock_campaign_update", "accepted", ("accepted", "atom_sections_400"),
              help="PUT of a STOCK (template) campaign: accepted, or the Atom-sections 400 that a server "
                   "change gave every such update for weeks (casebook T1)."),
)}


class QuirkError(ValueError):
    """An unknown quirk or a value outside its choices."""


def parse_assignment(text: str) -> tuple[str, str]:
    """``NAME=VALUE`` from the command line, validated."""
    name, sep, value = text.partition("=")
    if not sep:
        raise QuirkError(f"'{text}' is not NAME=VALUE.")
    return validate(name.strip(), value)


def validate(name: str, value: object) -> tuple[str, str]:
    spec = SPECS.get(name)
    if spec is None:
        raise QuirkError(f"Unknown quirk '{name}'. Known quirks: {', '.join(SPECS)}.")
    return name, spec.normalise(value)


def defaults() -> dict[str, str]:
    return {name: spec.default for name, spec in SPECS.items()}


class Quirks:
    """The live quirk set of one account; reads are lock-free snapshots."""

    def __init__(self, data_dir: Path, username: str, overrides: Mapping[str, str] | None) -> None:
        self._path = data_dir / QUIRKS_FILE
        self._username = username
        self._lock = threading.Lock()
        values = defaults()
        values.update(self._load_file())
        for name, value in (overrides or {}).items():
            values.update([validate(name, value)])
        self._values = values

    def get(self, name: str) -> str:
        return self._values[name]

    def flag(self, name: str) -> bool:
        return self._values[name] == "true"

    def number(self, name: str) -> int:
        return int(self._values[name])

    def snapshot(self) -> dict[str, str]:
        return dict(self._values)

    def replace(self, values: Mapping[str, object], *, merge: bool) -> dict[str, str]:
        """Validate all first, then apply and save; nothing changes when one value is wrong."""
        checked = dict(validate(name, value) for name, value in values.items())
        with self._lock:
            updated = dict(self._values) if merge else defaults()
            updated.update(checked)
            self._values = updated
            self._save(updated)
        return dict(updated)

    def _load_file(self) -> dict[str, str]:
        try:
            data = json.loads(self._path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            raise QuirkError(f"{self._path} is not readable JSON: {exc}") from None
        accounts = data.get("accounts", {}) if isinstance(data, dict) else {}
        found = accounts.get(self._username, {}) if isinstance(accounts, dict) else {}
        if not isinstance(found, dict):
            raise QuirkError(f"{self._path}: accounts.{self._username} must be an object.")
        return dict(validate(name, value) for name, value in found.items())

    def _save(self, values: dict[str, str]) -> None:
        try:
            data = json.loads(self._path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or not isinstance(data.get("accounts"), dict):
                data = {}
        except (OSError, ValueError):
            data = {}
        accounts = data.get("accounts", {})
        base = defaults()
        accounts[self._username] = {k: v for k, v in sorted(values.items()) if base[k] != v}
        document = {"format_version": FORMAT_VERSION, "accounts": accounts}
        write_atomic(self._path, json.dumps(document, indent=2, sort_keys=True) + "\n")
