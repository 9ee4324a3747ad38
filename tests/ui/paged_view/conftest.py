"""The paged view tests' shared set-up: a shown view over a body file."""

from __future__ import annotations

from pathlib import Path

import pytest

from ctct_desktop.core.formatting import Syntax
from ctct_desktop.core.paging.rows import index_file
from ctct_desktop.ui.paged_view.source import PagedSource
from ctct_desktop.ui.paged_view.view import PagedTextView


@pytest.fixture
def make_view(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    views: list[PagedTextView] = []

    def make(data: bytes, syntax: Syntax = Syntax.TEXT) -> PagedTextView:
        path = tmp_path / f"body{len(views)}"
        path.write_bytes(data)
        view = PagedTextView()
        qtbot.addWidget(view)
        view.resize(800, 400)
        view.show()
        qtbot.waitExposed(view)
        view.set_source(PagedSource(path, index_file(path)), syntax)
        views.append(view)
        return view

    yield make
    for view in views:
        if view.source is not None:
            view.source.close()
