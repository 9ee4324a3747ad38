"""The remembered sandbox port: a small versioned JSON file that never makes start-up fail."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ctct_desktop.store.sandbox_port import RememberedPort, load_port, save_port


def test_a_saved_port_reads_back_and_the_file_carries_its_format(tmp_path: Path) -> None:
    path = tmp_path / "data" / "sandbox-port.json"
    save_port(path, 48213)
    assert load_port(path) == RememberedPort(48213)
    assert json.loads(path.read_text(encoding="utf-8")) == {"format": 1, "port": 48213}


def test_no_file_is_no_port_and_no_problem(tmp_path: Path) -> None:
    assert load_port(tmp_path / "missing.json") == RememberedPort(None, "")


def test_a_hand_written_file_without_format_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "sandbox-port.json"
    path.write_text('{"port": 8089}', encoding="utf-8")
    assert load_port(path) == RememberedPort(8089)


@pytest.mark.parametrize(("text", "reason"), [
    ("not json", "is not valid JSON"),
    ("[1]", "does not hold a JSON object"),
    ('{"format": 1, "port": 0}', "not a port number from 1 to 65535"),
    ('{"format": 1, "port": 70000}', "not a port number from 1 to 65535"),
    ('{"format": 1, "port": true}', "not a port number from 1 to 65535"),
    ('{"format": 1, "port": "8089"}', "not a port number from 1 to 65535"),
    ('{"format": 2, "port": 8089}', "was written by a newer CTCT Desktop (format 2; this one reads up to 1)"),
])
def test_an_unusable_file_means_no_port_with_the_reason(tmp_path: Path, text: str, reason: str) -> None:
    path = tmp_path / "sandbox-port.json"
    path.write_text(text, encoding="utf-8")
    remembered = load_port(path)
    assert remembered.port is None
    assert reason in remembered.problem and "sandbox port file" in remembered.problem


def test_saving_a_port_that_is_no_port_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not a TCP port"):
        save_port(tmp_path / "p.json", 0)
