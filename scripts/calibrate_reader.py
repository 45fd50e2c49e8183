"""Calibrate the causal reader's links on the CNC V2 training split (``kg/resources/reader_calibration.json``).

The reader gives a sentence's probability of stating a causal link and each pair's probability of
being that link (each Platt-scaled when it was trained), and a link's confidence was their
product. Read on the links as they stand in builds, that product is no probability: the first
link built from a sentence is right more often than it says (stated 0.35, right 0.43), a later
one less (stated 0.55, right 0.33: the first often took its gold relation). This script fits
``kg.nlp.causal_model.LinkScale`` (the product's log-odds, and whether the link is the first built
from its sentence) on the reader's links of a ``benchmarks.causal_cnc --out DIR`` run, each fold built
with a reader trained on the other folds, so on text the reader did not see; three parameters.

Each link is traced to the reader's pair it came from by reading the fold's sentences again with
the fold's reader (the same parse and the same scaling as the builds: run it on builds made with
the calibration in place) and matching the link's confidence. It also prints the calibration
cross-fitted (each fold's links scaled by a fit on the other folds'), the honest reliability.
Deterministic: the same builds and code write the same file.

    .venv/bin/python -m scripts.calibrate_reader --builds DIR [--readers DIR]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from pyoxigraph import QuerySolutions

from benchmarks import causal_cnc, cnc
from kg import query, store
from kg.nlp import DEFAULT_MODEL
from kg.nlp.causal_model import LINK_CALIBRATION, CausalModel, LinkScale
from kg.nlp.causal_train import _logistic

READER_LINKS = """
SELECT ?relation WHERE { GRAPH ?g { ?relation a kg:CausalRelation ; kg:method "reader" } }
"""
BINS = 5
LOW = 0.3  # the reliability table's lowest confidence, as benchmarks.causal_cnc's


@dataclass(frozen=True)
class Outcome:
    fold: int
    product: float  # the sentence's probability times the pair's
    later: bool  # not the first link built from its sentence
    right: bool


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def outcomes(builds: Path, readers: Path, sentences: list[cnc.Sentence]) -> tuple[list[Outcome], int]:
    """Every reader link of the fold builds under ``builds`` (their readers under ``readers``) with
    its pair's product, whether it was its sentence's first link, and whether it matches a gold
    relation; and how many links no pair could be found for."""
    by_id = {s.id: s for s in sentences}
    found: list[Outcome] = []
    untraced = 0
    for number, fold in enumerate(sorted(builds.glob("fold-*")), start=1):
        ids = [json.loads(line)["id"] for line in (fold / "sentences.jsonl").open(encoding="utf-8")]
        reader = CausalModel.load(readers / fold.name / "causal-model")
        # id -> {(confidence as the build rounds it, first or not): the pair's product}
        traces: dict[str, dict[tuple[float, bool], float]] = {}
        fold_sentences = [by_id[i] for i in ids]
        for ex, s in zip(
            causal_cnc.examples(fold_sentences, DEFAULT_MODEL), causal_cnc.kept(fold_sentences), strict=True
        ):
            trace = traces.setdefault(s.id, {})
            for r in reader.read(ex.doc):
                for p in r.pairs:
                    product = r.probability * p.probability
                    trace.setdefault((round(p.confidence, 3), False), product)
                    trace.setdefault((round(r.scale.after_first(p.confidence), 3), True), product)
        result = query.execute(store.open_read(fold / "build"), READER_LINKS)
        assert isinstance(result, QuerySolutions)
        read = {row["relation"].value for row in result}
        for sid, links in causal_cnc.read_links(fold / "build", 0.0).items():
            matched = cnc.match(by_id[sid].relations, links)
            first = True  # the surest reader link of a sentence is its first
            for k in sorted(range(len(links)), key=lambda k: -links[k].confidence):
                if links[k].relation not in read:
                    continue
                trace = traces.get(sid, {})
                later = not first
                product = trace.get((links[k].confidence, later))
                if product is None:
                    untraced += 1
                else:
                    found.append(Outcome(number, product, later, k in matched))
                first = False
    return found, untraced


def fit(rows: list[Outcome]) -> LinkScale:
    x = np.array([[_logit(o.product), float(o.later)] for o in rows])
    bias, slope, later = _logistic(x, np.array([float(o.right) for o in rows]))
    return LinkScale(bias, slope, later)


def reliability(rows: list[tuple[float, bool]]) -> list[dict[str, float | int]]:
    """Stated against observed, in ``BINS`` equal bins from ``LOW``."""
    width = (1.0 - LOW) / BINS
    table = []
    for b in range(BINS):
        part = [(c, r) for c, r in rows if c >= LOW and min(int((c - LOW) / width), BINS - 1) == b]
        table.append(
            {
                "from": round(LOW + b * width, 3),
                "links": len(part),
                "stated": round(float(np.mean([c for c, _ in part])), 3) if part else 0.0,
                "observed": round(float(np.mean([r for _, r in part])), 3) if part else 0.0,
            }
        )
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.calibrate_reader", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=cnc.FOLDER, help="the folder of the CNC V2 training CSVs")
    parser.add_argument("--builds", type=Path, required=True, help="a benchmarks.causal_cnc --out DIR run")
    parser.add_argument("--readers", type=Path, help="where the builds' fold readers are (default: --builds)")
    parser.add_argument("--out", type=Path, default=LINK_CALIBRATION)
    args = parser.parse_args(argv)
    rows, untraced = outcomes(args.builds, args.readers or args.builds, cnc.read(args.data))
    scale = fit(rows)
    folds = sorted({o.fold for o in rows})
    crossed = []
    for f in folds:
        other = fit([o for o in rows if o.fold != f])
        crossed += [(other(o.product, o.later), o.right) for o in rows if o.fold == f]
    data = {
        "bias": round(scale.bias, 6),
        "slope": round(scale.slope, 6),
        "later": round(scale.later, 6),
        "links": len(rows),
        "right": sum(o.right for o in rows),
        "later_links": sum(o.later for o in rows),
        "untraced": untraced,
        "reliability": {
            "product": reliability([(o.product, o.right) for o in rows]),
            "cross_fitted": reliability(crossed),
        },
        "written_by": "python -m scripts.calibrate_reader --builds (CNC V2 train, builds with fold readers)",
    }
    args.out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(data, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
