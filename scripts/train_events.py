"""Train the event detector shipped with newskg (``kg/models/events``) on TimeBank, TempEval-3
silver and ECB+ (``../shared/data``).

Reproducible: the texts are parsed as ``kg build`` parses them and the model is fitted by L-BFGS
from zero weights (a convex problem, no random draw), so the same data, pipeline and code give
a byte-identical ``model.json.gz``. The parsed rows are cached in ``benchmarks/_out`` by a hash
of the data, the spaCy pipeline and the feature version. The model's metadata records the
versions, the data hashes and the cross-validated scores of ``benchmarks.events_timebank``
(``--scores``, its JSON output).

    .venv/bin/python -m scripts.train_events [--scores benchmarks/_out/events_timebank.json]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import pickle
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from kg.corpora import AnnotatedText, ecbplus, timeml
from kg.nlp import DEFAULT_EVENT_MODEL, DEFAULT_MODEL
from kg.nlp.event_detector import FEATURE_VERSION
from kg.nlp.event_train import Rows, fit, rows, training_rows

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
CACHE = Path(__file__).resolve().parent.parent / "benchmarks" / "_out" / "event_rows"
KG = Path(__file__).resolve().parent.parent / "kg"
CORPORA: dict[str, tuple[str, Callable[[Path], Iterable[AnnotatedText]]]] = {
    "timebank": ("timebank", lambda folder: timeml.read_folder(folder, "timebank")),
    "silver": ("te3-silver", lambda folder: timeml.read_folder(folder, "silver")),
    "ecbplus": ("ecbplus", ecbplus.read_folder),
}


def data_hash(folder: Path, pattern: str = "*") -> str:
    """A hash of every file below ``folder`` whose name matches ``pattern`` (names and bytes), in name order."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob(pattern) if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + b"\x00" + path.read_bytes())
    return digest.hexdigest()


def corpus_rows(name: str, data: Path = DATA, model: str = DEFAULT_MODEL) -> list[Rows]:
    """The rows of corpus ``name``, parsed once and cached."""
    import spacy

    from kg import nlp as kg_nlp

    folder = data / CORPORA[name][0]
    # the rows depend on the data, the parse and newskg's taggers, candidates and features: a change
    # to that code or its word lists makes new rows
    code = data_hash(KG / "nlp", "*.py") + data_hash(KG / "resources", "*.tsv")
    key = hashlib.sha256(f"{data_hash(folder)}|{model}|{spacy.__version__}|{code}".encode()).hexdigest()
    cached = CACHE / f"{name}-{key[:16]}.pkl.gz"
    if cached.exists():
        with gzip.open(cached, "rb") as handle:
            found: list[Rows] = pickle.load(handle)
        return found
    pipeline = kg_nlp.load(model, None, event_model=None)
    found = list(rows(pipeline, CORPORA[name][1](folder)))
    CACHE.mkdir(parents=True, exist_ok=True)
    with gzip.open(cached, "wb") as handle:
        pickle.dump(found, handle)
    return found


def versions(model: str) -> dict[str, str]:
    import spacy

    pipeline = spacy.util.get_package_version(model) or ""
    return {"spacy": spacy.__version__, "pipeline": f"{model} {pipeline}", "feature_version": str(FEATURE_VERSION)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.train_events", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the folder holding timebank/, te3-silver/, ecbplus/")
    parser.add_argument("--corpora", default="timebank,silver,ecbplus", help="which corpora to train on")
    parser.add_argument("--out", type=Path, default=DEFAULT_EVENT_MODEL, help="where to save the model")
    parser.add_argument("--model", default=DEFAULT_MODEL, help="the spaCy pipeline that parses the texts")
    parser.add_argument("--scores", type=Path, help="benchmarks.events_timebank's JSON output, kept in the metadata")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    names = args.corpora.split(",")
    rows_of = {name: corpus_rows(name, args.data, args.model) for name in names}
    gold = [r for name in names if name != "silver" for r in rows_of[name]]
    train = training_rows(gold, rows_of.get("silver", []), rows_of.get("timebank", []))
    parsed = time.perf_counter()
    meta: dict[str, object] = {
        **versions(args.model),
        "corpora": {
            name: {"folder": CORPORA[name][0], "sha256": data_hash(args.data / CORPORA[name][0])} for name in names
        },
        "texts": len(train),
        "trained_by": "python -m scripts.train_events",
    }
    if args.scores is not None:
        meta["cross_validation"] = json.loads(args.scores.read_text(encoding="utf-8"))
    model = fit([f for r in train for f in r.feats], [y for r in train for y in r.labels], meta=meta)
    model.save(args.out)
    report = {
        **model.meta,
        "parse_seconds": round(parsed - started, 1),
        "train_seconds": round(time.perf_counter() - parsed, 1),
    }
    report["bytes"] = (args.out / "model.json.gz").stat().st_size
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
