"""The event detector's encoder: a token classifier shipped as ONNX, run without torch, used unless
turned off (``--no-event-encoder``), one run a sentence, its reading weighed with the parse
model's by the stacking in ``encoder.json``."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

from kg import nlp
from kg.nlp import event_detector
from kg.nlp.event_detector import PROBS, EventDetector
from kg.nlp.event_encoder import Stack, TokenEncoder
from kg.pipeline import BuildOptions, fingerprint
from scripts.train_event_encoder import SETTINGS, label_of, sentences

SHIPPED = event_detector.SHIPPED


def test_sentences_end_at_full_stops_before_capitals_and_at_line_breaks() -> None:
    text = "Storms hit the coast. Roads closed in St. Louis.\nA headline without a stop\nMore."
    found = [text[a:b] for a, b in sentences(text)]
    assert found == ["Storms hit the coast.", "Roads closed in St.", "Louis.", "A headline without a stop", "More."]


@pytest.mark.parametrize(
    ("cls", "label"),
    [("OCCURRENCE", 1), ("ACTION_OCCURRENCE", 1), ("I_ACTION", 1), ("REPORTING", 2), ("ACTION_STATE", 2)],
)
def test_gold_classes_become_kept_or_other(cls: str, label: int) -> None:
    assert label_of(cls) == label


def test_the_stack_weighs_the_two_models() -> None:
    stack = Stack(0.0, 1.0, 1.0)
    assert stack.combine(0.5, 0.0) == pytest.approx(0.5)
    assert stack.combine(0.2, 3.0) > 0.5 > stack.combine(0.8, -3.0)
    assert Stack(0.0, 1.0, 0.0).combine(0.3, 9.0) == pytest.approx(0.3)  # no weight: the parse model alone


class Fixed:
    """Stands in for the encoder: records the sentences it reads and calls every word an event."""

    stack = Stack(0.0, 0.0, 1.0)

    def __init__(self) -> None:
        self.read_: list[str] = []

    def read(self, text: str, starts: list[int]) -> list[float | None]:
        self.read_.append(text)
        return [None if k == 0 else 4.0 for k in range(len(starts))]  # as if the first were cut off


@pytest.mark.model
def test_the_detector_reads_each_sentence_once_and_keeps_the_parse_model_for_cut_off_words() -> None:
    pipeline = nlp.load(event_model=None)
    text = "The council met on Monday. Protesters gathered outside the building."
    assert EventDetector("", 0.4).encoder is not None  # on by default: the shipped model has one
    detector = EventDetector("", 0.4, encoder=False)
    assert detector.encoder is None
    doc = pipeline(text)
    alone, stated = detector.readings(doc)
    fixed = Fixed()
    detector.encoder = fixed  # type: ignore[assignment]
    read, stated_again = detector.readings(pipeline(text))
    assert fixed.read_ == ["The council met on Monday.", "Protesters gathered outside the building."]
    firsts = {min(i for i in alone if s.start <= i < s.end) for s in doc.sents}  # each sentence's first candidate
    assert all(read[i] == alone[i] for i in firsts)
    assert all(read[i] == pytest.approx(1 / (1 + 2.718281828**-4.0)) for i in alone if i not in firsts)
    assert stated_again == stated  # a statement is the parse model's reading alone
    # what the component writes: the kept classes' probability and the statement's, added
    written = detector(pipeline(text))._.get(PROBS)
    assert all(written[i] == pytest.approx(min(1.0, read[i] + stated[i])) for i in read)


class ByText(Fixed):
    """Stands in for the encoder: a reading that depends on the sentence, slow or failing on cue,
    and the thread each sentence was read on."""

    def __init__(self, fail: str = "") -> None:
        super().__init__()
        self.fail = fail
        self.threads: set[str] = set()

    def read(self, text: str, starts: list[int]) -> list[float | None]:
        self.threads.add(threading.current_thread().name)
        if self.fail and self.fail in text:
            raise RuntimeError("unreadable")
        time.sleep(0.02 if "slow" in text else 0.0)
        return [float(len(text) % 7 + k) - 3.0 for k in range(len(starts))]


TEXTS = [
    "The council met on Monday. A slow vote followed.",
    "Protesters gathered outside. Police arrested ten people.",
    "",
    "Prices fell sharply after the slow announcement.",
    "The company hired 200 workers. Shares rose 3%. Analysts welcomed the news.",
]


@pytest.mark.model
def test_the_detector_s_pipe_reads_beside_the_pipeline_and_gives_what_each_call_gives() -> None:
    pipeline = nlp.load(event_model=None)
    one, many, reader = EventDetector("", 0.4), EventDetector("", 0.4), ByText()
    one.encoder, many.encoder = ByText(), reader  # type: ignore[assignment]
    expected = [one(pipeline(text)) for text in TEXTS]
    got = list(many.pipe((pipeline(text) for text in TEXTS), batch_size=2))
    assert [d.text for d in got] == TEXTS
    for want, doc in zip(expected, got, strict=True):
        assert doc._.get(PROBS) == want._.get(PROBS)
        assert [(s.start, s.end, s.label_) for s in doc.spans["kg_events"]] == [
            (s.start, s.end, s.label_) for s in want.spans["kg_events"]
        ]
    assert any(p > 0 for doc in got for p in doc._.get(PROBS).values())
    assert threading.current_thread().name not in reader.threads  # the runs were on the reader's thread
    failing = EventDetector("", 0.4)
    failing.encoder = ByText(fail="arrested")  # type: ignore[assignment]
    with pytest.raises(RuntimeError, match="unreadable"):
        list(failing.pipe((pipeline(text) for text in TEXTS), batch_size=2))


@pytest.mark.model
def test_the_encoder_ships_small_runs_without_torch_and_records_how_it_was_made() -> None:
    assert TokenEncoder.present(SHIPPED)
    assert (SHIPPED / "encoder.onnx").stat().st_size < 30_000_000
    meta = json.loads((SHIPPED / "encoder.json").read_text(encoding="utf-8"))
    assert meta["feature_version"] == str(event_detector.FEATURE_VERSION)
    assert meta["settings"] == SETTINGS  # made by the training script as it stands (its layers, epochs, seed)
    assert {"timebank", "ecbplus"} <= set(meta["corpora"]) and meta["stack"][2] > 0
    script = (
        "import sys; from kg.nlp import DEFAULT_EVENT_MODEL; from kg.nlp.event_encoder import TokenEncoder; "
        "text = 'The earthquake killed 30 people and destroyed the bridge.'; "
        "words = ('earthquake', 'people', 'destroyed'); "
        "z = TokenEncoder(DEFAULT_EVENT_MODEL).read(text, [text.index(w) for w in words]); "
        "print(z[0] > 0, z[1] < 0, z[2] > 0, 'torch' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["True", "True", "True", "False"]


@pytest.mark.model
def test_the_encoder_counts_in_the_build_fingerprint(tmp_path: Path) -> None:
    options = BuildOptions(out=tmp_path)
    assert options.event_encoder
    assert fingerprint(options) != fingerprint(replace(options, event_encoder=False))
