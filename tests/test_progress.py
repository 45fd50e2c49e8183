"""Build progress: N/M documents (M counted before the build) and an ETA; the library only calls back."""

from __future__ import annotations

import doctest
import json
from pathlib import Path

import pytest

from kg import ingest
from kg.pipeline import BuildOptions, BuildProgress, build
from tests.test_cli import kg

TEXTS = [
    "Police arrested 12 protesters in Paris on Monday after a march against the pension reform.",
    "The central bank raised interest rates on Thursday, and the currency rose against the dollar.",
    "Workers at the car plant went on strike on Friday over pay, the union said.",
]


def corpus(folder: Path) -> Path:
    """Two text files and a JSONL file of two rows (one repeating a text file): 4 documents."""
    folder.mkdir()
    for n, text in enumerate(TEXTS[:2]):
        (folder / f"{n}.txt").write_text(text, encoding="utf-8")
    rows = [{"id": "strike", "text": TEXTS[2]}, {"id": "again", "text": TEXTS[0]}]
    (folder / "rows.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows) + "\n", encoding="utf-8")
    return folder


def test_count_reads_rows_not_lines(tmp_path: Path) -> None:
    assert doctest.testmod(ingest).failed == 0
    folder = corpus(tmp_path / "c")
    assert [ingest.count(s) for s in ingest.sources([folder])] == [1, 1, 2]


@pytest.mark.parametrize(
    "done, total, seconds, eta", [(0, 10, 5.0, None), (2, 10, 4.0, 16.0), (10, 10, 30.0, 0.0), (5, 4, 1.0, 0.0)]
)
def test_eta_is_the_pace_so_far(done: int, total: int, seconds: float, eta: float | None) -> None:
    assert BuildProgress(done, total, seconds, "x").eta == eta


@pytest.mark.model
def test_the_library_reports_each_document_and_prints_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    steps: list[BuildProgress] = []
    report = build([corpus(tmp_path / "c")], BuildOptions(out=tmp_path / "out", html=False), progress=steps.append)
    assert capsys.readouterr() == ("", "")
    assert report.built == ["0", "1", "strike"] and len(report.duplicates) == 1
    # 0 of 4 once counted, one call per document built, then one at the end; the repeated row counts as done
    assert [s.document for s in steps] == [None, "0", "1", "strike", None]
    assert [s.finished for s in steps] == [False, False, False, False, True]
    assert [s.total for s in steps] == [4, 4, 4, 4, 4] and (steps[0].done, steps[-1].done) == (0, 4)
    assert [s.done for s in steps] == sorted(s.done for s in steps) and steps[1].done >= 1
    assert steps[-1].seconds >= steps[1].seconds > steps[0].seconds


@pytest.mark.model
def test_kg_build_ends_with_n_of_m_documents(tmp_path: Path) -> None:
    folder = corpus(tmp_path / "c")
    first = kg("build", str(folder), "--out", str(tmp_path / "out"), "--no-html")
    assert first.returncode == 0, first.stderr
    assert first.stderr.strip().splitlines()[-1].startswith("kg: 4/4 documents, ")
    # unchanged documents are passed, not built: the count still ends at M/M
    again = kg("build", str(folder), "--out", str(tmp_path / "out"), "--no-html")
    assert again.stderr.strip().splitlines()[-1].startswith("kg: 4/4 documents, ")
    assert "3 unchanged" in again.stdout
    quiet = kg("build", str(folder), "--out", str(tmp_path / "out"), "--no-html", "--quiet")
    assert quiet.returncode == 0 and quiet.stderr == ""
