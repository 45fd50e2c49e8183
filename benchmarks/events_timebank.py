"""Event mentions measured on TimeBank by 5-fold document cross-validation, through ``kg build``.

For each fold the event detector is trained on the other folds' documents (plus, by default,
TempEval-3 silver and ECB+, which hold no TimeBank text) and the held-out documents are built as
one JSONL file of ``{"id", "text", "date"}`` rows (the date is the document's creation time) with
``kg.pipeline.build``. The built events' ``kg:mention`` offsets are read back from the store by
SPARQL and scored against the gold ``<EVENT>`` tags:

- precision: built mentions that overlap a gold EVENT of any class;
- recall: gold EVENTs of class OCCURRENCE that a built mention overlaps (and, for reference, over
  all classes); F1 from these two.

``--corpus ecbplus`` measures the same way on ECB+'s annotated sentences instead, with folds of
whole topics (a topic's documents report one story) and recall over every annotated action
mention; each fold's detector is trained on the other topics, TimeBank and the silver data.

``--event-encoder`` also fine-tunes the detector's transformer for each fold, on the same training
texts less TempEval-3 silver (``scripts/train_event_encoder.py``, which needs the ``train`` extra;
about 5 minutes a fold on 2 cores), and builds with it; ``--encoder-cache DIR`` keeps each fold's
encoder for the next run.

``--lexicon-only`` builds every fold with the event lexicon alone (no detector: the baseline).
``--threshold`` sets the detector's threshold; ``--sweep`` measures several in one run (one build a
fold and threshold, the detector trained once a fold). ``--json`` prints the figures as JSON,
the form ``scripts/train_events.py --scores`` keeps in the shipped model's metadata.

    python -m benchmarks.events_timebank [--folds 5] [--extra silver,ecbplus] [--threshold 0.5]
        [--sweep 0.3,0.4,0.5] [--lexicon-only] [--event-encoder [--encoder-cache DIR]] [--json]
        [--errors FILE]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from benchmarks import build_texts
from kg import query, store
from kg.corpora import AnnotatedText
from kg.nlp import DEFAULT_EVENT_THRESHOLD
from kg.nlp.event_train import Rows, fit, training_rows
from kg.pipeline import BuildOptions
from scripts.train_events import CORPORA as TRAINING
from scripts.train_events import DATA, corpus_rows

SEED = 13
MENTIONS = """
SELECT DISTINCT ?id ?event ?begin ?end WHERE {
  GRAPH ?g {
    ?doc a kg:Document ; dcterms:identifier ?id .
    ?event a ?type ; kg:mention ?m .
    ?m nif:beginIndex ?begin ; nif:endIndex ?end ; nif:referenceContext ?doc .
  }
  ?type rdfs:subClassOf* kg:Event .
}
"""


@dataclass
class Score:
    built: int = 0
    built_right: int = 0
    occurrences: int = 0
    occurrences_found: int = 0
    events: int = 0
    events_found: int = 0

    def add(self, other: Score) -> None:
        for name, value in asdict(other).items():
            setattr(self, name, getattr(self, name) + value)

    def figures(self) -> dict[str, float | int]:
        p = self.built_right / self.built if self.built else 0.0
        r = self.occurrences_found / self.occurrences if self.occurrences else 0.0
        return {
            "precision": round(p, 3),
            "recall_occurrence": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "recall_all": round(self.events_found / self.events, 3) if self.events else 0.0,
            "built_mentions": self.built,
            "gold_occurrences": self.occurrences,
        }


def folds(texts: Sequence[AnnotatedText], k: int, group: Callable[[str], str] = str) -> list[list[AnnotatedText]]:
    """``k`` folds of whole groups of documents (by ``group`` of their id), drawn with a fixed seed."""
    groups = sorted({group(t.id) for t in texts})
    random.Random(SEED).shuffle(groups)
    fold_of = {g: i % k for i, g in enumerate(groups)}
    return [[t for t in sorted(texts, key=lambda t: t.id) if fold_of[group(t.id)] == i] for i in range(k)]


def built_mentions(out: Path) -> dict[str, set[tuple[int, int]]]:
    """Document id -> the character spans of its events' mentions, read from the store."""
    found: dict[str, set[tuple[int, int]]] = {}
    for row in query.execute(store.open_read(out), MENTIONS):  # type: ignore[union-attr]
        found.setdefault(str(row["id"].value), set()).add((int(row["begin"].value), int(row["end"].value)))
    return found


def score(
    texts: Sequence[AnnotatedText], built: dict[str, set[tuple[int, int]]], recalled: str | None = "OCCURRENCE"
) -> Score:
    """Precision over gold events of any class; recall over those of class ``recalled`` (all: None)."""
    result = Score()
    for text in texts:
        spans = built.get(text.id, set())
        result.built += len(spans)
        result.built_right += sum(any(e.begin < end and begin < e.end for e in text.events) for begin, end in spans)
        for event in text.events:
            found = any(event.begin < end and begin < event.end for begin, end in spans)
            result.events += 1
            result.events_found += found
            if recalled is None or event.cls == recalled:
                result.occurrences += 1
                result.occurrences_found += found
    return result


def errors(texts: Sequence[AnnotatedText], built: dict[str, set[tuple[int, int]]]) -> list[dict[str, object]]:
    """What a fold got wrong, to read: each gold event no built mention overlaps ("missed", with its
    class) and each built mention that overlaps no gold event ("wrong"), in the sentence around it."""
    found: list[dict[str, object]] = []
    for text in texts:
        spans = sorted(built.get(text.id, set()))
        misses = [
            (e.begin, e.end, f"missed {e.cls}")
            for e in text.events
            if not any(_overlap(e.begin, e.end, s) for s in spans)
        ]
        wrong = [(b, e, "wrong") for b, e in spans if not any(_overlap(g.begin, g.end, (b, e)) for g in text.events)]
        for begin, end, kind in sorted(misses + wrong):
            start = max(text.text.rfind(". ", 0, begin) + 2 if ". " in text.text[:begin] else 0, begin - 150)
            stop = min(len(text.text), end + 150, (text.text.find(". ", end) + 1) or len(text.text))
            found.append(
                {
                    "id": text.id,
                    "kind": kind,
                    "word": text.text[begin:end],
                    "context": text.text[start:begin] + "[" + text.text[begin:end] + "]" + text.text[end:stop],
                }
            )
    return found


def _overlap(begin: int, end: int, span: tuple[int, int]) -> bool:
    return begin < span[1] and span[0] < end


def build_fold(texts: Sequence[AnnotatedText], options: BuildOptions, work: Path) -> dict[str, set[tuple[int, int]]]:
    """Build ``texts`` as one JSONL file with ``options`` into ``work``; their event mentions."""
    work.mkdir(parents=True, exist_ok=True)
    out = work / f"build-{options.event_threshold}"
    build_texts(texts, work / "fold.jsonl", replace(options, out=out, html=False))
    return built_mentions(out)


# corpus -> (how its documents are grouped into folds, the class recall is measured over)
CORPORA: dict[str, tuple[Callable[[str], str], str | None]] = {
    "timebank": (str, "OCCURRENCE"),
    "ecbplus": (lambda doc_id: doc_id.split("_")[0], None),
}


def run(
    *,
    corpus: str = "timebank",
    k: int = 5,
    extra: Sequence[str] = ("silver", "ecbplus"),
    thresholds: Sequence[float],
    lexicon_only: bool = False,
    encoder: bool = False,
    encoder_cache: Path | None = None,
    errors_file: Path | None = None,
) -> dict[str, object]:
    """The figures at each of ``thresholds``; with ``errors_file``, what the folds got wrong at the
    first threshold, one JSON object a line."""
    group, recalled = CORPORA[corpus]
    wrong: list[dict[str, object]] = []
    texts = _texts(corpus)
    rows = {r.id: r for r in corpus_rows(corpus)}
    extra = [name for name in extra if name != corpus]
    extra_rows = {name: corpus_rows(name) for name in extra} if not lexicon_only else {}
    extra_gold = [r for name, found in extra_rows.items() if name != "silver" for r in found]
    totals = {t: Score() for t in thresholds}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="events-timebank-") as tmp:
        for n, held in enumerate(folds(texts, k, group)):
            work = Path(tmp) / f"fold{n}"
            options = BuildOptions(event_model=None)
            if not lexicon_only:
                held_ids = {t.id for t in held}
                own = [r for i, r in rows.items() if i not in held_ids]
                reference = own if corpus == "timebank" else extra_rows.get("timebank", [])
                train = training_rows(own + extra_gold, extra_rows.get("silver", []), reference)
                model = fit([f for r in train for f in r.feats], [y for r in train for y in r.labels])
                model.save(work / "model")
                options = BuildOptions(event_model=work / "model", event_encoder=encoder)
                if encoder:
                    gold_texts = [t for name in extra if name != "silver" for t in _texts(name)]
                    own_texts = [t for t in texts if t.id not in held_ids] + gold_texts
                    own_rows = {**rows, **{r.id: r for r in extra_gold}}
                    silver = extra_rows.get("silver", [])
                    _fold_encoder(own_texts, own_rows, silver, reference, work / "model", held_ids, encoder_cache)
            for threshold in thresholds:
                fold_options = replace(options, event_threshold=threshold)
                mentions = build_fold(held, fold_options, work)
                found = score(held, mentions, recalled)
                totals[threshold].add(found)
                if errors_file is not None and threshold == thresholds[0]:
                    wrong.extend(errors(held, mentions))
                print(f"fold {n} threshold {threshold}: {found.figures()}", file=sys.stderr, flush=True)
    if errors_file is not None:
        errors_file.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in wrong), encoding="utf-8")
    return {
        "benchmark": "python -m benchmarks.events_timebank"
        + ("" if corpus == "timebank" else f" --corpus {corpus}")
        + (" --event-encoder" if encoder else ""),
        "recall_over": recalled or "every annotated event mention",
        "folds": k,
        "train_extra": [] if lexicon_only else list(extra),
        "detector": "lexicon only"
        if lexicon_only
        else "kg_events (logistic, parse features" + (", with the fine-tuned encoder)" if encoder else ")"),
        "by_threshold": {str(t): s.figures() for t, s in totals.items()},
        "seconds": round(time.perf_counter() - started, 1),
    }


def _texts(name: str) -> list[AnnotatedText]:
    return list(TRAINING[name][1](DATA / TRAINING[name][0]))


def _fold_encoder(
    texts: Sequence[AnnotatedText],
    rows: dict[str, Rows],
    silver: Sequence[Rows],
    reference: Sequence[Rows],
    folder: Path,
    held: set[str],
    cache: Path | None,
) -> None:
    """Fine-tune the fold's encoder into ``folder`` beside its parse model, or copy it from ``cache``
    (keyed by the held-out ids, the training texts and the encoder's settings)."""
    from kg.nlp import event_encoder
    from scripts import train_event_encoder as trainer

    names = (event_encoder.FILE, event_encoder.TOKENIZER, event_encoder.STACK)
    key = json.dumps([sorted(held), sorted(t.id for t in texts), trainer.SETTINGS], sort_keys=True)
    kept = cache / hashlib.sha256(key.encode()).hexdigest()[:16] if cache is not None else None
    if kept is not None and all((kept / name).exists() for name in names):
        for name in names:
            shutil.copyfile(kept / name, folder / name)
        return
    trainer.train(texts, rows, silver, reference, folder, log=True)
    if kept is not None:
        kept.mkdir(parents=True, exist_ok=True)
        for name in names:
            shutil.copyfile(folder / name, kept / name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.events_timebank", description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", choices=sorted(CORPORA), default="timebank")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--extra", default="silver,ecbplus", help="corpora added to each fold's training ('' for none)")
    parser.add_argument("--threshold", type=float, default=DEFAULT_EVENT_THRESHOLD)
    parser.add_argument("--sweep", help="thresholds to measure in one run, comma-separated")
    parser.add_argument("--lexicon-only", action="store_true", help="no detector: the lexicon's triggers alone")
    parser.add_argument("--event-encoder", action="store_true", help="fine-tune and build with the encoder too")
    parser.add_argument("--encoder-cache", type=Path, help="a folder keeping each fold's encoder between runs")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--errors", type=Path, help="write each miss and each wrong mention (first threshold) here")
    args = parser.parse_args(argv)
    thresholds = [float(t) for t in args.sweep.split(",")] if args.sweep else [args.threshold]
    extra = [e for e in args.extra.split(",") if e]
    result = run(
        corpus=args.corpus,
        k=args.folds,
        extra=extra,
        thresholds=thresholds,
        lexicon_only=args.lexicon_only,
        encoder=args.event_encoder,
        encoder_cache=args.encoder_cache,
        errors_file=args.errors,
    )
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"{result['detector']}, {args.folds}-fold CV on {args.corpus} through kg build ({result['seconds']} s)")
        for threshold, figures in result["by_threshold"].items():  # type: ignore[attr-defined]
            print(f"  threshold {threshold}: {figures}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
