"""Train the causal reader shipped with newskg (``kg/models/causal``) on the CNC V2 training split.

Reproducible: the sentences are parsed as ``kg build`` parses them, and the two logistic models
are fitted by L-BFGS from zero weights (a convex problem, no random draw), so the same data,
pipeline and code give a byte-identical ``model.json.gz``.

    .venv/bin/python -m scripts.train_causal [--data ../shared/data/cnc] [--out kg/models/causal]
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.train_causal", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=cnc.FOLDER, help="the folder of the CNC V2 training CSVs")
    parser.add_argument("--out", type=Path, default=DEFAULT_CAUSAL_MODEL, help="where to save the model")
    parser.add_argument("--model", default=DEFAULT_MODEL, help="the spaCy pipeline that parses the sentences")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    found = examples(cnc.read(args.data), args.model)
    parsed = time.perf_counter()
    model = causal_train.train(found)
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
