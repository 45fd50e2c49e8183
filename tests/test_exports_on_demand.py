"""``kg build --no-exports`` writes the store only (adding to a large store then costs no
re-serialisation of it), and ``kg export`` writes the RDF files a full build writes, byte for byte."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg import store
from kg.cli import app
from kg.pipeline import BuildOptions, build
from tests.conftest import ROOT, SAMPLE, SAMPLE_DATE

pytestmark = pytest.mark.model
FOLLOWUP = ROOT / "tests" / "data" / "kazakhstan_followup.txt"


@pytest.mark.parametrize("fmt, name", [("ttl", "graph.ttl"), ("trig", "graph.trig"), ("nt", "graph.nt")])
def test_export_on_demand_is_the_build_s_file(sample_build: Path, tmp_path: Path, fmt: str, name: str) -> None:
    out = tmp_path / "bare"
    build([SAMPLE], BuildOptions(out=out, date=SAMPLE_DATE, exports=False))
    assert sorted(p.name for p in out.iterdir()) == [".kg", "store"]
    target = tmp_path / name
    result = CliRunner().invoke(app, ["export", str(out), "--format", fmt, "--out", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == (sample_build / name).read_bytes()


def test_adding_without_exports_leaves_no_stale_export(sample_build: Path, tmp_path: Path) -> None:
    out = tmp_path / "grown"
    shutil.copytree(sample_build, out, symlinks=True)
    report = build([FOLLOWUP], BuildOptions(out=out, date=SAMPLE_DATE, exports=False))
    assert len(report.built) == 1
    # graph.ttl without the new document would be wrong, so there is none until 'kg export'
    assert not (out / "graph.ttl").exists() and not (out / "graph.ttl").is_symlink()
    assert len(store.document_graphs(store.open_read(out))) == 2
