"""The app's directories: ``CTCT_DESKTOP_HOME`` wins; on Linux the XDG variables decide, exactly as
platformdirs would (app_dirs reads them itself to keep platformdirs out of start-up)."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import pytest

from ctct_desktop.core.paths import APP_NAME, HOME_ENV, app_dirs

XDG_NAMES = ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")


def test_the_home_override_holds_every_directory(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(HOME_ENV, str(tmp_path))
    dirs = app_dirs()
    assert (dirs.config, dirs.data, dirs.cache, dirs.log) == (
        tmp_path / "config", tmp_path / "data", tmp_path / "cache", tmp_path / "log")


def _platformdirs_answer() -> tuple[Path, Path, Path, Path]:
    return (Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
            Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
            Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
            Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the XDG reading is Linux's")
@pytest.mark.parametrize("setting", ["unset", "empty", "blank", "set"])
def test_linux_directories_are_platformdirs_own(setting: str, monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path) -> None:
    monkeypatch.delenv(HOME_ENV, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for index, name in enumerate(XDG_NAMES):
        if setting == "unset":
            monkeypatch.delenv(name, raising=False)
        else:
            value = {"empty": "", "blank": "  ", "set": str(tmp_path / f"xdg{index}")}[setting]
            monkeypatch.setenv(name, value)
    dirs = app_dirs()
    assert (dirs.config, dirs.data, dirs.cache, dirs.log) == _platformdirs_answer()
