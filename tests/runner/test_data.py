"""Data files for a data-driven run: rows read, bad files refused with the row and the reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from ctct_desktop.runner import RunInputError, read_rows


def test_csv_and_json_rows(tmp_path: Path) -> None:
    csv_file = tmp_path / "rows.csv"
    csv_file.write_text('\ufeffemail,name\na@example.com,"Ann, B"\nb@example.com,Bo\n', encoding="utf-8")
    assert read_rows(csv_file) == [{"email": "a@example.com", "name": "Ann, B"}, {"email": "b@example.com",
                                                                                  "name": "Bo"}]
    json_file = tmp_path / "rows.json"
    json_file.write_text('[{"id": 1, "vip": true, "note": null, "name": "x"}]', encoding="utf-8")
    assert read_rows(json_file) == [{"id": "1", "vip": "true", "note": "", "name": "x"}]


@pytest.mark.parametrize(("name", "text", "words"), [
    ("a.csv", "", "the file is empty"),
    ("a.csv", "x,x\n1,2\n", "name each column once"),
    ("a.csv", "a,b\n1\n", "row 2 has 1 values; the first row names 2"),
    ("a.csv", "a,b\n", "no rows"),
    ("a.json", "{", "not valid JSON (line 1"),
    ("a.json", '{"a": 1}', "a list of objects"),
    ("a.json", "[1]", "item 1 is not an object"),
    ("a.json", '[{"a": [1]}]', "item 1, 'a': values are text"),
    ("a.txt", "x", "use a .csv or .json file"),
])
def test_bad_data_files_are_refused_in_words(tmp_path: Path, name: str, text: str, words: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RunInputError, match=words.replace("(", r"\(").replace(".", r"\.")):
        read_rows(path)


def test_a_missing_data_file(tmp_path: Path) -> None:
    with pytest.raises(RunInputError, match="No such file"):
        read_rows(tmp_path / "none.csv")
