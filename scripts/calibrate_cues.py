"""Calibrate the causal rules' confidence on the CNC V2 training split (``kg/resources/cue_calibration.json``).

A cue's prior in ``kg/resources/causal_cues.tsv`` says how strongly it marks a cause, and the
rules decide by it (a weak cue makes no generic event); it is no probability: on the CNC, links
of cues with a prior of 0.9 are right about 70% of the time. This script runs the rules alone
(no trained reader) on every CNC training sentence, as ``kg build`` extracts them, matches each
link to the gold relations (``benchmarks.cnc.match``: its cause event inside the gold cause, its
effect inside the gold effect) and fits a Platt scaling of the prior's log-odds to that outcome.
The rules are not trained on the CNC, so the sentences are unseen text for them; two parameters
are fitted on them. Deterministic: the same data and code write the same file.

With ``--builds DIR`` (a ``benchmarks.causal_cnc --out DIR`` run: each fold built with a reader
trained on the other folds) the scaling is fitted on the rule links as they stand in those builds
instead: where the reader reads a pair more surely than a cue, its link replaces the rule's, so the
rule links left are right less often than all of them (0.42-0.48 against 0.54-0.61 stated in the
0.44-0.72 bins, at e0acc8b). Each link's prior is read back from its confidence and the scaling that
made it (``kg:method`` tells rule links from the reader's).

    .venv/bin/python -m scripts.calibrate_cues [--data ../shared/data/cnc] [--builds DIR]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

import numpy as np
from pyoxigraph import QuerySolutions

from benchmarks import causal_cnc, cnc
from kg import query, store
from kg.cleanup import clean
from kg.extract.causal import CUE_CALIBRATION, CausalExtractor, cue_calibration
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
    found: list[tuple[float, bool]] = []
    for ex, s in zip(causal_cnc.examples(sentences, DEFAULT_MODEL), causal_cnc.kept(sentences), strict=True):
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


RULE_LINKS = """
SELECT ?relation ?confidence WHERE {
  GRAPH ?g {
    ?relation a kg:CausalRelation ; kg:method ?method ; kg:confidence ?confidence .
    FILTER(?method != "reader")
  }
}
"""


def built_outcomes(builds: Path, sentences: list[cnc.Sentence], scale: tuple[float, float]) -> list[tuple[float, bool]]:
    """(prior, right) for every rule link in the fold builds kept under ``builds``, the prior read
    back from the confidence through ``scale``, the scaling those builds used."""
    by_id = {s.id: s for s in sentences}
    a, b = scale
    found: list[tuple[float, bool]] = []
    for fold in sorted(builds.glob("fold-*")):
        out = fold / "build"
        result = query.execute(store.open_read(out), RULE_LINKS)
        assert isinstance(result, QuerySolutions)
        rules = {row["relation"].value for row in result}
        for sid, links in causal_cnc.read_links(out, 0.0).items():
            matched = cnc.match(by_id[sid].relations, links)
            for k, link in enumerate(links):
                if link.relation in rules:
                    c = min(max(link.confidence, 1e-4), 1 - 1e-4)
                    logit = (math.log(c / (1 - c)) - a) / b
                    found.append((1 / (1 + math.exp(-logit)), k in matched))
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
    parser.add_argument("--builds", type=Path, help="fit on the rule links of a benchmarks.causal_cnc --out DIR run")
    args = parser.parse_args(argv)
    sentences = cnc.read(args.data)
    rows = built_outcomes(args.builds, sentences, cue_calibration()) if args.builds else outcomes(sentences)
    x = np.array([[math.log(p / (1 - p))] for p, _ in rows])
    a, b = _logistic(x, np.array([float(r) for _, r in rows]))
    data = {
        "a": a,
        "b": b,
        "links": len(rows),
        "right": sum(r for _, r in rows),
        "by_prior": table(rows, (a, b)),
        "written_by": (
            "python -m scripts.calibrate_cues --builds (CNC V2 train: the rule links of builds with fold readers)"
            if args.builds
            else "python -m scripts.calibrate_cues (CNC V2 train, rules alone)"
        ),
    }
    args.out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(data, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
