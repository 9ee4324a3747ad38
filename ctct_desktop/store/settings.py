"""Application settings: a declarative schema, stored as JSON with a format number.

Loading never loses data silently and never raises: a file that is not JSON is moved aside
(``settings.json.corrupt-N``) and defaults are used; a field of the wrong type or out of range
falls back to its default while the others are kept; keys this version does not know are kept
on save. Every such event becomes a sentence in ``LoadedSettings.problems``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from ctct_desktop.core.migrations import FORMAT_KEY, MigrationError, NewerFormatError, migrate_document
from ctct_desktop.core.atomic import write_atomic
from ctct_desktop.core.paths import app_dirs
from ctct_desktop.store.settings_schema import (
    SettingSpec,
    SettingValueError,
    check_base64,
    check_folders,
    check_font_size,
    setting,
    validate,
)

THEMES = ("system", "light", "dark")
FORMAT_VERSION = 1
SETTINGS_STEPS = "ctct_desktop.store.migrations.settings"


class SettingsError(ValueError):
    """A setting was given a value that does not fit; the message names the field."""


@dataclass(frozen=True)
class Settings:
    """Every user preference, with its default and the rule it must follow."""

    theme: str = setting("system", help="Colour theme: follow the system, or force light or dark.",
                         choices=THEMES)
    confirm_send_with_errors: bool = setting(
        True, help="Ask before sending a request the linter marks with errors.")
    lint_debounce_ms: int = setting(
        400, help="Pause after typing before the request is linted, in milliseconds.",
        minimum=0, maximum=10_000)
    default_timeout_s: float = setting(
        30.0, help="Timeout for new requests, in seconds.", minimum=0.1, maximum=3600)
    verify_tls_default: bool = setting(
        True, help="Verify TLS certificates for new requests (turning it off is shown on each request).")
    max_response_mb: int = setting(
        256, help="Largest response body kept, once decompressed, in MiB; the rest is cut with a note "
                  "(a compressed 'bomb' stops there).", minimum=1, maximum=16_384)
    history_max_entries: int = setting(
        5000, help="How many sends the history keeps before pruning the oldest.",
        minimum=1, maximum=1_000_000)
    history_max_mb: int = setting(
        200, help="How much the history may store, bodies included, in MiB.", minimum=1, maximum=100_000)
    start_embedded_sandbox: bool = setting(
        True, help="Start the local sandbox server when the application starts.")
    last_environment: str = setting("", help="The environment selected when the application last closed.")
    open_collections: tuple[str, ...] = setting(
        (), kind=tuple, help="Folders of the collections shown in the tree.", check=check_folders)
    window_geometry: str = setting(
        "", help="The main window's size and position (Base64, saved by the window).", check=check_base64)
    font_size: int = setting(0, help="Editor font size in points; 0 follows the system.",
                             check=check_font_size)

    def __post_init__(self) -> None:
        for item in fields(self):
            try:
                checked = validate(spec_of(item.name), getattr(self, item.name))
            except SettingValueError as exc:
                raise SettingsError(f"setting {item.name!r}: {exc}") from None
            object.__setattr__(self, item.name, checked)

    def with_changes(self, **changes: Any) -> "Settings":
        """A copy with some fields changed; SettingsError names a bad field or value."""
        unknown = sorted(set(changes) - set(field_names()))
        if unknown:
            raise SettingsError(f"unknown setting(s): {', '.join(unknown)}")
        return replace(self, **changes)

    @property
    def history_max_bytes(self) -> int:
        return self.history_max_mb * 1024 * 1024


def field_names() -> tuple[str, ...]:
    return tuple(item.name for item in fields(Settings))


def spec_of(name: str) -> SettingSpec:
    """The declaration of one field (help text, kind, choices, limits) for the settings dialog."""
    for item in fields(Settings):
        if item.name == name:
            return item.metadata["spec"]
    raise KeyError(name)


@dataclass(frozen=True)
class LoadedSettings:
    settings: Settings
    problems: list[str] = field(default_factory=list)
    unknown: dict[str, Any] = field(default_factory=dict)  # keys kept for a newer version


def _read_object(path: Path) -> tuple[dict[str, Any] | None, list[str]]:
    """The file's JSON object, or None with the reason (moving a damaged file aside)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, []
    except OSError as exc:
        return None, [f"The settings file {path} could not be read ({exc}); defaults are used."]
    if not raw.strip():
        return None, [f"The settings file {path} was empty; defaults are used."]
    try:
        data = json.loads(raw.decode("utf-8-sig"))
        if not isinstance(data, dict):
            raise ValueError(f"expected a JSON object, found {type(data).__name__}")
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        return None, [_moved_aside(path, exc)]
    return data, []


def _moved_aside(path: Path, exc: BaseException) -> str:
    reason = str(exc)[:200]
    from ctct_desktop.store.history_file import move_aside  # deferred: start-up (measured: sqlite3)

    try:
        aside = move_aside(path, "corrupt")
    except OSError as move_error:
        return (f"The settings file {path} is damaged ({reason}) and could not be moved aside "
                f"({move_error}); defaults are used.")
    return f"The settings file was damaged ({reason}); it was moved to {aside} and defaults are used."


def _upgraded(data: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The data in the current format. Settings are never refused whole: a newer file is read for
    the settings this version knows (the rest is kept on save), a bad number is read as current."""
    try:
        return migrate_document(data, SETTINGS_STEPS, FORMAT_VERSION, "settings file").document, []
    except NewerFormatError as exc:
        reason = str(exc)
        return data, [f"{reason[:1].upper()}{reason[1:]}; the settings this version knows are read, the "
                      f"others are kept unchanged."]
    except MigrationError as exc:
        reason = str(exc)
        return {**data, FORMAT_KEY: FORMAT_VERSION}, [f"{reason[:1].upper()}{reason[1:]}; it was read as "
                                                      f"format {FORMAT_VERSION}."]


def settings_from_dict(data: dict[str, Any]) -> LoadedSettings:
    """Settings from a parsed file: bad fields default (with a problem), unknown keys are kept."""
    data, problems = _upgraded(data)
    values: dict[str, Any] = {}
    for name in field_names():
        if name not in data:
            continue
        try:
            values[name] = validate(spec_of(name), data[name])
        except SettingValueError as exc:
            problems.append(f"Setting {name!r} was ignored ({exc}); the default is used.")
    known = set(field_names()) | {FORMAT_KEY}
    unknown = {k: v for k, v in data.items() if k not in known}
    return LoadedSettings(Settings(**values), problems, unknown)


def load_settings(path: Path | None = None) -> LoadedSettings:
    """The settings at ``path`` (default: the user's settings file). Never raises."""
    target = Path(path) if path is not None else app_dirs().settings_file
    data, problems = _read_object(target)
    if data is None:
        return LoadedSettings(Settings(), problems)
    loaded = settings_from_dict(data)
    return replace(loaded, problems=problems + loaded.problems)


def settings_to_dict(settings: Settings, keep: dict[str, Any] | None = None) -> dict[str, Any]:
    """The JSON object to write: format first, schema fields in order, then kept unknown keys."""
    kept = dict(keep or {})
    found = kept.pop(FORMAT_KEY, FORMAT_VERSION)
    version = found if isinstance(found, int) and not isinstance(found, bool) else FORMAT_VERSION
    out: dict[str, Any] = {FORMAT_KEY: max(version, FORMAT_VERSION)}
    for name in field_names():
        value = getattr(settings, name)
        out[name] = list(value) if isinstance(value, tuple) else value
    for key in sorted(kept):
        if key not in out:
            out[key] = kept[key]
    return out


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write atomically, keeping keys this version does not know. OSError on a failed write.

    A damaged file still on disk (saved without loading first) is moved aside, not overwritten.
    """
    target = Path(path) if path is not None else app_dirs().settings_file
    existing, _problems = _read_object(target)
    known = set(field_names())
    keep = {k: v for k, v in (existing or {}).items() if k not in known}
    text = json.dumps(settings_to_dict(settings, keep), indent=2, ensure_ascii=False) + "\n"
    write_atomic(target, text)
