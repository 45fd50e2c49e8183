"""The training rows' cache key (``scripts.train_events``): it follows the code, not its byte-code."""

from __future__ import annotations

from pathlib import Path

from scripts.train_events import data_hash


def test_the_code_hash_follows_the_sources_and_ignores_the_rest(tmp_path: Path) -> None:
    (tmp_path / "event_detector.py").write_text("CANDIDATE_POS = {'VERB'}\n", encoding="utf-8")
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "event_detector.cpython-311.pyc").write_bytes(b"\x00")
    before = data_hash(tmp_path, "*.py")
    (tmp_path / "__pycache__" / "event_detector.cpython-311.pyc").write_bytes(b"\x01")
    assert data_hash(tmp_path, "*.py") == before  # byte-code written anew: the same rows
    (tmp_path / "event_detector.py").write_text("CANDIDATE_POS = {'VERB', 'NOUN'}\n", encoding="utf-8")
    assert data_hash(tmp_path, "*.py") != before  # what becomes a row changed: new rows
    assert data_hash(tmp_path) != data_hash(tmp_path, "*.py")  # without a pattern, every file counts
