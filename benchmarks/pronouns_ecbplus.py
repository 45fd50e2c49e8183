"""Pronouns measured on ECB+: does "he", "they" join the actor the annotators say it means?

ECB+ marks participants (``HUMAN_PART_*``, ``NON_HUMAN_PART*``) in its annotated sentences and
chains the mentions of one referent (``kg.corpora.GoldEntity``). The annotated sentences are built
as one JSONL file of ``{"id", "text"}`` rows, as ``kg build`` reads them, and every actor's and
place's ``kg:mention`` offsets are read back by SPARQL. For each gold pronoun the resolver handles
(``kg.extract.anaphora``: he, him, his, she, her, they, them, their) whose chain has a mention
that is no pronoun before it:

- right: a built mention on the pronoun belongs to a node with another mention, not a pronoun,
  inside a gold mention of the pronoun's chain;
- wrong: the pronoun joined a node, and none of its other mentions is in the chain;
- unresolved: no built mention on the pronoun.

Precision is right over right + wrong; recall right over every such pronoun. "it" and "its" are
scored the same way, apart (the ``it`` figures): the resolver takes only those in what an
organisation is reported to say. The resolver is
rules and was written before this benchmark; ``--half`` scores the even or odd topics only, so
that a change can be made looking at one half and judged on the other.

    python -m benchmarks.pronouns_ecbplus [--half even|odd] [--json] [--show-errors]
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from benchmarks import build_texts, report, scoring_parser
from kg import query, store
from kg.corpora import AnnotatedText, ecbplus
from kg.extract.anaphora import PERSON_PRONOUNS, PLURAL_PRONOUNS
from kg.pipeline import BuildOptions
from scripts.train_events import DATA

PRONOUNS = PERSON_PRONOUNS | PLURAL_PRONOUNS
# scored apart: the resolver takes only an "it" in what an organisation is reported to say
IT_PRONOUNS = frozenset({"it", "its"})
ANY_PRONOUN = PRONOUNS | IT_PRONOUNS  # never the name a pronoun is scored against
# every actor's and place's mention, with each of the node's classes (benchmarks.entities_ecbplus
# reads those; a node comes once for each)
MENTIONS = """
SELECT ?id ?node ?begin ?end ?type WHERE {
  GRAPH ?g {
    ?doc a kg:Document ; dcterms:identifier ?id .
    ?node kg:mention ?m .
    ?m nif:beginIndex ?begin ; nif:endIndex ?end ; nif:referenceContext ?doc .
  }
  ?node a ?type .
  VALUES ?top { kg:Actor kg:Place }
  ?type rdfs:subClassOf* ?top .
}
"""
OUTCOMES = ("right", "wrong", "unresolved")


def built_nodes(out: Path) -> dict[str, dict[str, set[tuple[int, int]]]]:
    """Document id -> each actor's or place's node -> the character spans of its mentions."""
    found: dict[str, dict[str, set[tuple[int, int]]]] = {}
    for row in query.execute(store.open_read(out), MENTIONS):  # type: ignore[union-attr]
        spans = found.setdefault(str(row["id"].value), {}).setdefault(str(row["node"].value), set())
        spans.add((int(row["begin"].value), int(row["end"].value)))
    return found


def _overlaps(span: tuple[int, int], begin: int, end: int) -> bool:
    return span[0] < end and begin < span[1]


def score(
    texts: Sequence[AnnotatedText],
    built: dict[str, dict[str, set[tuple[int, int]]]],
    pronouns: frozenset[str] = PRONOUNS,
) -> dict[str, object]:
    counts: Counter[str] = Counter()
    errors: list[dict[str, str]] = []
    for text in texts:
        nodes = built.get(text.id, {})
        for pronoun in text.entities:
            word = text.text[pronoun.begin : pronoun.end]
            chain = [e for e in text.entities if e.chain == pronoun.chain]
            named = [e for e in chain if text.text[e.begin : e.end].lower() not in ANY_PRONOUN]
            if word.lower() not in pronouns or not any(e.begin < pronoun.begin for e in named):
                continue
            mine = [spans for spans in nodes.values() if (pronoun.begin, pronoun.end) in spans]
            others = {s for spans in mine for s in spans if text.text[s[0] : s[1]].lower() not in ANY_PRONOUN}
            if not mine:
                outcome = "unresolved"
            elif any(_overlaps(s, e.begin, e.end) for s in others for e in named):
                outcome = "right"
            else:
                outcome = "wrong"
            counts[outcome] += 1
            if outcome != "right":
                start = text.text.rfind("\n", 0, pronoun.begin) + 1
                errors.append(
                    {
                        "doc": text.id,
                        "outcome": outcome,
                        "pronoun": word,
                        "gold": "; ".join(sorted({text.text[e.begin : e.end] for e in named})),
                        "built": "; ".join(sorted({text.text[s[0] : s[1]] for s in others})),
                        "sentence": text.text[start : text.text.find("\n", pronoun.end) % (len(text.text) + 1)],
                    }
                )
    resolved = counts["right"] + counts["wrong"]
    pronouns = sum(counts[o] for o in OUTCOMES)
    precision = counts["right"] / resolved if resolved else 0.0
    recall = counts["right"] / pronouns if pronouns else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "pronouns": pronouns,
        **{o: counts[o] for o in OUTCOMES},
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "errors": errors,
    }


def run(half: str | None = None) -> dict[str, object]:
    texts = [
        t
        for t in ecbplus.read_folder(DATA / "ecbplus")
        if half is None or int(t.id.split("_")[0]) % 2 == (0 if half == "even" else 1)
    ]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="pronouns-ecbplus-") as tmp:
        build_texts(texts, Path(tmp) / "ecbplus.jsonl", BuildOptions(out=Path(tmp) / "out", html=False))
        nodes = built_nodes(Path(tmp) / "out")
        result = score(texts, nodes)
        it = score(texts, nodes, IT_PRONOUNS)
    return {
        "benchmark": "python -m benchmarks.pronouns_ecbplus" + (f" --half {half}" if half else ""),
        "documents": len(texts),
        **result,
        "it": {k: v for k, v in it.items() if k != "errors"},
        "seconds": round(time.perf_counter() - started, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = scoring_parser("benchmarks.pronouns_ecbplus", __doc__, "print every pronoun not resolved right")
    parser.add_argument("--half", choices=("even", "odd"), help="only the even or the odd topics")
    args = parser.parse_args(argv)
    result = run(args.half)
    report(result, args.json, args.show_errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
