"""Date normalisation measured on TimeBank's time expressions: what does ``kg.extract.temporal``
make of each ``TIMEX3`` text, anchored on its document's creation time?

Every TIMEX3 of the 183 documents but the creation times is read as the build reads a date
entity (``normalize(text, creation date)``; as if in a clause about the past, which most news
clauses are) and compared with its annotated value:

- a calendar date, month or year (a DATE, or the day of a TIME: "1998-01-08TMO" is 1998-01-08):
  right, coarser or finer ("1998-01" for "1998-01-20", as ``benchmarks.dates_timebank`` counts
  them), wrong, or missed (no date);
- a date the graph cannot write (a decade "199", a quarter "1998-Q1", a season, a week, PAST_REF):
  no date is right; a date agreeing as far as both go is coarser or finer ("1998" for "1998-Q1");
  another is wrong; "now" (PRESENT_REF) is the creation date;
- a duration ("two years": "P2Y") or a set ("every week"): any date is wrong, since a length of
  time is not a time.

Precision is right over dates given; recall is right over calendar values.

    python -m benchmarks.timex_timebank [--json] [--show-errors]
"""

from __future__ import annotations

import re
import sys
import time
from collections import Counter
from datetime import date

from benchmarks import report, scoring_parser
from benchmarks.dates_timebank import outcome
from kg.corpora import timeml
from kg.extract.temporal import normalize
from scripts.train_events import DATA

# a calendar value, with a time of day after it or not: the date part is what the graph can hold
CALENDAR = re.compile(r"^(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:T.*)?$")
OUTCOMES = ("right", "coarser", "finer", "wrong", "missed", "abstained")


def classify(kind: str, value: str, built: str | None, created: date | None) -> tuple[str, str]:
    """(the gold's group, the outcome) for a built date ``built`` (None: no date) against a TIMEX3
    of type ``kind`` and value ``value`` in a document created on ``created``."""
    if kind in ("DURATION", "SET"):
        return "duration", "abstained" if built is None else "wrong"
    calendar = CALENDAR.match(value)
    if calendar is not None:
        return "calendar", "missed" if built is None else outcome(calendar[1], {built})
    if built is None:
        return "other", "abstained"
    if value == "PRESENT_REF" and created is not None:
        return "other", outcome(created.isoformat(), {built})
    prefix = re.match(r"^\d{4}(?:-\d{2})?", value)  # "1998-Q1" agrees with "1998"; "199" (a decade) with none
    return "other", outcome(prefix[0], {built}) if prefix else "wrong"


def run() -> dict[str, object]:
    started = time.perf_counter()
    counts: Counter[tuple[str, str]] = Counter()
    errors: list[dict[str, str]] = []
    documents = 0
    for text in timeml.read_folder(DATA / "timebank", "timebank"):
        documents += 1
        for timex in text.timexes:
            written = text.text[timex.begin : timex.end]
            found = normalize(written, text.date)
            built = found[0] if found else None
            group, result = classify(timex.type, timex.value, built, text.date)
            counts[group, result] += 1
            if result not in ("right", "abstained"):
                errors.append(
                    {"doc": text.id, "text": written, "gold": f"{timex.type} {timex.value}", "built": built or ""}
                )
    given = sum(n for (_, result), n in counts.items() if result not in ("missed", "abstained"))
    calendar = sum(n for (group, _), n in counts.items() if group == "calendar")
    right = sum(n for (_, result), n in counts.items() if result == "right")
    return {
        "benchmark": "python -m benchmarks.timex_timebank",
        "documents": documents,
        "timexes": sum(counts.values()),
        **{
            group: {r: counts[group, r] for r in OUTCOMES if counts[group, r]}
            for group in ("calendar", "other", "duration")
        },
        "dates_given": given,
        "precision": round(right / given, 3) if given else 0.0,
        "recall_calendar": round(counts["calendar", "right"] / calendar, 3) if calendar else 0.0,
        "seconds": round(time.perf_counter() - started, 1),
        "errors": errors,
    }


def main(argv: list[str] | None = None) -> int:
    parser = scoring_parser("benchmarks.timex_timebank", __doc__, "print every expression not read right")
    args = parser.parse_args(argv)
    report(run(), args.json, args.show_errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
