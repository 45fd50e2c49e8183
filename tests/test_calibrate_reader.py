"""scripts.calibrate_reader: the reader's links of kept fold builds traced back to the pairs they
came from (their product and whether each was its sentence's first link) with their outcome."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import cnc
from kg.model import Span
from kg.nlp.causal_model import SHIPPED, LinkScale
from kg.pipeline import BuildOptions, build
from scripts.calibrate_reader import outcomes

TEXT = "The factory closed because of the floods, leaving 300 people without work."


@pytest.mark.model
def test_reader_links_come_back_with_their_pair_rank_and_outcome(tmp_path: Path) -> None:
    rows = tmp_path / "builds" / "fold-1" / "sentences.jsonl"
    rows.parent.mkdir(parents=True)
    rows.write_text(json.dumps({"id": "s1", "text": TEXT}) + "\n", encoding="utf-8")
    build([rows], BuildOptions(out=tmp_path / "builds" / "fold-1" / "build", html=False))
    (tmp_path / "readers" / "fold-1").mkdir(parents=True)
    (tmp_path / "readers" / "fold-1" / "causal-model").symlink_to(SHIPPED)
    floods = cnc.GoldRelation(Span(30, 40), Span(4, 18), (Span(19, 26),), "because")
    leaving = cnc.GoldRelation(Span(0, 18), Span(42, 73), (), cnc.NO_SIGNAL)
    scale = LinkScale.shipped()
    for gold, second_right in (((floods,), False), ((floods, leaving), True)):
        found, untraced = outcomes(tmp_path / "builds", tmp_path / "readers", [cnc.Sentence("s1", TEXT, True, gold)])
        assert untraced == 0
        first, second = sorted(found, key=lambda o: o.later)
        # the floods closed the factory: the sentence's first link, right; the leaving after it
        assert (first.later, first.right) == (False, True)
        assert (second.later, second.right) == (True, second_right)
        assert scale(second.product, later=True) < scale(first.product)
