"""The date role measured on TimeBank: does an event get the date its sentence writes?

TimeBank's TLINKs place events within dates (``IS_INCLUDED``, ``DURING``, ``SIMULTANEOUS``
from the event, ``INCLUDES`` from the time); those whose time is a calendar date written in the
text, not the document's creation time, are the gold (``kg.corpora.GoldAnchor``: 538 in the 183
documents). The documents are built as one JSONL file of ``{"id", "text", "date"}`` rows, as
``kg build`` reads them, and every built event's mentions and ``kg:date`` are read back by SPARQL.
For each anchored gold event, the built event whose mention overlaps it is:

- right: its ``kg:date`` is the gold value ("1998-01-20", "1998-02", "1997");
- coarser or finer: a date of another precision that agrees as far as both go ("1998-01" for
  "1998-01-20");
- wrong: another date; undated: no ``kg:date``; or there is no built event there at all.

Recall is right over anchored events; precision is right over anchored events that got a date.
The date role is read off the parse by rules (``kg/extract/events.py``), not trained on TimeBank,
but the shipped event detector was trained on these documents: the share of anchored events found
is optimistic, the figures over found events are not. ``dated_unanchored`` counts built dates on
gold events no TLINK anchors in the text (right or wrong, TimeBank does not say).

    python -m benchmarks.dates_timebank [--limit N] [--json] [--show-errors]
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from benchmarks import report, scoring_parser
from kg import query, store
from kg.corpora import AnnotatedText, timeml
from kg.pipeline import BuildOptions, build
from scripts.train_events import DATA

DATES = """
SELECT ?id ?begin ?end ?date WHERE {
  GRAPH ?g {
    ?doc a kg:Document ; dcterms:identifier ?id .
    ?event kg:mention ?m .
    ?m nif:beginIndex ?begin ; nif:endIndex ?end ; nif:referenceContext ?doc .
  }
  ?event a ?type .
  ?type rdfs:subClassOf* kg:Event .
  OPTIONAL { ?event kg:date ?date }
}
"""
OUTCOMES = ("right", "coarser", "finer", "wrong", "undated", "no_event")


def built_dates(out: Path) -> dict[str, dict[tuple[int, int], set[str]]]:
    """Document id -> each event mention's span -> the dates of its event (empty: none)."""
    found: dict[str, dict[tuple[int, int], set[str]]] = {}
    for row in query.execute(store.open_read(out), DATES):  # type: ignore[union-attr]
        dates = found.setdefault(str(row["id"].value), {}).setdefault(
            (int(row["begin"].value), int(row["end"].value)), set()
        )
        if row["date"] is not None:
            dates.add(str(row["date"].value))
    return found


def outcome(gold: str, dates: set[str] | None) -> str:
    """How the built dates of the event at a gold anchor compare with its value."""
    if dates is None:
        return "no_event"
    if not dates:
        return "undated"
    if gold in dates:
        return "right"
    if any(gold.startswith(d) for d in dates):
        return "coarser"
    if any(d.startswith(gold) for d in dates):
        return "finer"
    return "wrong"


def score(texts: Sequence[AnnotatedText], built: dict[str, dict[tuple[int, int], set[str]]]) -> dict[str, object]:
    counts: Counter[str] = Counter()
    errors: list[dict[str, str]] = []
    for text in texts:
        spans = built.get(text.id, {})
        events = {e.id: e for e in text.events}
        anchored = set()
        for anchor in text.anchors:
            event = events[anchor.event]
            anchored.add(event.id)
            hits = [d for (b, e), d in spans.items() if event.begin < e and b < event.end]
            result = outcome(anchor.value, set().union(*hits) if hits else None)
            counts[result] += 1
            if result not in ("right", "no_event"):
                line_start = text.text.rfind("\n", 0, event.begin) + 1
                line_end = text.text.find("\n", event.end)
                errors.append(
                    {
                        "doc": text.id,
                        "event": text.text[event.begin : event.end],
                        "gold": anchor.value,
                        "built": ",".join(sorted(set().union(*hits))),
                        "outcome": result,
                        "sentence": text.text[line_start : line_end if line_end >= 0 else None].strip()[:240],
                    }
                )
        for event in text.events:
            if event.id not in anchored:
                hits = [d for (b, e), d in spans.items() if event.begin < e and b < event.end]
                counts["dated_unanchored"] += any(hits)
    anchors = sum(counts[o] for o in OUTCOMES)
    found = anchors - counts["no_event"]
    dated = found - counts["undated"]
    return {
        "anchored_events": anchors,
        **{o: counts[o] for o in OUTCOMES},
        "recall": round(counts["right"] / anchors, 3) if anchors else 0.0,
        "recall_of_found_events": round(counts["right"] / found, 3) if found else 0.0,
        "precision": round(counts["right"] / dated, 3) if dated else 0.0,
        "precision_any_precision": round((counts["right"] + counts["coarser"] + counts["finer"]) / dated, 3)
        if dated
        else 0.0,
        "dated_unanchored": counts["dated_unanchored"],
        "errors": errors,
    }


def run(limit: int | None = None) -> dict[str, object]:
    texts = [t for t in timeml.read_folder(DATA / "timebank", "timebank") if t.anchors][:limit]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="dates-timebank-") as tmp:
        source = Path(tmp) / "timebank.jsonl"
        with source.open("w", encoding="utf-8") as handle:
            for text in texts:
                row = {"id": text.id, "text": text.text, "date": text.date.isoformat() if text.date else None}
                handle.write(json.dumps(row) + "\n")
        build([source], BuildOptions(out=Path(tmp) / "out", html=False))
        result = score(texts, built_dates(Path(tmp) / "out"))
    return {
        "benchmark": "python -m benchmarks.dates_timebank",
        "documents": len(texts),
        **result,
        "seconds": round(time.perf_counter() - started, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = scoring_parser("benchmarks.dates_timebank", __doc__, "print every anchored event not dated right")
    parser.add_argument("--limit", type=int, help="only the first N documents with an anchored event")
    args = parser.parse_args(argv)
    result = run(args.limit)
    report(result, args.json, args.show_errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
