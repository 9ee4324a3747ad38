"""Opening a collection removes the temp files killed saves left (only write_atomic's exact
pattern, only older than a minute) and keeps them out of git via the collection's .gitignore."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ctct_desktop.core.atomic import GITIGNORE_TEMP_PATTERN, temp_target
from ctct_desktop.store.collection import create_collection, scan_collection
from ctct_desktop.store.collection_tidy import GITIGNORE, remove_stale_temp_files

ROOT = Path(__file__).resolve().parents[2]
KILLED_SAVE = r'''
import os, signal, sys
from pathlib import Path
from ctct_desktop.core import atomic

def die(fd):
    os.kill(os.getpid(), signal.SIGKILL)  # killed after writing, before the rename

atomic.os.fsync = die
atomic.write_atomic(Path(sys.argv[1]), "x" * 3_000_000)
'''


def _killed_save(target: Path, tmp_path: Path) -> Path:
    """Really kill a process inside write_atomic; returns the temp file it left."""
    script = tmp_path / "killed_save.py"
    script.write_text(KILLED_SAVE)
    before = set(target.parent.iterdir())
    done = subprocess.run([sys.executable, str(script), str(target)], env={**os.environ, "PYTHONPATH": str(ROOT)},
                          capture_output=True, timeout=60)
    assert done.returncode == -9, done.stderr
    (left,) = set(target.parent.iterdir()) - before
    return left


def _age(path: Path, seconds: float) -> Path:
    stamp = time.time() - seconds
    os.utime(path, (stamp, stamp))
    return path


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True)


def test_a_killed_save_leaves_a_temp_file_of_the_pattern(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    left = _killed_save(folder / "Get contacts.ctct.toml", tmp_path)
    assert temp_target(left.name) == "Get contacts.ctct.toml"
    assert left.stat().st_size == 3_000_000 and not (folder / "Get contacts.ctct.toml").exists()


def test_opening_removes_stale_temp_files_and_nothing_else(tmp_path: Path) -> None:
    root = tmp_path / "team"
    create_collection(root, "Team")
    (root / "Contacts").mkdir()
    (root / "environments").mkdir()
    (root / ".git").mkdir()
    stale = [_age(_killed_save(root / "Contacts" / "Create.ctct.toml", tmp_path), 120),
             _age(_killed_save(root / "environments" / "dev.toml", tmp_path), 3600)]
    fresh = _killed_save(root / "Fresh.ctct.toml", tmp_path)  # a save in flight is younger than a minute
    look_alikes = [root / ".Create.ctct.toml.tmp", root / ".Create.ctct.toml.ABCDEFGH.tmp",
                   root / ".Create.ctct.toml.abcdefg.tmp", root / "notes.tmp", root / "Create.ctct.toml.abcdefgh.tmp",
                   root / ".git" / ".index.abcdefgh.tmp"]
    for path in look_alikes:
        path.write_text("keep")
        _age(path, 3600)
    (root / ".dir.abcdefgh.tmp").mkdir()
    collection = scan_collection(root)
    assert collection.problems == []
    assert not any(path.exists() for path in stale)
    assert fresh.exists() and all(path.exists() for path in look_alikes) and (root / ".dir.abcdefgh.tmp").is_dir()


def test_a_read_only_collection_is_left_alone(tmp_path: Path) -> None:
    root = tmp_path / "ro"
    root.mkdir()
    left = _age(_killed_save(root / "A.ctct.toml", tmp_path), 120)
    scan_collection(root, read_only=True)
    assert left.exists() and not (root / GITIGNORE).exists()


def test_remove_stale_temp_files_reports_what_went(tmp_path: Path) -> None:
    old = tmp_path / ".x.ctct.toml.ab_cd123.tmp"
    old.write_text("x")
    _age(old, 61)
    assert remove_stale_temp_files(tmp_path) == [old]
    assert remove_stale_temp_files(tmp_path) == []


def test_create_collection_writes_the_gitignore_and_git_ignores_temp_files(tmp_path: Path) -> None:
    root = tmp_path / "team"
    create_collection(root, "Team")
    assert GITIGNORE_TEMP_PATTERN in (root / GITIGNORE).read_text().splitlines()
    left = _killed_save(root / "Create.ctct.toml", tmp_path)
    assert _git(root, "init", "-q").returncode == 0
    assert _git(root, "check-ignore", "-q", left.name).returncode == 0
    assert _git(root, "check-ignore", "-q", "Create.ctct.toml").returncode == 1
    assert _git(root, "check-ignore", "-q", "collection.toml").returncode == 1


@pytest.mark.parametrize("existing", [None, "", "*.bak", "*.bak\n", f"{GITIGNORE_TEMP_PATTERN}\n"])
def test_opening_adds_the_pattern_when_missing_and_keeps_the_rest(tmp_path: Path, existing: str | None) -> None:
    root = tmp_path / "old"
    root.mkdir()
    (root / "collection.toml").write_text('format = 1\nname = "Old"\n')
    if existing is not None:
        (root / GITIGNORE).write_text(existing)
    scan_collection(root)
    scan_collection(root)  # idempotent
    lines = (root / GITIGNORE).read_text().splitlines()
    assert lines.count(GITIGNORE_TEMP_PATTERN) == 1
    if existing:
        assert lines[0] == existing.strip()
