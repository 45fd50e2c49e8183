"""The encoder of the causal reader: a small pretrained transformer, fine-tuned on the Causal News
Corpus, read once per sentence, with two heads: how likely the sentence states a causal link
(CNC subtask 1) and, for every two candidate words, how likely the first heads the cause and the
second the effect.

Why a transformer here: the parse-feature model tops out near 0.77 sentence F1 on the CNC
(README, "Benchmarks"); causality is often carried by word meaning that no parse feature names
("the strike crippled the port"). The encoder is all-MiniLM-L6-v2 (6 layers, 384 wide), trained
by ``scripts/train_causal_encoder.py`` and shipped as an int8 ONNX graph, so that running it needs
onnxruntime and tokenizers only, never torch or a download.

Its log-odds are combined with the parse-feature model's by the weights in ``encoder.json``
(``Stack``), fitted on text neither model was trained on, so that the result is a calibrated
probability. A causal model folder without the three files reads with the parse model alone.
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
MAX_TOKENS = 128  # word pieces per sentence; 99.9% of CNC sentences are shorter
CUT = -30.0  # the log-odds of a pair whose word the truncation cut off: never a link


@dataclass(frozen=True)
class Stack:
    """Logistic weights (bias, parse model's log-odds, encoder's log-odds) for a sentence and for a pair."""

    sentence: tuple[float, float, float]
    pair: tuple[float, float, float]

    @staticmethod
    def combine(weights: tuple[float, float, float], parse: float, encoder: float) -> float:
        """The calibrated probability from the two models' log-odds."""
        z = weights[0] + weights[1] * parse + weights[2] * encoder
        return 1.0 / (1.0 + math.exp(-z)) if z > -60 else 0.0


def _weights(values: Sequence[float]) -> tuple[float, float, float]:
    bias, parse, encoder = (float(v) for v in values)
    return bias, parse, encoder


class PairEncoder:
    """The sentence's log-odds of stating a causal link, and every candidate pair's log-odds."""

    def __init__(self, folder: Path) -> None:
        self.tokenizer, self.session = onnx_encoder(folder / TOKENIZER, folder / FILE, MAX_TOKENS)
        self.folder = folder

    @cached_property
    def stack(self) -> Stack:
        """The weights that combine this encoder's log-odds with the parse model's (read when first
        needed: training reads sentences with the encoder before it fits them)."""
        data = json.loads((self.folder / STACK).read_text(encoding="utf-8"))
        return Stack(_weights(data["sentence"]), _weights(data["pair"]))

    @staticmethod
    def present(folder: Path) -> bool:
        return all((folder / name).exists() for name in (FILE, TOKENIZER, STACK))

    def read(self, text: str, spans: Sequence[tuple[int, int]]) -> tuple[float, np.ndarray]:
        """The sentence's log-odds, and an n x n matrix of log-odds that span a heads the cause
        and span b the effect (``spans``: the candidates' character offsets in ``text``). A span
        cut off by truncation gets ``CUT``. One run per sentence: int8 activations are scaled per
        run, so a batch would make a sentence's reading depend on its neighbours."""
        encoding = self.tokenizer.encode(text)
        pieces = [encoding.char_to_token(begin) for begin, _ in spans]
        words = np.array([p if p is not None else 0 for p in pieces] or [0], dtype=np.int64)
        ids = np.array([encoding.ids], dtype=np.int64)
        logits, pairs = self.session.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids), "words": words})
        matrix = np.asarray(pairs, dtype=np.float64)[: len(spans), : len(spans)]
        cut = [k for k, p in enumerate(pieces) if p is None]
        matrix[cut, :] = CUT
        matrix[:, cut] = CUT
        return float(logits[0, 1] - logits[0, 0]), matrix
