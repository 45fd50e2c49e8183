"""The causal reader's encoder: shipped as ONNX, run without torch, used only when asked for
(``--causal-encoder``) and only on the sentences the parse model lets through; one run reads the
sentence and every pair of its candidates."""

from __future__ import annotations

import statistics
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from kg import nlp
from kg.nlp import causal_model
from kg.nlp.causal_encoder import CUT, PairEncoder, Stack
from kg.pipeline import BuildOptions, fingerprint
from tests.test_causal_model import CAUSAL, PLAIN

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def encoder() -> PairEncoder:
    return PairEncoder(causal_model.SHIPPED)


def test_the_encoder_ships_small_and_runs_without_torch() -> None:
    assert PairEncoder.present(causal_model.SHIPPED)
    assert (causal_model.SHIPPED / "encoder.onnx").stat().st_size < 30_000_000
    # in a fresh interpreter: spaCy's thinc imports torch whenever it is installed
    script = (
        "import sys; from kg.nlp import DEFAULT_CAUSAL_MODEL as SHIPPED; "
        "from kg.nlp.causal_encoder import PairEncoder; "
        "print(PairEncoder(SHIPPED).read('The strike closed the port.', [(4, 10), (11, 17)])[1].shape == (2, 2), "
        "'torch' in sys.modules, 'transformers' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["True", "False", "False"]


def test_the_encoder_tells_causal_sentences_from_plain_ones(encoder: PairEncoder) -> None:
    causal = [encoder.read(t, [])[0] for t in CAUSAL]
    plain = [encoder.read(t, [])[0] for t in PLAIN]
    assert statistics.fmean(causal) - statistics.fmean(plain) > 2.0  # log-odds
    assert sum(z >= 0 for z in causal) >= 7
    assert sum(z < 0 for z in plain) >= 7


# (sentence, cause word, effect word): the pair head reads the direction from the words' meaning
DIRECTED = [
    ("The port closed after the storm.", "storm", "closed"),
    ("The strike crippled the port.", "strike", "crippled"),
    ("Prices rose because demand grew.", "grew", "rose"),
    ("The floods forced thousands to flee their homes.", "floods", "flee"),
    ("Police fired tear gas after protesters threw stones.", "threw", "fired"),
]


def _span(text: str, word: str) -> tuple[int, int]:
    begin = text.index(word)
    return begin, begin + len(word)


def test_the_pair_head_reads_which_word_heads_the_cause(encoder: PairEncoder) -> None:
    right = 0
    for text, cause, effect in DIRECTED:
        _, matrix = encoder.read(text, [_span(text, cause), _span(text, effect)])
        assert matrix.shape == (2, 2)
        right += matrix[0, 1] > matrix[1, 0]
    assert right >= 4


def test_a_word_the_truncation_cut_off_is_never_a_pair(encoder: PairEncoder) -> None:
    text = "Floods closed the port " + "and the road " * 80 + "after storms."
    _, matrix = encoder.read(text, [_span(text, "Floods"), _span(text, "closed"), _span(text, "storms")])
    assert np.all(matrix[2, :] == CUT) and np.all(matrix[:, 2] == CUT)
    assert matrix[0, 1] != CUT


def test_the_stack_weighs_the_two_models() -> None:
    # what encoder.json holds: a logistic over the two log-odds, fitted on text neither model saw
    stack = Stack((0.0, 1.0, 1.0), (0.0, 1.0, 1.0))
    assert Stack.combine(stack.sentence, 0.0, 0.0) == 0.5
    assert Stack.combine(stack.sentence, -2.0, 3.0) > 0.5 > Stack.combine(stack.sentence, 2.0, -3.0)
    shipped = PairEncoder(causal_model.SHIPPED).stack
    assert shipped.sentence[2] > 0 and shipped.pair[2] > 0  # the encoder's reading counts, and for


class Counting:
    """Stands in for the encoder: records what it is asked and answers "causal" (log-odds 5) for
    the sentence and every pair."""

    stack = Stack((0.0, 0.5, 0.5), (0.0, 0.5, 0.5))

    def __init__(self) -> None:
        self.read_: list[str] = []

    def read(self, text: str, spans: list[tuple[int, int]]) -> tuple[float, np.ndarray]:
        self.read_.append(text)
        return 5.0, np.full((len(spans), len(spans)), 5.0)


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
    assert counting.read_ == [causal]
    assert readings[plain] == alone[plain]
    assert alone[causal] < readings[causal] < 0.99  # the two models' views, weighed together


def test_the_encoder_is_used_only_when_asked_for_and_a_build_with_it_is_another_build(tmp_path: Path) -> None:
    text = "The factory closed because of the floods, leaving 300 people without work."
    found = {flag: causal_model.readings(nlp.load(causal_encoder=flag)(text)) for flag in (True, False)}
    assert found[True] is not None and found[False] is not None
    assert found[True][0].probability != found[False][0].probability
    options = BuildOptions(out=tmp_path)
    assert fingerprint(options) != fingerprint(replace(options, causal_encoder=True))
