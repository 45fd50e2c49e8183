"""Causal links measured on Causal-TimeBank (TimeBank's CLINKs) through ``kg build``, direction-aware.

The causal reader is trained on the CNC alone, so every TimeBank document is text it never read.
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
        [--causal-encoder] [--shipped-detector] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from benchmarks import cnc
from benchmarks.causal_cnc import read_links
from benchmarks.events_timebank import folds
from kg.corpora import AnnotatedText
from kg.model import Span
from kg.nlp.event_train import fit
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
    *, k: int = 5, thresholds: Sequence[float], encoder: bool = False, shipped_detector: bool = False
) -> dict[str, Any]:
    texts = list(TRAINING["timebank"][1](DATA / TRAINING["timebank"][0]))
    rows = {} if shipped_detector else {r.id: r for r in corpus_rows("timebank")}
    extra = [] if shipped_detector else [r for name in ("silver", "ecbplus") for r in corpus_rows(name)]
    low = min(thresholds)
    links: dict[str, list[cnc.BuiltLink]] = {}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="causal-timebank-") as tmp:
        for n, held in enumerate(folds(texts, k)):
            work = Path(tmp) / f"fold{n}"
            options = BuildOptions(threshold=low, causal_encoder=encoder)
            if not shipped_detector:
                held_ids = {t.id for t in held}
                train = [r for i, r in rows.items() if i not in held_ids] + extra
                model = fit([f for r in train for f in r.feats], [y for r in train for y in r.labels])
                model.save(work / "detector")
                options = replace(options, event_model=work / "detector")
            build_texts(held, options, work / "build")
            links.update(read_links(work / "build", low))
            print(f"fold {n + 1}/{k}: {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    documents = [gold(t) for t in texts]
    by_threshold = {}
    for t in thresholds:
        kept = {i: [link for link in v if link.confidence >= t] for i, v in links.items()}
        counts = cnc.score(documents, kept).relations
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
        "documents": len(texts),
        "gold_links": sum(len(d.relations) for d in documents),
        "folds": k,
        "causal_reader": "shipped (CNC only)" + (" with its encoder" if encoder else ""),
        "event_detector": "shipped (in-sample)" if shipped_detector else "trained per fold",
        "by_threshold": by_threshold,
        "reliability": cnc.reliability(documents, links, low),
        "seconds": round(time.perf_counter() - started, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.causal_timebank", description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--threshold", type=float, default=0.5, help="the build's --causal-threshold")
    parser.add_argument("--sweep", help="higher thresholds to read off the same builds, comma-separated")
    parser.add_argument("--causal-encoder", action="store_true", help="build with the causal reader's encoder")
    parser.add_argument("--shipped-detector", action="store_true", help="the shipped event detector (in-sample)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    thresholds = [args.threshold, *(float(t) for t in args.sweep.split(",") if t)] if args.sweep else [args.threshold]
    result = run(
        k=args.folds, thresholds=thresholds, encoder=args.causal_encoder, shipped_detector=args.shipped_detector
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
