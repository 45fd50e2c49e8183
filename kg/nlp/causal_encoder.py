"""The sentence encoder of the causal reader: a small pretrained transformer, fine-tuned on the
Causal News Corpus to say whether a sentence states a causal link (CNC subtask 1).

Why a transformer here: the parse-feature model tops out near 0.77 sentence F1 on the CNC
(README, "Benchmarks"); causality is often carried by word meaning that no parse feature names
("the strike crippled the port"). The encoder is all-MiniLM-L6-v2 (6 layers, 384 wide), trained
by ``scripts/train_causal_encoder.py`` and shipped as an int8 ONNX graph, so that running it needs
onnxruntime and tokenizers only, never torch or a download.

The encoder is optional and off by default (``kg build --causal-encoder`` turns it on); a causal
model folder without ``encoder.onnx`` reads sentences with the parse-feature model alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

FILE = "encoder.onnx"
TOKENIZER = "tokenizer.json"
MAX_TOKENS = 128  # word pieces per sentence; 99.9% of CNC sentences are shorter


class SentenceEncoder:
    """P(the sentence states a causal link), for each of a list of sentences."""

    def __init__(self, folder: Path) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(folder / TOKENIZER))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()  # the file pads to 128 word pieces; a sentence runs alone, unpadded
        options = onnxruntime.SessionOptions()
        # one thread per process: the build's parallelism is spaCy's processes, and one thread
        # gives the same sums, so the same Turtle, on every machine
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(str(folder / FILE), options, providers=["CPUExecutionProvider"])

    @staticmethod
    def present(folder: Path) -> bool:
        return (folder / FILE).exists() and (folder / TOKENIZER).exists()

    def probabilities(self, sentences: Sequence[str]) -> list[float]:
        """One run per sentence: int8 activations are scaled per run, so a batch would make a
        sentence's reading depend on its neighbours; unpadded runs cost no more here."""
        found = []
        for encoding in self.tokenizer.encode_batch(list(sentences)):
            ids = np.array([encoding.ids], dtype=np.int64)
            (logits,) = self.session.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids)})
            # softmax over (not causal, causal), as a logistic of the difference
            found.append(float(1.0 / (1.0 + np.exp(logits[0, 0] - logits[0, 1]))))
        return found
