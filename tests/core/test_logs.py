from __future__ import annotations

import logging
from pathlib import Path

from ctct_desktop.core.logs import LOG_FILE, configure_logging, logger
from ctct_desktop.core.secret_set import SecretSet, session_secrets


def test_log_lines_and_tracebacks_are_redacted(tmp_path: Path) -> None:
    path = configure_logging(tmp_path)
    assert path == tmp_path / LOG_FILE
    session_secrets.add(SecretSet.of(["log-secret-4711"]))
    log = logger("test")
    log.info("sent GET https://x/v2/contacts?api_key=%s with %s", "live-key-99", "log-secret-4711")
    try:
        raise RuntimeError("failed with log-secret-4711")
    except RuntimeError:
        log.exception("boom")
    for handler in logging.getLogger("ctct_desktop").handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")  # type: ignore[union-attr]
    assert "sent GET https://x/v2/contacts?api_key=" in text and "boom" in text and "RuntimeError" in text
    assert "log-secret-4711" not in text and "live-key-99" not in text


def test_an_unwritable_folder_means_no_log_not_a_crash(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert configure_logging(blocker / "logs") is None
