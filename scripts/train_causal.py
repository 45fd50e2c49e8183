"""Train the causal reader shipped with newskg (``kg/models/causal``) on the CNC V2 training split.

Reproducible: the sentences are parsed as ``kg build`` parses them, and the two logistic models
are fitted by L-BFGS from zero weights (a convex problem, no random draw), so the same data,
pipeline and code give a byte-identical ``model.json.gz``.

    .venv/bin/python -m scripts.train_causal [--data ../shared/data/cnc] [--out kg/models/causal] [--scores cv.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from benchmarks import cnc
from benchmarks.causal_cnc import examples
from kg.nlp import DEFAULT_CAUSAL_MODEL, DEFAULT_MODEL, causal_train
from kg.nlp.causal_model import FEATURE_VERSION
from scripts.train_events import data_hash, versions


def provenance(data: Path, model: str, scores: Path | None, trained_by: str) -> dict[str, object]:
    """What a shipped causal model records of how it was made: versions, the data's hash, and
    (``scores``: benchmarks.causal_cnc's JSON output) its cross-validated scores."""
    meta: dict[str, object] = {
        **{k: v for k, v in versions(model).items() if k != "feature_version"},  # that is the event detector's
        "data": {"cnc": {"folder": data.name, "sha256": data_hash(data)}},
        "trained_by": trained_by,
    }
    if scores is not None:
        cv = json.loads(scores.read_text(encoding="utf-8"))
        kept = ("setup", "pooled", "mean_std", "sweep", "reliability")
        meta["cross_validation"] = {k: cv[k] for k in kept if k in cv}
    return meta


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.train_causal", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=cnc.FOLDER, help="the folder of the CNC V2 training CSVs")
    parser.add_argument("--out", type=Path, default=DEFAULT_CAUSAL_MODEL, help="where to save the model")
    parser.add_argument("--model", default=DEFAULT_MODEL, help="the spaCy pipeline that parses the sentences")
    parser.add_argument("--scores", type=Path, help="benchmarks.causal_cnc's JSON output, kept in the metadata")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    found = examples(cnc.read(args.data), args.model)
    parsed = time.perf_counter()
    made = provenance(args.data, args.model, args.scores, "python -m scripts.train_causal")
    model = causal_train.train(found, {**made, "feature_version": str(FEATURE_VERSION)})
    trained = time.perf_counter()
    model.save(args.out)
    size = (args.out / "model.json.gz").stat().st_size
    print(
        json.dumps(
            {
                **model.meta,
                "sentence_features": len(model.sentence.vocab),
                "pair_features": len(model.pair.vocab),
                "parse_seconds": round(parsed - started, 1),
                "train_seconds": round(trained - parsed, 1),
                "bytes": size,
                "out": str(args.out),
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
