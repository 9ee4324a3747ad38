"""The window says when the embedded sandbox had to set a damaged database aside."""

from __future__ import annotations


def test_the_window_names_the_kept_damaged_database(qtbot) -> None:
    from ctct_desktop.app import Workbench, create_application
    from ctct_desktop.core.paths import app_dirs

    folder = app_dirs().sandbox
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sandbox.sqlite3").write_bytes(b"truncated" * 10)
    create_application()
    bench = Workbench(start_sandbox=True)
    qtbot.addWidget(bench.window)
    bench.window.show()  # the sandbox starts after the window's first paint
    qtbot.waitUntil(lambda: bench.sandbox.info is not None, timeout=20000)
    kept = sorted(folder.glob("sandbox.sqlite3.damaged-*"))
    label = bench.window.activity_label.text()
    assert len(kept) == 1 and kept[0].name in label and "damaged" in label
    bench.shutdown()
