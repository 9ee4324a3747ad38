from __future__ import annotations

import sys
from pathlib import Path

from PySide6 import QtWidgets

from ctct_desktop.core.secret_set import SecretSet, session_secrets
from ctct_desktop.ui.crash import CrashHandler


def test_an_escaped_error_becomes_a_redacted_report_and_a_plain_message(qtbot, tmp_path: Path,
                                                                        monkeypatch) -> None:  # type: ignore[no-untyped-def]
    shown: list[str] = []
    monkeypatch.setattr(QtWidgets.QMessageBox, "warning", lambda *args: shown.append(args[2]))
    session_secrets.add(SecretSet.of(["crash-secret-0042"]))
    handler = CrashHandler(tmp_path)
    try:
        raise ValueError("could not parse token crash-secret-0042")
    except ValueError:
        handler.handle(*sys.exc_info())  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: bool(shown), timeout=3000)
    assert len(handler.reports) == 1
    report = handler.reports[0].read_text(encoding="utf-8")
    assert "ValueError" in report and "Traceback" in report
    assert "crash-secret-0042" not in report and "crash-secret-0042" not in shown[0]
    assert str(handler.reports[0]) in shown[0] and "Traceback" not in shown[0]
