"""Calibrate the causal rules' confidence on the CNC V2 training split (``kg/resources/cue_calibration.json``).

A cue's prior in ``kg/resources/causal_cues.tsv`` says how strongly it marks a cause, and the
rules decide by it (a weak cue makes no generic event); it is no probability: on the CNC, links
of cues with a prior of 0.9 are right about 70% of the time. This script runs the rules alone
(no trained reader) on every CNC training sentence, as ``kg build`` extracts them, matches each
link to the gold relations (``benchmarks.cnc.match``: its cause event inside the gold cause, its
effect inside the gold effect) and fits a Platt scaling of the prior's log-odds to that outcome.
The rules are not trained on the CNC, so the sentences are unseen text for them; two parameters
are fitted on them. Deterministic: the same data and code write the same file.

    .venv/bin/python -m scripts.calibrate_cues [--data ../shared/data/cnc]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

import numpy as np

from benchmarks import causal_cnc, cnc
from kg.cleanup import clean
from kg.extract.causal import CUE_CALIBRATION, CausalExtractor
from kg.extract.context import Context
from kg.extract.entities import EntityExtractor
from kg.extract.events import EventExtractor
from kg.model import Document, Span
from kg.nlp import DEFAULT_MODEL
from kg.nlp.causal_train import _logistic

BINS = (0.5, 0.6, 0.7, 0.8, 0.9, 1.0)


def outcomes(sentences: list[cnc.Sentence]) -> list[tuple[float, bool]]:
    """(prior, right) for every link the rules build in ``sentences``."""
    extractor = CausalExtractor(calibrate_cues=False)
    # examples() leaves out the few sentences whose length clean-up changes (their offsets would not fit)
    kept = [s for s in sentences if len(clean(s.text).text) == len(s.text)]
    found: list[tuple[float, bool]] = []
    for ex, s in zip(causal_cnc.examples(sentences, DEFAULT_MODEL), kept, strict=True):
        ctx = Context(ex.doc, Document(s.id, s.text, "cnc"), clean(s.text))
        events = EventExtractor()(ctx, EntityExtractor()(ctx))
        links = [
            cnc.BuiltLink(
                str(k),
                (Span(events.mentions[link.cause].mention.begin, events.mentions[link.cause].mention.end),),
                (Span(events.mentions[link.effect].mention.begin, events.mentions[link.effect].mention.end),),
                link.signal.text,
                link.confidence,
            )
            for k, link in enumerate(extractor(ctx, events))
        ]
        matched = cnc.match(s.relations, links)
        found.extend((link.confidence, k in matched) for k, link in enumerate(links))
    return found


def table(rows: list[tuple[float, bool]], scale: tuple[float, float]) -> list[dict[str, float | int]]:
    """By prior: links, mean prior, mean calibrated confidence, share right."""
    a, b = scale
    result = []
    for low, high in zip((0.0, *BINS[:-1]), BINS, strict=True):
        part = [(p, r) for p, r in rows if low <= p < high or (high == 1.0 and p == 1.0)]
        if not part:
            continue
        calibrated = [1 / (1 + math.exp(-(a + b * math.log(p / (1 - p))))) for p, _ in part]
        result.append(
            {
                "prior_from": low,
                "prior_to": high,
                "links": len(part),
                "prior": round(float(np.mean([p for p, _ in part])), 3),
                "calibrated": round(float(np.mean(calibrated)), 3),
                "observed": round(float(np.mean([r for _, r in part])), 3),
            }
        )
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.calibrate_cues", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=cnc.FOLDER, help="the folder of the CNC V2 training CSVs")
    parser.add_argument("--out", type=Path, default=CUE_CALIBRATION)
    args = parser.parse_args(argv)
    rows = outcomes(cnc.read(args.data))
    x = np.array([[math.log(p / (1 - p))] for p, _ in rows])
    a, b = _logistic(x, np.array([float(r) for _, r in rows]))
    data = {
        "a": a,
        "b": b,
        "links": len(rows),
        "right": sum(r for _, r in rows),
        "by_prior": table(rows, (a, b)),
        "written_by": "python -m scripts.calibrate_cues (CNC V2 train, rules alone)",
    }
    args.out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(data, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
