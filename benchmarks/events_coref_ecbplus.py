"""Event resolution measured on ECB+: do two built mentions share an event when the annotators put
them in one coreference chain?

ECB+'s annotated sentences are built as one JSONL file of ``{"id", "text"}`` rows, as
``kg build`` reads them, and every event's ``kg:mention`` offsets are read back by SPARQL. Each
built mention that overlaps a gold action mention takes that mention's chain (within or across
documents; its own when it joins none). Over the pairs of such built mentions of one document
(on two different gold mentions):

- a right merge: one built event, one gold chain; a wrong merge: one built event, two chains;
- a missed merge: two built events, one chain.

Precision is right over right + wrong merges, recall right over right + missed; the same figures
for the pairs within one sentence are printed apart. The shipped event detector has seen ECB+ in
training, so which mentions are found is optimistic here; what is measured is the resolution
(``kg.resolve.events``), which is rules and learned from none of it.

    python -m benchmarks.events_coref_ecbplus [--json]
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from benchmarks import build_texts
from benchmarks.events_timebank import MENTIONS
from kg import query, store
from kg.corpora import AnnotatedText, ecbplus
from kg.pipeline import BuildOptions
from scripts.train_events import DATA


@dataclass
class Pairs:
    right: int = 0
    wrong: int = 0
    missed: int = 0

    def add(self, same_event: bool, same_chain: bool) -> None:
        self.right += same_event and same_chain
        self.wrong += same_event and not same_chain
        self.missed += same_chain and not same_event

    def figures(self) -> dict[str, float | int]:
        p = self.right / (self.right + self.wrong) if self.right + self.wrong else 0.0
        r = self.right / (self.right + self.missed) if self.right + self.missed else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f1, 3), **asdict(self)}


def score(texts: Sequence[AnnotatedText], built: dict[str, set[tuple[int, int, str]]]) -> tuple[Pairs, Pairs]:
    """Pairs over every two built mentions of a document on two gold mentions; and those of one
    sentence (a line of the text)."""
    every, within = Pairs(), Pairs()
    for text in texts:
        found = []
        for begin, end, event in sorted(built.get(text.id, set())):
            gold = next((g for g in text.events if g.begin < end and begin < g.end), None)
            if gold is not None:
                found.append((event, gold, text.text.count("\n", 0, begin)))
        for (event_a, gold_a, line_a), (event_b, gold_b, line_b) in itertools.combinations(found, 2):
            if gold_a == gold_b:
                continue
            same = (event_a == event_b, gold_a.chain == gold_b.chain)
            every.add(*same)
            if line_a == line_b:
                within.add(*same)
    return every, within


def run(data: Path = DATA) -> dict[str, object]:
    texts = list(ecbplus.read_folder(data / "ecbplus"))
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="events-coref-") as tmp:
        build_texts(texts, Path(tmp) / "ecbplus.jsonl", BuildOptions(out=Path(tmp) / "kg", html=False))
        built: dict[str, set[tuple[int, int, str]]] = defaultdict(set)
        for row in query.execute(store.open_read(Path(tmp) / "kg"), MENTIONS):  # type: ignore[union-attr]
            span = (int(row["begin"].value), int(row["end"].value), str(row["event"].value))
            built[str(row["id"].value)].add(span)
    every, within = score(texts, built)
    return {
        "benchmark": "python -m benchmarks.events_coref_ecbplus",
        "documents": len(texts),
        "pairs": every.figures(),
        "pairs_in_one_sentence": within.figures(),
        "seconds": round(time.perf_counter() - started, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.events_coref_ecbplus", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    result = run()
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"event resolution on ECB+ ({result['documents']} documents, {result['seconds']} s)")
        print(f"  mention pairs: {result['pairs']}")
        print(f"  pairs in one sentence: {result['pairs_in_one_sentence']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
