"""The files a desktop and a software centre read pass their validators, and the version, licence and
changes agree with the one place the version lives (ctct_desktop/__init__.py)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from ctct_desktop import __version__
from ctct_desktop.cli import desktop_entry
from tests.packaging.tools import require_tool

ROOT = Path(__file__).resolve().parents[2]
METAINFO = ROOT / "packaging" / f"{desktop_entry.APP_ID}.metainfo.xml"
DESKTOP = ROOT / "packaging" / f"{desktop_entry.DESKTOP_ID}.desktop"


def test_the_metainfo_passes_appstreamcli_validate() -> None:
    appstreamcli = require_tool("appstreamcli", "appstream")
    done = subprocess.run([appstreamcli, "validate", "--no-net", str(METAINFO)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_desktop_entry_passes_desktop_file_validate() -> None:
    validate = require_tool("desktop-file-validate", "desktop-file-utils")
    done = subprocess.run([validate, str(DESKTOP)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_the_shipped_copies_are_the_packaging_files() -> None:
    """resources/desktop links to packaging/, so the wheel and the build carry the validated files."""
    for source in (METAINFO, DESKTOP):
        shipped = ROOT / "resources" / "desktop" / source.name
        assert shipped.read_bytes() == source.read_bytes()


def test_the_metainfo_names_the_launcher_the_icon_and_this_version() -> None:
    text = METAINFO.read_text()
    assert f"<id>{desktop_entry.APP_ID}</id>" in text
    assert f'<launchable type="desktop-id">{desktop_entry.DESKTOP_ID}.desktop</launchable>' in text
    newest = re.search(r'<release version="([^"]+)"', text)
    assert newest is not None and newest.group(1) == __version__
    assert f"Icon={desktop_entry.ICON_NAME}\n" in DESKTOP.read_text()


def test_the_changelog_has_this_version_in_keep_a_changelog_form() -> None:
    text = (ROOT / "CHANGELOG.md").read_text()
    assert "https://keepachangelog.com/en/1.1.0/" in text
    assert "## [Unreleased]" in text
    assert re.search(rf"^## \[{re.escape(__version__)}\] - \d{{4}}-\d{{2}}-\d{{2}}$", text, re.M)


def test_the_licence_is_the_declared_one_and_ships() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["license"] == "MIT"
    assert project["license-files"] == ["LICENSE"]
    assert (ROOT / "LICENSE").read_text().startswith("MIT License\n")
    assert project["dynamic"] == ["version"]  # the version lives in ctct_desktop/__init__.py only


def test_the_committed_icons_match_a_fresh_rendering_of_the_svg() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, str(ROOT / "packaging" / "make_icons.py"), "--check"],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    for size in desktop_entry.PNG_SIZES:
        assert (ROOT / "resources" / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "ctct-desktop.png").is_file()
