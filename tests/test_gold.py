"""Hand-written gold graphs of BBC articles (tests/gold), scored with the shared scorer: a guard
against regressions on articles beyond the sample. The gold was written before the rules were
tuned on these articles; the closing notes give the scores measured before tuning."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.ingest import parse_date
from kg.pipeline import BuildOptions, build
from tests.conftest import ROOT
from tests.test_build import score

pytestmark = pytest.mark.model
GOLD = sorted((ROOT / "tests" / "gold").glob("*.json"))


@pytest.mark.parametrize("gold", GOLD, ids=[g.stem for g in GOLD])
def test_gold_article_scores(gold: Path, tmp_path: Path) -> None:
    spec = json.loads(gold.read_text(encoding="utf-8"))
    text = (ROOT / spec["document"]).resolve()
    build([text], BuildOptions(out=tmp_path, date=parse_date(spec["date"]), html=False))
    result = score(tmp_path / "graph.ttl", text=text, gold=gold)
    assert result["entities"]["f1"] >= 0.85
    # the golds name the salient events: the detector finds them (recall), among many more
    # (precision 0.22 to 0.64 at 1f20d04; see the README's "Quality, measured")
    assert result["events"]["r"] >= 0.85
    # a floor, not the target: with every event detected, the causal rules' slots pick other
    # events than the golds' in two of the four articles (issue 17 owns the causal reader)
    assert result["causal"]["r"] >= 0.5
