"""benchmarks.causal_cnc's --readers: a run with the fold readers an earlier run kept gives that
run's figures, without training them again (needs ../shared's CNC)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import causal_cnc
from kg.pipeline import BuildOptions

SMALL = ["--limit", "40", "--folds", "2", "--threshold", "0.3", "--json"]


def test_a_run_with_the_readers_an_earlier_run_kept_gives_its_figures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kept = tmp_path / "first"
    assert causal_cnc.main([*SMALL, "--out", str(kept)]) == 0
    first = json.loads(capsys.readouterr().out)
    assert causal_cnc.main([*SMALL, "--readers", str(kept)]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["pooled"] == first["pooled"]
    assert [f["relation"] for f in again["folds"]] == [f["relation"] for f in first["folds"]]
    assert again["setup"]["trainer"] == f"readers kept in {kept}"


def test_a_fold_without_a_kept_reader_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no reader kept"):
        causal_cnc.saved_reader(tmp_path, [], BuildOptions(), tmp_path / "fold-1")


def test_readers_with_another_trainer_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        causal_cnc.main(["--readers", str(tmp_path), "--rules-only"])
