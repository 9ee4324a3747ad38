"""Where user data and settings live: the platform's directories, never beside the code.

``CTCT_DESKTOP_HOME`` overrides all of them (tests and portable installs point it at a folder).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "ctct-desktop"
HOME_ENV = "CTCT_DESKTOP_HOME"


@dataclass(frozen=True)
class AppDirs:
    config: Path  # settings, environments
    data: Path  # history database, sandbox state, drafts
    cache: Path
    log: Path

    @property
    def sandbox(self) -> Path:
        return self.data / "sandbox"

    @property
    def sandbox_port_file(self) -> Path:
        """The embedded sandbox's port from the last launch (store/sandbox_port.py)."""
        return self.data / "sandbox-port.json"

    @property
    def history_db(self) -> Path:
        return self.data / "history.sqlite3"

    @property
    def drafts(self) -> Path:
        return self.data / "drafts"

    @property
    def settings_file(self) -> Path:
        return self.config / "settings.json"


# Linux: the XDG base directories, as platformdirs gives them (tests/core/test_paths.py compares the two);
# read here because importing platformdirs costs 8-13 ms of the window's start-up.
_XDG = (("XDG_CONFIG_HOME", "~/.config"), ("XDG_DATA_HOME", "~/.local/share"), ("XDG_CACHE_HOME", "~/.cache"),
        ("XDG_STATE_HOME", "~/.local/state"))


def _xdg_dirs() -> AppDirs:
    config, data, cache, state = (
        Path(os.environ.get(name, "").strip() or os.path.expanduser(default)) / APP_NAME for name, default in _XDG)
    return AppDirs(config, data, cache, state / "log")


def app_dirs() -> AppDirs:
    """Resolve the directories now (environment changes in tests take effect)."""
    override = os.environ.get(HOME_ENV)
    if override:
        root = Path(override)
        return AppDirs(root / "config", root / "data", root / "cache", root / "log")
    if sys.platform.startswith("linux"):
        return _xdg_dirs()
    import platformdirs  # macOS and Windows: their own conventions

    return AppDirs(
        Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
    )
