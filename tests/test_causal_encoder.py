"""The causal reader's sentence encoder: shipped as ONNX, run without torch, used only when asked
for (``--causal-encoder``) and only on the sentences the parse model lets through."""

from __future__ import annotations

import statistics
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from kg import nlp
from kg.nlp import causal_model
from kg.nlp.causal_encoder import SentenceEncoder
from kg.pipeline import BuildOptions, fingerprint
from tests.test_causal_model import CAUSAL, PLAIN

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def encoder() -> SentenceEncoder:
    return SentenceEncoder(causal_model.SHIPPED)


def test_the_encoder_ships_small_and_runs_without_torch() -> None:
    assert SentenceEncoder.present(causal_model.SHIPPED)
    assert (causal_model.SHIPPED / "encoder.onnx").stat().st_size < 30_000_000
    # in a fresh interpreter: spaCy's thinc imports torch whenever it is installed
    script = (
        "import sys; from kg.nlp import DEFAULT_CAUSAL_MODEL as SHIPPED; "
        "from kg.nlp.causal_encoder import SentenceEncoder; "
        "print(SentenceEncoder(SHIPPED).probabilities(['The strike closed the port.'])[0] > 0, "
        "'torch' in sys.modules, 'transformers' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["True", "False", "False"]


def test_the_encoder_tells_causal_sentences_from_plain_ones(encoder: SentenceEncoder) -> None:
    causal = encoder.probabilities(CAUSAL)
    plain = encoder.probabilities(PLAIN)
    assert statistics.fmean(causal) - statistics.fmean(plain) > 0.5
    assert sum(p >= 0.5 for p in causal) >= 7
    assert sum(p < 0.5 for p in plain) >= 7


def test_a_sentence_reads_the_same_alone_and_among_others(encoder: SentenceEncoder) -> None:
    # quantised activations are scaled per batch: one sentence per run keeps a sentence's reading
    # independent of the document around it
    alone = [encoder.probabilities([t])[0] for t in CAUSAL[:3]]
    assert encoder.probabilities(CAUSAL[:3]) == alone


class Counting:
    """Stands in for the encoder: records what it is asked and answers 0.99."""

    def __init__(self) -> None:
        self.read: list[str] = []

    def probabilities(self, sentences: list[str]) -> list[float]:
        self.read.extend(sentences)
        return [0.99] * len(sentences)


def test_only_sentences_the_parse_model_finds_possible_reach_the_encoder_which_moves_them() -> None:
    model = causal_model.CausalModel.load(causal_model.SHIPPED)
    assert model.encoder is None  # off unless asked for
    plain = "About 500 people attended the meeting."
    causal = "Police fired tear gas after protesters threw stones at officers."
    alone = {t: model.read(nlp.load()(t))[0].probability for t in (plain, causal)}
    assert alone[plain] < causal_model.ENCODER_GATE <= alone[causal] < 0.99
    counting = Counting()
    model.encoder = counting  # type: ignore[assignment]
    readings = {t: model.read(nlp.load()(t))[0].probability for t in (plain, causal)}
    assert counting.read == [causal]
    assert readings[plain] == alone[plain]
    assert alone[causal] < readings[causal] < 0.99  # the two models' views, weighed together


def test_the_encoder_is_used_only_when_asked_for_and_a_build_with_it_is_another_build(tmp_path: Path) -> None:
    text = "The factory closed because of the floods, leaving 300 people without work."
    found = {flag: causal_model.readings(nlp.load(causal_encoder=flag)(text)) for flag in (True, False)}
    assert found[True] is not None and found[False] is not None
    assert found[True][0].probability != found[False][0].probability
    options = BuildOptions(out=tmp_path)
    assert fingerprint(options) != fingerprint(replace(options, causal_encoder=True))
