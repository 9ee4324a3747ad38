"""The composition root with the embedded sandbox: started off the UI thread, first-run request."""

from __future__ import annotations


from tests.ui.helpers import send_and_wait


def test_first_run_prefills_get_contacts_and_it_works(qtbot) -> None:
    from ctct_desktop.app import Workbench, create_application

    create_application()
    bench = Workbench(start_sandbox=True)
    qtbot.addWidget(bench.window)
    bench.window.show()
    assert bench.window.activity_label.text() == "Starting sandbox…"
    qtbot.waitUntil(lambda: bench.sandbox.info is not None, timeout=20000)
    info = bench.sandbox.info
    assert bench.window.activity_label.text() == f"Sandbox (local) at {info.base_url}"
    model = bench.window.request_editor.to_model()
    assert model.url == info.account_url + "/contacts"
    assert model.auth.basic_user() == f"{info.api_key}%{info.username}"
    bench.window.request_editor.url.setFocus()
    exchange = send_and_wait(qtbot, bench.window)
    assert exchange.response is not None and exchange.response.status == 200, exchange
    bench.shutdown()


def test_window_opens_with_a_message_when_the_sandbox_cannot_start(qtbot, monkeypatch) -> None:
    from ctct_desktop.app import Workbench, create_application
    from ctct_desktop.ui import sandbox_starter

    monkeypatch.setattr(sandbox_starter, "_start_server",
                        lambda data_dir, port_file=None: "The local sandbox could not start: port in use")
    create_application()
    bench = Workbench(start_sandbox=True)
    qtbot.addWidget(bench.window)
    qtbot.waitUntil(lambda: "could not start" in bench.window.activity_label.text(), timeout=5000)
    assert "Requests to other servers still work" in bench.window.activity_label.text()
    bench.shutdown()


def test_second_run_points_the_draft_at_the_new_sandbox(qtbot) -> None:
    from ctct_desktop.app import Workbench, create_application

    create_application()
    first = Workbench(start_sandbox=True)
    qtbot.addWidget(first.window)
    qtbot.waitUntil(lambda: first.sandbox.info is not None, timeout=20000)
    first.window.close()  # saves the draft (without the password) and the sandbox address
    first.shutdown()
    second = Workbench(start_sandbox=True)
    qtbot.addWidget(second.window)
    second.window.show()
    assert second.saved is not None
    qtbot.waitUntil(lambda: second.sandbox.info is not None, timeout=20000)
    info = second.sandbox.info
    model = second.window.request_editor.to_model()
    assert model.url == info.account_url + "/contacts"
    assert (model.auth.api_key, model.auth.password) == (info.api_key, info.password)
    second.window.request_editor.url.setFocus()
    exchange = send_and_wait(qtbot, second.window)
    assert exchange.response is not None and exchange.response.status == 200
    second.shutdown()


def test_a_draft_recovered_after_a_crash_points_at_the_new_sandbox(qtbot) -> None:
    """The draft records the sandbox address it was written against (not the window state, which
    a crash never writes), so the next start points it at the sandbox's new port."""
    from ctct_desktop.app import Workbench, create_application

    create_application()
    first = Workbench(start_sandbox=True)
    qtbot.addWidget(first.window)
    qtbot.waitUntil(lambda: first.sandbox.info is not None, timeout=20000)
    old = first.sandbox.info
    editor = first.window.request_editor
    editor.set_model(editor.to_model().with_changes(url=old.account_url + "/lists"))
    assert first.documents.write_draft()  # what the autosave does a second after the edit
    first.shutdown()  # and then the process dies: the window never closes, nothing else is written
    second = Workbench(start_sandbox=True)
    qtbot.addWidget(second.window)
    assert second.saved is None and second.recovered
    qtbot.waitUntil(lambda: second.sandbox.info is not None, timeout=20000)
    info = second.sandbox.info
    model = second.window.request_editor.to_model()
    assert model.url == info.account_url + "/lists"
    assert (model.auth.api_key, model.auth.password) == (info.api_key, info.password)
    second.shutdown()
