"""Request ▸ Copy as ▸ <language>: the editor's request as runnable code on the clipboard, with
its credentials read from environment variables (real window, real clipboard, offscreen)."""

from __future__ import annotations

import pytest
from PySide6 import QtWidgets

from ctct_desktop.core.models import Auth, AuthKind, BodyKind, Header, RequestModel
from ctct_desktop.snippets import LANGUAGES
from ctct_desktop.ui.export_actions import SNIPPET_LANGUAGES

PASSWORD = "typed-in-password-77"


def test_the_menu_lists_every_language_in_order() -> None:
    assert SNIPPET_LANGUAGES == tuple((language.lang, language.title) for language in LANGUAGES)


@pytest.mark.parametrize("lang", ["python-httpx", "csharp", "curl-windows"])
def test_copy_as_puts_the_snippet_on_the_clipboard(workbench, lang: str) -> None:  # type: ignore[no-untyped-def]
    window = workbench.window
    window.request_editor.set_model(RequestModel(
        "POST", "{{base_url}}/contacts", (Header("Content-Type", "application/atom+xml"),), "<entry/>",
        BodyKind.XML, Auth(AuthKind.CTCT_BASIC, "joesflowers", PASSWORD, "{{api_key}}")))
    menu = workbench.exports.copy_as_menu
    assert menu.title() == "Copy &as" and menu.menuAction() in window.menus["request"].actions()
    workbench.exports.copy_as[lang].trigger()
    text = QtWidgets.QApplication.clipboard().text()
    assert "CTCT_PASSWORD" in text and PASSWORD not in text
    assert "{{base_url}}" in text and "entry/" in text
    assert window.activity_label.text().startswith("Copied as")


def test_a_request_no_library_would_send_is_not_copied(workbench) -> None:  # type: ignore[no-untyped-def]
    QtWidgets.QApplication.clipboard().setText("before")
    workbench.window.request_editor.set_model(RequestModel("GET", ""))
    workbench.exports.copy_as["js"].trigger()
    assert QtWidgets.QApplication.clipboard().text() == "before"
    assert workbench.window.activity_label.text() == "Not copied: The request has no URL."


@pytest.mark.parametrize("kind", ["postman", "har"])
def test_export_request_as_postman_or_har(workbench, tmp_path, kind: str) -> None:  # type: ignore[no-untyped-def]
    import json

    workbench.window.request_editor.set_model(RequestModel(
        "GET", "https://h/ws/customers/joe/lists", auth=Auth(AuthKind.CTCT_BASIC, "joe", PASSWORD, "key-12345678")))
    path = tmp_path / f"out.{kind}"
    workbench.exports.write_request(str(path), kind)
    text = path.read_text(encoding="utf-8")
    assert PASSWORD not in text and "key-12345678" not in text
    data = json.loads(text)
    assert ("info" in data) if kind == "postman" else data["log"]["version"] == "1.2"
    assert workbench.window.activity_label.text().startswith("Request exported to")
