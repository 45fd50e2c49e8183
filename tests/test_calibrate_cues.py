"""scripts.calibrate_cues --builds: the rule links of kept fold builds, each with its cue's prior
read back from its confidence and whether it matched the gold relation (a real build, no reader)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import cnc
from kg import lexicon
from kg.extract.causal import cue_calibration
from kg.model import Span
from kg.pipeline import BuildOptions, build
from scripts.calibrate_cues import built_outcomes

TEXT = "Protests prompted a harsh crackdown."


@pytest.mark.model
def test_rule_links_of_a_build_come_back_with_their_prior_and_outcome(tmp_path: Path) -> None:
    rows = tmp_path / "fold-1.jsonl"
    rows.write_text(json.dumps({"id": "s1", "text": TEXT}) + "\n", encoding="utf-8")
    build([rows], BuildOptions(out=tmp_path / "builds" / "fold-1" / "build", causal_model=None, html=False))
    right = cnc.GoldRelation(Span(0, 8), Span(18, 35), (Span(9, 17),), "prompted")
    wrong = cnc.GoldRelation(Span(18, 35), Span(0, 8), (), cnc.NO_SIGNAL)  # the other way round
    prior = next(c.confidence for c in lexicon.load().cues if c.words == ("prompt",) and c.kind == "verb")
    for gold, outcome in ((right, True), (wrong, False)):
        sentences = [cnc.Sentence("s1", TEXT, True, (gold,))]
        ((found, matched),) = built_outcomes(tmp_path / "builds", sentences, cue_calibration())
        assert found == pytest.approx(prior, abs=0.01) and matched is outcome
