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
from kg.nlp.causal_encoder import EncoderReading, SentenceEncoder
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
        "print(SentenceEncoder(SHIPPED).read(['The strike closed the port.'])[0].probability > 0, "
        "'torch' in sys.modules, 'transformers' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["True", "False", "False"]


def test_the_encoder_tells_causal_sentences_from_plain_ones(encoder: SentenceEncoder) -> None:
    causal = [r.probability for r in encoder.read(CAUSAL)]
    plain = [r.probability for r in encoder.read(PLAIN)]
    assert statistics.fmean(causal) - statistics.fmean(plain) > 0.5
    assert sum(p >= 0.5 for p in causal) >= 7
    assert sum(p < 0.5 for p in plain) >= 7


def test_the_encoder_finds_where_the_cause_and_the_effect_lie(encoder: SentenceEncoder) -> None:
    texts = [
        "Police fired tear gas after protesters threw stones at officers.",
        "The factory closed because of the floods.",
        "Thousands were left homeless when the river burst its banks.",
    ]
    # (cause word, effect word) of each
    words = [("threw", "fired"), ("floods", "closed"), ("burst", "homeless")]
    for text, reading, (cause, effect) in zip(texts, encoder.read(texts), words, strict=True):
        at = {w: text.index(w) for w in (cause, effect)}
        in_cause = reading.roles(at[cause], at[cause] + len(cause))
        in_effect = reading.roles(at[effect], at[effect] + len(effect))
        assert in_cause[0] > 0.5 > in_cause[1], (text, cause, in_cause)
        assert in_effect[1] > 0.5 > in_effect[0], (text, effect, in_effect)


def test_a_sentence_reads_the_same_alone_and_among_others(encoder: SentenceEncoder) -> None:
    # quantised activations are scaled per batch: one sentence per run keeps a sentence's reading
    # independent of the document around it
    alone = [encoder.read([t])[0] for t in CAUSAL[:3]]
    assert encoder.read(CAUSAL[:3]) == alone


class Counting:
    """Stands in for the encoder: records what it is asked and answers 0.99, with no word in a
    cause or an effect more likely than any other."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def read(self, sentences: list[str]) -> list[EncoderReading]:
        self.asked.extend(sentences)
        return [EncoderReading(0.99, ((0, len(s), 0.5, 0.5),)) for s in sentences]


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
    assert counting.asked == [causal]
    assert readings[plain] == alone[plain]
    assert alone[causal] < readings[causal] < 0.99  # the two models' views, weighed together


def test_the_encoder_is_used_only_when_asked_for_and_a_build_with_it_is_another_build(tmp_path: Path) -> None:
    text = "The factory closed because of the floods, leaving 300 people without work."
    found = {flag: causal_model.readings(nlp.load(causal_encoder=flag)(text)) for flag in (True, False)}
    assert found[True] is not None and found[False] is not None
    assert found[True][0].probability != found[False][0].probability
    options = BuildOptions(out=tmp_path)
    assert fingerprint(options) != fingerprint(replace(options, causal_encoder=True))


def test_a_word_takes_the_highest_figures_of_its_pieces_and_a_word_past_the_encoder_none() -> None:
    # "Strikes shut ports": "Strikes" is two pieces (0-6, 6-7), the last word was cut off
    reading = EncoderReading(0.9, ((0, 6, 0.2, 0.1), (6, 7, 0.8, 0.3), (8, 12, 0.1, 0.7)))
    assert reading.roles(0, 7) == (0.8, 0.3)
    assert reading.roles(8, 12) == (0.1, 0.7)
    assert reading.roles(13, 18) == (0.0, 0.0)


class Pointing:
    """Stands in for the encoder: a causal sentence whose cause is ``cause`` and effect ``effect``."""

    def __init__(self, cause: str, effect: str) -> None:
        self.cause, self.effect = cause, effect

    def read(self, sentences: list[str]) -> list[EncoderReading]:
        found = []
        for text in sentences:
            pieces, at = [], 0
            for word in text.split(" "):
                role = (0.95 if word == self.cause else 0.02, 0.95 if word == self.effect else 0.02)
                pieces.append((at, at + len(word), *role))
                at += len(word) + 1
            found.append(EncoderReading(0.95, tuple(pieces)))
        return found


def test_where_the_encoder_puts_the_cause_and_the_effect_decides_the_best_pair() -> None:
    model = causal_model.CausalModel.load(causal_model.SHIPPED)
    doc = nlp.load()("Workers walked out after managers cut wages , and the plant closed .")
    words = {t.text: t.i for t in doc}

    def best(encoder: Pointing) -> tuple[str, str]:
        model.encoder = encoder  # type: ignore[assignment]
        top = model.read(doc)[0].pairs[0]
        return doc[top.cause].text, doc[top.effect].text

    assert best(Pointing("cut", "walked")) == ("cut", "walked")
    assert best(Pointing("walked", "closed")) == ("walked", "closed")
    # the pair the encoder points at is also more likely than the parse model alone makes it
    model.encoder = None
    alone = {(p.cause, p.effect): p.probability for p in model.read(doc)[0].pairs}
    model.encoder = Pointing("cut", "walked")  # type: ignore[assignment]
    pointed = model.read(doc)[0].pairs[0]
    assert pointed.probability > alone.get((words["cut"], words["walked"]), 0.0)
