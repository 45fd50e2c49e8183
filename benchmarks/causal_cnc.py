"""Causal links measured on the Causal News Corpus V2 training split, by cross-validation.

Each fold's sentences go through the same code path as ``kg build``: one JSONL document
``{"id", "text"}`` per sentence, built with ``kg.pipeline.build`` into its own folder, and the
links read back from the store by SPARQL (kg:CausalRelation, its events' kg:mention offsets).
A built link is a kg:CausalRelation whose kg:confidence reaches the build's threshold, whatever
its type or status. A sentence is predicted causal (CNC subtask 1) when it has one.

By default the whole system is measured: for each fold the causal reader (``kg_causal``) is
trained on the other folds (``train_fold``, the same code as ``scripts/train_causal.py``) and the
held-out fold is built with it, so no sentence is read by a model that saw it.
``--causal-encoder`` adds the reader's sentence encoder, fine-tuned per fold too
(``scripts/train_causal_encoder.py``, which needs the ``train`` extra; about 8 minutes a fold on
2 cores: ``--encoder-cache DIR`` keeps the fold encoders for the next run). ``--rules-only``
builds every fold with the causal rules alone. ``--train MODULE:FUNCTION`` names another
trainer: it gets the other folds' sentences and returns the options that build the held-out fold.
``--readers DIR`` builds each fold with the reader an earlier run kept (its ``--out DIR``) instead
of training it again: for measuring a change to what the build makes of the reader's pairs, about a
minute a run instead of five (the same folds need the same ``--folds`` and ``--limit``).

    python -m benchmarks.causal_cnc [--rules-only | --causal-encoder] [--encoder-cache DIR] [--folds 5]
        [--limit N] [--threshold 0.5] [--out DIR] [--readers DIR] [--json]
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import importlib
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any
from unittest import mock

from pyoxigraph import QuerySolutions

from benchmarks import cnc
from kg import cleanup, query, rdf, store
from kg import nlp as kg_nlp
from kg.model import Span
from kg.nlp import causal_train
from kg.nlp.causal_encoder import FILE as ENCODER_FILE
from kg.nlp.causal_encoder import STACK as ENCODER_STACK
from kg.nlp.causal_encoder import TOKENIZER as TOKENIZER_FILE
from kg.pipeline import BuildOptions, build

ROOT = Path(__file__).resolve().parent.parent
SEED = 13

# Trains on the other folds' sentences (given a folder to keep what it learns) and returns the
# options that build the held-out fold, e.g. with ``model`` set to a spaCy pipeline it saved.
Trainer = Callable[[Sequence[cnc.Sentence], BuildOptions, Path], BuildOptions]

LINKS = """
SELECT ?id ?relation ?signal ?confidence ?slot ?begin ?end WHERE {
  GRAPH ?g {
    ?doc a kg:Document ; dcterms:identifier ?id .
    ?relation a kg:CausalRelation ; kg:signal ?signal ; kg:confidence ?confidence ; ?slot ?event .
    VALUES ?slot { kg:cause kg:effect }
    ?event kg:mention ?m .
    ?m nif:beginIndex ?begin ; nif:endIndex ?end ; nif:referenceContext ?doc .
  }
}
"""


@dataclass
class ParseClock:
    """Seconds spent inside spaCy's ``nlp.pipe`` during builds, without the time it spends
    pulling (reading, cleaning) the documents it parses."""

    inside: float = 0.0
    reading: float = 0.0

    @property
    def seconds(self) -> float:
        return self.inside - self.reading


def _timed(items: Iterable[Any], add: Callable[[float], None]) -> Iterator[Any]:
    iterator = iter(items)
    while True:
        start = time.perf_counter()
        try:
            item = next(iterator)
        except StopIteration:
            add(time.perf_counter() - start)
            return
        add(time.perf_counter() - start)
        yield item


@contextmanager
def clocked_parse(clock: ParseClock) -> Iterator[None]:
    """Time ``kg.nlp.parse`` inside ``kg.pipeline.build``; the build has no timer of its own
    for the parse, and this keeps its code path untouched."""
    original = kg_nlp.parse

    def add_inside(seconds: float) -> None:
        clock.inside += seconds

    def add_reading(seconds: float) -> None:
        clock.reading += seconds

    def parse(items: Iterable[Any], **kwargs: Any) -> Iterator[Any]:
        return _timed(original(_timed(items, add_reading), **kwargs), add_inside)

    with mock.patch.object(kg_nlp, "parse", parse):
        yield


def read_links(out: Path, threshold: float) -> dict[str, list[cnc.BuiltLink]]:
    """The causal relations of a build at or above ``threshold``, by document id."""
    found: dict[str, dict[str, Any]] = {}
    result = query.execute(store.open_read(out), LINKS)
    assert isinstance(result, QuerySolutions)
    for row in result:
        confidence = float(row["confidence"].value)
        if confidence < threshold:
            continue
        key = row["relation"].value
        entry = found.setdefault(
            key,
            {"id": row["id"].value, "signal": row["signal"].value, "confidence": confidence, "cause": [], "effect": []},
        )
        slot = "cause" if row["slot"].value.endswith("#cause") else "effect"
        entry[slot].append(Span(int(row["begin"].value), int(row["end"].value)))
    links: dict[str, list[cnc.BuiltLink]] = defaultdict(list)
    for key, e in sorted(found.items()):
        cause, effect = (tuple(sorted(set(e[slot]))) for slot in ("cause", "effect"))
        links[e["id"]].append(cnc.BuiltLink(key, cause, effect, e["signal"], e["confidence"]))
    return links


@dataclass
class Fold:
    number: int
    sentences: int
    score: cnc.Score
    links: dict[str, list[cnc.BuiltLink]]
    build_seconds: float
    words: int
    sweep: dict[float, dict[str, list[cnc.BuiltLink]]] = field(default_factory=dict)


@dataclass
class Run:
    sentences: list[cnc.Sentence]
    folds: list[Fold] = field(default_factory=list)
    clock: ParseClock = field(default_factory=ParseClock)
    load_seconds: float = 0.0


def run(
    sentences: list[cnc.Sentence],
    options: BuildOptions,
    workdir: Path,
    *,
    k: int,
    trainer: Trainer | None,
    sweep: Sequence[float] = (),
) -> Run:
    """Build and score each of ``k`` folds in turn; ``options.out`` is replaced per fold."""
    result = Run(sentences)
    started = time.perf_counter()
    # cached: builds then time the work, not the model's loading
    kg_nlp.load(options.model, options.causal_model, options.threshold)
    result.load_seconds = time.perf_counter() - started
    parts = cnc.folds(sentences, k, SEED)
    for number, test in enumerate(parts, start=1):
        folder = workdir / f"fold-{number}"
        folder.mkdir(parents=True, exist_ok=True)
        fold_options = replace(options, out=folder / "build")
        if trainer is not None:
            train = [s for j, part in enumerate(parts, start=1) if j != number for s in part]
            fold_options = trainer(train, fold_options, folder)
        jsonl = folder / "sentences.jsonl"
        with jsonl.open("w", encoding="utf-8") as f:
            for s in test:
                f.write(json.dumps({"id": s.id, "text": s.text}, ensure_ascii=False) + "\n")
        parsed = result.clock.inside
        with clocked_parse(result.clock):
            report = build([jsonl], fold_options)
        if report.built and result.clock.inside == parsed:
            raise RuntimeError("kg.pipeline.build no longer parses through kg.nlp.parse: update clocked_parse")
        links = read_links(fold_options.out, fold_options.threshold)
        fold = Fold(number, len(test), cnc.score(test, links), links, report.seconds, report.words)
        fold.sweep = {t: read_links(fold_options.out, t) for t in sweep}
        result.folds.append(fold)
    return result


# -------------------------------------------------------------------------------- report
FIGURES = ("precision", "recall", "f1")
LEVELS = ("sentence", "relation")


def _levels(score: cnc.Score) -> dict[str, cnc.Counts]:
    return {"sentence": score.sentences, "relation": score.relations}


def _figures(counts: cnc.Counts) -> dict[str, float | int]:
    return {"precision": counts.precision, "recall": counts.recall, "f1": counts.f1, **asdict(counts)}


def _spread(values: list[float]) -> dict[str, float]:
    return {"mean": statistics.fmean(values), "std": statistics.stdev(values) if len(values) > 1 else 0.0}


def _git_state() -> str:
    """The commit measured, and whether kg/ had uncommitted changes (others edit the checkout)."""
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain", "kg"], cwd=ROOT, capture_output=True, text=True)
    return head.stdout.strip() + ("+uncommitted kg/ changes" if dirty.stdout.strip() else "")


def _top(score: cnc.Score, top: int) -> dict[str, list[dict[str, Any]]]:
    missed = [
        {"signal": s, "missed": n, "gold": score.gold_signals[s], "example": score.examples[f"missed:{s}"]}
        for s, n in sorted(score.missed_signals.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    ]
    false = [
        {
            "signal": s,
            "false": n,
            "built": score.built_signals[s],
            "in_non_causal": score.false_in_non_causal[s],
            "example": score.examples[f"false:{s}"],
        }
        for s, n in sorted(score.false_signals.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    ]
    return {"missed_signals": missed, "false_signals": false}


def summary(result: Run, options: BuildOptions, *, k: int, trainer: str | None, top: int) -> dict[str, Any]:
    """Everything the run measured, as plain data (what ``--json`` prints)."""
    links = {i: v for f in result.folds for i, v in f.links.items()}
    pooled = cnc.score(result.sentences, links)
    build_seconds = sum(f.build_seconds for f in result.folds)
    words = sum(f.words for f in result.folds)
    return {
        "corpus": {
            "sentences": len(result.sentences),
            "causal": sum(s.causal for s in result.sentences),
            "relations": sum(len(s.relations) for s in result.sentences),
        },
        "setup": {
            "folds": k,
            "seed": SEED,
            "threshold": options.threshold,
            "model": options.model,
            "trainer": trainer,
            "code": _git_state(),
        },
        "folds": [
            {"fold": f.number, "sentences": f.sentences, **{lv: _figures(c) for lv, c in _levels(f.score).items()}}
            for f in result.folds
        ],
        "mean_std": {
            lv: {fig: _spread([getattr(_levels(f.score)[lv], fig) for f in result.folds]) for fig in FIGURES}
            for lv in LEVELS
        },
        "pooled": {lv: _figures(c) for lv, c in _levels(pooled).items()},
        "time": {
            "model_load_seconds": result.load_seconds,
            "build_seconds": build_seconds,
            "parse_seconds": result.clock.seconds,
            "after_parse_seconds": build_seconds - result.clock.seconds,
            "words": words,
            "build_words_per_second": words / build_seconds if build_seconds else 0.0,
            "parse_words_per_second": words / result.clock.seconds if result.clock.seconds else 0.0,
        },
        "sweep": {
            str(t): {
                lv: _figures(c)
                for lv, c in _levels(
                    cnc.score(result.sentences, {i: v for f in result.folds for i, v in f.sweep[t].items()})
                ).items()
            }
            for t in (result.folds[0].sweep if result.folds else {})
        },
        "reliability": cnc.reliability(result.sentences, links, options.threshold),
        "error_kinds": dict(sorted(pooled.error_kinds.items(), key=lambda kv: (-kv[1], kv[0]))),
        **_top(pooled, top),
    }


def _table(data: dict[str, Any]) -> list[str]:
    """Per-fold, mean, std and pooled figures; links and gold relations counted where known."""
    ms, pooled = data["mean_std"], data["pooled"]
    rows = [(str(f["fold"]), str(f["sentences"]), f["sentence"], f["relation"]) for f in data["folds"]]
    for stat in ("mean", "std"):
        sent, rel = ({fig: v[stat] for fig, v in ms[lv].items()} for lv in LEVELS)
        rows.append((stat, "", sent, rel))
    rows.append(("pooled", str(data["corpus"]["sentences"]), pooled["sentence"], pooled["relation"]))
    lines = [
        f"{'fold':>6} {'sents':>6} | {'S-P':>6} {'S-R':>6} {'S-F1':>6} | {'R-P':>6} {'R-R':>6} {'R-F1':>6} "
        f"| {'links':>5} {'gold':>5}"
    ]
    for label, n, sent, rel in rows:
        figs = [" ".join(f"{level[fig]:6.3f}" for fig in FIGURES) for level in (sent, rel)]
        counts = f"{rel['tp'] + rel['fp']:>5} {rel['tp'] + rel['fn']:>5}" if "tp" in rel else ""
        lines.append(f"{label:>6} {n:>6} | {figs[0]} | {figs[1]} | {counts}".rstrip())
    return lines


def render(data: dict[str, Any]) -> str:
    """The summary as text for a terminal."""
    c, s, t = data["corpus"], data["setup"], data["time"]
    return "\n".join(
        [
            f"CNC V2 train: {c['sentences']} sentences ({c['causal']} causal, {c['relations']} relations); "
            f"{s['folds']} folds (seed {s['seed']}); threshold {s['threshold']}; {s['model']}; "
            f"{'trainer ' + s['trainer'] if s['trainer'] else 'rules only'}; code {s['code']}",
            "",
            *_table(data),
            "S = sentence holds a causal link (CNC subtask 1); R = relation (both events inside the gold arguments).",
            "",
            f"time: {t['build_seconds']:.1f} s building {t['words']} words "
            f"({t['build_words_per_second']:.0f} words/s), of which {t['parse_seconds']:.1f} s in spaCy's parse "
            f"(nlp.pipe with newskg's taggers, {t['parse_words_per_second']:.0f} words/s): "
            f"{t['parse_seconds'] / t['build_seconds']:.0%}; model load {t['model_load_seconds']:.1f} s, not counted",
            *(
                [
                    "",
                    "other thresholds (pooled; the same builds, links read at each threshold):",
                    *(
                        f"  {t:>5}  S P {v['sentence']['precision']:.3f} R {v['sentence']['recall']:.3f} "
                        f"F1 {v['sentence']['f1']:.3f} | R P {v['relation']['precision']:.3f} "
                        f"R {v['relation']['recall']:.3f} F1 {v['relation']['f1']:.3f}"
                        for t, v in data["sweep"].items()
                    ),
                ]
                if data["sweep"]
                else []
            ),
            "",
            "reliability (pooled, relation level): links by confidence, mean confidence against the share right",
            *(
                f"  {b['from']:.2f}-{b['to']:.2f}  {b['links']:>5} links  predicted {b['predicted']:.3f}  "
                f"observed {b['observed']:.3f}"
                for b in data["reliability"]
            ),
            "",
            "error types (pooled):",
            *(f"  {n:>5}  {kind}" for kind, n in data["error_kinds"].items()),
            "",
            f"missed gold signals (lowercased SIG0), top {len(data['missed_signals'])}: missed / gold with it, example",
            *(
                f"  {m['missed']:>5} / {m['gold']:<5} {m['signal']!r:<32} {m['example']}"
                for m in data["missed_signals"]
            ),
            "",
            f"false-positive signals (kg:signal), top {len(data['false_signals'])}: false / built with it "
            "(in sentences without gold relations), example",
            *(
                f"  {m['false']:>5} / {m['built']:<5} ({m['in_non_causal']:>3}) {m['signal']!r:<32} {m['example']}"
                for m in data["false_signals"]
            ),
        ]
    )


_PARSED: dict[tuple[str, str], bytes] = {}  # parses shared by the folds of one run


def kept(sentences: Sequence[cnc.Sentence]) -> list[cnc.Sentence]:
    """The sentences ``examples`` keeps, in order: those whose length clean-up leaves as it is
    (the gold offsets of the others would not fit)."""
    return [s for s in sentences if len(cleanup.clean(s.text).text) == len(s.text)]


def examples(sentences: Sequence[cnc.Sentence], model: str) -> list[causal_train.Example]:
    """The CNC sentences parsed as ``kg build`` parses them (clean-up, newskg's taggers; no
    causal reader), each with its gold relations."""
    from spacy.tokens import Doc

    nlp = kg_nlp.load(model, None)
    todo = [s for s in sentences if (model, s.id) not in _PARSED]
    texts = [cleanup.clean(s.text).text for s in todo]
    for s, doc in zip(todo, nlp.pipe(texts, batch_size=64), strict=True):
        _PARSED[(model, s.id)] = doc.to_bytes(exclude=["tensor"])
    found = []
    for s in kept(sentences):
        doc = Doc(nlp.vocab).from_bytes(_PARSED[(model, s.id)])
        relations = tuple((r.cause, r.effect) for r in s.relations)
        signals = tuple(s.text[r.signals[0].begin : r.signals[0].end].lower() for r in s.relations if r.signals)
        found.append(causal_train.Example(doc, relations, signals, s.causal))
    return found


def train_fold(
    train: Sequence[cnc.Sentence],
    options: BuildOptions,
    folder: Path,
    *,
    encoder: bool = False,
    encoder_cache: Path | None = None,
    extra: Sequence[causal_train.Example] = (),
) -> BuildOptions:
    """The default trainer: the causal reader trained on ``train`` (and the parse model on
    ``extra`` too: other corpora's examples), saved in ``folder``, with a sentence encoder
    fine-tuned on ``train`` when ``encoder``. Fine-tuning takes minutes a fold, so with
    ``encoder_cache`` an encoder is kept there, named by a digest of its training sentences and
    settings, and reused."""
    saved = folder / "causal-model"
    model = causal_train.train([*examples(train, options.model), *extra])
    model.save(saved)
    if encoder:
        _fold_encoder(train, saved, encoder_cache, options.model)
    # loaded here, so that the fold's build times its work only
    kg_nlp.load(options.model, saved, options.threshold, encoder)
    return replace(options, causal_model=saved, causal_encoder=encoder)


def saved_reader(readers: Path, train: Sequence[cnc.Sentence], options: BuildOptions, folder: Path) -> BuildOptions:
    """The trainer for ``--readers``: the held-out fold's reader as an earlier run saved it
    (``readers/fold-N/causal-model``), with its encoder when ``options`` asks for one."""
    saved = readers / folder.name / "causal-model"
    if not saved.is_dir():
        raise FileNotFoundError(f"{saved}: no reader kept for this fold (an earlier run's --out, same --folds)")
    kg_nlp.load(options.model, saved, options.threshold, options.causal_encoder)
    return replace(options, causal_model=saved)


def _fold_encoder(train: Sequence[cnc.Sentence], saved: Path, cache: Path | None, model: str) -> None:
    from scripts import train_causal_encoder as trainer

    key = hashlib.sha256(
        json.dumps([[(s.id, s.text) for s in train], trainer.SETTINGS], sort_keys=True).encode("utf-8")
    )
    kept = cache / key.hexdigest()[:16] if cache is not None else saved
    if not (kept / ENCODER_STACK).exists():
        trainer.train(examples(train, model), kept)
    if kept != saved:
        for name in (ENCODER_FILE, TOKENIZER_FILE, ENCODER_STACK):
            shutil.copyfile(kept / name, saved / name)


def _trainer(spec: str) -> Trainer:
    module, _, name = spec.partition(":")
    found: Trainer = getattr(importlib.import_module(module), name)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.causal_cnc", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=cnc.FOLDER, help="the folder of the CNC V2 training CSVs")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--limit", type=int, help="only the first N sentences, for quick runs")
    parser.add_argument("--threshold", type=float, default=rdf.DEFAULT_THRESHOLD, help="the build's causal threshold")
    parser.add_argument("--model", default=kg_nlp.DEFAULT_MODEL)
    parser.add_argument("--out", type=Path, help="keep the per-fold builds in this folder")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--top", type=int, default=25, help="how many signals each error list shows")
    parser.add_argument(
        "--train", metavar="MODULE:FUNCTION", help="a trainer (see Trainer); default: benchmarks.causal_cnc:train_fold"
    )
    parser.add_argument("--rules-only", action="store_true", help="no trained causal reader: the rules alone")
    parser.add_argument(
        "--readers", type=Path, metavar="DIR", help="each fold's reader as an earlier run's --out DIR kept it"
    )
    parser.add_argument(
        "--causal-encoder",
        action="store_true",
        help="with the sentence encoder (kg build --causal-encoder)",
    )
    parser.add_argument(
        "--encoder-cache", type=Path, metavar="DIR", help="keep each fold's fine-tuned encoder here and reuse it"
    )
    parser.add_argument(
        "--sweep", default="", metavar="T1,T2,...", help="also score the same builds at these thresholds (pooled)"
    )
    args = parser.parse_args(argv)

    if sum((args.train is not None, args.rules_only, args.readers is not None)) > 1:
        parser.error("give at most one of --train, --rules-only and --readers")
    if args.out is not None and args.out.exists() and any(args.out.iterdir()):
        parser.error(
            f"--out {args.out}: give a new or empty folder (a build into an old one skips unchanged documents)"
        )
    sentences = cnc.read(args.data)[: args.limit]
    # a build never reads with the shipped model here: it was trained on these very sentences
    options = BuildOptions(
        threshold=args.threshold, model=args.model, html=False, causal_model=None, causal_encoder=args.causal_encoder
    )
    spec = None if args.rules_only else (args.train or "benchmarks.causal_cnc:train_fold")
    trainer = _trainer(spec) if spec else None
    if spec == "benchmarks.causal_cnc:train_fold":
        spec += " + encoder" if args.causal_encoder else ""
        trainer = functools.partial(train_fold, encoder=args.causal_encoder, encoder_cache=args.encoder_cache)
    if args.readers is not None:
        spec = f"readers kept in {args.readers}"
        trainer = functools.partial(saved_reader, args.readers)
    with tempfile.TemporaryDirectory(prefix="causal-cnc-") as tmp:
        workdir = args.out or Path(tmp)
        sweep = [float(t) for t in args.sweep.split(",") if t]
        result = run(sentences, options, workdir, k=args.folds, trainer=trainer, sweep=sweep)
        data = summary(result, options, k=args.folds, trainer=spec, top=args.top)
    print(json.dumps(data, indent=2) if args.json else render(data))
    return 0


if __name__ == "__main__":
    sys.exit(main())
