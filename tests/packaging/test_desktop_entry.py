"""--install-desktop-entry / --uninstall-desktop-entry, run as a user runs them (a child process), with
the files checked under a temporary XDG_DATA_HOME and the written entry checked by desktop-file-validate."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ctct_desktop.cli import desktop_entry
from tests.packaging.tools import require_tool

ROOT = Path(__file__).resolve().parents[2]


def _run(*argv: str, data_home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_DATA_HOME": str(data_home), "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "ctct_desktop", *argv], capture_output=True, text=True,
                          env=env, timeout=120, stdin=subprocess.DEVNULL)


def expected_files(home: Path) -> list[Path]:
    icons = home / "icons" / "hicolor"
    return ([home / "applications" / "ctct-desktop.desktop", icons / "scalable" / "apps" / "ctct-desktop.svg",
             home / "metainfo" / f"{desktop_entry.APP_ID}.metainfo.xml"]
            + [icons / f"{n}x{n}" / "apps" / "ctct-desktop.png" for n in desktop_entry.PNG_SIZES])


def test_install_writes_the_entry_icons_and_metainfo_and_uninstall_removes_them(tmp_path: Path) -> None:
    done = _run("--install-desktop-entry", data_home=tmp_path)
    assert done.returncode == 0, done.stderr
    for path in expected_files(tmp_path):
        assert path.is_file(), path
    entry = (tmp_path / "applications" / "ctct-desktop.desktop").read_text()
    assert f"\nExec={sys.executable} -m ctct_desktop\n" in entry
    assert "Icon=ctct-desktop\n" in entry
    assert (tmp_path / "icons/hicolor/48x48/apps/ctct-desktop.png").read_bytes() == (
        ROOT / "resources/icons/hicolor/48x48/apps/ctct-desktop.png").read_bytes()
    done = _run("--uninstall-desktop-entry", data_home=tmp_path)
    assert done.returncode == 0, done.stderr
    assert not any(path.exists() for path in expected_files(tmp_path))
    again = _run("--uninstall-desktop-entry", data_home=tmp_path)
    assert again.returncode == 0 and "No desktop entry" in again.stdout


def test_the_written_entry_passes_desktop_file_validate(tmp_path: Path) -> None:
    validate = require_tool("desktop-file-validate", "desktop-file-utils")
    assert _run("--install-desktop-entry", data_home=tmp_path).returncode == 0
    done = subprocess.run([validate, str(tmp_path / "applications" / "ctct-desktop.desktop")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_an_awkward_interpreter_path_is_quoted_so_the_validator_and_the_spec_agree(tmp_path: Path) -> None:
    validate = require_tool("desktop-file-validate", "desktop-file-utils")
    awkward = '/opt/My Apps/it\'s "$HOME" 100%\\x/python3'
    outcome = desktop_entry.install(tmp_path, [awkward, "-m", "ctct_desktop"])
    entry = tmp_path / "applications" / "ctct-desktop.desktop"
    assert entry in outcome.files
    text = entry.read_text()
    exec_line = next(line for line in text.splitlines() if line.startswith("Exec="))
    assert exec_line == 'Exec="/opt/My Apps/it\'s \\\\"\\\\$HOME\\\\" 100%%\\\\\\\\x/python3" -m ctct_desktop'
    done = subprocess.run([validate, str(entry)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_try_exec_is_the_plain_path_so_the_desktop_finds_the_program(tmp_path: Path) -> None:
    # TryExec is a string key, not an Exec command line: quotes would be part of the path the desktop
    # looks for, and a launcher under a venv path with a space would be hidden as "not installed".
    awkward = '/opt/My Apps/it\'s "$HOME" 100%\\x/python3'
    desktop_entry.install(tmp_path, [awkward, "-m", "ctct_desktop"])
    text = (tmp_path / "applications" / "ctct-desktop.desktop").read_text()
    try_exec = next(line for line in text.splitlines() if line.startswith("TryExec="))
    assert try_exec == 'TryExec=/opt/My Apps/it\'s "$HOME" 100%\\\\x/python3'  # only the backslash escaped


def test_plain_arguments_are_left_alone() -> None:
    assert desktop_entry.quote_exec_argument("/usr/bin/python3") == "/usr/bin/python3"
    assert desktop_entry.quote_exec_argument("-m") == "-m"


def test_data_home_follows_xdg_and_falls_back_to_local_share(tmp_path: Path) -> None:
    assert desktop_entry.data_home({"XDG_DATA_HOME": str(tmp_path)}) == tmp_path
    default = Path.home() / ".local" / "share"
    assert desktop_entry.data_home({}) == default
    assert desktop_entry.data_home({"XDG_DATA_HOME": "relative/dir"}) == default  # the spec ignores it


def test_the_flags_load_only_the_standard_library(tmp_path: Path) -> None:
    """A wheel installed without its dependencies can still install its launcher."""
    code = ("import sys; from ctct_desktop.cli import run; status = run(['--install-desktop-entry']); "
            "tops = {name.split('.')[0] for name in sys.modules}; "
            "print(sorted(tops & {'PySide6', 'httpx', 'keyring', 'lxml', 'pygments', 'werkzeug', 'platformdirs'})); "
            "sys.exit(status)")
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_an_unwritable_data_home_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    done = _run("--install-desktop-entry", data_home=blocker)
    assert done.returncode == 1
    assert "could not install the desktop entry" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_flags_take_no_other_argument(tmp_path: Path) -> None:
    done = _run("--install-desktop-entry", "--no-sandbox", data_home=tmp_path)
    assert done.returncode == 2 and "takes no other argument" in done.stderr
    assert not (tmp_path / "applications").exists()
