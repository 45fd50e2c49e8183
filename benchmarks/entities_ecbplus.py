"""Entity types measured on ECB+: is a named participant built as the kind of actor it is?

ECB+ marks participants in its annotated sentences (``kg.corpora.GoldEntity``): people
(``HUMAN_PART_PER``), organisations (``HUMAN_PART_ORG``: firms, teams, bodies) and countries
acting as actors (``HUMAN_PART_GPE``). The named ones (the last word capitalised, no pronoun)
are scored; the annotated sentences are built as one JSONL file of
``{"id", "text"}`` rows, as ``kg build`` reads them, and every actor's and place's ``kg:mention``
offsets and class are read back by SPARQL. For each named gold participant, the built mention
that overlaps it most gives its class, reduced to Person, Organization, Group, Place (cities,
countries, regions too) or Asset; none is "missed".

Accuracy is the share of found participants built with their own kind (a person as a Person, an
organisation as an Organization, a country as a Place); recall the share of all. The entity rules
and spaCy's NER were not tuned on ECB+; nothing is trained here.

    python -m benchmarks.entities_ecbplus [--json] [--show-errors]
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from benchmarks import build_texts, report, scoring_parser
from benchmarks.pronouns_ecbplus import MENTIONS
from kg import query, store
from kg.corpora import AnnotatedText, GoldEntity, ecbplus
from kg.extract.anaphora import PERSON_PRONOUNS, PLURAL_PRONOUNS
from kg.pipeline import BuildOptions
from scripts.train_events import DATA

# the gold classes scored, and the kind each should be built as
EXPECTED = {"HUMAN_PART_PER": "Person", "HUMAN_PART_ORG": "Organization", "HUMAN_PART_GPE": "Place"}
# newskg's classes, most specific first, reduced to the kinds compared
KINDS = {
    "Person": "Person",
    "Organization": "Organization",
    "Group": "Group",
    "Asset": "Asset",
    **{name: "Place" for name in ("City", "Country", "Region", "Continent", "Place")},
}
PRONOUNS = PERSON_PRONOUNS | PLURAL_PRONOUNS | {"we", "i", "you", "it", "its", "our", "us"}


def built_kinds(out: Path) -> dict[str, dict[tuple[int, int], str]]:
    """Document id -> each actor's or place's mention span -> its kind (the most specific class)."""
    found: dict[str, dict[tuple[int, int], str]] = {}
    for row in query.execute(store.open_read(out), MENTIONS):  # type: ignore[union-attr]
        kind = KINDS.get(str(row["type"].value).rsplit("#", 1)[-1])
        if kind is None:
            continue  # kg:Actor itself, or a class the comparison leaves out
        spans = found.setdefault(str(row["id"].value), {})
        span = (int(row["begin"].value), int(row["end"].value))
        # a Place beats its superclass, a City beats Place: any kind but a plain Place wins
        if spans.get(span) in (None, "Place"):
            spans[span] = kind
    return found


def named(text: str, entity: GoldEntity) -> bool:
    """A name: its last word is capitalised ("Hennepin County Attorney", not "Arkansas woman"),
    and it is no pronoun ("He" opening a sentence)."""
    words = text[entity.begin : entity.end].split()
    return bool(words) and words[-1][:1].isupper() and text[entity.begin : entity.end].lower() not in PRONOUNS


def score(texts: Sequence[AnnotatedText], built: dict[str, dict[tuple[int, int], str]]) -> dict[str, object]:
    """The confusion of gold class against built kind, accuracy over found and recall, per class."""
    confusion: Counter[tuple[str, str]] = Counter()
    errors: list[dict[str, str]] = []
    for text in texts:
        spans = built.get(text.id, {})
        for entity in text.entities:
            if entity.cls not in EXPECTED or not named(text.text, entity):
                continue
            overlap = {s: min(s[1], entity.end) - max(s[0], entity.begin) for s in spans}
            best = max((s for s in overlap if overlap[s] > 0), key=lambda s: (overlap[s], -s[0]), default=None)
            kind = spans[best] if best is not None else "missed"
            confusion[(entity.cls, kind)] += 1
            if kind != EXPECTED[entity.cls]:
                start = text.text.rfind("\n", 0, entity.begin) + 1
                stop = text.text.find("\n", entity.end)
                errors.append(
                    {
                        "doc": text.id,
                        "gold": entity.cls,
                        "built": kind,
                        "name": text.text[entity.begin : entity.end],
                        "sentence": text.text[start : stop if stop >= 0 else len(text.text)],
                    }
                )
    classes = {}
    for cls, kind in EXPECTED.items():
        row = {k: n for (c, k), n in sorted(confusion.items()) if c == cls}
        total = sum(row.values())
        found = total - row.get("missed", 0)
        right = row.get(kind, 0)
        classes[cls] = {
            "named": total,
            "built as": row,
            "accuracy": round(right / found, 3) if found else 0.0,
            "recall": round(right / total, 3) if total else 0.0,
        }
    right = sum(n for (c, k), n in confusion.items() if k == EXPECTED[c])
    found = sum(n for (_c, k), n in confusion.items() if k != "missed")
    return {
        "named": sum(confusion.values()),
        "accuracy": round(right / found, 3) if found else 0.0,
        "recall": round(right / sum(confusion.values()), 3) if confusion else 0.0,
        "classes": classes,
        "errors": errors,
    }


def run() -> dict[str, object]:
    texts = list(ecbplus.read_folder(DATA / "ecbplus"))
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="entities-ecbplus-") as tmp:
        build_texts(texts, Path(tmp) / "ecbplus.jsonl", BuildOptions(out=Path(tmp) / "out", html=False))
        result = score(texts, built_kinds(Path(tmp) / "out"))
    return {
        "benchmark": "python -m benchmarks.entities_ecbplus",
        "documents": len(texts),
        **result,
        "seconds": round(time.perf_counter() - started, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = scoring_parser("benchmarks.entities_ecbplus", __doc__, "print each participant not built as its kind")
    args = parser.parse_args(argv)
    report(run(), args.json, args.show_errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
