"""A process killed while saving drafts leaves every draft either old or new, never partial."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from ctct_desktop.store.drafts import DraftStore

ROOT = Path(__file__).resolve().parents[2]
WRITER = r'''
import hashlib, sys
from pathlib import Path
from ctct_desktop.core.models import RequestModel
from ctct_desktop.store.drafts import DraftStore

store = DraftStore(Path(sys.argv[1]))
version = int(sys.argv[2])
while True:
    for tab in ("tab-a", "tab-b", "tab-c"):
        body = (f"<entry>{tab} version {version} " + "x" * (150_000 + version % 977) + "</entry>")
        store.save(tab, RequestModel(method="POST", url=f"http://127.0.0.1/{version}", body=body),
                   {"version": str(version), "sha": hashlib.sha256(body.encode()).hexdigest()})
    if version == int(sys.argv[2]):
        print("ready", flush=True)
    version += 1
'''


def _check_every_draft_is_whole(folder: Path) -> int:
    store = DraftStore(folder)
    drafts = store.load_all()
    assert store.problems == []
    assert {d.draft_id for d in drafts} == {"tab-a", "tab-b", "tab-c"}
    newest = 0
    for draft in drafts:
        version = int(draft.meta["version"])
        assert hashlib.sha256(draft.request.body.encode()).hexdigest() == draft.meta["sha"]
        assert draft.request.url == f"http://127.0.0.1/{version}"
        assert f"{draft.draft_id} version {version} " in draft.request.body
        newest = max(newest, version)
    return newest


def test_sigkill_at_random_moments_never_leaves_a_partial_draft(tmp_path: Path) -> None:
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    folder = tmp_path / "drafts"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    rng = random.Random(20261129)
    version = 0
    for _round in range(6):
        child = subprocess.Popen([sys.executable, str(script), str(folder), str(version)], env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "ready", child.stderr.read() if child.stderr else ""
            time.sleep(rng.uniform(0.0, 0.3))
            child.send_signal(signal.SIGKILL)
        finally:
            child.wait(10)
            for stream in (child.stdout, child.stderr):
                if stream is not None:
                    stream.close()
        assert child.returncode == -signal.SIGKILL
        newest = _check_every_draft_is_whole(folder)
        assert newest >= version
        version = newest + 1
    assert version > 6
