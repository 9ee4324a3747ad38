"""Settings: declarative schema, JSON file with a format number, nothing lost silently."""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctct_desktop.core.paths import app_dirs
from ctct_desktop.store.settings import (
    LoadedSettings,
    Settings,
    SettingsError,
    field_names,
    load_settings,
    save_settings,
    settings_from_dict,
    spec_of,
    FORMAT_VERSION,
)


def _write(path: Path, data: object) -> None:
    path.write_text(json.dumps(data), encoding="utf-8")


def test_defaults_match_the_documented_ones() -> None:
    s = Settings()
    assert (s.theme, s.confirm_send_with_errors, s.lint_debounce_ms, s.default_timeout_s) == ("system", True, 400, 30.0)
    assert (s.verify_tls_default, s.history_max_entries, s.history_max_mb) == (True, 5000, 200)
    assert (s.start_embedded_sandbox, s.last_environment, s.open_collections) == (True, "", ())
    assert (s.window_geometry, s.font_size) == ("", 0)
    assert s.history_max_bytes == 200 * 1024 * 1024


def test_every_field_is_declared_with_help_text() -> None:
    for item in fields(Settings):
        spec = spec_of(item.name)
        assert spec.help.strip(), item.name
    assert spec_of("theme").choices == ("system", "light", "dark")


def test_missing_file_gives_defaults_without_problems(tmp_path: Path) -> None:
    loaded = load_settings(tmp_path / "settings.json")
    assert loaded == LoadedSettings(Settings(), [], {})


def test_save_then_load_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    chosen = Settings().with_changes(theme="dark", lint_debounce_ms=250, default_timeout_s=12.5,
                                     open_collections=("/home/me/api", "/srv/shared"),
                                     window_geometry="AdnQywADAAA=", font_size=13, last_environment="Prod")
    save_settings(chosen, path)
    data = json.loads(path.read_text())
    assert data["format"] == FORMAT_VERSION and list(data)[0] == "format"
    assert data["open_collections"] == ["/home/me/api", "/srv/shared"]
    assert load_settings(path) == LoadedSettings(chosen, [], {})


def test_default_location_is_the_app_config_dir() -> None:
    save_settings(Settings().with_changes(theme="light"))
    assert app_dirs().settings_file.is_file()
    assert load_settings().settings.theme == "light"


@pytest.mark.parametrize("junk", [b"{not json", b"\xff\xfe\x00junk\x00", b"[1, 2, 3]", b'"text"', b"[" * 100_000])
def test_unreadable_file_is_moved_aside_and_defaults_used(tmp_path: Path, junk: bytes) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(junk)
    loaded = load_settings(path)
    assert loaded.settings == Settings()
    assert len(loaded.problems) == 1 and "settings.json.corrupt-1" in loaded.problems[0]
    assert (tmp_path / "settings.json.corrupt-1").read_bytes() == junk
    assert not path.exists()


def test_second_damaged_file_gets_the_next_number(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    for _ in range(2):
        path.write_bytes(b"{{{")
        load_settings(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.json.corrupt-1", "settings.json.corrupt-2"]


@pytest.mark.parametrize("content", [b"", b"   \n"])
def test_empty_file_gives_defaults_with_a_problem(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(content)
    loaded = load_settings(path)
    assert loaded.settings == Settings() and "empty" in loaded.problems[0]


def test_wrong_fields_default_and_others_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    _write(path, {"format": 1, "theme": "purple", "font_size": True, "lint_debounce_ms": "fast",
                  "history_max_entries": -5, "open_collections": ["ok", 3], "window_geometry": "%%%",
                  "default_timeout_s": 5, "confirm_send_with_errors": False, "last_environment": "Sandbox"})
    loaded = load_settings(path)
    s = loaded.settings
    assert (s.theme, s.font_size, s.lint_debounce_ms, s.history_max_entries) == ("system", 0, 400, 5000)
    assert (s.open_collections, s.window_geometry) == ((), "")
    assert (s.default_timeout_s, s.confirm_send_with_errors, s.last_environment) == (5.0, False, "Sandbox")
    named = " ".join(loaded.problems)
    for name in ("theme", "font_size", "lint_debounce_ms", "history_max_entries", "open_collections",
                 "window_geometry"):
        assert f"'{name}'" in named
    assert len(loaded.problems) == 6


def test_unknown_keys_survive_a_save(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    _write(path, {"format": 1, "theme": "dark", "future_option": {"nested": [1, 2]}, "zeta": "z"})
    loaded = load_settings(path)
    assert loaded.unknown == {"future_option": {"nested": [1, 2]}, "zeta": "z"}
    save_settings(loaded.settings.with_changes(font_size=14), path)
    data = json.loads(path.read_text())
    assert data["future_option"] == {"nested": [1, 2]} and data["zeta"] == "z"
    assert data["theme"] == "dark" and data["font_size"] == 14


def test_saving_over_a_damaged_file_keeps_it_aside(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(b"{broken")
    save_settings(Settings(), path)
    assert (tmp_path / "settings.json.corrupt-1").read_bytes() == b"{broken"
    assert load_settings(path).problems == []


def test_unversioned_file_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    _write(path, {"theme": "light"})
    loaded = load_settings(path)
    assert loaded.settings.theme == "light" and loaded.problems == [] and loaded.unknown == {}


def test_newer_format_is_read_and_its_number_kept(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    _write(path, {"format": FORMAT_VERSION + 3, "theme": "dark", "new_thing": 1})
    loaded = load_settings(path)
    assert loaded.settings.theme == "dark"
    assert loaded.problems[0].startswith("The settings file was written by a newer CTCT Desktop (format 4; ")
    save_settings(loaded.settings, path)
    assert json.loads(path.read_text())["format"] == FORMAT_VERSION + 3


def test_bad_format_number_is_reported() -> None:
    loaded = settings_from_dict({"format": "one", "theme": "dark"})
    assert loaded.settings.theme == "dark"
    assert loaded.problems == ["The settings file's 'format' must be a whole number, not 'one'; it was read "
                               "as format 1."]


# The settings file exactly as the first release (commit 4348f5c) wrote it: its oldest version.
FIRST_RELEASE = """{
  "format": 1,
  "theme": "dark",
  "confirm_send_with_errors": true,
  "lint_debounce_ms": 400,
  "default_timeout_s": 30.0,
  "verify_tls_default": true,
  "history_max_entries": 5000,
  "history_max_mb": 200,
  "start_embedded_sandbox": true,
  "last_environment": "",
  "open_collections": [],
  "window_geometry": "",
  "font_size": 0
}
"""


SETTINGS_ADDED_SINCE_THE_FIRST_RELEASE = ("max_response_mb",)


def test_the_first_releases_file_reads_and_saves_keeping_every_value(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(FIRST_RELEASE, encoding="utf-8")
    loaded = load_settings(path)
    assert loaded == LoadedSettings(Settings(theme="dark"), [], {})
    save_settings(loaded.settings, path)
    saved, first = json.loads(path.read_text(encoding="utf-8")), json.loads(FIRST_RELEASE)
    assert {k: v for k, v in saved.items() if k in first} == first  # every value kept as it was
    assert list(k for k in saved if k in first) == list(first)  # in the same order
    added = {k: v for k, v in saved.items() if k not in first}
    assert added == {k: getattr(Settings(), k) for k in SETTINGS_ADDED_SINCE_THE_FIRST_RELEASE}


@pytest.mark.parametrize(
    ("changes", "needle"),
    [
        ({"theme": "neon"}, "theme"),
        ({"lint_debounce_ms": 1.5}, "lint_debounce_ms"),
        ({"default_timeout_s": 0}, "default_timeout_s"),
        ({"font_size": 3}, "font_size"),
        ({"confirm_send_with_errors": 1}, "confirm_send_with_errors"),
        ({"colour": "red"}, "unknown setting"),
    ],
)
def test_invalid_changes_name_the_setting(changes: dict[str, object], needle: str) -> None:
    with pytest.raises(SettingsError, match=needle):
        Settings().with_changes(**changes)


def test_ints_are_accepted_for_float_settings() -> None:
    assert Settings().with_changes(default_timeout_s=5).default_timeout_s == 5.0
    assert isinstance(Settings(default_timeout_s=5).default_timeout_s, float)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=10,
)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(list(field_names())) | st.text(max_size=10), json_values, max_size=8))
def test_any_json_object_loads_with_problems_not_exceptions(data: dict[str, object]) -> None:
    loaded = settings_from_dict(data)
    assert isinstance(loaded.settings, Settings)
    for name in field_names():
        if name in data and getattr(loaded.settings, name) == getattr(Settings(), name):
            continue  # defaulted (with a problem) or equal to the default
        if name in data:
            assert not any(f"'{name}'" in p for p in loaded.problems)
