from __future__ import annotations

from pathlib import Path

import pytest

from ctct_desktop.core.query import QueryError, read_body


def test_reads_a_body_within_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "body"
    path.write_bytes(b"<a/>")
    assert read_body(path, limit=4) == b"<a/>"


def test_refuses_a_body_over_the_limit_naming_its_size(tmp_path: Path) -> None:
    path = tmp_path / "body"
    path.write_bytes(b"x" * (3 << 20))
    with pytest.raises(QueryError) as caught:
        read_body(path, limit=1 << 20)
    assert "3.0 MB" in caught.value.message and "1 MB" in caught.value.message


def test_missing_file_is_a_query_error(tmp_path: Path) -> None:
    with pytest.raises(QueryError, match="could not be read"):
        read_body(tmp_path / "gone")
