"""The article viewer and the Help → Error reference: every knowledge-base article, searchable.

Links of the form ``kb:ID`` move between articles; http(s) links open in the system browser.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6 import QtCore, QtGui, QtWidgets

from ctct_desktop.explain import Article, article_markdown, load_kb
from ctct_desktop.explain.render import display_title

_ROLE = QtCore.Qt.ItemDataRole.UserRole


class ArticleViewer(QtWidgets.QDialog):
    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Error reference")
        self.kb = load_kb()
        self.search = QtWidgets.QLineEdit()
        self.search.setPlaceholderText("Search articles (status, error text, key…)")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.index = QtWidgets.QListWidget()
        self.index.setAccessibleName("Articles")
        self.index.currentItemChanged.connect(self._index_changed)
        self.browser = QtWidgets.QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._link)
        left = QtWidgets.QWidget()
        left_layout = QtWidgets.QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.index)
        splitter = QtWidgets.QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 3)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(splitter)
        if self.kb.problems:
            note = QtWidgets.QLabel("Some articles could not be loaded: " + "; ".join(
                f"{p.path.name}: {p.reason}" for p in self.kb.problems))
            note.setWordWrap(True)
            layout.addWidget(note)
        self.resize(900, 600)
        self._fill(self.kb.articles)

    def _fill(self, articles: Iterable[Article]) -> None:
        self.index.clear()
        for title, article in sorted(((display_title(a), a) for a in articles), key=lambda pair: pair[0].lower()):
            item = QtWidgets.QListWidgetItem(title)
            item.setData(_ROLE, article.id)
            item.setToolTip(article.summary or article.title)
            self.index.addItem(item)

    def _filter(self, text: str) -> None:
        self._fill(self.kb.search(text) if text.strip() else self.kb.articles)

    def _index_changed(self, current: QtWidgets.QListWidgetItem | None, _previous: object) -> None:
        if current is not None:
            self.show_article(current.data(_ROLE))

    def show_article(self, article_id: str) -> None:
        self.browser.setMarkdown(article_markdown(article_id))
        for row in range(self.index.count()):
            if self.index.item(row).data(_ROLE) == article_id:
                self.index.blockSignals(True)
                self.index.setCurrentRow(row)
                self.index.blockSignals(False)
                break

    def _link(self, url: QtCore.QUrl) -> None:
        if url.scheme() == "kb":
            self.show_article(url.path() or url.toString().removeprefix("kb:"))
        elif url.scheme() in ("http", "https"):
            QtGui.QDesktopServices.openUrl(url)
