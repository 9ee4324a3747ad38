"""The Runner's remembered choices: one file, per collection, bad values fall back to defaults."""

from __future__ import annotations

import json
from pathlib import Path

from ctct_desktop.ui.runner_view.choices import FILE_NAME, RunChoices, RunChoicesStore, choices_from


def test_choices_round_trip_per_collection_and_a_damaged_file_means_defaults(tmp_path: Path) -> None:
    store = RunChoicesStore(tmp_path / "config")
    one, two = tmp_path / "one", tmp_path / "two"
    chosen = RunChoices(iterations=3, data_file="/d/rows.csv", bail=True, delay_ms=50, timeout_s=2.5, force=True)
    store.save(one, chosen)
    assert store.load(one) == chosen and store.load(two) == RunChoices()
    (tmp_path / "config" / FILE_NAME).write_text("{not json", encoding="utf-8")
    assert store.load(one) == RunChoices()
    (tmp_path / "config" / FILE_NAME).write_text(json.dumps({"format": 99, "collections": {}}), encoding="utf-8")
    assert store.load(one) == RunChoices()


def test_bad_values_fall_back_one_by_one() -> None:
    found = choices_from({"iterations": -1, "data_file": 7, "bail": "yes", "delay_ms": True, "timeout_s": 2,
                          "force": True})
    assert found == RunChoices(timeout_s=2.0, force=True)
    assert choices_from(["not", "a", "dict"]) == RunChoices()
