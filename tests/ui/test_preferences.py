"""File → Preferences: built from the settings schema, applied at once, kept on disk."""

from __future__ import annotations

from PySide6 import QtWidgets

from ctct_desktop.core.models import BodyKind, RequestModel
from ctct_desktop.store.settings import load_settings
from ctct_desktop.ui.settings_dialog import SettingsDialog
from tests.ui.helpers import send_and_wait


def test_dialog_validates_and_returns_new_settings(qtbot, workbench) -> None:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog(workbench.settings)
    qtbot.addWidget(dialog)
    dialog.fields["confirm_send_with_errors"].setChecked(False)  # type: ignore[attr-defined]
    dialog.fields["default_timeout_s"].setValue(12.5)  # type: ignore[attr-defined]
    dialog.fields["theme"].setCurrentText("dark")  # type: ignore[attr-defined]
    dialog.accept()
    assert dialog.result_settings is not None
    assert (dialog.result_settings.confirm_send_with_errors, dialog.result_settings.default_timeout_s,
            dialog.result_settings.theme) == (False, 12.5, "dark")


def test_changed_preferences_apply_now_and_persist(qtbot, workbench) -> None:  # type: ignore[no-untyped-def]
    new = workbench.settings.with_changes(default_timeout_s=7.0, verify_tls_default=False, theme="dark",
                                          history_max_entries=3)
    workbench.change_settings(new)
    assert load_settings().settings.default_timeout_s == 7.0
    workbench.documents.new()
    model = workbench.window.request_editor.to_model()
    assert (model.timeout_s, model.verify_tls) == (7.0, False)
    assert workbench.window.request_editor.tls_badge.isVisibleTo(workbench.window)
    palette = QtWidgets.QApplication.instance().palette()  # type: ignore[union-attr]
    assert palette.color(palette.ColorRole.Window).lightness() < 128
    workbench.change_settings(new.with_changes(theme="light"))
    palette = QtWidgets.QApplication.instance().palette()  # type: ignore[union-attr]
    assert palette.color(palette.ColorRole.Window).lightness() > 128


def test_dont_ask_again_turns_the_send_question_off(qtbot, workbench, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    workbench.change_settings(workbench.settings.with_changes(confirm_send_with_errors=True))
    asked: list[str] = []

    def answer(box: QtWidgets.QMessageBox) -> int:
        send = next((b for b in box.buttons() if b.text() == "Send anyway"), None)
        if send is None:  # closing the window at teardown asks about the edited request
            return int(QtWidgets.QMessageBox.StandardButton.Discard.value)
        asked.append(box.text())
        box.checkBox().setChecked(True)
        send.click()
        return 0

    monkeypatch.setattr(QtWidgets.QMessageBox, "exec", answer)
    workbench.window.request_editor.set_model(RequestModel(
        method="POST", url="http://127.0.0.1:9/ws/customers/joe/contacts", body="<entry/>", body_kind=BodyKind.XML))
    send_and_wait(qtbot, workbench.window)
    assert len(asked) == 1 and workbench.settings.confirm_send_with_errors is False
    assert load_settings().settings.confirm_send_with_errors is False
    send_and_wait(qtbot, workbench.window)
    assert len(asked) == 1  # not asked again
