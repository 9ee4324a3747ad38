"""The wheel as a user gets it: built from this tree, installed into a fresh venv (no system site
packages, no dependencies), it carries the licence and the docs, and --install-desktop-entry works
from it (the launcher runs that venv's python; every hicolor icon and the metainfo are written, none
naming this checkout), checked under a temporary XDG_DATA_HOME; --uninstall-desktop-entry removes
all of it."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from ctct_desktop import __version__
from tests.packaging.tools import require_tool

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.timeout(600)  # a wheel build fetches its build backend into an isolated env


def _clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--disable-pip-version-check",
                           "-q", "-w", str(out), str(ROOT)], capture_output=True, text=True, env=_clean_env(),
                          timeout=540)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    (path,) = out.glob("ctct_desktop-*.whl")
    yield path


def _shipped_icons_and_metainfo() -> list[str]:
    """Where the tree's hicolor PNGs, its SVG icon and its metainfo go below XDG_DATA_HOME (read from
    the tree, not from the code under test, so a size the installer forgets is caught)."""
    hicolor = ROOT / "resources" / "icons" / "hicolor"
    pngs = sorted(str(path.relative_to(hicolor)) for path in hicolor.glob("*/apps/ctct-desktop.png"))
    assert len(pngs) >= 9, pngs
    return ([f"icons/hicolor/{png}" for png in pngs] + ["icons/hicolor/scalable/apps/ctct-desktop.svg",
            "metainfo/io.github.ctctdesktop.ctctdesktop.metainfo.xml"])


def test_the_wheel_carries_the_licence_the_docs_and_the_desktop_files(wheel: Path) -> None:
    assert wheel.name.startswith(f"ctct_desktop-{__version__}-")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert f"ctct_desktop-{__version__}.dist-info/licenses/LICENSE" in names
    for name in ("ctct_desktop/sandbox/README.md", "ctct_desktop/store/saved-work-format.md",
                 "ctct_desktop/_resources/desktop/ctct-desktop.desktop",
                 "ctct_desktop/_resources/desktop/io.github.ctctdesktop.ctctdesktop.metainfo.xml",
                 "ctct_desktop/_resources/icons/hicolor/512x512/apps/ctct-desktop.png",
                 "ctct_desktop/_resources/icons/ctct-desktop.svg", "ctct_desktop/cli/desktop_entry.py"):
        assert name in names, name
    metadata = zipfile.ZipFile(wheel).read(f"ctct_desktop-{__version__}.dist-info/METADATA").decode()
    assert "License-Expression: MIT" in metadata


def test_install_desktop_entry_from_the_wheel_in_a_fresh_venv(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "fresh venv"  # a space in the path: Exec= must quote it
    venv.EnvBuilder(with_pip=True, system_site_packages=False).create(target)
    python = target / "bin" / "python"
    done = subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "--no-index", "-q",
                           "--disable-pip-version-check", str(wheel)], capture_output=True, text=True,
                          env=_clean_env(), timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    data = tmp_path / "xdg data"
    run_dir = tmp_path / "elsewhere"  # not the checkout: the installed package must be the one found
    run_dir.mkdir()
    done = subprocess.run([str(target / "bin" / "ctct-desktop"), "--install-desktop-entry"], capture_output=True,
                          text=True, env=_clean_env(XDG_DATA_HOME=str(data)), cwd=run_dir, timeout=120,
                          stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stdout + done.stderr
    entry = data / "applications" / "ctct-desktop.desktop"
    text = entry.read_text()
    assert f'\nExec="{python}" -m ctct_desktop\n' in text
    assert f'\nTryExec={python}\n' in text  # a plain path: the desktop looks for it as written
    installed = [data / relative for relative in _shipped_icons_and_metainfo()]
    for path in installed:
        assert path.is_file(), path
    for path in [entry, *installed]:  # nothing written may lead back to this checkout
        assert str(ROOT).encode() not in path.read_bytes(), path
    found = subprocess.run([str(python), "-c", "import ctct_desktop; print(ctct_desktop.__file__)"],
                           capture_output=True, text=True, env=_clean_env(), cwd=run_dir, timeout=60)
    assert str(target) in found.stdout  # the wheel's copy, not this checkout's
    validate = require_tool("desktop-file-validate", "desktop-file-utils")
    checked = subprocess.run([validate, str(entry)], capture_output=True, text=True, timeout=60)
    assert checked.returncode == 0 and not checked.stdout.strip(), checked.stdout + checked.stderr
    done = subprocess.run([str(target / "bin" / "ctct-desktop"), "--uninstall-desktop-entry"], capture_output=True,
                          text=True, env=_clean_env(XDG_DATA_HOME=str(data)), cwd=run_dir, timeout=120)
    assert done.returncode == 0, done.stderr
    assert not [path for path in [entry, *installed] if path.exists()]
