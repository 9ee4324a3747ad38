"""The linter's and the explainer's widgets on their own: Problems panel, rule docs, article viewer."""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from ctct_desktop.core.models import BodyKind, RequestModel
from ctct_desktop.explain import load_kb
from ctct_desktop.lint import lint_request
from ctct_desktop.ui.explain_view.article_viewer import ArticleViewer
from ctct_desktop.ui.lint_view.rule_doc import rule_doc_html

BODY = ('<?xml version="1.0" encoding="UTF-8"?>\n<entry xmlns="http://www.w3.org/2005/Atom">\n'
        "  <id>2</id>\n  <title/>\n  <author/>\n  <updated>2008-07-23T14:21:06.407Z</updated>\n"
        '  <content type="application/vnd.ctct+xml">\n'
        '    <Contact xmlns="http://ws.constantcontact.com/ns/1.0/">\n'
        "      <emailaddress>a@example.com</emailaddress>\n"
        "      <OptInSource>ACTION_BY_CUSTOMER</OptInSource>\n    </Contact>\n  </content>\n</entry>\n")


def test_activating_a_problem_puts_the_cursor_on_it(qtbot, workbench) -> None:  # type: ignore[no-untyped-def]
    editor = workbench.window.request_editor
    editor.set_model(RequestModel(method="POST", url="https://api.constantcontact.com/ws/customers/joe/contacts",
                                  body=BODY, body_kind=BodyKind.XML))
    qtbot.waitUntil(lambda: any(d.code == "L003" for d in workbench.lint.diagnostics), timeout=10000)
    panel = workbench.problems
    row = next(i for i, d in enumerate(panel.diagnostics()) if d.code == "L003")
    item = panel.tree.topLevelItem(row)
    panel.tree.setCurrentItem(item)
    panel.tree.itemActivated.emit(item, 0)
    cursor = editor.body_editor.textCursor()
    assert (cursor.blockNumber() + 1, editor.tabs.currentWidget()) == (3, editor.body)
    l003 = panel.diagnostics()[row]
    assert panel.fix_button.isEnabled() is (l003.fix is not None)
    if l003.fix is not None:
        assert panel.fix_button.text() == f"Fix: {l003.fix.title}"


def test_quick_fix_from_the_panel_renames_both_tags_in_one_undo_step(qtbot, workbench) -> None:  # type: ignore[no-untyped-def]
    editor = workbench.window.request_editor
    editor.set_model(RequestModel(method="POST", url="https://api.constantcontact.com/ws/customers/joe/contacts",
                                  body=BODY, body_kind=BodyKind.XML))
    qtbot.waitUntil(lambda: any(d.code == "L007" for d in workbench.lint.diagnostics), timeout=10000)
    l007 = next(d for d in workbench.problems.diagnostics() if d.code == "L007")
    workbench.problems.fix_requested.emit(l007)
    assert "<EmailAddress>a@example.com</EmailAddress>" in editor.body_editor.toPlainText()
    editor.body_editor.undo()  # the body's own undo reverts the fix as one step
    assert editor.body_editor.toPlainText() == BODY


def test_rule_documentation_shows_rationale_and_examples() -> None:
    html = rule_doc_html("L003")
    assert "L003" in html and "Wrong" in html and "Right" in html and "data:,none" in html
    assert "No documentation" in rule_doc_html("L999")


def test_article_viewer_searches_and_follows_links(qtbot) -> None:  # type: ignore[no-untyped-def]
    viewer = ArticleViewer()
    qtbot.addWidget(viewer)
    assert viewer.index.count() == len(load_kb().articles)
    viewer.search.setText("Status transition")
    assert 0 < viewer.index.count() < len(load_kb().articles)
    viewer.show_article("v1-409-contact-exists")
    assert "409" in viewer.browser.toPlainText()
    related = load_kb().get("v1-409-contact-exists").related[0]
    viewer.browser.anchorClicked.emit(QtCore.QUrl(f"kb:{related}"))
    assert load_kb().get(related).title in viewer.browser.toPlainText()


def test_lint_positions_match_what_the_editor_underlines(qtbot, workbench) -> None:  # type: ignore[no-untyped-def]
    editor = workbench.window.request_editor
    body = "<entry>\u00e9\U0001F600<id>2</id></entry>"  # an astral character shifts Qt positions by one
    editor.set_model(RequestModel(method="POST", url="https://api.constantcontact.com/ws/customers/joe/contacts",
                                  body=body, body_kind=BodyKind.XML))
    qtbot.waitUntil(lambda: bool(workbench.lint.diagnostics), timeout=10000)
    expected = {d.code for d in lint_request(editor.to_model()) if d.start is not None}
    underlined = editor.body_editor.extraSelections()
    assert expected and len(underlined) >= len(expected)
    cursor: QtGui.QTextCursor = next(s.cursor for s in underlined)
    assert 0 <= cursor.selectionStart() < cursor.selectionEnd() <= editor.body_editor.document().characterCount()


def test_problems_rows_show_severity_by_shape_as_well_as_colour(qtbot) -> None:
    """Each severity has its own icon, so a reader who cannot tell red from amber still can."""
    from ctct_desktop.lint import Severity
    from ctct_desktop.ui.lint_view.severity_icons import severity_icon

    palette = QtWidgets.QApplication.palette()
    images = {s: severity_icon(s, palette).pixmap(16, 16).toImage() for s in Severity}
    alpha_masks = {s: image.convertToFormat(QtGui.QImage.Format.Format_Alpha8).bits().tobytes()
                   for s, image in images.items()}
    assert len(set(alpha_masks.values())) == len(Severity)  # three different shapes
