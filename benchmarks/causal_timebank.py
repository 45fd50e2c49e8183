"""Causal links measured on Causal-TimeBank (TimeBank's CLINKs) through ``kg build``, direction-aware.

By default the shipped causal reader reads, trained on the CNC alone, so every TimeBank document
is text it never read. ``--train-reader`` trains a reader per fold on the whole CNC and the other
folds' TimeBank sentences (``examples``), so the held-out documents are still unread.
``--unlinked-negatives`` adds the sentences without a CLINK to that training as non-causal ones.
The events it links are those ``kg build`` detects: by default each of 5 folds of documents is
built with an event detector trained on the other folds (plus TempEval-3 silver and ECB+, as
``benchmarks.events_timebank`` does), so no document is read by a model that saw it.
``--shipped-detector`` uses the shipped detector instead (trained on all of TimeBank: faster, but
its events are in-sample).

A gold CLINK is found when a built ``kg:CausalRelation`` at or above the threshold has a cause
event with a mention overlapping the gold cause's EVENT trigger and an effect event with one
overlapping the gold effect's (one built link per gold link, the most confident first:
``benchmarks.cnc.match``); swapped cause and effect count as wrong. Precision is over every built
link, so a true causal statement that the annotators left without a CLINK counts against it.

    python -m benchmarks.causal_timebank [--folds 5] [--threshold 0.5] [--sweep 0.6,0.7]
        [--causal-encoder | --train-reader [--unlinked-negatives]] [--shipped-detector] [--json]

``train_cnc_fold`` is a trainer for ``benchmarks.causal_cnc --train``: each CNC fold's reader
learns from every TimeBank sentence too.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from benchmarks import causal_cnc, cnc
from benchmarks.causal_cnc import read_links
from benchmarks.events_timebank import folds
from kg import cleanup
from kg import nlp as kg_nlp
from kg.corpora import AnnotatedText
from kg.model import Span
from kg.nlp import causal_train
from kg.nlp.event_train import fit
from kg.nlp.trigger_tagger import SPANS_KEY
from kg.pipeline import BuildOptions, build
from scripts.train_events import CORPORA as TRAINING
from scripts.train_events import DATA, corpus_rows


def gold(text: AnnotatedText) -> cnc.Sentence:
    """A TimeBank document as the CNC scorer reads it: its CLINKs between EVENT triggers."""
    events = {e.id: Span(e.begin, e.end) for e in text.events}
    relations = tuple(
        cnc.GoldRelation(events[link.cause], events[link.effect], (), cnc.NO_SIGNAL)
        for link in text.links
        if link.cause in events and link.effect in events
    )
    return cnc.Sentence(text.id, text.text, bool(relations), relations)


def texts() -> list[AnnotatedText]:
    """The TimeBank documents with their CLINKs."""
    return list(TRAINING["timebank"][1](DATA / TRAINING["timebank"][0]))


# What the reader learns from a TimeBank sentence without a CLINK: nothing (False), or that it
# is not causal (True). The annotation is sparse (many such sentences state a cause), and
# cross-validation decides (see --unlinked-negatives).
UNLINKED_NEGATIVES = False

_PARSED: dict[tuple[str, str], bytes] = {}  # parses shared by the folds of one run


def examples(
    documents: Sequence[AnnotatedText], model: str, *, unlinked: bool = UNLINKED_NEGATIVES
) -> list[causal_train.Example]:
    """TimeBank documents as the causal reader's training rows, parsed as ``kg build`` parses
    them (clean-up, newskg's taggers; no causal reader): one example per sentence (the sentence
    as its own Doc, like a CNC sentence), its relations the CLINKs inside it, between their
    EVENT words. A sentence with only one end of a CLINK is left out (it states a cause the
    sentence alone does not show); one with none is a non-causal example when ``unlinked``."""
    nlp = kg_nlp.load(model, None)
    todo = [t for t in documents if (model, t.id) not in _PARSED]
    for t, doc in zip(todo, nlp.pipe((cleanup.clean(t.text).text for t in todo), batch_size=8), strict=True):
        _PARSED[(model, t.id)] = doc.to_bytes(exclude=["tensor"])
    return [
        ex
        for t in documents
        for ex in _sentences(t, Doc(nlp.vocab).from_bytes(_PARSED[(model, t.id)]), unlinked=unlinked)
    ]


def _sentences(text: AnnotatedText, doc: Doc, *, unlinked: bool) -> Iterator[causal_train.Example]:
    """The examples of one parsed document; its words are mapped back through the clean-up, so
    the gold offsets (into the text as read) find them wherever the clean-up moved them."""
    clean = cleanup.clean(text.text)
    original = [clean.to_original(t.idx, t.idx + len(t)) for t in doc]
    begins = [b for b, _ in original]
    spans: dict[str, Span] = {}  # event id -> its words' span in the parsed text
    sentence: dict[str, int] = {}  # event id -> the first token of its sentence
    for event in text.events:
        last = first = bisect_left(begins, event.end) - 1
        while first >= 0 and original[first][1] > event.begin:
            first -= 1
        if first + 1 <= last and doc[first + 1].sent.start == doc[last].sent.start:
            spans[event.id] = Span(doc[first + 1].idx, doc[last].idx + len(doc[last]))
            sentence[event.id] = doc[last].sent.start
    links = [link for link in text.links if link.cause in spans and link.effect in spans]
    ends = {sentence[e] for link in links for e in (link.cause, link.effect)}
    for sent in doc.sents:
        inside = [link for link in links if sentence[link.cause] == sentence[link.effect] == sent.start]
        if not inside and (sent.start in ends or not unlinked or not sent.text.strip()):
            continue
        own = sent.as_doc()
        own.spans[SPANS_KEY] = [  # as_doc leaves span groups behind; the reader reads the triggers
            SpacySpan(own, s.start - sent.start, s.end - sent.start, label=s.label_)
            for s in doc.spans.get(SPANS_KEY, [])
            if sent.start <= s.start and s.end <= sent.end
        ]
        shift = sent.start_char
        relations = tuple(
            (
                Span(spans[link.cause].begin - shift, spans[link.cause].end - shift),
                Span(spans[link.effect].begin - shift, spans[link.effect].end - shift),
            )
            for link in inside
        )
        signals = tuple(link.signal.lower() for link in inside if link.signal)
        yield causal_train.Example(own, relations, signals, bool(relations))


def train_cnc_fold(train: Sequence[cnc.Sentence], options: BuildOptions, folder: Path) -> BuildOptions:
    """A ``benchmarks.causal_cnc`` trainer: its default one, with every TimeBank example added to
    the fold's CNC sentences (``--train benchmarks.causal_timebank:train_cnc_fold``)."""
    return causal_cnc.train_fold(train, options, folder, extra=examples(texts(), options.model))


def build_texts(texts: Sequence[AnnotatedText], options: BuildOptions, out: Path) -> None:
    """``texts`` as one JSONL file (with each document's creation date), built into ``out``."""
    out.parent.mkdir(parents=True, exist_ok=True)
    source = out.parent / "documents.jsonl"
    with source.open("w", encoding="utf-8") as handle:
        for text in texts:
            row = {"id": text.id, "text": text.text, "date": text.date.isoformat() if text.date else None}
            handle.write(json.dumps(row) + "\n")
    build([source], replace(options, out=out, html=False))


def run(
    *,
    k: int = 5,
    thresholds: Sequence[float],
    encoder: bool = False,
    shipped_detector: bool = False,
    train_reader: bool = False,
    unlinked: bool = UNLINKED_NEGATIVES,
) -> dict[str, Any]:
    documents = texts()
    rows = {} if shipped_detector else {r.id: r for r in corpus_rows("timebank")}
    extra = [] if shipped_detector else [r for name in ("silver", "ecbplus") for r in corpus_rows(name)]
    low = min(thresholds)
    links: dict[str, list[cnc.BuiltLink]] = {}
    started = time.perf_counter()
    options = BuildOptions(threshold=low, causal_encoder=encoder)
    cnc_examples = causal_cnc.examples(cnc.read(cnc.FOLDER), options.model) if train_reader else []
    with tempfile.TemporaryDirectory(prefix="causal-timebank-") as tmp:
        for n, held in enumerate(folds(documents, k)):
            work = Path(tmp) / f"fold{n}"
            fold_options = options
            held_ids = {t.id for t in held}
            if not shipped_detector:
                train = [r for i, r in rows.items() if i not in held_ids] + extra
                model = fit([f for r in train for f in r.feats], [y for r in train for y in r.labels])
                model.save(work / "detector")
                fold_options = replace(fold_options, event_model=work / "detector")
            if train_reader:
                others = [t for t in documents if t.id not in held_ids]
                reader = causal_train.train([*cnc_examples, *examples(others, options.model, unlinked=unlinked)])
                reader.save(work / "reader")
                fold_options = replace(fold_options, causal_model=work / "reader")
            build_texts(held, fold_options, work / "build")
            links.update(read_links(work / "build", low))
            print(f"fold {n + 1}/{k}: {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    golds = [gold(t) for t in documents]
    by_threshold = {}
    for t in thresholds:
        kept = {i: [link for link in v if link.confidence >= t] for i, v in links.items()}
        counts = cnc.score(golds, kept).relations
        by_threshold[str(t)] = {
            "built": counts.tp + counts.fp,
            "right": counts.tp,
            "gold": counts.tp + counts.fn,
            "precision": round(counts.precision, 3),
            "recall": round(counts.recall, 3),
            "f1": round(counts.f1, 3),
        }
    return {
        "benchmark": "python -m benchmarks.causal_timebank",
        "documents": len(documents),
        "gold_links": sum(len(d.relations) for d in golds),
        "folds": k,
        "causal_reader": (
            "trained per fold on CNC train + the other folds' TimeBank sentences"
            + (" (unlinked ones as negatives)" if unlinked else " (CLINK sentences only)")
            if train_reader
            else "shipped (CNC only)" + (" with its encoder" if encoder else "")
        ),
        "event_detector": "shipped (in-sample)" if shipped_detector else "trained per fold",
        "by_threshold": by_threshold,
        "reliability": cnc.reliability(golds, links, low),
        "seconds": round(time.perf_counter() - started, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.causal_timebank", description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--threshold", type=float, default=0.5, help="the build's --causal-threshold")
    parser.add_argument("--sweep", help="higher thresholds to read off the same builds, comma-separated")
    parser.add_argument("--causal-encoder", action="store_true", help="build with the causal reader's encoder")
    parser.add_argument("--train-reader", action="store_true", help="train the reader per fold on CNC + TimeBank")
    parser.add_argument(
        "--unlinked-negatives", action="store_true", help="with --train-reader: sentences without a CLINK as negatives"
    )
    parser.add_argument("--shipped-detector", action="store_true", help="the shipped event detector (in-sample)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.train_reader and args.causal_encoder:
        parser.error("--train-reader trains the parse-feature reader only; its encoder is not retrained per fold")
    thresholds = [args.threshold, *(float(t) for t in args.sweep.split(",") if t)] if args.sweep else [args.threshold]
    result = run(
        k=args.folds,
        thresholds=thresholds,
        encoder=args.causal_encoder,
        shipped_detector=args.shipped_detector,
        train_reader=args.train_reader,
        unlinked=args.unlinked_negatives,
    )
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(
        f"Causal-TimeBank: {result['documents']} documents, {result['gold_links']} CLINKs; reader "
        f"{result['causal_reader']}; detector {result['event_detector']} ({result['seconds']} s)"
    )
    for t, v in result["by_threshold"].items():
        print(
            f"  threshold {t}: built {v['built']}, right {v['right']} of {v['gold']}: "
            f"P {v['precision']:.3f} R {v['recall']:.3f} F1 {v['f1']:.3f}"
        )
    print("reliability (links by confidence: mean confidence against the share right):")
    for b in result["reliability"]:
        print(
            f"  {b['from']:.2f}-{b['to']:.2f}  {b['links']:>5} links  "
            f"predicted {b['predicted']:.3f}  observed {b['observed']:.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
