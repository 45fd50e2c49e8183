"""The event detector's encoder: a small pretrained transformer fine-tuned as a token classifier on
TimeBank and ECB+, read once per sentence, giving for every word the log-odds that it names an
event of a kept class (an occurrence or an intentional action) rather than none or another class.

Why: the parse-feature model misses events that only word meaning tells, most of them nouns
("the quake", "a playoff", "the Oscars", "his scoring record"): on ECB+ topics it never saw it
finds about half of the annotated mentions. The encoder is all-MiniLM-L6-v2, fine-tuned by
``scripts/train_event_encoder.py`` and shipped as an int8 ONNX graph run by onnxruntime and
tokenizers (no torch, no download).

Its log-odds and the parse model's are combined by the logistic weights in ``encoder.json``
(``Stack``), fitted on texts neither model was trained on, so that the result stays a calibrated
probability. A model folder without the three files reads with the parse model alone.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from kg.nlp.onnx_encoder import onnx_encoder

FILE = "encoder.onnx"
TOKENIZER = "tokenizer.json"
STACK = "encoder.json"
MAX_TOKENS = 128  # word pieces per sentence
LABELS = ("none", "kept", "other")  # the token classifier's outputs: no event, a kept class, another class


@dataclass(frozen=True)
class Stack:
    """Logistic weights: bias, the parse model's log-odds, the encoder's log-odds."""

    bias: float
    parse: float
    encoder: float

    def combine(self, parse_probability: float, encoder_log_odds: float) -> float:
        """The calibrated probability that a word names a kept event, from the two models."""
        p = min(max(parse_probability, 1e-6), 1 - 1e-6)
        z = self.bias + self.parse * math.log(p / (1 - p)) + self.encoder * encoder_log_odds
        return 1.0 / (1.0 + math.exp(-z)) if z > -60 else 0.0


class TokenEncoder:
    """The log-odds that each of a sentence's words names a kept event, from one run."""

    def __init__(self, folder: Path) -> None:
        self.tokenizer, self.session = onnx_encoder(folder / TOKENIZER, folder / FILE, MAX_TOKENS)
        self.folder = folder

    @staticmethod
    def present(folder: Path) -> bool:
        return all((folder / name).exists() for name in (FILE, TOKENIZER, STACK))

    @cached_property
    def stack(self) -> Stack:
        data = json.loads((self.folder / STACK).read_text(encoding="utf-8"))
        bias, parse, encoder = (float(v) for v in data["stack"])
        return Stack(bias, parse, encoder)

    def read(self, text: str, starts: Sequence[int]) -> list[float | None]:
        """The kept-class log-odds of the words beginning at character offsets ``starts`` of
        ``text`` (a sentence), read at each word's first piece; None for a word the truncation cut
        off. One run per sentence: int8 activations are scaled per run, so a batch would make a
        sentence's reading depend on its neighbours."""
        encoding = self.tokenizer.encode(text)
        ids = np.array([encoding.ids], dtype=np.int64)
        (logits,) = self.session.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids)})
        scores = np.asarray(logits, dtype=np.float64)[0]
        found: list[float | None] = []
        for start in starts:
            piece = encoding.char_to_token(start)
            if piece is None:
                found.append(None)
                continue
            row = scores[piece]
            kept = row[1]
            rest = np.logaddexp(row[0], row[2])
            found.append(float(kept - rest))
        return found
